package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
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
//	              PSGS  passages, 32-byte records (see passageRecord)
//	              SENT  sentences, 8-byte records: start, end (code points)
//	              IDS   passage ids then sentence ids, each ending in '\n'
//	              ROWS  bleve rows: count N, N+1 offsets, then for each row
//	                    uvarint key length, key, value
//	end-4   4     CRC-32 (IEEE) of every byte before it
//
// All integers are little-endian uint32. Writing the same corpus twice gives
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
}

// passageRecord is the fixed 32-byte passage record of PSGS.
type passageRecord struct {
	Doc, Kind, Start, End, ByteStart, ByteEnd, FirstSentence, Sentences uint32
}

const passageRecordSize = 32

var sectionOrder = []string{"DOCS", "TEXT", "PSGS", "SENT", "IDS ", "ROWS"}

// kinds maps passage kinds to their record byte and back.
var kinds = []string{"p", "h", "li", "pre"}

func kindCode(k string) uint32 {
	for i, s := range kinds {
		if s == k {
			return uint32(i)
		}
	}
	return 0
}

type snapshotWriter struct{ buf bytes.Buffer }

func (w *snapshotWriter) u32(v int) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(v))
	w.buf.Write(b[:])
}

func (w *snapshotWriter) section(name string, payload []byte) {
	w.buf.WriteString(name)
	w.u32(len(payload))
	w.buf.Write(payload)
}

// encodeRows lays out sorted rows for binary search.
func encodeRows(keys, vals [][]byte) []byte {
	var data bytes.Buffer
	offsets := make([]int, 0, len(keys)+1)
	var tmp [binary.MaxVarintLen64]byte
	for i := range keys {
		offsets = append(offsets, data.Len())
		n := binary.PutUvarint(tmp[:], uint64(len(keys[i])))
		data.Write(tmp[:n])
		data.Write(keys[i])
		data.Write(vals[i])
	}
	offsets = append(offsets, data.Len())
	out := make([]byte, 4+4*len(offsets), 4+4*len(offsets)+data.Len())
	binary.LittleEndian.PutUint32(out, uint32(len(keys)))
	for i, o := range offsets {
		binary.LittleEndian.PutUint32(out[4+4*i:], uint32(o))
	}
	return append(out, data.Bytes()...)
}

// snapshot is a decoded view over snapshot bytes; nothing is copied.
type snapshot struct {
	header    Header
	docs      []DocInfo
	text      []byte
	passages  []byte // PSGS records
	sentences []byte // SENT records
	ids       []byte
	rows      *rowTable
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
	if got, want := crc32.ChecksumIEEE(body), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
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
	s.text, s.passages, s.sentences, s.ids = sections["TEXT"], sections["PSGS"], sections["SENT"], sections["IDS "]
	if err := s.check(); err != nil {
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

// check validates the tables against each other, so that later look-ups can
// slice without bounds worries.
func (s *snapshot) check() error {
	h := s.header
	if len(s.docs) != h.Documents || len(s.passages) != h.Passages*passageRecordSize || len(s.sentences) != h.Sentences*8 {
		return fmt.Errorf("%w: table sizes disagree with the header", ErrCorrupt)
	}
	if bytes.Count(s.ids, []byte{'\n'}) != h.Passages+h.Sentences {
		return fmt.Errorf("%w: id table has the wrong number of ids", ErrCorrupt)
	}
	next := 0
	for i, d := range s.docs {
		if d.TextOff < 0 || d.TextLen < 0 || d.TextOff > len(s.text) || d.TextLen > len(s.text)-d.TextOff {
			return fmt.Errorf("%w: document %d text out of range", ErrCorrupt, i)
		}
		if d.First != next || d.Passages < 0 || d.First+d.Passages > h.Passages {
			return fmt.Errorf("%w: document %d passages out of range", ErrCorrupt, i)
		}
		next += d.Passages
	}
	if next != h.Passages {
		return fmt.Errorf("%w: documents cover %d passages, header says %d", ErrCorrupt, next, h.Passages)
	}
	for i := 0; i < h.Passages; i++ {
		r := s.record(i)
		if int(r.Doc) >= len(s.docs) {
			return fmt.Errorf("%w: passage %d names document %d", ErrCorrupt, i, r.Doc)
		}
		d := s.docs[r.Doc]
		if r.Start > r.End || int(r.End) > d.Runes || r.ByteStart > r.ByteEnd || int(r.ByteEnd) > d.TextLen ||
			int(r.FirstSentence)+int(r.Sentences) > h.Sentences || int(r.Kind) >= len(kinds) {
			return fmt.Errorf("%w: passage %d out of range", ErrCorrupt, i)
		}
	}
	return nil
}

func (s *snapshot) record(i int) passageRecord {
	b := s.passages[i*passageRecordSize : (i+1)*passageRecordSize]
	u := func(k int) uint32 { return binary.LittleEndian.Uint32(b[4*k:]) }
	return passageRecord{u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7)}
}
