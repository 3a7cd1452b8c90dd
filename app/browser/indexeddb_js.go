//go:build js && wasm

package browser

import (
	"context"
	"fmt"
	"syscall/js"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"
)

// objectStore is the IndexedDB object store holding the records.
const objectStore = "annotations"

// IndexedDB is a store of records (strings, here JSON) by key in one
// IndexedDB object store. It implements storage.Store. Its methods block
// until the browser answers: call them from a goroutine.
type IndexedDB struct{ db *idb.Database }

// OpenIndexedDB opens (creating it if needed) the IndexedDB database name
// with one object store of records keyed by id. It fails when the browser
// has no IndexedDB or refuses it (some private modes, disabled storage).
func OpenIndexedDB(name string) (_ *IndexedDB, err error) {
	defer catch("open indexeddb "+name, &err)
	if !js.Global().Get("indexedDB").Truthy() {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, ErrUnsupported)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := idb.Global().Open(ctx, name, 1, func(db *idb.Database, oldVersion, newVersion uint) error {
		_, err := db.CreateObjectStore(objectStore, idb.ObjectStoreOptions{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, err)
	}
	db, err := req.Await(ctx)
	if err != nil {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, err)
	}
	return &IndexedDB{db: db}, nil
}

func (s *IndexedDB) write(ctx context.Context, what string, do func(*idb.ObjectStore) error) (err error) {
	defer catch(what, &err)
	txn, err := s.db.Transaction(idb.TransactionReadWrite, objectStore)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	st, err := txn.ObjectStore(objectStore)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := do(st); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := txn.Await(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// Put writes record under id. It fails when the browser refuses the
// write (quota exceeded, storage disabled).
func (s *IndexedDB) Put(ctx context.Context, id string, record []byte) error {
	return s.write(ctx, "put "+id, func(st *idb.ObjectStore) error {
		_, err := st.PutKey(js.ValueOf(id), js.ValueOf(string(record)))
		return err
	})
}

// Delete removes the record under id; a missing id is not an error. It
// fails when the browser refuses the write.
func (s *IndexedDB) Delete(ctx context.Context, id string) error {
	return s.write(ctx, "delete "+id, func(st *idb.ObjectStore) error {
		_, err := st.Delete(js.ValueOf(id))
		return err
	})
}

// All returns every record by id. It fails when the store cannot be read.
func (s *IndexedDB) All(ctx context.Context) (_ map[string][]byte, err error) {
	defer catch("read all", &err)
	txn, err := s.db.Transaction(idb.TransactionReadOnly, objectStore)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	st, err := txn.ObjectStore(objectStore)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	req, err := st.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	out := map[string][]byte{}
	err = req.Iter(ctx, func(c *idb.CursorWithValue) error {
		k, err := c.Key()
		if err != nil {
			return err
		}
		v, err := c.Value()
		if err != nil {
			return err
		}
		if v.Type() == js.TypeString {
			out[k.String()] = []byte(v.String())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	return out, nil
}
