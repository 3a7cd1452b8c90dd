package index

import (
	"errors"
	"fmt"

	store "github.com/blevesearch/upsidedown_store_api"
)

// The rows served as a read-only bleve KV store (package
// upsidedown_store_api), so that tests can open them with upsidedown
// itself and compare its readers with bleverows.go's. The app reads the
// rows without bleve (see bleverows.go).

// errReadOnly is returned by the writer of a snapshot store.
var errReadOnly = errors.New("index snapshot is read-only")

// snapshotStoreName is the name the read-only store is registered under in
// bleve's registry (by bleverows_test.go); the rows travel in the store
// config under "rows", as a *rowSet (or a *rowTable: one piece).
const snapshotStoreName = "claimtag_snapshot"

// roStore serves a rowSet as an upsidedown KV store.
type roStore struct{ rs *rowSet }

func newROStore(_ store.MergeOperator, config map[string]interface{}) (store.KVStore, error) {
	switch rows := config["rows"].(type) {
	case *rowSet:
		if rows != nil {
			return &roStore{rs: rows}, nil
		}
	case *rowTable:
		if rows != nil {
			return &roStore{rs: tableRows(rows)}, nil
		}
	}
	return nil, fmt.Errorf("%s store: config has no rows", snapshotStoreName)
}

func (s *roStore) Writer() (store.KVWriter, error) { return nil, errReadOnly }
func (s *roStore) Reader() (store.KVReader, error) { return kvReader{roReader{s.rs}}, nil }
func (s *roStore) Close() error                    { return nil }

// kvReader is a roReader with the method set of store.KVReader.
type kvReader struct{ r roReader }

func (k kvReader) Get(key []byte) ([]byte, error) { return k.r.Get(key) }

func (k kvReader) MultiGet(keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, key := range keys {
		v, err := k.r.Get(key)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (k kvReader) PrefixIterator(prefix []byte) store.KVIterator { return k.r.PrefixIterator(prefix) }

func (k kvReader) RangeIterator(start, end []byte) store.KVIterator {
	return k.r.RangeIterator(start, end)
}

func (k kvReader) Close() error { return nil }
