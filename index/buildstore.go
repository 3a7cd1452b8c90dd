//go:build !js

package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
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
// value bytes (the map entry, the key's copy, its share of the batch
// buffer): measured live after a collection, 86 bytes on the python docs
// and 123 on the synthetic corpus of make bench-scale.
const rowOverhead = 120

type mapStore struct {
	mu   sync.RWMutex
	mo   store.MergeOperator
	m    map[string][]byte
	size int64 // estimated memory of the rows: bytes plus rowOverhead each
	peak int   // the most rows a drain found, to size the next map
}

// storeRow is one row drained from a mapStore.
type storeRow struct {
	// head is the key's first 8 bytes as a number: sorting compares it
	// first, and most comparisons end there, without reading the keys'
	// memory.
	head uint64
	key  string
	val  []byte
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
		var head [8]byte
		copy(head[:], k)
		rows = append(rows, storeRow{binary.BigEndian.Uint64(head[:]), k, v})
	}
	s.peak = max(s.peak, len(s.m))
	s.m, s.size = make(map[string][]byte, s.peak), 0
	slices.SortFunc(rows, func(a, b storeRow) int {
		if c := cmp.Compare(a.head, b.head); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
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

// NewBatch returns a batch that copies what it is given, for the rows
// upsidedown writes outside batchRows (the version row, internal rows).
func (w mapWriter) NewBatch() store.KVBatch { return store.NewEmulatedBatch(w.s.mo) }

// NewBatchEx returns the buffer upsidedown's batchRows lays every row of a
// batch out in, each in its own part of it, and a batch that keeps those
// slices instead of copying each: the store's values point into the
// buffer.
func (w mapWriter) NewBatchEx(o store.KVBatchOptions) ([]byte, store.KVBatch, error) {
	return make([]byte, o.TotalBytes), &bufferBatch{
		sets:   make([]storeOp, 0, o.NumSets+o.NumDeletes),
		merges: make([]storeOp, 0, o.NumMerges),
	}, nil
}

func (w mapWriter) Close() error { return nil }

// storeOp is one operation of a bufferBatch: a set, a delete (val nil) or
// a merge operand.
type storeOp struct{ key, val []byte }

// bufferBatch keeps the slices of a NewBatchEx buffer (see there).
type bufferBatch struct{ sets, merges []storeOp }

func (b *bufferBatch) Set(key, val []byte)   { b.sets = append(b.sets, storeOp{key, val}) }
func (b *bufferBatch) Delete(key []byte)     { b.sets = append(b.sets, storeOp{key, nil}) }
func (b *bufferBatch) Merge(key, val []byte) { b.merges = append(b.merges, storeOp{key, val}) }
func (b *bufferBatch) Reset()                { b.sets, b.merges = b.sets[:0], b.merges[:0] }
func (b *bufferBatch) Close() error          { return nil }

func (w mapWriter) ExecuteBatch(batch store.KVBatch) error {
	var merges map[string][][]byte
	var sets []storeOp
	switch b := batch.(type) {
	case *bufferBatch:
		merges = make(map[string][][]byte, len(b.merges))
		for _, m := range b.merges {
			merges[string(m.key)] = append(merges[string(m.key)], m.val)
		}
		sets = b.sets
	case *store.EmulatedBatch:
		merges = b.Merger.Merges
		for _, op := range b.Ops {
			sets = append(sets, storeOp{op.K, op.V})
		}
	default:
		return fmt.Errorf("%s store: unexpected batch type %T", buildStoreName, batch)
	}
	s := w.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, ops := range merges {
		old, had := s.m[k]
		merged, ok := s.mo.FullMerge([]byte(k), old, ops)
		if !ok {
			return fmt.Errorf("%s store: merge failed for key %q", buildStoreName, k)
		}
		s.m[k] = merged
		s.size += int64(len(merged) - len(old))
		if !had {
			s.size += int64(len(k) + rowOverhead)
		}
	}
	for _, op := range sets {
		if op.val == nil {
			if old, had := s.m[string(op.key)]; had {
				delete(s.m, string(op.key))
				s.size -= int64(len(op.key) + len(old) + rowOverhead)
			}
			continue
		}
		// A build sets each key once: one map access, not a look-up
		// first, and a key set again is counted again (size is an
		// estimate).
		n := len(s.m)
		s.m[string(op.key)] = op.val
		s.size += int64(len(op.val))
		if len(s.m) > n {
			s.size += int64(len(op.key) + rowOverhead)
		}
	}
	return nil
}
