package index

import (
	"bytes"
	"errors"
	"fmt"

	store "github.com/blevesearch/upsidedown_store_api"
)

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
	c := r.t.seek(key)
	if c.ok && bytes.Equal(c.key, key) {
		return c.value, nil
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
	it := &roIterator{t: r.t, start: start, end: end, hi: r.t.blocks, c: cursor{t: r.t}}
	it.lo = r.t.block(start, 0, r.t.blocks)
	if end != nil {
		it.hi = min(r.t.block(end, it.lo, r.t.blocks)+1, r.t.blocks)
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

// roIterator walks the rows in [start, end), which lie in blocks [lo, hi).
type roIterator struct {
	t          *rowTable
	start, end []byte
	lo, hi     int
	c          cursor
}

func (it *roIterator) Seek(key []byte) {
	if bytes.Compare(key, it.start) < 0 {
		key = it.start
	}
	if it.c.ok && bytes.Compare(it.c.key, key) > 0 {
		it.c.ok = false // seeking backwards: search afresh
	}
	it.c.seek(key, it.lo, it.hi)
}

func (it *roIterator) Next() { it.c.advance() }

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

func (it *roIterator) Current() ([]byte, []byte, bool) {
	if !it.Valid() {
		return nil, nil, false
	}
	return it.c.key, it.c.value, true
}
