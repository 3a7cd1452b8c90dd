package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Delays of a change before it is written.
const (
	// TypingDelay is how long a record changed by typing (a note) waits
	// for the typing to pause before it is written.
	TypingDelay = 300 * time.Millisecond
	// DefaultMaxDelay is how long a record waits at most, however long the
	// typing goes on, counted from its first change not yet written.
	DefaultMaxDelay = 2 * time.Second
)

// ErrTooLarge is returned, wrapped, for a record over Options.MaxRecord.
var ErrTooLarge = errors.New("too large to save in this browser")

// Options configure a Saver. The zero Options are ready to use.
type Options struct {
	// Order lists keys written before any other queued with them, in this
	// order (the review writes its annotations before the decisions that
	// refer to them); other keys are written in the order first queued.
	// A failed write stops the batch, so a key is never written while one
	// before it in this order failed.
	Order []string
	// MaxRecord refuses records over this many bytes with ErrTooLarge;
	// 0 means no limit.
	MaxRecord int
	// MaxDelay caps the delay of a record; 0 means DefaultMaxDelay.
	MaxDelay time.Duration
	// OnChange, if set, is called after each change of Status (read it
	// with Status), from whichever goroutine made it.
	OnChange func()
	// OnWritten, if set, is called after the store acknowledged a write of
	// key: rec is what was put, nil for a delete.
	OnWritten func(key string, rec []byte)
	// Now and AfterFunc replace time.Now and time.AfterFunc, for tests.
	Now       func() time.Time
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
}

// Saver writes records to a Store in the background, in order and
// coalesced (see the package comment). It is safe for concurrent use. No
// lock is held while the store works, so its methods never wait for the
// browser.
type Saver struct {
	store Store
	opt   Options
	down  error  // the store is Unavailable: every write fails with this
	why   string // and this is why, in words

	mu       sync.Mutex
	idle     *sync.Cond
	pending  map[string]*write // waiting, by key
	inflight map[string]*write // being written by the writer
	seq      int
	running  bool
	stop     func() bool // the timer of the next due record
	timerAt  time.Time
	err      string // the latest failure
	cause    string // its innermost error, in words
	acked    int
	ackAt    time.Time
}

// write is one queued change of a key.
type write struct {
	enc    func() ([]byte, error) // nil: delete
	due    time.Time
	first  time.Time // the key's first change not yet written
	seq    int
	failed bool // tried and refused; waits for the next change or Retry
}

// NewSaver returns a Saver writing to store.
func NewSaver(store Store, opt Options) *Saver {
	s := &Saver{store: store, opt: opt, pending: map[string]*write{}, inflight: map[string]*write{}}
	s.idle = sync.NewCond(&s.mu)
	if s.opt.Now == nil {
		s.opt.Now = time.Now
	}
	if s.opt.AfterFunc == nil {
		s.opt.AfterFunc = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	if s.opt.MaxDelay <= 0 {
		s.opt.MaxDelay = DefaultMaxDelay
	}
	if u, ok := store.(interface{ unavailable() (error, string) }); ok {
		s.down, s.why = u.unavailable()
		s.err, s.cause = s.down.Error(), s.why
	}
	return s
}

// Put queues rec to be written under key after delay (0: at once). A
// later Put or Delete of the same key replaces it if it is not written yet.
func (s *Saver) Put(key string, rec []byte, delay time.Duration) {
	rec = slices.Clone(rec)
	s.queue(key, func() ([]byte, error) { return rec, nil }, delay)
}

// PutFunc is Put for a record encoded by the writer, off the caller's
// goroutine: enc must not depend on state the caller changes later (pass
// it a copy). An error from enc fails the write like a refusal.
func (s *Saver) PutFunc(key string, enc func() ([]byte, error), delay time.Duration) {
	if enc == nil {
		enc = func() ([]byte, error) { return nil, fmt.Errorf("save %s: no encoder", key) }
	}
	s.queue(key, enc, delay)
}

// Delete queues the deletion of key after delay.
func (s *Saver) Delete(key string, delay time.Duration) { s.queue(key, nil, delay) }

func (s *Saver) queue(key string, enc func() ([]byte, error), delay time.Duration) {
	s.mu.Lock()
	now := s.opt.Now()
	first := now
	if old, ok := s.pending[key]; ok {
		first = old.first
	} else if old, ok := s.inflight[key]; ok {
		first = old.first
	}
	due := now.Add(max(delay, 0))
	if cap := first.Add(s.opt.MaxDelay); delay > 0 && due.After(cap) {
		due = cap
	}
	s.seq++
	s.pending[key] = &write{enc: enc, due: due, first: first, seq: s.seq}
	s.kickLocked()
	s.mu.Unlock()
	s.changed()
}

// Flush makes every waiting record due now and starts writing them; it
// returns at once. Pages call it when the user leaves a field.
func (s *Saver) Flush() {
	s.mu.Lock()
	now := s.opt.Now()
	for _, w := range s.pending {
		if w.due.After(now) {
			w.due = now
		}
	}
	s.kickLocked()
	s.mu.Unlock()
}

// Retry writes the records that failed again, and everything after them.
func (s *Saver) Retry() {
	s.mu.Lock()
	for _, w := range s.pending {
		w.due, w.failed = s.opt.Now(), false
	}
	s.kickLocked()
	s.mu.Unlock()
}

// Wait blocks until the writer has stopped: what is left pending is then
// either failed or waiting for its delay.
func (s *Saver) Wait() {
	s.mu.Lock()
	for s.running {
		s.idle.Wait()
	}
	s.mu.Unlock()
}

// Unsaved is a change the store has not acknowledged.
type Unsaved struct {
	Key     string
	Rec     []byte // nil for a deletion
	Deleted bool
}

// Unsaved returns every change the store has not acknowledged yet (waiting,
// being written or failed), the latest per key, sorted by key. It encodes
// PutFunc records itself, on the caller's goroutine.
func (s *Saver) Unsaved() []Unsaved {
	s.mu.Lock()
	ws := map[string]*write{}
	for k, w := range s.inflight {
		ws[k] = w
	}
	for k, w := range s.pending {
		ws[k] = w
	}
	s.mu.Unlock()
	var out []Unsaved
	for k, w := range ws {
		u := Unsaved{Key: k, Deleted: w.enc == nil}
		if w.enc != nil {
			b, err := w.enc()
			if err != nil {
				continue
			}
			u.Rec = b
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b Unsaved) int { return compareStrings(a.Key, b.Key) })
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// kickLocked starts the writer if a record is due, or sets the timer of
// the next one. s.mu is held.
func (s *Saver) kickLocked() {
	if s.running {
		return
	}
	now := s.opt.Now()
	var next time.Time
	for _, w := range s.pending {
		if w.failed {
			continue // waits for a change or Retry, which reset this
		}
		if !w.due.After(now) {
			s.running = true
			go s.run()
			return
		}
		if next.IsZero() || w.due.Before(next) {
			next = w.due
		}
	}
	if next.IsZero() || (s.stop != nil && s.timerAt.Equal(next)) {
		return
	}
	if s.stop != nil {
		s.stop()
	}
	s.timerAt = next
	s.stop = s.opt.AfterFunc(next.Sub(now), func() {
		s.mu.Lock()
		s.stop = nil
		s.kickLocked()
		s.mu.Unlock()
	})
}

// run writes due records until none is left or one fails.
func (s *Saver) run() {
	for {
		s.mu.Lock()
		batch := s.dueLocked()
		if len(batch) == 0 {
			s.running = false
			s.kickLocked()
			s.idle.Broadcast()
			s.mu.Unlock()
			s.changed()
			return
		}
		for _, k := range batch {
			s.inflight[k] = s.pending[k]
			delete(s.pending, k)
		}
		s.mu.Unlock()
		s.changed()
		for i, k := range batch {
			s.mu.Lock()
			w := s.inflight[k]
			s.mu.Unlock()
			rec, err := s.write(k, w)
			s.mu.Lock()
			delete(s.inflight, k)
			if err != nil {
				s.err, s.cause = err.Error(), cause(err)
				if s.down != nil {
					s.cause = s.why
				}
				for _, k := range batch[i:] {
					if k != batch[i] {
						w = s.inflight[k]
						delete(s.inflight, k)
					}
					if newer, ok := s.pending[k]; ok {
						newer.failed = true
						continue
					}
					w.failed = true
					s.pending[k] = w
				}
				s.running = false
				s.idle.Broadcast()
				s.mu.Unlock()
				s.changed()
				return
			}
			s.err, s.cause = "", ""
			s.acked++
			s.ackAt = s.opt.Now()
			s.mu.Unlock()
			if s.opt.OnWritten != nil {
				s.opt.OnWritten(k, rec)
			}
		}
	}
}

// dueLocked returns the keys of the records due now, failed ones included,
// in Options.Order then queueing order. s.mu is held.
func (s *Saver) dueLocked() []string {
	now := s.opt.Now()
	var keys []string
	for k, w := range s.pending {
		if !w.due.After(now) {
			keys = append(keys, k)
		}
	}
	rank := func(k string) int {
		if i := slices.Index(s.opt.Order, k); i >= 0 {
			return i
		}
		return len(s.opt.Order)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return s.pending[a].seq - s.pending[b].seq
	})
	return keys
}

// write encodes and stores one record; it returns what it put.
func (s *Saver) write(key string, w *write) ([]byte, error) {
	if s.down != nil {
		return nil, fmt.Errorf("save %s: %w", key, s.down)
	}
	ctx := context.Background()
	if w.enc == nil {
		if err := s.store.Delete(ctx, key); err != nil {
			return nil, fmt.Errorf("save: %w", err)
		}
		return nil, nil
	}
	rec, err := w.enc()
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", key, err)
	}
	if s.opt.MaxRecord > 0 && len(rec) > s.opt.MaxRecord {
		return nil, fmt.Errorf("save %s: %d MB, over the %d MB limit: %w", key, len(rec)>>20, s.opt.MaxRecord>>20, ErrTooLarge)
	}
	if err := s.store.Put(ctx, key, rec); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	return rec, nil
}

func (s *Saver) changed() {
	if s.opt.OnChange != nil {
		s.opt.OnChange()
	}
}

// cause returns the innermost error of err's chain, in words: what the
// browser said ("QuotaExceededError: …"), without the layers of context.
// For an error joining several, it is err itself.
func cause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return strings.TrimSuffix(strings.TrimPrefix(err.Error(), "JavaScript error: "), ".")
		}
		err = next
	}
}
