package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// Snapshot format.
//
//	offset  size  what
//	0       8     magic "CLAIMTAG"
//	8       4     format version, little endian (FormatVersion)
//	12      4     file length, so that a cut file is told from a damaged one
//	16      4     header length H
//	20      H     header, JSON (Header)
//	...           sections: 4-byte name, 4-byte length, payload; in this order:
//	              DOCS  JSON []DocInfo
//	              TEXT  the documents' normalized texts, back to back
//	              PSGS  passages and sentences, uvarints (see decodePassages)
//	              ROWS  bleve rows (see rowTable)
//	end-4   4     CRC-32C (Castagnoli) of every byte before it
//
// Passage and sentence ids are not stored: they are hashes of the text
// (ingest.PassageIDs), recomputed on first use. All fixed-size integers are
// little-endian uint32. Writing the same corpus twice gives
// the same bytes: nothing in the file depends on time or map order.
const (
	// FormatVersion is the snapshot format this code reads and writes.
	FormatVersion = 1
	magic         = "CLAIMTAG"
)

// Errors returned by Open, checked with errors.Is. Every error Open returns
// wraps one of them.
var (
	ErrNotSnapshot = errors.New("not a claimtag index snapshot")
	ErrTruncated   = errors.New("index snapshot is truncated")
	ErrCorrupt     = errors.New("index snapshot is corrupt")
	ErrVersion     = errors.New("index snapshot format version is not supported")
)

// Header describes a snapshot. It is readable without loading the rest.
type Header struct {
	Format      int    `json:"format"`
	Analyzer    string `json:"analyzer"`
	Fingerprint string `json:"fingerprint"` // hex SHA-256 prefix over the corpus and AnalyzerVersion
	Documents   int    `json:"documents"`
	Passages    int    `json:"passages"`
	Sentences   int    `json:"sentences"`
	Rows        int    `json:"rows"`
}

// DocInfo describes one document of the corpus.
type DocInfo struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Date     string `json:"date,omitempty"`
	Source   string `json:"source,omitempty"`
	Path     string `json:"path"`
	Format   string `json:"format"`
	Repairs  int    `json:"repairs,omitempty"` // mojibake repairs made while ingesting
	Passages int    `json:"passages"`          // number of passages
	First    int    `json:"first"`             // index of its first passage
	TextOff  int    `json:"textOff"`           // byte offset of its text in TEXT
	TextLen  int    `json:"textLen"`           // byte length of its text
	Runes    int    `json:"runes"`             // length of its text in code points
	// Provenance says how the text was made from the file: encoding and
	// why, what was sanitized or dropped, and every repair with its code
	// point span in the text and the original; nil in older snapshots.
	Provenance *provenance.Provenance `json:"provenance,omitempty"`
}

// passageRecord locates one passage.
type passageRecord struct {
	Doc, Kind, Dup, Start, End, ByteStart, ByteEnd, FirstSentence, Sentences int32
}

// sentenceRecord locates one sentence, in code points of its document.
type sentenceRecord struct{ Dup, Start, End int32 }

var sectionOrder = []string{"DOCS", "TEXT", "PSGS", "ROWS"}

// kinds maps passage kinds to their record byte and back.
var kinds = []string{"p", "h", "li", "pre"}

func kindCode(k string) int {
	for i, s := range kinds {
		if s == k {
			return i
		}
	}
	return 0
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is the snapshot's CRC-32C: about twice as fast as IEEE's CRC-32
// in WebAssembly, where it is most of the time Open takes on a large corpus.
func checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// snapshot is what an opened index keeps in memory: the header, the
// document table and each passage's document and kind. A whole snapshot
// (Open) also keeps views of its text, passage records and rows, sliced
// from its bytes, nothing copied; an index in pieces (OpenPieces) fetches
// those on demand.
type snapshot struct {
	header   Header
	docs     []DocInfo
	passages []passageHead
	textLen  int // length of the corpus text

	// A whole snapshot's sections; nil for an index in pieces.
	text      []byte
	full      []passageRecord
	sentences []sentenceRecord
	rows      *rowTable
}

// passageHead is what a search needs of every passage: its document and
// kind. The rest of the record is read when a passage is shown.
type passageHead struct {
	Doc  int32
	Kind uint8
}

// parseSnapshot checks and slices data. It never panics on bad input.
func parseSnapshot(data []byte) (s *snapshot, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if len(data) < 8 || string(data[:8]) != magic {
		if len(data) > 0 && len(data) < 8 && bytes.HasPrefix([]byte(magic), data) {
			return nil, fmt.Errorf("%w: %d bytes, shorter than the file header", ErrTruncated, len(data))
		}
		return nil, ErrNotSnapshot
	}
	if len(data) < 20 {
		return nil, fmt.Errorf("%w: %d bytes, shorter than the file header", ErrTruncated, len(data))
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != FormatVersion {
		return nil, fmt.Errorf("%w: the file has format %d, this build reads format %d: rebuild the index with this build", ErrVersion, v, FormatVersion)
	}
	if n := int64(binary.LittleEndian.Uint32(data[12:])); n != int64(len(data)) {
		if n > int64(len(data)) {
			return nil, fmt.Errorf("%w: %d of %d bytes; download or copy it again", ErrTruncated, len(data), n)
		}
		return nil, fmt.Errorf("%w: %d bytes where the header says %d", ErrCorrupt, len(data), n)
	}
	hlen := int(binary.LittleEndian.Uint32(data[16:]))
	if hlen > len(data)-20-4 {
		return nil, fmt.Errorf("%w: header runs past the end of the file (%d bytes)", ErrTruncated, len(data))
	}
	body := data[:len(data)-4]
	if got, want := checksum(body), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: checksum mismatch (file %08x, computed %08x); the file is damaged or truncated: rebuild or download it again", ErrCorrupt, want, got)
	}
	s = &snapshot{}
	if err := json.Unmarshal(body[20:20+hlen], &s.header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	if s.header.Format != FormatVersion {
		return nil, fmt.Errorf("%w: header says format %d", ErrVersion, s.header.Format)
	}
	rest := body[20+hlen:]
	sections := map[string][]byte{}
	for _, name := range sectionOrder {
		if len(rest) < 8 {
			return nil, fmt.Errorf("%w: section %q is missing", ErrCorrupt, name)
		}
		if string(rest[:4]) != name {
			return nil, fmt.Errorf("%w: found section %q where %q belongs", ErrCorrupt, rest[:4], name)
		}
		n := int(binary.LittleEndian.Uint32(rest[4:]))
		if n > len(rest)-8 {
			return nil, fmt.Errorf("%w: section %q runs past the end of the file", ErrCorrupt, name)
		}
		sections[name] = rest[8 : 8+n : 8+n]
		rest = rest[8+n:]
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after the last section", ErrCorrupt, len(rest))
	}
	if err := json.Unmarshal(sections["DOCS"], &s.docs); err != nil {
		return nil, fmt.Errorf("%w: document table: %v", ErrCorrupt, err)
	}
	s.text = sections["TEXT"]
	s.textLen = len(s.text)
	if err := s.decodePassages(sections["PSGS"]); err != nil {
		return nil, err
	}
	if s.rows, err = newRowTable(sections["ROWS"]); err != nil {
		return nil, err
	}
	if s.rows.n != s.header.Rows {
		return nil, fmt.Errorf("%w: %d index rows, header says %d", ErrCorrupt, s.rows.n, s.header.Rows)
	}
	return s, nil
}

// decodePassages reads PSGS and checks it against the document table, so
// that later look-ups can slice without bounds worries. For each passage, in
// corpus order: uvarint kind, dup (textid.Dups), gap from the previous
// passage's end (or the document start) in code points and in bytes, length
// in code points and in bytes, sentence count; then for each sentence its
// dup, its gap from the previous sentence's end (or the passage start) and
// its length, in code points.
func (s *snapshot) decodePassages(b []byte) error {
	h := s.header
	if len(s.docs) != h.Documents || h.Passages < 0 || h.Sentences < 0 || h.Passages > len(b) || h.Sentences > len(b) {
		return fmt.Errorf("%w: table sizes disagree with the header", ErrCorrupt)
	}
	s.full = make([]passageRecord, 0, h.Passages)
	s.sentences = make([]sentenceRecord, 0, h.Sentences)
	at := 0
	next := func() int {
		v, n := binary.Uvarint(b[at:])
		if n <= 0 || v > 1<<31-1 {
			at = len(b) + 1
			return 0
		}
		at += n
		return int(v)
	}
	for di, d := range s.docs {
		if d.TextOff < 0 || d.TextLen < 0 || d.TextOff > len(s.text) || d.TextLen > len(s.text)-d.TextOff || d.Runes < 0 {
			return fmt.Errorf("%w: document %d text out of range", ErrCorrupt, di)
		}
		if d.First != len(s.full) || d.Passages < 0 || d.Passages > h.Passages-d.First {
			return fmt.Errorf("%w: document %d passages out of range", ErrCorrupt, di)
		}
		cp, by := 0, 0
		for k := 0; k < d.Passages && at < len(b); k++ {
			p := passageRecord{Doc: int32(di), Kind: int32(next()), Dup: int32(next())}
			cp += next()
			by += next()
			p.Start, p.ByteStart = int32(cp), int32(by)
			cp += next()
			by += next()
			p.End, p.ByteEnd = int32(cp), int32(by)
			n := next()
			if at > len(b) || int(p.Kind) >= len(kinds) || cp > d.Runes || by > d.TextLen || n > h.Sentences-len(s.sentences) {
				return fmt.Errorf("%w: passage %d out of range", ErrCorrupt, len(s.full))
			}
			p.FirstSentence, p.Sentences = int32(len(s.sentences)), int32(n)
			sc := int(p.Start)
			for j := 0; j < n; j++ {
				dup := next()
				sc += next()
				st := sc
				sc += next()
				if at > len(b) || sc > int(p.End) {
					return fmt.Errorf("%w: sentence %d out of range", ErrCorrupt, len(s.sentences))
				}
				s.sentences = append(s.sentences, sentenceRecord{int32(dup), int32(st), int32(sc)})
			}
			s.full = append(s.full, p)
		}
	}
	if len(s.full) != h.Passages || len(s.sentences) != h.Sentences || at != len(b) {
		return fmt.Errorf("%w: passage table disagrees with the header", ErrCorrupt)
	}
	s.passages = make([]passageHead, len(s.full))
	for i, p := range s.full {
		s.passages[i] = passageHead{Doc: p.Doc, Kind: uint8(p.Kind)}
	}
	return nil
}
