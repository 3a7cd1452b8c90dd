package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	store "github.com/blevesearch/upsidedown_store_api"
)

// rowTable is the ROWS section: sorted key/value rows, found by binary search
// over the bytes, never copied.
type rowTable struct {
	n       int
	offsets []byte // n+1 uint32 offsets into data
	data    []byte
}

func newRowTable(b []byte) (*rowTable, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("%w: row table is missing", ErrCorrupt)
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n < 0 || n > (len(b)-8)/4 {
		return nil, fmt.Errorf("%w: row table claims %d rows", ErrCorrupt, n)
	}
	t := &rowTable{n: n, offsets: b[4 : 4+4*(n+1)], data: b[4+4*(n+1):]}
	prevEnd := 0
	var prevKey []byte
	for i := 0; i <= n; i++ {
		o := t.off(i)
		if o < prevEnd || o > len(t.data) {
			return nil, fmt.Errorf("%w: row %d offset out of range", ErrCorrupt, i)
		}
		prevEnd = o
	}
	if t.off(n) != len(t.data) {
		return nil, fmt.Errorf("%w: row data has %d stray bytes", ErrCorrupt, len(t.data)-t.off(n))
	}
	for i := 0; i < n; i++ {
		raw := t.data[t.off(i):t.off(i+1)]
		klen, m := binary.Uvarint(raw)
		if m <= 0 || klen > uint64(len(raw)-m) {
			return nil, fmt.Errorf("%w: row %d key length out of range", ErrCorrupt, i)
		}
		k := raw[m : m+int(klen)]
		if i > 0 && bytes.Compare(prevKey, k) >= 0 {
			return nil, fmt.Errorf("%w: rows out of order at row %d", ErrCorrupt, i)
		}
		prevKey = k
	}
	return t, nil
}

func (t *rowTable) off(i int) int { return int(binary.LittleEndian.Uint32(t.offsets[4*i:])) }

// row returns row i's key and value, capped so that appends cannot write into
// the snapshot.
func (t *rowTable) row(i int) (k, v []byte) {
	raw := t.data[t.off(i):t.off(i+1)]
	klen, m := binary.Uvarint(raw)
	ke := m + int(klen)
	return raw[m:ke:ke], raw[ke:len(raw):len(raw)]
}

// search returns the index of the first row whose key is >= key.
func (t *rowTable) search(key []byte) int {
	return sort.Search(t.n, func(i int) bool {
		k, _ := t.row(i)
		return bytes.Compare(k, key) >= 0
	})
}

// errReadOnly is returned by the writer of a snapshot store.
var errReadOnly = errors.New("index snapshot is read-only")

// snapshotStoreName is the name the read-only store is registered under in
// bleve's registry; the rows travel in the store config under "rows".
const snapshotStoreName = "claimtag_snapshot"

// roStore serves a rowTable as an upsidedown KV store.
type roStore struct{ t *rowTable }

func newROStore(_ store.MergeOperator, config map[string]interface{}) (store.KVStore, error) {
	t, ok := config["rows"].(*rowTable)
	if !ok || t == nil {
		return nil, fmt.Errorf("%s store: config has no rows", snapshotStoreName)
	}
	return &roStore{t: t}, nil
}

func (s *roStore) Writer() (store.KVWriter, error) { return nil, errReadOnly }
func (s *roStore) Reader() (store.KVReader, error) { return roReader{s.t}, nil }
func (s *roStore) Close() error                    { return nil }

type roReader struct{ t *rowTable }

func (r roReader) Get(key []byte) ([]byte, error) {
	i := r.t.search(key)
	if i < r.t.n {
		if k, v := r.t.row(i); bytes.Equal(k, key) {
			return v, nil
		}
	}
	return nil, nil
}

func (r roReader) MultiGet(keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i], _ = r.Get(k)
	}
	return out, nil
}

func (r roReader) PrefixIterator(prefix []byte) store.KVIterator {
	return r.RangeIterator(prefix, prefixEnd(prefix))
}

func (r roReader) RangeIterator(start, end []byte) store.KVIterator {
	it := &roIterator{t: r.t, start: start, end: end, hi: r.t.n}
	if end != nil {
		it.hi = r.t.search(end)
	}
	it.Seek(start)
	return it
}

func (r roReader) Close() error { return nil }

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

// roIterator walks rows [lo, hi) of the table.
type roIterator struct {
	t          *rowTable
	start, end []byte
	i, hi      int
}

func (it *roIterator) Seek(key []byte) {
	if bytes.Compare(key, it.start) < 0 {
		key = it.start
	}
	it.i = it.t.search(key)
}

func (it *roIterator) Next()       { it.i++ }
func (it *roIterator) Valid() bool { return it.i < it.hi }
func (it *roIterator) Close() error {
	return nil
}

func (it *roIterator) Key() []byte {
	if !it.Valid() {
		return nil
	}
	k, _ := it.t.row(it.i)
	return k
}

func (it *roIterator) Value() []byte {
	if !it.Valid() {
		return nil
	}
	_, v := it.t.row(it.i)
	return v
}

func (it *roIterator) Current() ([]byte, []byte, bool) {
	if !it.Valid() {
		return nil, nil, false
	}
	k, v := it.t.row(it.i)
	return k, v, true
}
