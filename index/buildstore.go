//go:build !js

package index

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/registry"
	store "github.com/blevesearch/upsidedown_store_api"
)

// buildStoreName is the in-memory KV store Build indexes into: a hash map
// holding the rows of one run (see buildruns.go), sorted once when the run
// is written out. bleve's gtreap store keeps a balanced tree instead, which
// makes large builds several times slower.
const buildStoreName = "claimtag_build"

func init() {
	if err := registry.RegisterKVStore(buildStoreName, func(mo store.MergeOperator, _ map[string]interface{}) (store.KVStore, error) {
		return &mapStore{mo: mo, m: map[string][]byte{}}, nil
	}); err != nil {
		panic(err)
	}
}

// rowOverhead is about what a row costs in a mapStore beyond its key and
// value bytes: the map entry, two allocations, and the garbage a batch
// leaves (measured on synthetic and real corpora: 250 to 330 bytes).
const rowOverhead = 300

type mapStore struct {
	mu   sync.RWMutex
	mo   store.MergeOperator
	m    map[string][]byte
	size int64 // estimated memory of the rows: bytes plus rowOverhead each
}

// storeRow is one row drained from a mapStore.
type storeRow struct {
	key string
	val []byte
}

// memory returns the estimated memory the store's rows take.
func (s *mapStore) memory() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.size
}

// drain returns every row in key order and empties the store. upsidedown
// reads the store only to find a document's earlier rows (a build adds
// each document once, so there are none) and its field and version rows
// on open, so a drained store indexes the next documents as a full one
// would; only the dictionary counters restart, and the runs' merge adds
// them up again.
func (s *mapStore) drain() []storeRow {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]storeRow, 0, len(s.m))
	for k, v := range s.m {
		rows = append(rows, storeRow{k, v})
	}
	s.m, s.size = map[string][]byte{}, 0
	slices.SortFunc(rows, func(a, b storeRow) int { return strings.Compare(a.key, b.key) })
	return rows
}

func (s *mapStore) Close() error                    { return nil }
func (s *mapStore) Reader() (store.KVReader, error) { return mapReader{s}, nil }
func (s *mapStore) Writer() (store.KVWriter, error) { return mapWriter{s}, nil }

type mapReader struct{ s *mapStore }

func (r mapReader) Get(key []byte) ([]byte, error) {
	r.s.mu.RLock()
	defer r.s.mu.RUnlock()
	return r.s.m[string(key)], nil
}

func (r mapReader) MultiGet(keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i], _ = r.Get(k)
	}
	return out, nil
}

func (r mapReader) PrefixIterator(prefix []byte) store.KVIterator {
	return r.RangeIterator(prefix, prefixEnd(prefix))
}

// RangeIterator sorts the keys in range: the build iterates only to open
// the empty index and to read the field rows.
func (r mapReader) RangeIterator(start, end []byte) store.KVIterator {
	r.s.mu.RLock()
	defer r.s.mu.RUnlock()
	it := &sliceIterator{}
	for k, v := range r.s.m {
		kb := []byte(k)
		if bytes.Compare(kb, start) >= 0 && (end == nil || bytes.Compare(kb, end) < 0) {
			it.keys = append(it.keys, kb)
			it.vals = append(it.vals, v)
		}
	}
	sort.Sort(it)
	return it
}

func (r mapReader) Close() error { return nil }

type sliceIterator struct {
	keys, vals [][]byte
	i          int
}

func (it *sliceIterator) Len() int           { return len(it.keys) }
func (it *sliceIterator) Less(i, j int) bool { return bytes.Compare(it.keys[i], it.keys[j]) < 0 }
func (it *sliceIterator) Swap(i, j int) {
	it.keys[i], it.keys[j] = it.keys[j], it.keys[i]
	it.vals[i], it.vals[j] = it.vals[j], it.vals[i]
}
func (it *sliceIterator) Seek(key []byte) {
	it.i = sort.Search(len(it.keys), func(i int) bool { return bytes.Compare(it.keys[i], key) >= 0 })
}
func (it *sliceIterator) Next()        { it.i++ }
func (it *sliceIterator) Valid() bool  { return it.i < len(it.keys) }
func (it *sliceIterator) Close() error { return nil }
func (it *sliceIterator) Key() []byte {
	if !it.Valid() {
		return nil
	}
	return it.keys[it.i]
}
func (it *sliceIterator) Value() []byte {
	if !it.Valid() {
		return nil
	}
	return it.vals[it.i]
}
func (it *sliceIterator) Current() ([]byte, []byte, bool) {
	return it.Key(), it.Value(), it.Valid()
}

type mapWriter struct{ s *mapStore }

func (w mapWriter) NewBatch() store.KVBatch { return store.NewEmulatedBatch(w.s.mo) }
func (w mapWriter) NewBatchEx(o store.KVBatchOptions) ([]byte, store.KVBatch, error) {
	return make([]byte, o.TotalBytes), w.NewBatch(), nil
}
func (w mapWriter) Close() error { return nil }

func (w mapWriter) ExecuteBatch(batch store.KVBatch) error {
	b, ok := batch.(*store.EmulatedBatch)
	if !ok {
		return fmt.Errorf("%s store: unexpected batch type %T", buildStoreName, batch)
	}
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	for k, ops := range b.Merger.Merges {
		old, had := w.s.m[k]
		merged, ok := w.s.mo.FullMerge([]byte(k), old, ops)
		if !ok {
			return fmt.Errorf("%s store: merge failed for key %q", buildStoreName, k)
		}
		w.s.set(k, old, had, merged)
	}
	for _, op := range b.Ops {
		k := string(op.K)
		old, had := w.s.m[k]
		if op.V != nil {
			w.s.set(k, old, had, op.V)
		} else if had {
			delete(w.s.m, k)
			w.s.size -= int64(len(k) + len(old) + rowOverhead)
		}
	}
	return nil
}

// set stores v under k, which held old when had, keeping size.
func (s *mapStore) set(k string, old []byte, had bool, v []byte) {
	if had {
		s.size -= int64(len(old))
	} else {
		s.size += int64(len(k) + rowOverhead)
	}
	s.size += int64(len(v))
	s.m[k] = v
}
