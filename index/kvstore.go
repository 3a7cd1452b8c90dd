package index

import (
	"bytes"
	"sort"
)

// maxRangePrefetch is the most pieces a range iterator fetches in parallel
// when it starts; the pieces of a longer range are fetched as they are read.
const maxRangePrefetch = 16

// rowSet is the rows of an index in key order, in pieces: the one table of
// a whole snapshot, or the row pieces of an index in pieces, each fetched
// when first read. A piece that cannot be fetched makes Get return its
// error and an iterator panic with a pieceFailure (an iterator has no error
// to return), which the index's API edges turn back into an error.
type rowSet struct {
	firsts [][]byte                       // the first key of each piece
	table  func(i int) (*rowTable, error) // piece i
	fetch  func(ks []int) error           // gets pieces ks in parallel; nil when all are in memory
	// held returns piece i when it is in memory, without fetching it; nil
	// for a snapshot's one table, whose dictionary is always at hand.
	held func(i int) (*rowTable, bool)
	// byKind says that the keys of a piece all start with the byte its
	// first key starts with (row pieces are cut where it changes), so a
	// key starting with another byte is known not to be in it unread.
	byKind bool
}

// tableRows is the rowSet of one table.
func tableRows(t *rowTable) *rowSet {
	rs := &rowSet{table: func(int) (*rowTable, error) { return t, nil }}
	if t.n > 0 {
		rs.firsts = [][]byte{t.firstKey(0)}
	}
	return rs
}

// pieceOf returns the piece whose rows may hold key: the last piece whose
// first key is <= key, or -1 when key sorts before every row.
func (rs *rowSet) pieceOf(key []byte) int {
	return sort.Search(len(rs.firsts), func(i int) bool { return bytes.Compare(rs.firsts[i], key) > 0 }) - 1
}

// lacks reports whether piece i is known to hold no key starting like key
// (see byKind).
func (rs *rowSet) lacks(i int, key []byte) bool {
	return rs.byKind && len(key) > 0 && rs.firsts[i][0] != key[0]
}

// seekPiece returns the first piece that may hold a row >= key: pieceOf,
// or the next piece when pieceOf's is known to hold only smaller keys.
func (rs *rowSet) seekPiece(key []byte) int {
	i := rs.pieceOf(key)
	if i < 0 {
		return 0
	}
	if rs.lacks(i, key) {
		return i + 1
	}
	return i
}

// piecesBefore returns the number of pieces whose first key is < end (all
// of them when end is nil).
func (rs *rowSet) piecesBefore(end []byte) int {
	if end == nil {
		return len(rs.firsts)
	}
	return sort.Search(len(rs.firsts), func(i int) bool { return bytes.Compare(rs.firsts[i], end) >= 0 })
}

// countHeld returns the number of rows with keys in [start, end) (end
// nil: to the last row) when every piece that may hold them is in memory
// (held); ok is false when one is not, as counting would fetch it, or when
// the rowSet has no held. It reads no row but a few per piece: the row
// tables' blocks are searched by first key.
func (rs *rowSet) countHeld(start, end []byte) (n int, ok bool) {
	if rs.held == nil {
		return 0, false
	}
	for i := rs.seekPiece(start); i < rs.piecesBefore(end); i++ {
		t, ok := rs.held(i)
		if !ok {
			return 0, false
		}
		n += t.rank(end) - t.rank(start)
	}
	return n, true
}

// mustTable returns piece i or throws its error.
func (rs *rowSet) mustTable(i int) *rowTable {
	t, err := rs.table(i)
	if err != nil {
		throw(err)
	}
	return t
}

// roReader reads a rowSet: one row by key, or the rows of a key range in
// order. Its methods are named as those of bleve's KV store reader
// (package upsidedown_store_api): bleve_store_test.go wraps it as one, to
// open the rows with upsidedown itself and compare.
type roReader struct{ rs *rowSet }

// Get returns the value of the row with key, nil when there is none, or
// the error of the piece that holds it.
func (r roReader) Get(key []byte) ([]byte, error) {
	i := r.rs.pieceOf(key)
	if i < 0 || r.rs.lacks(i, key) {
		return nil, nil
	}
	t, err := r.rs.table(i)
	if err != nil {
		return nil, err
	}
	c := t.seek(key)
	if c.ok && bytes.Equal(c.key, key) {
		return c.value, nil
	}
	return nil, nil
}

// PrefixIterator iterates the rows whose keys start with prefix.
func (r roReader) PrefixIterator(prefix []byte) *roIterator {
	return r.RangeIterator(prefix, prefixEnd(prefix))
}

// RangeIterator iterates the rows with keys in [start, end) (end nil: to
// the last row). It fetches the pieces of a short range at once, and
// throws a pieceFailure when a piece cannot be had.
func (r roReader) RangeIterator(start, end []byte) *roIterator {
	it := &roIterator{rs: r.rs, start: start, end: end, p: -1}
	if r.rs.fetch != nil {
		lo, hi := r.rs.seekPiece(start), r.rs.piecesBefore(end)
		if n := hi - lo; n > 1 && n <= maxRangePrefetch {
			ks := make([]int, 0, n)
			for k := lo; k < hi; k++ {
				ks = append(ks, k)
			}
			if err := r.rs.fetch(ks); err != nil {
				throw(err)
			}
		}
	}
	it.Seek(start)
	return it
}

// prefixEnd returns the smallest key greater than every key with prefix, or
// nil when there is none.
func prefixEnd(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// roIterator walks the rows in [start, end), across pieces.
type roIterator struct {
	rs         *rowSet
	start, end []byte
	p          int // the piece c is in, -1 before any
	c          cursor
}

// pastEnd reports whether piece i starts at or after the range's end, so
// that it holds nothing of it and need not be fetched.
func (it *roIterator) pastEnd(i int) bool {
	return it.end != nil && bytes.Compare(it.rs.firsts[i], it.end) >= 0
}

// enter moves the cursor to the start of piece i, or leaves it invalid
// when piece i is past the range.
func (it *roIterator) enter(i int) bool {
	it.c.ok = false
	if i >= len(it.rs.firsts) || it.pastEnd(i) {
		return false
	}
	if i != it.p {
		it.p = i
		it.c = cursor{t: it.rs.mustTable(i)}
	}
	return true
}

// nextPiece moves an exhausted cursor on to the first row of the next
// pieces of the range.
func (it *roIterator) nextPiece() {
	for !it.c.ok && it.p+1 < len(it.rs.firsts) {
		if !it.enter(it.p + 1) {
			return
		}
		it.c.seekBlock(0)
		it.c.advance()
	}
}

// Seek moves to the first row >= key in the range (to its start when key
// is before it).
func (it *roIterator) Seek(key []byte) {
	if bytes.Compare(key, it.start) < 0 {
		key = it.start
	}
	i := it.rs.seekPiece(key)
	if i >= len(it.rs.firsts) {
		it.c.ok = false
		return
	}
	if i == it.p && it.c.ok && bytes.Compare(it.c.key, key) <= 0 {
		it.c.seek(key, 0, it.c.t.blocks) // forward in the same piece: scan on
	} else {
		if !it.enter(i) {
			return
		}
		it.c.seek(key, 0, it.c.t.blocks)
	}
	it.nextPiece()
}

// Next moves to the next row.
func (it *roIterator) Next() {
	it.c.advance()
	it.nextPiece()
}

func (it *roIterator) Valid() bool {
	return it.c.ok && (it.end == nil || bytes.Compare(it.c.key, it.end) < 0)
}

func (it *roIterator) Close() error { return nil }

func (it *roIterator) Key() []byte {
	if !it.Valid() {
		return nil
	}
	return it.c.key
}

func (it *roIterator) Value() []byte {
	if !it.Valid() {
		return nil
	}
	return it.c.value
}

// Current returns the key and value of the current row, false past the
// range.
func (it *roIterator) Current() ([]byte, []byte, bool) {
	if !it.Valid() {
		return nil, nil, false
	}
	return it.c.key, it.c.value, true
}
