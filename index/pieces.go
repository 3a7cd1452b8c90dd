package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// Pieces format: a snapshot split so that a search reads only what it needs.
//
// The manifest lists every piece with its file name, its size and what it
// holds; nothing else is needed to open the index. A piece's file name is
// the first 16 hex digits of the SHA-256 of its bytes plus ".bin", so
// pieces never change under a name: a host or a cache may keep them
// forever, and a damaged piece is told by its name. The file holds the
// piece gzipped (packPiece), as Pagefind ships its files: a static host
// then sends a third of the bytes without compressing anything itself
// (hosts that compress on every request spend time on it that a search
// waits for), and the browser unpacks it natively. A reader takes a piece
// either way, gzipped or not: the first bytes tell which. Integers are
// uvarints unless said otherwise; a name is written as the 8 bytes its hex
// digits stand for, followed by the piece's size (unpacked: what the name
// hashes).
//
//	manifest  "CTPIECES", uint32 ManifestFormat, uint32 file length (little
//	          endian); the snapshot's Header as JSON (length first); the
//	          corpus text length; the meta piece's name; the row files'
//	          count, then per file its name; the row pieces' count, then per
//	          piece the number of its file in that list, its place in the
//	          file (Part), its row count and first key (bytes shared with
//	          the previous first key, then the rest, length first); the
//	          blocks' count, then per block its name, first
//	          passage and text byte offset (each from the previous block's);
//	          CRC-32C of all the bytes before it.
//
// Each piece starts with a 4-byte tag:
//
//	META  the document count, then per document its id, title, date,
//	      source, path and format (length first), repairs, passages, text
//	      length in bytes and in code points, and its provenance
//	      (putProvenance); then each passage's kind (index of
//	      "p", "h", "li", "pre"): a byte B, the bits per kind, and the kinds
//	      packed B bits each, low bits first
//	ROWS  bleve rows of one key range, as in the snapshot's ROWS section
//	      (rowTable). Pieces are cut where the first key byte changes (so a
//	      piece's keys all start with the same byte, which is checked), and
//	      else at about SplitOptions.RowBytes, at a term boundary when one
//	      comes within twice that size (oneTermShare times it for a piece
//	      holding one term's rows only). The back index rows ('b') are left
//	      out: a read-only index only counts them. The term rows of the
//	      groupedFields are also cut where the FieldText rows' pieces start
//	      a term range, and each goes in the file of the FieldText piece
//	      starting that range (see RGRP).
//	RGRP  several ROWS pieces in one file: their count, then per piece its
//	      length in bytes, then the pieces back to back. A file of one
//	      piece is that ROWS piece.
//	PSGS  a block of passages [P, P+n) with the text they cover: uvarints P,
//	      n, the text's byte offset B in the corpus text (every document's
//	      text back to back) and its length L; per passage its dup, start
//	      and byte start (from the previous passage's end within the same
//	      document and block, else from the document's start), length in
//	      code points and bytes, sentence count, and per sentence dup, gap
//	      and length (as in PSGS of the snapshot); then the L text bytes.
//	      Block k covers the text from the end of the passage before P (0
//	      for the first) to the end of its last passage (the end of the
//	      corpus text for the last block), so a passage's text is always in
//	      its own block and a document's text is the concatenation of the
//	      blocks its bytes fall in.
//
// Split writes the pieces from a snapshot; OpenPieces reads them. The same
// snapshot always gives the same pieces and manifest.
const (
	// ManifestFormat is the manifest format this code reads and writes.
	ManifestFormat = 3

	pieceExt = ".bin"
	// nameDigits is how many hex digits of the SHA-256 name a piece.
	nameDigits = 16
)

// Manifest describes an index split into pieces (see Split).
type Manifest struct {
	Header Header // the snapshot's header
	// TextBytes is the length of the corpus text, every document's back to
	// back.
	TextBytes int
	Meta      PieceRef     // the document table and passage kinds
	Rows      []RowPiece   // bleve rows, in key order
	Blocks    []BlockPiece // passages and text, in corpus order

	// Set by ParseManifest: the row files, each once (the manifest's
	// table); per row piece the number of its file there; and per file
	// its pieces by Part (rowParts).
	files  []PieceRef
	fileOf []int
	parts  [][]int
}

// PieceRef names one piece file.
type PieceRef struct {
	File string // hash-derived file name, e.g. "3fa2c1d0e9b8a7f6.bin"
	Size int    // bytes
}

// RowPiece is a piece of bleve rows: its rows' keys start at First. Its
// file may hold other pieces too (an RGRP file): Part is its place there.
type RowPiece struct {
	PieceRef
	Part  int    // its place among the pieces of its file, from 0
	First []byte // the first key
	Rows  int    // number of rows
}

// BlockPiece is a block of passages starting at passage number Passage,
// holding the corpus text from byte Byte on.
type BlockPiece struct {
	PieceRef
	Passage int
	Byte    int
}

// Files lists every piece file of the manifest once, the meta piece first.
func (m *Manifest) Files() []PieceRef {
	out := make([]PieceRef, 0, 1+len(m.Rows)+len(m.Blocks))
	out = append(out, m.Meta)
	if m.files != nil {
		out = append(out, m.files...)
	} else {
		out = append(out, m.rowFiles()...)
	}
	for _, b := range m.Blocks {
		out = append(out, b.PieceRef)
	}
	return out
}

// Pieces is an index split into pieces: its manifest and every piece's
// bytes by file name.
type Pieces struct {
	Manifest []byte            // JSON
	Files    map[string][]byte // piece bytes by file name
}

// Fetch returns the piece called name; it makes Pieces a Source, which
// serves tests and tools from memory.
func (p *Pieces) Fetch(_ context.Context, name string) ([]byte, error) {
	b, ok := p.Files[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	return b, nil
}

// WritePiece keeps a piece in p.Files: Pieces is a PieceWriter, which
// holds a whole index in pieces in memory.
func (p *Pieces) WritePiece(name string, data []byte) error {
	if p.Files == nil {
		p.Files = map[string][]byte{}
	}
	p.Files[name] = data
	return nil
}

// WriteManifest keeps the manifest in p.Manifest.
func (p *Pieces) WriteManifest(data []byte) error {
	p.Manifest = data
	return nil
}

// PieceWriter receives an index in pieces as Split or BuildTo writes it.
type PieceWriter interface {
	// WritePiece stores one piece file under its name, which is derived
	// from the piece's bytes: a name that comes again comes with the same
	// file bytes.
	// The writer may keep data, which is not modified afterwards.
	WritePiece(name string, data []byte) error
	// WriteManifest stores the manifest; it comes after every piece.
	WriteManifest(data []byte) error
}

// SplitOptions tunes Split; zero values take the defaults.
type SplitOptions struct {
	// RowBytes is the size a piece of rows is cut at, at a term boundary
	// when one comes before twice this size (default 32 KiB).
	RowBytes int
	// BlockBytes is the text a block of passages holds before it is cut at
	// the next passage end (default 16 KiB); at a document start it is cut
	// from half this size on.
	BlockBytes int
}

// Default piece sizes: small enough that a query fetches little more than
// it reads, large enough that the manifest stays small and a query needs
// few requests.
const (
	DefaultRowBytes   = 32 << 10
	DefaultBlockBytes = 16 << 10
)

// pieceName is the file name of piece data.
func pieceName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:nameDigits] + pieceExt
}

// Split cuts a snapshot written by Build into pieces (see the format above).
// It re-indexes nothing, and the same snapshot always gives the same bytes:
// the pieces BuildTo writes for the same corpus.
func Split(snapshot []byte, opt SplitOptions) (*Pieces, error) {
	s, err := parseSnapshot(snapshot)
	if err != nil {
		return nil, fmt.Errorf("split index: %w", err)
	}
	out := &Pieces{Files: map[string][]byte{}}
	sp := newSplitter(out, opt, nil)
	c := cursor{t: s.rows}
	c.seekBlock(0)
	for c.advance(); c.ok; c.advance() {
		if err := sp.row(c.key, c.value); err != nil {
			return nil, err
		}
	}
	if err := sp.finish(s); err != nil {
		return nil, err
	}
	return out, nil
}

// splitter cuts an index into pieces as its rows come, in key order, and
// writes them to a PieceWriter; finish adds the meta piece, the passage
// blocks and the manifest. It holds one piece of rows at a time, and spills
// the pieces of grouped rows (see groupedFields) until their file is
// complete.
type splitter struct {
	w          PieceWriter
	opt        SplitOptions
	m          Manifest
	keys, vals [][]byte // the rows of the piece being filled
	arena      []byte   // their bytes
	bytesIn    int

	fields map[uint16]string // field names by number, from the field rows
	text   bool              // the piece being filled holds FieldText's term rows
	group  int               // its group (a file of several pieces), -1 for a file of its own
	bounds [][]byte          // per group, the term its FieldText rows start at
	groups []rowGroup
	spill  spill
	at     int64 // bytes spilled
}

// rowGroup is a file of row pieces being assembled: the manifest entries of
// its pieces, in order, and where their bytes were spilled.
type rowGroup struct {
	entries []int
	spans   [][2]int64 // offset and length
}

// spill keeps the bytes of grouped pieces until finish writes their file:
// memory for Split, a file in the build's scratch folder for BuildTo, so
// that a large build's memory does not grow with its rows.
type spill interface {
	io.Writer
	io.ReaderAt
}

// memSpill is a spill in memory.
type memSpill struct{ b []byte }

func (m *memSpill) Write(p []byte) (int, error) {
	m.b = append(m.b, p...)
	return len(p), nil
}

func (m *memSpill) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(m.b)) {
		return 0, io.ErrUnexpectedEOF
	}
	return copy(p, m.b[off:]), nil
}

// groupedFields are the fields whose term rows go in the file of the
// FieldText rows whose term range holds their term: a one-word search
// reads the word's term rows in each of them (the title, and ranking's
// forms, name and decl), so it fetches one file where it fetched five. The
// rows stay in pieces of their own key range (entries of the manifest), a
// file holding several (RGRP).
var groupedFields = map[string]bool{FieldForms: true, FieldName: true, FieldDecl: true, FieldTitle: true}

func newSplitter(w PieceWriter, opt SplitOptions, sp spill) *splitter {
	if opt.RowBytes <= 0 {
		opt.RowBytes = DefaultRowBytes
	}
	if opt.BlockBytes <= 0 {
		opt.BlockBytes = DefaultBlockBytes
	}
	if sp == nil {
		sp = &memSpill{}
	}
	return &splitter{w: w, opt: opt, fields: map[uint16]string{}, group: -1, spill: sp}
}

// put writes one piece, gzipped, and returns its reference: its name and
// size are those of the piece itself.
func (sp *splitter) put(data []byte) (PieceRef, error) {
	name := pieceName(data)
	return PieceRef{File: name, Size: len(data)}, sp.w.WritePiece(name, packPiece(data))
}

// termField returns the name of the field of a term row's key, "" for
// another row.
func (sp *splitter) termField(k []byte) string {
	if len(k) < 3 || k[0] != 't' {
		return ""
	}
	return sp.fields[binary.LittleEndian.Uint16(k[1:])]
}

// groupOf returns the group a term row of a grouped field joins: that of
// the FieldText rows whose term range holds its term (the FieldText rows
// come first, field 0); -1 for any other row, or when no FieldText rows
// came before it.
func (sp *splitter) groupOf(k []byte) int {
	if len(sp.bounds) == 0 || !groupedFields[sp.termField(k)] {
		return -1
	}
	term := termOf(k)[3:]
	i := sort.Search(len(sp.bounds), func(i int) bool { return bytes.Compare(sp.bounds[i], term) > 0 }) - 1
	return max(i, 0)
}

// row adds the next row (see the format for where pieces are cut). It
// copies what it keeps.
func (sp *splitter) row(k, v []byte) error {
	switch k[0] {
	case 'b':
		return nil
	case 'f':
		if n, name, err := decodeFieldRow(k, v); err == nil {
			sp.fields[n] = name
		}
	}
	limit := sp.opt.RowBytes
	text := sp.termField(k) == FieldText
	group := -1
	if !text {
		group = sp.groupOf(k)
	}
	if len(sp.keys) > 0 {
		last := sp.keys[len(sp.keys)-1]
		most := 2 * limit
		if bytes.Equal(termOf(sp.keys[0]), termOf(k)) {
			most = oneTermShare * limit // the postings of one term, which its searches read whole
		}
		if last[0] != k[0] || sp.bytesIn >= most || sp.bytesIn >= limit && !bytes.Equal(termOf(last), termOf(k)) ||
			text != sp.text || !text && group != sp.group {
			if err := sp.flush(); err != nil {
				return err
			}
		}
	}
	if len(sp.keys) == 0 {
		sp.text, sp.group = text, group
		if text { // a group starts
			sp.bounds = append(sp.bounds, bytes.Clone(termOf(k)[3:]))
			sp.groups = append(sp.groups, rowGroup{})
			sp.group = len(sp.groups) - 1
		}
	}
	at := len(sp.arena)
	sp.arena = append(append(sp.arena, k...), v...)
	sp.keys = append(sp.keys, sp.arena[at:at+len(k):at+len(k)])
	sp.vals = append(sp.vals, sp.arena[at+len(k):len(sp.arena):len(sp.arena)])
	sp.bytesIn += len(k) + len(v) + 3
	return nil
}

// flush writes the piece of rows being filled, or spills it when it joins
// a group.
func (sp *splitter) flush() error {
	if len(sp.keys) == 0 {
		return nil
	}
	data := append([]byte("ROWS"), encodeRows(sp.keys, sp.vals)...)
	entry := RowPiece{First: bytes.Clone(sp.keys[0]), Rows: len(sp.keys)}
	if sp.group < 0 {
		ref, err := sp.put(data)
		if err != nil {
			return err
		}
		entry.PieceRef = ref
	} else {
		if _, err := sp.spill.Write(data); err != nil {
			return fmt.Errorf("spilling rows: %w", err)
		}
		g := &sp.groups[sp.group]
		g.entries = append(g.entries, len(sp.m.Rows))
		g.spans = append(g.spans, [2]int64{sp.at, int64(len(data))})
		sp.at += int64(len(data))
	}
	sp.m.Rows = append(sp.m.Rows, entry)
	sp.keys, sp.vals, sp.arena, sp.bytesIn = sp.keys[:0], sp.vals[:0], sp.arena[:0], 0
	return nil
}

// writeGroups writes the file of each group: its one piece as it is, or
// its pieces in an RGRP file.
func (sp *splitter) writeGroups() error {
	for _, g := range sp.groups {
		parts := make([][]byte, len(g.spans))
		for i, span := range g.spans {
			parts[i] = make([]byte, span[1])
			if _, err := sp.spill.ReadAt(parts[i], span[0]); err != nil {
				return fmt.Errorf("reading spilled rows: %w", err)
			}
		}
		data := parts[0]
		if len(parts) > 1 {
			data = encodeGroup(parts)
		}
		ref, err := sp.put(data)
		if err != nil {
			return err
		}
		for i, e := range g.entries {
			sp.m.Rows[e].PieceRef, sp.m.Rows[e].Part = ref, i
		}
	}
	return nil
}

// encodeGroup lays out the ROWS pieces of a group as one RGRP file.
func encodeGroup(parts [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("RGRP")
	putUvarint(&b, len(parts))
	for _, p := range parts {
		putUvarint(&b, len(p))
	}
	for _, p := range parts {
		b.Write(p)
	}
	return b.Bytes()
}

// finish writes the last piece of rows, the meta piece and the passage
// blocks of s (its header, documents, passages and text), and the
// manifest.
func (sp *splitter) finish(s *snapshot) error {
	if err := sp.flush(); err != nil {
		return err
	}
	if err := sp.writeGroups(); err != nil {
		return err
	}
	m := &sp.m
	m.Header, m.TextBytes = s.header, len(s.text)
	var err error
	if m.Meta, err = sp.put(encodeMeta(s)); err != nil {
		return err
	}
	err = splitBlocks(s, sp.opt.BlockBytes, func(bp blockPiece) error {
		ref, err := sp.put(bp.data)
		m.Blocks = append(m.Blocks, BlockPiece{PieceRef: ref, Passage: bp.first, Byte: bp.byteOff})
		return err
	})
	if err != nil {
		return err
	}
	return sp.w.WriteManifest(m.encode())
}

// encodeMeta writes the META piece: the document table and passage kinds.
func encodeMeta(s *snapshot) []byte {
	var b bytes.Buffer
	b.WriteString("META")
	putUvarint(&b, len(s.docs))
	for _, d := range s.docs {
		for _, str := range []string{d.ID, d.Title, d.Date, d.Source, d.Path, d.Format} {
			putBytes(&b, []byte(str))
		}
		for _, v := range []int{d.Repairs, d.Passages, d.TextLen, d.Runes} {
			putUvarint(&b, v)
		}
		putProvenance(&b, d.Provenance)
	}
	bits := kindBits()
	b.WriteByte(byte(bits))
	packed := make([]byte, (len(s.full)*bits+7)/8)
	for i, p := range s.full {
		at := i * bits
		packed[at/8] |= byte(p.Kind) << (at % 8)
	}
	b.Write(packed)
	return b.Bytes()
}

// kindBits is the bits a passage kind takes in a META piece: 1, 2, 4 or 8,
// whichever holds every kind.
func kindBits() int {
	bits := 1
	for 1<<bits < len(kinds) {
		bits *= 2
	}
	return bits
}

func putUvarint(b *bytes.Buffer, v int) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], uint64(v))])
}

// oneTermShare multiplies the size a piece holding the rows of one term
// only is cut at: a search of the term reads them all, and no search of
// another term reads them, so fewer, larger pieces cost no bytes and save
// requests (a common word's postings on the python docs took 3 or 4
// pieces, each a request, at 2x RowBytes).
const oneTermShare = 8

// termOf returns the part of a row key that names its term: a term
// frequency row's key up to its 0xff separator, or the whole key.
func termOf(key []byte) []byte {
	if len(key) > 0 && key[0] == 't' {
		if i := bytes.IndexByte(key[1:], 0xff); i >= 0 {
			return key[:1+i]
		}
	}
	return key
}

// blockPiece is one block of passages being written.
type blockPiece struct {
	first, byteOff int
	data           []byte
}

// passageEnd returns the corpus byte offset where passage n ends.
func (s *snapshot) passageEnd(n int) int {
	r := s.full[n]
	return s.docs[r.Doc].TextOff + int(r.ByteEnd)
}

// splitBlocks cuts the passages into blocks of about size text bytes and
// hands each to emit, in order, stopping at its first error.
func splitBlocks(s *snapshot, size int, emit func(blockPiece) error) error {
	start, byteOff := 0, 0
	flush := func(end int) error {
		if end == start {
			return nil
		}
		byteEnd := len(s.text)
		if end < len(s.full) {
			byteEnd = s.passageEnd(end - 1)
		}
		err := emit(blockPiece{first: start, byteOff: byteOff, data: s.encodeBlock(start, end, byteOff, byteEnd)})
		start, byteOff = end, byteEnd
		return err
	}
	for n := range s.full {
		if n > start {
			held := s.passageEnd(n-1) - byteOff
			docStart := s.full[n].Doc != s.full[n-1].Doc
			if held >= size || docStart && held >= size/2 {
				if err := flush(n); err != nil {
					return err
				}
			}
		}
	}
	return flush(len(s.full))
}

// encodeBlock writes the PSGS piece of passages [from, to), holding the
// corpus text [byteOff, byteEnd).
func (s *snapshot) encodeBlock(from, to, byteOff, byteEnd int) []byte {
	var b bytes.Buffer
	b.WriteString("PSGS")
	putUvarint(&b, from)
	putUvarint(&b, to-from)
	putUvarint(&b, byteOff)
	putUvarint(&b, byteEnd-byteOff)
	for n := from; n < to; n++ {
		r := s.full[n]
		cp, by := 0, 0
		if n > from && s.full[n-1].Doc == r.Doc {
			cp, by = int(s.full[n-1].End), int(s.full[n-1].ByteEnd)
		}
		for _, v := range []int{int(r.Dup), int(r.Start) - cp, int(r.ByteStart) - by, int(r.End - r.Start), int(r.ByteEnd - r.ByteStart), int(r.Sentences)} {
			putUvarint(&b, v)
		}
		sc := int(r.Start)
		for _, st := range s.sentences[r.FirstSentence : r.FirstSentence+r.Sentences] {
			putUvarint(&b, int(st.Dup))
			putUvarint(&b, int(st.Start)-sc)
			putUvarint(&b, int(st.End-st.Start))
			sc = int(st.End)
		}
	}
	b.Write(s.text[byteOff:byteEnd])
	return b.Bytes()
}

// manifestMagic starts a manifest.
const manifestMagic = "CTPIECES"

// encode writes the manifest (see the format at the top of the file).
func (m *Manifest) encode() []byte {
	var b bytes.Buffer
	b.WriteString(manifestMagic)
	b.Write(make([]byte, 8)) // format and length, set below
	hb, _ := json.Marshal(m.Header)
	putBytes(&b, hb)
	putUvarint(&b, m.TextBytes)
	putRef(&b, m.Meta)
	files := m.rowFiles()
	putUvarint(&b, len(files))
	fileOf := make(map[string]int, len(files))
	for i, f := range files {
		putRef(&b, f)
		fileOf[f.File] = i
	}
	putUvarint(&b, len(m.Rows))
	var prev []byte
	for _, r := range m.Rows {
		putUvarint(&b, fileOf[r.File])
		putUvarint(&b, r.Part)
		putUvarint(&b, r.Rows)
		shared := sharedPrefix(prev, r.First)
		putUvarint(&b, shared)
		putBytes(&b, r.First[shared:])
		prev = r.First
	}
	putUvarint(&b, len(m.Blocks))
	pp, pb := 0, 0
	for _, k := range m.Blocks {
		putRef(&b, k.PieceRef)
		putUvarint(&b, k.Passage-pp)
		putUvarint(&b, k.Byte-pb)
		pp, pb = k.Passage, k.Byte
	}
	out := b.Bytes()
	binary.LittleEndian.PutUint32(out[8:], ManifestFormat)
	binary.LittleEndian.PutUint32(out[12:], uint32(len(out)+4))
	return binary.LittleEndian.AppendUint32(out, checksum(out))
}

func putBytes(b *bytes.Buffer, p []byte) {
	putUvarint(b, len(p))
	b.Write(p)
}

// putInt writes v as a zigzag varint.
func putInt(b *bytes.Buffer, v int) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutVarint(tmp[:], int64(v))])
}

// putProvenance writes a document's provenance field by field, as the
// rest of the META piece (uvReader.provenance reads it): 0 for none, else
// 1, the encoding, how it was decided, the reason and the root (length
// first), the fallback, replaced, control and invisible counts (zigzag
// varints), 1 if the root was found else 0, the sanitized counts (their
// number, then per name in sorted order the name and the count) and the
// repairs (their number, then per repair its start and end, from and to,
// and flags: 1 lossy, 2 figures). Not JSON, as it was until manifest
// format 2: decoding 497 documents' provenance with encoding/json took 45
// ms of the browser app's start on the python docs.
func putProvenance(b *bytes.Buffer, p *provenance.Provenance) {
	if p == nil {
		putUvarint(b, 0)
		return
	}
	putUvarint(b, 1)
	for _, s := range []string{p.Encoding, p.Decided, p.Reason, p.Root} {
		putBytes(b, []byte(s))
	}
	for _, v := range []int{p.Fallback, p.Replaced, p.Controls, p.Invisible} {
		putInt(b, v)
	}
	found := 0
	if p.RootFound {
		found = 1
	}
	putUvarint(b, found)
	names := make([]string, 0, len(p.Sanitized))
	for k := range p.Sanitized {
		names = append(names, k)
	}
	sort.Strings(names)
	putUvarint(b, len(names))
	for _, k := range names {
		putBytes(b, []byte(k))
		putInt(b, p.Sanitized[k])
	}
	putUvarint(b, len(p.Repairs))
	for _, rp := range p.Repairs {
		putInt(b, rp.Start)
		putInt(b, rp.End)
		putBytes(b, []byte(rp.From))
		putBytes(b, []byte(rp.To))
		flags := 0
		if rp.Lossy {
			flags |= 1
		}
		if rp.Figures {
			flags |= 2
		}
		putUvarint(b, flags)
	}
}

// putRef writes a piece's name as the 8 bytes its hex digits stand for,
// and its size.
func putRef(b *bytes.Buffer, r PieceRef) {
	h, _ := hex.DecodeString(strings.TrimSuffix(r.File, pieceExt))
	b.Write(h)
	putUvarint(b, r.Size)
}

// ParseManifest decodes and checks a manifest: its length and checksum, its
// version, and that the pieces' ranges are in order and cover the index.
// Errors wrap ErrNotSnapshot, ErrTruncated, ErrCorrupt or ErrVersion; it
// never panics.
func ParseManifest(data []byte) (*Manifest, error) {
	if len(data) < len(manifestMagic) || string(data[:len(manifestMagic)]) != manifestMagic {
		if len(data) > 0 && len(data) < len(manifestMagic) && strings.HasPrefix(manifestMagic, string(data)) {
			return nil, fmt.Errorf("%w: index manifest of %d bytes", ErrTruncated, len(data))
		}
		return nil, fmt.Errorf("%w: not an index manifest", ErrNotSnapshot)
	}
	if len(data) < 20 {
		return nil, fmt.Errorf("%w: index manifest of %d bytes", ErrTruncated, len(data))
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != ManifestFormat {
		return nil, fmt.Errorf("%w: the manifest has format %d, this build reads format %d: rebuild the index with this build", ErrVersion, v, ManifestFormat)
	}
	if n := int64(binary.LittleEndian.Uint32(data[12:])); n != int64(len(data)) {
		if n > int64(len(data)) {
			return nil, fmt.Errorf("%w: index manifest of %d of %d bytes; download it again", ErrTruncated, len(data), n)
		}
		return nil, fmt.Errorf("%w: index manifest of %d bytes where it says %d", ErrCorrupt, len(data), n)
	}
	body := data[:len(data)-4]
	if got, want := checksum(body), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: index manifest checksum mismatch (file %08x, computed %08x): download it again", ErrCorrupt, want, got)
	}
	m := &Manifest{}
	rd := &uvReader{b: body, at: 16}
	if err := json.Unmarshal(rd.bytes(), &m.Header); err != nil || rd.bad {
		return nil, fmt.Errorf("%w: index manifest header", ErrCorrupt)
	}
	m.TextBytes = rd.next()
	m.Meta = rd.ref()
	n := rd.next()
	if n > len(body) {
		return nil, fmt.Errorf("%w: index manifest claims %d row files", ErrCorrupt, n)
	}
	files := make([]PieceRef, 0, n)
	for i := 0; i < n && !rd.bad; i++ {
		files = append(files, rd.ref())
	}
	n = rd.next()
	if n > len(body) {
		return nil, fmt.Errorf("%w: index manifest claims %d row pieces", ErrCorrupt, n)
	}
	m.Rows = make([]RowPiece, 0, n)
	m.files, m.fileOf = files, make([]int, 0, n)
	var prev, arena []byte // the first keys are carved from arenas: one allocation per thousands of them
	for i := 0; i < n && !rd.bad; i++ {
		f := rd.next()
		if f >= len(files) {
			rd.bad = true
			break
		}
		r := RowPiece{PieceRef: files[f], Part: rd.next(), Rows: rd.next()}
		shared := rd.next()
		rest := rd.bytes()
		if shared > len(prev) {
			rd.bad = true
			break
		}
		size := shared + len(rest)
		if cap(arena)-len(arena) < size {
			arena = make([]byte, 0, max(64<<10, size))
		}
		at := len(arena)
		arena = append(append(arena, prev[:shared]...), rest...)
		r.First = arena[at : at+size : at+size]
		m.Rows = append(m.Rows, r)
		m.fileOf = append(m.fileOf, f)
		prev = r.First
	}
	n = rd.next()
	if n > len(body) {
		return nil, fmt.Errorf("%w: index manifest claims %d passage blocks", ErrCorrupt, n)
	}
	m.Blocks = make([]BlockPiece, 0, n)
	pp, pb := 0, 0
	for i := 0; i < n && !rd.bad; i++ {
		k := BlockPiece{PieceRef: rd.ref()}
		pp += rd.next()
		pb += rd.next()
		k.Passage, k.Byte = pp, pb
		m.Blocks = append(m.Blocks, k)
	}
	if rd.bad || rd.at != len(body) {
		return nil, fmt.Errorf("%w: index manifest does not decode", ErrCorrupt)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%w: index manifest: %v", ErrCorrupt, err)
	}
	return m, nil
}

// rowFiles lists the files of the row pieces, each once, in the order of
// their first piece.
func (m *Manifest) rowFiles() []PieceRef {
	seen := make(map[string]bool, len(m.Rows))
	var out []PieceRef
	for _, r := range m.Rows {
		if !seen[r.File] {
			seen[r.File] = true
			out = append(out, r.PieceRef)
		}
	}
	return out
}

// rowParts returns the row pieces of each row file (numbered as in
// m.files), by their place in it (Part): a file's pieces must be its parts
// 0 to n-1, each once, and every file must hold one. It reads files and
// fileOf, which ParseManifest sets.
func (m *Manifest) rowParts() ([][]int, error) {
	count := make([]int, len(m.files))
	for _, f := range m.fileOf {
		count[f]++
	}
	parts := make([][]int, len(m.files))
	for f, n := range count {
		if n == 0 {
			return nil, fmt.Errorf("row file %s holds no row piece", m.files[f].File)
		}
		parts[f] = make([]int, n)
		for i := range parts[f] {
			parts[f][i] = -1
		}
	}
	for k, r := range m.Rows {
		ps := parts[m.fileOf[k]]
		if r.Part < 0 || r.Part >= len(ps) || ps[r.Part] >= 0 {
			return nil, fmt.Errorf("row file %s: piece %d of %d is named twice or out of range", r.File, r.Part, len(ps))
		}
		ps[r.Part] = k
	}
	return parts, nil
}

// check validates what the manifest says before any piece is fetched.
func (m *Manifest) check() error {
	h := m.Header
	if h.Format != FormatVersion {
		return fmt.Errorf("header format %d, want %d", h.Format, FormatVersion)
	}
	if h.Documents < 0 || h.Passages < 1 || h.Sentences < 0 || m.TextBytes < 0 {
		return fmt.Errorf("header counts are out of range")
	}
	for _, p := range m.Files() {
		if !validPieceName(p.File) {
			return fmt.Errorf("piece name %q is not a piece file name", p.File)
		}
		if p.Size < 4 {
			return fmt.Errorf("piece %s: size %d is too small", p.File, p.Size)
		}
	}
	if len(m.Rows) == 0 || len(m.Blocks) == 0 {
		return fmt.Errorf("no row pieces or no passage blocks")
	}
	for i, r := range m.Rows {
		if len(r.First) == 0 || r.Rows < 1 {
			return fmt.Errorf("row piece %s has no first key or no rows", r.File)
		}
		if i > 0 && bytes.Compare(m.Rows[i-1].First, r.First) >= 0 {
			return fmt.Errorf("row piece %s is out of key order", r.File)
		}
	}
	parts, err := m.rowParts()
	if err != nil {
		return err
	}
	m.parts = parts
	for i, b := range m.Blocks {
		if i == 0 && (b.Passage != 0 || b.Byte != 0) {
			return fmt.Errorf("the first block %s does not start the corpus", b.File)
		}
		if i > 0 && (b.Passage <= m.Blocks[i-1].Passage || b.Byte < m.Blocks[i-1].Byte) {
			return fmt.Errorf("block %s is out of order", b.File)
		}
		if b.Passage >= h.Passages || b.Byte > m.TextBytes {
			return fmt.Errorf("block %s starts past the end of the corpus", b.File)
		}
	}
	return nil
}

// IsPieceName reports whether s is a piece file name: 16 lowercase hex
// digits and ".bin", nothing that could name another path.
func IsPieceName(s string) bool { return validPieceName(s) }

func validPieceName(s string) bool {
	if len(s) != nameDigits+len(pieceExt) || !strings.HasSuffix(s, pieceExt) {
		return false
	}
	for _, c := range s[:nameDigits] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// block is a decoded PSGS piece.
type block struct {
	first   int              // number of its first passage
	recs    []passageRecord  // FirstSentence indexes sents
	sents   []sentenceRecord // the passages' sentences
	byteOff int              // corpus byte offset of text
	text    []byte
}

// size is about the memory the block holds.
func (b *block) size() int { return len(b.text) + 36*len(b.recs) + 12*len(b.sents) }

// decodeMeta reads a META piece into s's document table and passage heads,
// checked against the header.
func decodeMeta(s *snapshot, data []byte) error {
	if len(data) < 4 || string(data[:4]) != "META" {
		return fmt.Errorf("%w: not a meta piece", ErrCorrupt)
	}
	rd := &uvReader{b: data, at: 4}
	h := s.header
	if n := rd.next(); rd.bad || n != h.Documents || n > len(data) {
		return fmt.Errorf("%w: %d documents, header says %d", ErrCorrupt, n, h.Documents)
	}
	s.docs = make([]DocInfo, h.Documents)
	first, textOff := 0, 0
	for i := range s.docs {
		d := &s.docs[i]
		for _, str := range []*string{&d.ID, &d.Title, &d.Date, &d.Source, &d.Path, &d.Format} {
			*str = string(rd.bytes())
		}
		d.Repairs, d.Passages, d.TextLen, d.Runes = rd.next(), rd.next(), rd.next(), rd.next()
		d.First, d.TextOff = first, textOff
		d.Provenance = rd.provenance()
		if rd.bad || d.Passages > h.Passages-first || d.Runes > d.TextLen {
			return fmt.Errorf("%w: document %d is out of range", ErrCorrupt, i)
		}
		first += d.Passages
		textOff += d.TextLen
	}
	if first != h.Passages {
		return fmt.Errorf("%w: documents hold %d passages, header says %d", ErrCorrupt, first, h.Passages)
	}
	bits := kindBits()
	packed := data[rd.at:]
	if len(packed) == 0 || int(packed[0]) != bits {
		return fmt.Errorf("%w: passage kinds are not coded in %d bits", ErrCorrupt, bits)
	}
	packed = packed[1:]
	if len(packed) != (h.Passages*bits+7)/8 {
		return fmt.Errorf("%w: passage kinds take %d bytes, want %d", ErrCorrupt, len(packed), (h.Passages*bits+7)/8)
	}
	s.passages = make([]passageHead, 0, h.Passages)
	for i, d := range s.docs {
		for k := 0; k < d.Passages; k++ {
			s.passages = append(s.passages, passageHead{Doc: int32(i)})
		}
	}
	for i := range s.passages {
		at := i * bits
		k := packed[at/8] >> (at % 8) & (1<<bits - 1)
		if int(k) >= len(kinds) {
			return fmt.Errorf("%w: passage %d has no kind %d", ErrCorrupt, i, k)
		}
		s.passages[i].Kind = k
	}
	s.textLen = textOff
	return nil
}

// uvReader reads uvarints; a bad or out-of-range one sets bad and reads as 0.
type uvReader struct {
	b   []byte
	at  int
	bad bool
}

// bytes reads a uvarint length and that many bytes.
func (r *uvReader) bytes() []byte {
	n := r.next()
	if r.bad || n > len(r.b)-r.at {
		r.bad = true
		return nil
	}
	r.at += n
	return r.b[r.at-n : r.at : r.at]
}

// ref reads a piece name (8 bytes) and size.
func (r *uvReader) ref() PieceRef {
	if r.bad || len(r.b)-r.at < nameDigits/2 {
		r.bad = true
		return PieceRef{}
	}
	name := hex.EncodeToString(r.b[r.at:r.at+nameDigits/2]) + pieceExt
	r.at += nameDigits / 2
	return PieceRef{File: name, Size: r.next()}
}

// int reads a zigzag varint (putInt) that fits an int32.
func (r *uvReader) int() int {
	if r.bad || r.at >= len(r.b) {
		r.bad = true
		return 0
	}
	v, n := binary.Varint(r.b[r.at:])
	if n <= 0 || v > 1<<31-1 || v < -1<<31 {
		r.bad = true
		return 0
	}
	r.at += n
	return int(v)
}

// count reads a uvarint count of entries that take at least min bytes
// each, refusing one the bytes left cannot hold (so that a damaged count
// allocates nothing).
func (r *uvReader) count(min int) int {
	n := r.next()
	if !r.bad && n > (len(r.b)-r.at)/min {
		r.bad = true
	}
	if r.bad {
		return 0
	}
	return n
}

// provenance reads what putProvenance wrote; r.bad tells a damaged one.
func (r *uvReader) provenance() *provenance.Provenance {
	if r.next() == 0 || r.bad {
		return nil
	}
	p := &provenance.Provenance{}
	for _, s := range []*string{&p.Encoding, &p.Decided, &p.Reason, &p.Root} {
		*s = string(r.bytes())
	}
	p.Fallback, p.Replaced, p.Controls, p.Invisible = r.int(), r.int(), r.int(), r.int()
	p.RootFound = r.next() == 1
	if n := r.count(2); n > 0 {
		p.Sanitized = make(map[string]int, n)
		for range n {
			k := string(r.bytes())
			p.Sanitized[k] = r.int()
		}
	}
	if n := r.count(5); n > 0 {
		p.Repairs = make([]provenance.Repair, n)
		for i := range p.Repairs {
			rp := &p.Repairs[i]
			rp.Start, rp.End = r.int(), r.int()
			rp.From, rp.To = string(r.bytes()), string(r.bytes())
			flags := r.next()
			rp.Lossy, rp.Figures = flags&1 != 0, flags&2 != 0
		}
	}
	if r.bad {
		return nil
	}
	return p
}

func (r *uvReader) next() int {
	if r.bad || r.at >= len(r.b) {
		r.bad = true
		return 0
	}
	v, n := binary.Uvarint(r.b[r.at:])
	if n <= 0 || v > 1<<31-1 {
		r.bad = true
		return 0
	}
	r.at += n
	return int(v)
}

// decodeBlock reads a PSGS piece, checked against the manifest entry k and
// the document table, so that later look-ups can slice without bounds
// worries.
func decodeBlock(s *snapshot, m *Manifest, k int, data []byte) (*block, error) {
	if len(data) < 4 || string(data[:4]) != "PSGS" {
		return nil, fmt.Errorf("%w: not a passage block", ErrCorrupt)
	}
	e := m.Blocks[k]
	end, byteEnd := len(s.passages), m.TextBytes
	if k+1 < len(m.Blocks) {
		end, byteEnd = m.Blocks[k+1].Passage, m.Blocks[k+1].Byte
	}
	rd := &uvReader{b: data, at: 4}
	b := &block{first: rd.next()}
	count := rd.next()
	b.byteOff = rd.next()
	tlen := rd.next()
	if rd.bad || b.first != e.Passage || count != end-e.Passage || b.byteOff != e.Byte || tlen != byteEnd-e.Byte {
		return nil, fmt.Errorf("%w: block does not hold what the manifest says", ErrCorrupt)
	}
	if count > len(data) {
		return nil, fmt.Errorf("%w: block claims %d passages", ErrCorrupt, count)
	}
	b.recs = make([]passageRecord, 0, count)
	for n := b.first; n < end; n++ {
		di := int(s.passages[n].Doc)
		d := s.docs[di]
		cp, by := 0, 0
		if n > b.first && int(s.passages[n-1].Doc) == di {
			prev := b.recs[len(b.recs)-1]
			cp, by = int(prev.End), int(prev.ByteEnd)
		}
		r := passageRecord{Doc: int32(di), Kind: int32(s.passages[n].Kind), Dup: int32(rd.next())}
		cp += rd.next()
		by += rd.next()
		r.Start, r.ByteStart = int32(cp), int32(by)
		cp += rd.next()
		by += rd.next()
		r.End, r.ByteEnd = int32(cp), int32(by)
		ns := rd.next()
		g0, g1 := d.TextOff+int(r.ByteStart), d.TextOff+int(r.ByteEnd)
		if rd.bad || cp > d.Runes || by > d.TextLen || g0 < b.byteOff || g1 > b.byteOff+tlen || ns > len(data) {
			return nil, fmt.Errorf("%w: passage %d is out of range", ErrCorrupt, n)
		}
		r.FirstSentence, r.Sentences = int32(len(b.sents)), int32(ns)
		sc := int(r.Start)
		for j := 0; j < ns; j++ {
			dup := rd.next()
			sc += rd.next()
			st := sc
			sc += rd.next()
			if rd.bad || sc > int(r.End) {
				return nil, fmt.Errorf("%w: a sentence of passage %d is out of range", ErrCorrupt, n)
			}
			b.sents = append(b.sents, sentenceRecord{int32(dup), int32(st), int32(sc)})
		}
		b.recs = append(b.recs, r)
	}
	if rd.bad || len(data)-rd.at != tlen {
		return nil, fmt.Errorf("%w: block text is %d bytes, want %d", ErrCorrupt, len(data)-rd.at, tlen)
	}
	b.text = data[rd.at:len(data):len(data)]
	return b, nil
}

// decodeRowFile reads a row file: the one ROWS piece it is, or the ROWS
// pieces of an RGRP file, each checked against its manifest entry (ks, by
// Part).
func decodeRowFile(m *Manifest, ks []int, data []byte) ([]*rowTable, error) {
	if len(data) < 4 || string(data[:4]) != "RGRP" {
		if len(ks) != 1 {
			return nil, fmt.Errorf("%w: a row file of one piece where the manifest says %d", ErrCorrupt, len(ks))
		}
		t, err := decodeRows(m, ks[0], data)
		return []*rowTable{t}, err
	}
	rd := &uvReader{b: data, at: 4}
	n := rd.next()
	if rd.bad || n != len(ks) {
		return nil, fmt.Errorf("%w: a row file of %d pieces where the manifest says %d", ErrCorrupt, n, len(ks))
	}
	lens := make([]int, n)
	for i := range lens {
		lens[i] = rd.next()
	}
	if rd.bad {
		return nil, fmt.Errorf("%w: row file header", ErrCorrupt)
	}
	ts := make([]*rowTable, n)
	at := rd.at
	for i, l := range lens {
		if l > len(data)-at {
			return nil, fmt.Errorf("%w: row file piece %d is cut short", ErrCorrupt, i)
		}
		t, err := decodeRows(m, ks[i], data[at:at+l:at+l])
		if err != nil {
			return nil, err
		}
		ts[i], at = t, at+l
	}
	if at != len(data) {
		return nil, fmt.Errorf("%w: %d bytes after the row file's pieces", ErrCorrupt, len(data)-at)
	}
	return ts, nil
}

// decodeRows reads a ROWS piece, checked against manifest entry k.
func decodeRows(m *Manifest, k int, data []byte) (*rowTable, error) {
	if len(data) < 4 || string(data[:4]) != "ROWS" {
		return nil, fmt.Errorf("%w: not a row piece", ErrCorrupt)
	}
	t, err := newRowTable(data[4:])
	if err != nil {
		return nil, err
	}
	if t.n != m.Rows[k].Rows || t.n == 0 || !bytes.Equal(t.firstKey(0), m.Rows[k].First) {
		return nil, fmt.Errorf("%w: row piece does not hold what the manifest says", ErrCorrupt)
	}
	// Every row must decode, in key order, and start with the first key's
	// byte (rowSet.byKind relies on it).
	c := cursor{t: t}
	c.seekBlock(0)
	n := 0
	var prev []byte
	for c.advance(); c.ok; c.advance() {
		if len(c.key) == 0 || c.key[0] != m.Rows[k].First[0] || n > 0 && bytes.Compare(prev, c.key) >= 0 {
			return nil, fmt.Errorf("%w: row %d is out of order", ErrCorrupt, n)
		}
		prev = c.key
		n++
	}
	if n != t.n {
		return nil, fmt.Errorf("%w: %d of %d rows decode", ErrCorrupt, n, t.n)
	}
	return t, nil
}

// blockOf returns the block holding passage n.
func (m *Manifest) blockOf(n int) int {
	return sort.Search(len(m.Blocks), func(i int) bool { return m.Blocks[i].Passage > n }) - 1
}

// blockOfByte returns the block holding corpus byte at.
func (m *Manifest) blockOfByte(at int) int {
	return max(sort.Search(len(m.Blocks), func(i int) bool { return m.Blocks[i].Byte > at })-1, 0)
}
