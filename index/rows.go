package index

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
)

// rowTable is the ROWS section: key/value rows in key order, in blocks of
// rowBlock rows. Inside a block each key is stored as the length it shares
// with the previous key plus the rest ("front coding"); the first key of a
// block is whole, so a look-up binary-searches the blocks and scans one.
//
//	uint32 row count, uint32 block count B, B uint32 block offsets into data
//	data: per row uvarint shared, uvarint suffix length, suffix,
//	      uvarint value length, value
//
// Values are sliced from the snapshot, never copied; keys are rebuilt.
type rowTable struct {
	n, blocks int
	offsets   []byte // B uint32 offsets into data
	data      []byte
}

// rowBlock is the number of rows per block.
const rowBlock = 16

// encodeRows lays out sorted rows as a rowTable.
func encodeRows(keys, vals [][]byte) []byte {
	var data bytes.Buffer
	e := rowEncoder{w: &data}
	for i := range keys {
		e.add(keys[i], vals[i])
	}
	head, _ := e.header()
	return append(head, data.Bytes()...)
}

// rowEncoder lays out rows, given in key order, as a rowTable: the data
// goes to w as the rows come, so that a large table is written without
// being held; the block offsets are kept, and header returns them.
type rowEncoder struct {
	w       io.Writer
	n       int
	size    int64   // data bytes written
	offsets []int64 // data offset of each block
	prev    []byte
	buf     []byte
	err     error // the first write error
}

// add appends one row.
func (e *rowEncoder) add(key, val []byte) {
	shared := 0
	if e.n%rowBlock == 0 {
		e.offsets = append(e.offsets, e.size)
	} else {
		shared = sharedPrefix(e.prev, key)
	}
	b := appendRow(e.buf[:0], shared, key, val)
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
	e.size += int64(len(b))
	e.buf = b
	e.prev = append(e.prev[:0], key...)
	e.n++
}

// sharedPrefix returns the length of the prefix a and b share.
func sharedPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// appendRow appends a row to dst as the row tables and the build's runs
// code it: uvarints of the length of the prefix the key shares with the
// previous key and of the rest of the key, the rest, the value's length
// and the value.
func appendRow(dst []byte, shared int, key, val []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(shared))
	dst = binary.AppendUvarint(dst, uint64(len(key)-shared))
	dst = append(dst, key[shared:]...)
	dst = binary.AppendUvarint(dst, uint64(len(val)))
	return append(dst, val...)
}

// header returns what precedes the data: the row count, the block count
// and the blocks' offsets. It fails when a write failed or the table is
// too large for its 32-bit offsets.
func (e *rowEncoder) header() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	if e.size > math.MaxUint32 || e.n > math.MaxUint32 {
		return nil, fmt.Errorf("%d index rows in %d bytes: more than a row table holds (4 GiB)", e.n, e.size)
	}
	out := make([]byte, 8+4*len(e.offsets))
	binary.LittleEndian.PutUint32(out, uint32(e.n))
	binary.LittleEndian.PutUint32(out[4:], uint32(len(e.offsets)))
	for i, o := range e.offsets {
		binary.LittleEndian.PutUint32(out[8+4*i:], uint32(o))
	}
	return out, nil
}

func newRowTable(b []byte) (*rowTable, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("%w: row table is missing", ErrCorrupt)
	}
	n := int(binary.LittleEndian.Uint32(b))
	blocks := int(binary.LittleEndian.Uint32(b[4:]))
	if blocks != (n+rowBlock-1)/rowBlock || blocks > (len(b)-8)/4 {
		return nil, fmt.Errorf("%w: row table claims %d rows in %d blocks", ErrCorrupt, n, blocks)
	}
	t := &rowTable{n: n, blocks: blocks, offsets: b[8 : 8+4*blocks], data: b[8+4*blocks:]}
	prev := -1
	for i := 0; i < blocks; i++ {
		o := t.blockOff(i)
		if o <= prev || o >= len(t.data) {
			return nil, fmt.Errorf("%w: row block %d offset out of range", ErrCorrupt, i)
		}
		prev = o
	}
	return t, nil
}

func (t *rowTable) blockOff(i int) int { return int(binary.LittleEndian.Uint32(t.offsets[4*i:])) }

// cursor decodes rows one after another. Its zero position is invalid.
type cursor struct {
	t     *rowTable
	i     int // row number of the current row
	next  int // data offset of the next row
	key   []byte
	value []byte
	ok    bool
	arena []byte // rebuilt keys are carved from here, to allocate rarely
	grown int    // size of the last arena: small first, as most scans are short
}

// newKey returns n bytes for a key. Keys handed out stay valid: a full
// arena is replaced, never reused.
func (c *cursor) newKey(n int) []byte {
	if n > len(c.arena) {
		c.grown = min(max(2*c.grown, 128), 4096)
		c.arena = make([]byte, max(c.grown, n))
	}
	k := c.arena[:n:n]
	c.arena = c.arena[n:]
	return k
}

// seekBlock positions c before the first row of block b.
func (c *cursor) seekBlock(b int) {
	c.i, c.ok, c.key = b*rowBlock-1, false, nil
	if b < c.t.blocks {
		c.next = c.t.blockOff(b)
	}
}

func uvarint(b []byte, at int) (int, int, bool) {
	if at < 0 || at >= len(b) {
		return 0, at, false
	}
	v, m := binary.Uvarint(b[at:])
	if m <= 0 || v > uint64(len(b)) {
		return 0, at, false
	}
	return int(v), at + m, true
}

// advance decodes the next row; on damaged data or at the end it leaves c
// invalid.
func (c *cursor) advance() {
	c.i++
	if c.i >= c.t.n {
		c.ok = false
		return
	}
	d := c.t.data
	shared, at, ok1 := uvarint(d, c.next)
	if c.i%rowBlock == 0 {
		shared = 0
	}
	slen, at, ok2 := uvarint(d, at)
	if !ok1 || !ok2 || shared > len(c.key) || slen > len(d)-at {
		c.ok = false
		return
	}
	var key []byte
	if shared == 0 {
		key = d[at : at+slen : at+slen] // a whole key is used in place
	} else {
		key = c.newKey(shared + slen)
		copy(key, c.key[:shared])
		copy(key[shared:], d[at:at+slen])
	}
	at += slen
	vlen, at, ok3 := uvarint(d, at)
	if !ok3 || vlen > len(d)-at {
		c.ok = false
		return
	}
	c.key, c.value, c.next, c.ok = key, d[at:at+vlen:at+vlen], at+vlen, true
}

// firstKey returns the whole first key of block b, without copying.
func (t *rowTable) firstKey(b int) []byte {
	d := t.data
	_, at, ok1 := uvarint(d, t.blockOff(b))
	slen, at, ok2 := uvarint(d, at)
	if !ok1 || !ok2 || slen > len(d)-at {
		return nil
	}
	return d[at : at+slen : at+slen]
}

// block returns the block that holds the first row >= key, searching blocks
// [lo, hi): the last block whose first key is <= key (or lo).
func (t *rowTable) block(key []byte, lo, hi int) int {
	b := lo + sort.Search(hi-lo, func(i int) bool { return bytes.Compare(t.firstKey(lo+i), key) > 0 }) - 1
	return max(b, lo)
}

// seek moves c to the first row whose key is >= key (invalid if there is
// none), looking only at blocks [lo, hi). A target in the cursor's own block
// or the next is reached by scanning on, not by a new search.
func (c *cursor) seek(key []byte, lo, hi int) {
	t := c.t
	if c.ok && bytes.Compare(c.key, key) <= 0 {
		nb := c.i/rowBlock + 2
		if nb >= t.blocks || bytes.Compare(t.firstKey(nb), key) > 0 {
			for ; c.ok && bytes.Compare(c.key, key) < 0; c.advance() {
			}
			return
		}
		lo = max(lo, nb)
	}
	c.seekBlock(t.block(key, lo, hi))
	for c.advance(); c.ok && bytes.Compare(c.key, key) < 0; c.advance() {
	}
}

// rank returns the number of rows whose key is < key (all of them when key
// is nil).
func (t *rowTable) rank(key []byte) int {
	if key == nil {
		return t.n
	}
	if c := t.seek(key); c.ok {
		return c.i
	}
	return t.n
}

// seek returns a cursor on the first row whose key is >= key.
func (t *rowTable) seek(key []byte) cursor {
	c := cursor{t: t}
	c.seek(key, 0, t.blocks)
	return c
}
