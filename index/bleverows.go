package index

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// The rows of bleve's upsidedown index, read by hand.
//
// Build writes the index natively with bleve's upsidedown
// (index/upsidedown, v2.5.7), and its rows are stored as they are. Reading
// them takes little: the formats below, from upsidedown's row.go. This code
// reads them itself instead of through the library because the library
// does not compile small for WebAssembly: upsidedown keeps its back index
// rows as protobuf messages, and protobuf's reflection makes the linker
// keep every exported method of everything linked; with it app.wasm was
// about twice the size. bleverows_test.go checks these readers against
// upsidedown's own, natively, on every row of real and generated indexes.
//
// Integers are uvarints unless said otherwise; a field is the uint16 number
// of a field row, little endian.
//
//	version     key 'v'; value one byte, udVersion
//	field       key 'f', field; value the field's name and 0xff
//	dictionary  key 'd', field, term; value the number of documents
//	            holding the term
//	term        key 't', field, term, 0xff, document id; value the term's
//	            frequency in the document, the bits of the field's length
//	            norm (a float32), then per term vector (when the field
//	            keeps them) its field, position, start and end byte
//	            offsets, and a count of array positions followed by them
//	back index  key 'b', document id: counted by upsidedown when it opens,
//	            never read here (Build drops the values, Split the rows)
//
// Every decoder returns an error wrapping ErrCorrupt on damaged rows, and
// never panics.

// udVersion is the version of upsidedown's row formats (upsidedown.Version)
// that these readers read.
const udVersion = 7

// rowSep ends a term in a term row key, and a field name (upsidedown's
// ByteSeparator).
const rowSep = 0xff

// versionKey is the key of the version row.
var versionKey = []byte{'v'}

// decodeVersionRow checks the value of the version row (nil when there is
// none).
func decodeVersionRow(v []byte) error {
	switch {
	case v == nil:
		return fmt.Errorf("%w: the index has no version row", ErrCorrupt)
	case len(v) != 1:
		return fmt.Errorf("%w: version row of %d bytes", ErrCorrupt, len(v))
	case v[0] != udVersion:
		return fmt.Errorf("%w: index rows of version %d, this build reads %d", ErrCorrupt, v[0], udVersion)
	}
	return nil
}

// decodeFieldRow returns the number and name of a field row.
func decodeFieldRow(k, v []byte) (uint16, string, error) {
	if len(k) != 3 || k[0] != 'f' || len(v) == 0 || v[len(v)-1] != rowSep || bytes.IndexByte(v, rowSep) != len(v)-1 {
		return 0, "", fmt.Errorf("%w: field row %q", ErrCorrupt, k)
	}
	return binary.LittleEndian.Uint16(k[1:]), string(v[:len(v)-1]), nil
}

// decodeDictRow returns the document count of a dictionary row's value.
func decodeDictRow(v []byte) (uint64, error) {
	n, m := binary.Uvarint(v)
	if m <= 0 {
		return 0, fmt.Errorf("%w: dictionary row value %q", ErrCorrupt, v)
	}
	return n, nil
}

// posting is the value of one term row, with the document id of its key.
type posting struct {
	id   []byte
	freq uint64
	norm float32
	vec  []tpos // the term vectors when asked for, in row order
}

// decodeTermRow decodes the value of a term row into p, its term vectors
// too when vectors is set (appended to p.vec[:0]). Positions and offsets
// are kept in 32 bits, as searches use them.
func decodeTermRow(v []byte, vectors bool, p *posting) error {
	bad := func(what string) error { return fmt.Errorf("%w: term row value: %s", ErrCorrupt, what) }
	freq, m := binary.Uvarint(v)
	if m <= 0 {
		return bad("no frequency")
	}
	at := m
	norm, m := binary.Uvarint(v[at:])
	if m <= 0 {
		return bad("no norm")
	}
	at += m
	p.freq, p.norm, p.vec = freq, math.Float32frombits(uint32(norm)), p.vec[:0]
	if !vectors {
		return nil
	}
	// As upsidedown reads them: vectors while a field number decodes, and
	// nothing undecodable after them.
	for at < len(v) {
		if _, m = binary.Uvarint(v[at:]); m <= 0 {
			return bad("bad vector field")
		}
		at += m
		var nums [4]uint64 // position, start, end, array positions
		for i := range nums {
			if nums[i], m = binary.Uvarint(v[at:]); m <= 0 {
				return bad("vector cut short")
			}
			at += m
		}
		if nums[3] > uint64(len(v)-at) {
			return bad("array position count too large")
		}
		for range nums[3] {
			if _, m = binary.Uvarint(v[at:]); m <= 0 {
				return bad("array positions cut short")
			}
			at += m
		}
		p.vec = append(p.vec, tpos{uint32(nums[0]), uint32(nums[1]), uint32(nums[2])})
	}
	return nil
}

// readFields reads the field rows and checks the version row, as upsidedown
// does when it opens an index.
func (ix *Index) readFields() (err error) {
	defer rescue(&err)
	it := roReader{ix.rows}.PrefixIterator([]byte{'f'})
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		n, name, err := decodeFieldRow(k, v)
		if err != nil {
			return err
		}
		ix.fields[name] = n
		it.Next()
	}
	v, err := roReader{ix.rows}.Get(versionKey)
	if err != nil {
		return err
	}
	return decodeVersionRow(v)
}

// fieldKey returns the row key prefix of kind ('d' dictionary, 't' term
// rows) for field followed by term, and whether the field exists.
func (ix *Index) fieldKey(kind byte, field, term string) ([]byte, bool) {
	f, ok := ix.fields[field]
	if !ok {
		return nil, false
	}
	k := make([]byte, 3, 4+len(term))
	k[0] = kind
	binary.LittleEndian.PutUint16(k[1:], f)
	return append(k, term...), true
}

// termCount returns the number of passages holding term in field: its
// dictionary row's count, 0 when there is none.
func (ix *Index) termCount(field, term string) (uint64, error) {
	k, ok := ix.fieldKey('d', field, term)
	if !ok {
		return 0, nil
	}
	if n, ok := ix.heldCount(field, term, k); ok {
		return n, nil
	}
	v, err := roReader{ix.rows}.Get(k)
	if err != nil || v == nil {
		return 0, err
	}
	return decodeDictRow(v)
}

// countedFields are the fields whose dictionary rows count their term
// rows: a passage holding a term has one term row for it, and the
// dictionary row says how many passages do (TestDictionaryCountsTermRows
// checks every term of a built corpus). FieldForms is left out: ranking
// reads its dictionary for the forms it lists, not for counts.
var countedFields = map[string]bool{FieldText: true, FieldTitle: true, FieldName: true, FieldDecl: true}

// heldCount counts term's passages in field from its term rows, when the
// index is in pieces, the piece of the dictionary row dictKey is not in
// memory and those of the term rows are. A search fetches a word's term
// rows and not its dictionary row (see termPieces), one piece fewer per
// word and field to wait for; ok is false when the count must come from
// the dictionary row.
func (ix *Index) heldCount(field, term string, dictKey []byte) (uint64, bool) {
	rs := ix.rows
	if rs.held == nil || !countedFields[field] {
		return 0, false // a snapshot reads its dictionary rows in memory
	}
	if i := rs.pieceOf(dictKey); i >= 0 && !rs.lacks(i, dictKey) {
		if _, ok := rs.held(i); ok {
			return 0, false
		}
	}
	start, _ := ix.fieldKey('t', field, term)
	start = append(start, rowSep)
	n, ok := rs.countHeld(start, prefixEnd(start))
	return uint64(n), ok
}

// termRows iterates the term rows of one term in one field, in key order
// (the document ids sorted as strings), as upsidedown's TermFieldReader
// does: a term without a dictionary row has no postings.
type termRows struct {
	count   uint64
	it      *roIterator // nil when there are no postings
	prefix  []byte      // 't', field, term, 0xff
	vectors bool
	started bool
	key     []byte // advance's seek key
}

// termRows opens the term rows of term in field, decoding term vectors too
// when vectors is set.
func (ix *Index) termRows(field, term string, vectors bool) (*termRows, error) {
	count, err := ix.termCount(field, term)
	if err != nil || count == 0 {
		return &termRows{}, err
	}
	prefix, _ := ix.fieldKey('t', field, term)
	prefix = append(prefix, rowSep)
	return &termRows{count: count, it: roReader{ix.rows}.PrefixIterator(prefix), prefix: prefix, vectors: vectors}, nil
}

// next reads the next posting into p; false at the end.
func (r *termRows) next(p *posting) (bool, error) {
	if r.it == nil {
		return false, nil
	}
	if r.started {
		r.it.Next()
	}
	r.started = true
	return r.current(p)
}

// advance reads into p the first posting whose id is id or sorts after it
// (as a string); false when there is none.
func (r *termRows) advance(id []byte, p *posting) (bool, error) {
	if r.it == nil {
		return false, nil
	}
	r.started = true
	r.key = append(append(r.key[:0], r.prefix...), id...)
	r.it.Seek(r.key)
	return r.current(p)
}

func (r *termRows) current(p *posting) (bool, error) {
	k, v, ok := r.it.Current()
	if !ok {
		return false, nil
	}
	if len(k) <= len(r.prefix) {
		return false, fmt.Errorf("%w: term row %q has no document id", ErrCorrupt, k)
	}
	p.id = k[len(r.prefix):]
	return true, decodeTermRow(v, r.vectors, p)
}

// dictRows iterates the dictionary rows of one field whose terms start
// with a prefix, in term order, as upsidedown's FieldDictPrefix does.
type dictRows struct {
	it  *roIterator // nil for an unknown field
	cut int         // the key bytes before the term
}

// dictPrefix opens the dictionary rows of field whose terms start with
// prefix.
func (ix *Index) dictPrefix(field, prefix string) *dictRows {
	start, ok := ix.fieldKey('d', field, prefix)
	if !ok {
		return &dictRows{}
	}
	// upsidedown's range ends at the prefix "incremented" (its last byte
	// plus one, carrying), not at the end of the keys with the prefix: the
	// two differ only for a prefix ending in 0xff, never valid UTF-8.
	end := bytes.Clone(start)
	for i := len(end) - 1; i >= 3; i-- {
		end[i]++
		if end[i] != 0 {
			break
		}
	}
	return &dictRows{it: roReader{ix.rows}.RangeIterator(start, end), cut: 3}
}

// next returns the next term and its count; ok is false at the end.
func (d *dictRows) next() (term string, count uint64, ok bool, err error) {
	if d.it == nil {
		return "", 0, false, nil
	}
	k, v, valid := d.it.Current()
	if !valid {
		return "", 0, false, nil
	}
	d.it.Next()
	count, err = decodeDictRow(v)
	if err != nil {
		return "", 0, false, err
	}
	return string(k[d.cut:]), count, true, nil
}
