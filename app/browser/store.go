package browser

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
)

// ErrUnsupported is returned, wrapped, when the browser lacks an API, and
// always by the native fallbacks.
var ErrUnsupported = errors.New("not supported by this browser")

// Store keeps records (opaque bytes, here JSON) by id.
type Store interface {
	// Put writes record under id, replacing any record there. It returns an
	// error when the browser refuses the write (quota exceeded, private mode,
	// storage disabled); the record is then not stored.
	Put(ctx context.Context, id string, record []byte) error
	// Delete removes the record with the given id; deleting a missing id is
	// not an error. It returns an error when the browser refuses the write.
	Delete(ctx context.Context, id string) error
	// All returns every record by id. It returns an error when the store
	// cannot be read.
	All(ctx context.Context) (map[string][]byte, error)
}

// MemStore is a Store in memory, for tests and as the fallback when the
// browser has no usable storage. Fail, when set, makes every method fail
// with it. The zero MemStore is ready to use.
type MemStore struct {
	mu   sync.Mutex
	recs map[string][]byte
	Fail error
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{} }

// Put implements Store.
func (m *MemStore) Put(_ context.Context, id string, record []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return fmt.Errorf("put %s: %w", id, m.Fail)
	}
	if m.recs == nil {
		m.recs = map[string][]byte{}
	}
	m.recs[id] = append([]byte(nil), record...)
	return nil
}

// Delete implements Store.
func (m *MemStore) Delete(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return fmt.Errorf("delete %s: %w", id, m.Fail)
	}
	delete(m.recs, id)
	return nil
}

// All implements Store.
func (m *MemStore) All(context.Context) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return nil, fmt.Errorf("read all: %w", m.Fail)
	}
	return maps.Clone(m.recs), nil
}

// Endpoint is one end of a text selection inside a passage element: the
// element's data-passage and data-start attributes, and the selection's
// offset in UTF-16 code units from the start of the element's text.
type Endpoint struct {
	Passage string
	Start   int // data-start: the passage's first code point in the document text
	U16     int
}

// Selection is a non-empty text selection whose two ends lie in passage
// elements (elements with data-passage and data-start attributes).
type Selection struct {
	From, To Endpoint
}
