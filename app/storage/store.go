package storage

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
)

// Store keeps records (opaque bytes, here JSON) by key.
type Store interface {
	// Put writes rec under key, replacing any record there. It returns an
	// error when the storage refuses the write (quota exceeded, private
	// mode, storage disabled); the record is then not stored.
	Put(ctx context.Context, key string, rec []byte) error
	// Delete removes the record under key; deleting a missing key is not
	// an error. It returns an error when the storage refuses the write.
	Delete(ctx context.Context, key string) error
	// All returns every record by key. It returns an error when the
	// storage cannot be read.
	All(ctx context.Context) (map[string][]byte, error)
}

// ErrUnavailable is returned, wrapped, by every method of a store made by
// Unavailable.
var ErrUnavailable = errors.New("storage is unavailable")

// Unavailable returns a Store that refuses everything with an error
// wrapping ErrUnavailable and why: what the app writes to when the
// browser's storage cannot be opened, or holds data this version must not
// overwrite. A Saver over it reports Failed from the start.
func Unavailable(why error) Store { return unavailable{why} }

type unavailable struct{ why error }

func (u unavailable) err() error { return fmt.Errorf("%w: %w", ErrUnavailable, u.why) }

func (u unavailable) Put(context.Context, string, []byte) error      { return u.err() }
func (u unavailable) Delete(context.Context, string) error           { return u.err() }
func (u unavailable) All(context.Context) (map[string][]byte, error) { return nil, u.err() }
func (u unavailable) unavailable() (error, string)                   { return u.err(), u.why.Error() }

// Memory is a Store in memory, for native code and tests. SetFail makes
// it refuse every call, as a full or blocked browser storage does. The
// zero Memory is empty and ready to use; it is safe for concurrent use.
type Memory struct {
	mu   sync.Mutex
	recs map[string][]byte
	fail error
	puts int
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{} }

// SetFail makes every later call fail with err (wrapped with the key), or
// succeed again when err is nil.
func (m *Memory) SetFail(err error) {
	m.mu.Lock()
	m.fail = err
	m.mu.Unlock()
}

// Puts returns the number of successful Put calls so far.
func (m *Memory) Puts() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.puts
}

// Put implements Store.
func (m *Memory) Put(_ context.Context, key string, rec []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return fmt.Errorf("put %s: %w", key, m.fail)
	}
	if m.recs == nil {
		m.recs = map[string][]byte{}
	}
	m.recs[key] = append([]byte(nil), rec...)
	m.puts++
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return fmt.Errorf("delete %s: %w", key, m.fail)
	}
	delete(m.recs, key)
	return nil
}

// All implements Store.
func (m *Memory) All(context.Context) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, fmt.Errorf("read all: %w", m.fail)
	}
	out := maps.Clone(m.recs)
	if out == nil {
		out = map[string][]byte{}
	}
	return out, nil
}
