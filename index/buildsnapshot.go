//go:build !js

package index

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unicode/utf8"

	"github.com/claimtag/claimtag/index/ingest"
	"github.com/claimtag/claimtag/index/textid"
)

// corpusTables returns what a snapshot holds of docs besides its rows: the
// header (but the row count), the document table, the passage and
// sentence records and the text, every document's back to back.
func corpusTables(docs []*ingest.Document) *snapshot {
	s := &snapshot{}
	size, passages := 0, 0
	for _, d := range docs {
		size += len(d.Text)
		passages += len(d.Passages)
	}
	text := make([]byte, 0, size)
	s.full = make([]passageRecord, 0, passages)
	for di, d := range docs {
		prov := d.Provenance
		s.docs = append(s.docs, DocInfo{
			ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, Path: d.Path, Format: d.Format,
			Repairs: len(d.Repairs), Passages: len(d.Passages), First: len(s.full),
			TextOff: len(text), TextLen: len(d.Text), Runes: utf8.RuneCountInString(d.Text),
			Provenance: &prov,
		})
		text = append(text, d.Text...)
		texts := make([]string, len(d.Passages))
		for i, p := range d.Passages {
			texts[i] = d.Text[p.ByteStart:p.ByteEnd]
		}
		dups := textid.Dups(texts)
		for i, p := range d.Passages {
			s.full = append(s.full, passageRecord{
				Doc: int32(di), Kind: int32(kindCode(p.Kind)), Dup: int32(dups[i]),
				Start: int32(p.Start), End: int32(p.End), ByteStart: int32(p.ByteStart), ByteEnd: int32(p.ByteEnd),
				FirstSentence: int32(len(s.sentences)), Sentences: int32(len(p.Sentences)),
			})
			sentTexts := make([]string, len(p.Sentences))
			for j, st := range p.Sentences {
				sentTexts[j] = d.Slice(st.Start, st.End)
			}
			sdups := textid.Dups(sentTexts)
			for j, st := range p.Sentences {
				s.sentences = append(s.sentences, sentenceRecord{int32(sdups[j]), int32(st.Start), int32(st.End)})
			}
		}
	}
	s.text = text
	s.textLen = len(text)
	s.header = Header{
		Format: FormatVersion, Analyzer: AnalyzerVersion, Fingerprint: Fingerprint(docs),
		Documents: len(docs), Passages: len(s.full), Sentences: len(s.sentences),
	}
	return s
}

// encodePassages writes the PSGS section (see decodePassages).
func encodePassages(s *snapshot) []byte {
	var b []byte
	uv := func(vs ...int32) {
		for _, v := range vs {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	for n, p := range s.full {
		var cp, by int32
		if n > 0 && s.full[n-1].Doc == p.Doc {
			cp, by = s.full[n-1].End, s.full[n-1].ByteEnd
		}
		uv(p.Kind, p.Dup, p.Start-cp, p.ByteStart-by, p.End-p.Start, p.ByteEnd-p.ByteStart, p.Sentences)
		sc := p.Start
		for _, st := range s.sentences[p.FirstSentence : p.FirstSentence+p.Sentences] {
			uv(st.Dup, st.Start-sc, st.End-st.Start)
			sc = st.End
		}
	}
	return b
}

// writeSnapshot writes the snapshot of s to w: its tables, then the rows
// enc laid out, whose data rows holds. It returns the bytes written.
func writeSnapshot(w io.Writer, s *snapshot, enc *rowEncoder, rows io.Reader) (int64, error) {
	rowsHead, err := enc.header()
	if err != nil {
		return 0, err
	}
	hb, err := json.Marshal(s.header)
	if err != nil {
		return 0, err
	}
	db, err := json.Marshal(s.docs)
	if err != nil {
		return 0, err
	}
	psgs := encodePassages(s)
	rowsLen := int64(len(rowsHead)) + enc.size
	size := int64(20+len(hb)+8+len(db)+8+len(s.text)+8+len(psgs)+8+4) + rowsLen
	if size > math.MaxUint32 || rowsLen > math.MaxUint32 {
		return 0, fmt.Errorf("it would take %d bytes, more than the format's 4 GiB: write the index in pieces only", size)
	}
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<20)
	u32 := func(v int64) {
		bw.Write(binary.LittleEndian.AppendUint32(nil, uint32(v)))
	}
	section := func(name string, n int64) {
		bw.WriteString(name)
		u32(n)
	}
	bw.WriteString(magic)
	u32(FormatVersion)
	u32(size)
	u32(int64(len(hb)))
	bw.Write(hb)
	section("DOCS", int64(len(db)))
	bw.Write(db)
	section("TEXT", int64(len(s.text)))
	bw.Write(s.text)
	section("PSGS", int64(len(psgs)))
	bw.Write(psgs)
	section("ROWS", rowsLen)
	bw.Write(rowsHead)
	copied, err := io.Copy(bw, rows)
	if err != nil {
		return 0, err
	}
	if copied != enc.size {
		return 0, fmt.Errorf("the rows are %d bytes, want %d", copied, enc.size)
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if _, err := w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32())); err != nil {
		return 0, err
	}
	return size, nil
}
