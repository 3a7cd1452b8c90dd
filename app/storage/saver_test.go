package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a fake Now and AfterFunc: timers fire when Advance passes them.
type clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*timer
}

type timer struct {
	at      time.Time
	f       func()
	stopped bool
}

func newClock() *clock { return &clock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &timer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// Advance moves the time on by d and fires the timers that passed.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*timer
	for _, t := range c.timers {
		if !t.stopped && !t.at.After(c.now) {
			t.stopped = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	for _, t := range due {
		t.f()
	}
}

// logStore is a Memory that logs every write as "key=record" (or
// "-key"), and refuses the keys in refuse.
type logStore struct {
	*Memory
	mu     sync.Mutex
	log    []string
	refuse map[string]error
}

func newLogStore() *logStore { return &logStore{Memory: NewMemory(), refuse: map[string]error{}} }

func (s *logStore) Put(ctx context.Context, key string, rec []byte) error {
	s.mu.Lock()
	err := s.refuse[key]
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	if err := s.Memory.Put(ctx, key, rec); err != nil {
		return err
	}
	s.mu.Lock()
	s.log = append(s.log, key+"="+string(rec))
	s.mu.Unlock()
	return nil
}

func (s *logStore) Delete(ctx context.Context, key string) error {
	if err := s.Memory.Delete(ctx, key); err != nil {
		return err
	}
	s.mu.Lock()
	s.log = append(s.log, "-"+key)
	s.mu.Unlock()
	return nil
}

func (s *logStore) setRefuse(key string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.refuse, key)
		return
	}
	s.refuse[key] = err
}

func (s *logStore) written() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.log, " ")
}

var errQuota = errors.New("QuotaExceededError: the quota has been exceeded")

// saverStep is one thing a saver test does.
type saverStep struct {
	put, del string // "key=value" to put, key to delete
	delay    time.Duration
	advance  time.Duration
	flush    bool
	retry    bool
	refuse   string // key to refuse from now on ("*" for all)
	accept   string // key to accept again ("*" for all)
}

func TestSaver(t *testing.T) {
	tests := []struct {
		name      string
		opt       Options
		steps     []saverStep
		written   string // the store's write log
		state     State
		err       string // in Status.Err
		unsaved   []string
		storeKeys []string
	}{
		{name: "a change is written at once and then saved",
			steps:   []saverStep{{put: "a=1"}},
			written: "a=1", state: Saved, storeKeys: []string{"a"}},
		{name: "a burst of typing to one key is written once, the latest, after the pause",
			steps: []saverStep{{put: "n=h", delay: TypingDelay}, {advance: 100 * time.Millisecond},
				{put: "n=he", delay: TypingDelay}, {advance: 100 * time.Millisecond},
				{put: "n=hey", delay: TypingDelay}, {advance: 299 * time.Millisecond}},
			written: "", state: Saving, unsaved: []string{"n"}},
		{name: "the pause after typing writes the latest once",
			steps: []saverStep{{put: "n=h", delay: TypingDelay}, {advance: 100 * time.Millisecond},
				{put: "n=hey", delay: TypingDelay}, {advance: TypingDelay}},
			written: "n=hey", state: Saved, storeKeys: []string{"n"}},
		{name: "long typing is written after the maximum delay",
			steps: []saverStep{{put: "n=1", delay: TypingDelay}, {advance: 250 * time.Millisecond},
				{put: "n=2", delay: TypingDelay}, {advance: 250 * time.Millisecond},
				{put: "n=3", delay: TypingDelay}, {advance: 250 * time.Millisecond},
				{put: "n=4", delay: TypingDelay}, {advance: 250 * time.Millisecond}},
			opt:     Options{MaxDelay: time.Second},
			written: "n=4", state: Saved, storeKeys: []string{"n"}},
		{name: "flush writes what waits for its delay at once",
			steps:   []saverStep{{put: "n=typed", delay: TypingDelay}, {flush: true}},
			written: "n=typed", state: Saved, storeKeys: []string{"n"}},
		{name: "a delete after a put leaves nothing",
			steps:   []saverStep{{put: "a=1"}, {del: "a"}},
			written: "a=1 -a", state: Saved},
		{name: "a refused write is failed with the reason and kept",
			steps:   []saverStep{{refuse: "*"}, {put: "a=1"}},
			written: "", state: Failed, err: "QuotaExceededError", unsaved: []string{"a"}},
		{name: "a retry after the storage recovers writes what failed",
			steps:   []saverStep{{refuse: "*"}, {put: "a=1"}, {put: "b=2"}, {accept: "*"}, {retry: true}},
			written: "a=1 b=2", state: Saved, storeKeys: []string{"a", "b"}},
		{name: "the next change after a failure tries the failed one again first",
			steps:   []saverStep{{refuse: "*"}, {put: "a=1"}, {accept: "*"}, {put: "b=2"}},
			written: "a=1 b=2", state: Saved, storeKeys: []string{"a", "b"}},
		{name: "records are written in Order whatever the queueing order",
			opt:     Options{Order: []string{"annotations", "decisions"}},
			steps:   []saverStep{{put: "files=f", delay: time.Second}, {put: "decisions=d", delay: time.Second}, {put: "annotations=a", delay: time.Second}, {flush: true}},
			written: "annotations=a decisions=d files=f", state: Saved, storeKeys: []string{"annotations", "decisions", "files"}},
		{name: "a failed record holds back the ones after it in Order",
			opt: Options{Order: []string{"annotations", "decisions"}},
			steps: []saverStep{{refuse: "annotations"}, {put: "annotations=a", delay: time.Second}, {put: "decisions=d", delay: time.Second},
				{flush: true}, {put: "decisions=d2"}},
			written: "", state: Failed, err: "QuotaExceededError", unsaved: []string{"annotations", "decisions"}},
		{name: "a record over the limit is refused",
			opt:     Options{MaxRecord: 4},
			steps:   []saverStep{{put: "big=12345"}},
			written: "", state: Failed, err: "too large", unsaved: []string{"big"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store, clk := newLogStore(), newClock()
			opt := tt.opt
			opt.Now, opt.AfterFunc = clk.Now, clk.AfterFunc
			s := NewSaver(store, opt)
			for _, st := range tt.steps {
				switch {
				case st.put != "":
					k, v, _ := strings.Cut(st.put, "=")
					s.Put(k, []byte(v), st.delay)
				case st.del != "":
					s.Delete(st.del, st.delay)
				case st.advance > 0:
					clk.Advance(st.advance)
				case st.flush:
					s.Flush()
				case st.retry:
					s.Retry()
				case st.refuse != "":
					if st.refuse == "*" {
						store.SetFail(errQuota)
					} else {
						store.setRefuse(st.refuse, errQuota)
					}
				case st.accept != "":
					store.SetFail(nil)
					store.setRefuse(st.accept, nil)
				}
				s.Wait()
			}
			if got := store.written(); got != tt.written {
				t.Errorf("got writes %q, want %q", got, tt.written)
			}
			got := s.Status()
			if got.State != tt.state || !strings.Contains(got.Err, tt.err) || (tt.err == "") != (got.Err == "") {
				t.Errorf("got status %s %q, want %s %q", got.State, got.Err, tt.state, tt.err)
			}
			var unsaved []string
			for _, u := range s.Unsaved() {
				unsaved = append(unsaved, u.Key)
			}
			if got.State == Failed && got.Cause == "" || strings.HasPrefix(got.Cause, "save") {
				t.Errorf("got cause %q, want what the store said", got.Cause)
			}
			if !slices.Equal(unsaved, tt.unsaved) || got.Unsaved != len(tt.unsaved) {
				t.Errorf("got unsaved %v (%d), want %v", unsaved, got.Unsaved, tt.unsaved)
			}
			store.SetFail(nil)
			recs, _ := store.All(context.Background())
			var keys []string
			for k := range recs {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.storeKeys) {
				t.Errorf("got stored %v, want %v", keys, tt.storeKeys)
			}
		})
	}
}

// gate is a Store whose Put waits until released.
type gate struct {
	*Memory
	open chan struct{}
}

func (g *gate) Put(ctx context.Context, key string, rec []byte) error {
	<-g.open
	return g.Memory.Put(ctx, key, rec)
}

func TestSavedOnlyOnceTheStoreAcknowledged(t *testing.T) {
	g := &gate{Memory: NewMemory(), open: make(chan struct{})}
	var written []string
	var mu sync.Mutex
	s := NewSaver(g, Options{OnWritten: func(key string, rec []byte) {
		mu.Lock()
		written = append(written, key+"="+string(rec))
		mu.Unlock()
	}})
	s.Put("a", []byte("1"), 0)
	if got := s.Status(); got.State != Saving || got.Unsaved != 1 {
		t.Errorf("got %+v while the store works, want saving 1", got)
	}
	if got := s.Unsaved(); len(got) != 1 || string(got[0].Rec) != "1" {
		t.Errorf("got unsaved %+v while the store works, want the record", got)
	}
	close(g.open)
	s.Wait()
	got := s.Status()
	if got.State != Saved || got.At.IsZero() || got.Unsaved != 0 {
		t.Errorf("got %+v after the store answered, want saved at a time", got)
	}
	if !strings.HasPrefix(got.Text(), "Saved at ") {
		t.Errorf("got text %q, want Saved at …", got.Text())
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(written, []string{"a=1"}) {
		t.Errorf("got OnWritten %v, want a=1", written)
	}
}

func TestUnavailableStoreFailsFromTheStart(t *testing.T) {
	s := NewSaver(Unavailable(errors.New("SecurityError: access denied")), Options{})
	if got := s.Status(); got.State != Failed || !strings.Contains(got.Err, "SecurityError") || got.Cause != "SecurityError: access denied" {
		t.Errorf("got %+v before any change, want failed with the reason", got)
	}
	s.Put("a", []byte("1"), 0)
	s.Wait()
	got := s.Status()
	if got.State != Failed || got.Unsaved != 1 || !strings.Contains(got.Text(), "kept in this tab only") {
		t.Errorf("got %+v (%q), want the change failed and kept", got, got.Text())
	}
	if _, err := Unavailable(errors.New("x")).All(context.Background()); !errors.Is(err, ErrUnavailable) {
		t.Errorf("got %v, want ErrUnavailable", err)
	}
}

func TestPutFuncEncodesInTheWriter(t *testing.T) {
	store := NewMemory()
	s := NewSaver(store, Options{})
	s.PutFunc("a", func() ([]byte, error) { return []byte("encoded"), nil }, 0)
	s.PutFunc("b", func() ([]byte, error) { return nil, errors.New("cannot encode") }, 0)
	s.Wait()
	recs, _ := store.All(context.Background())
	if string(recs["a"]) != "encoded" {
		t.Errorf("got %q, want the encoded record", recs["a"])
	}
	if got := s.Status(); got.State != Failed || !strings.Contains(got.Err, "cannot encode") {
		t.Errorf("got %+v, want the encoding failure", got)
	}
}

func TestSaverIsSafeForConcurrentUse(t *testing.T) {
	store := NewMemory()
	s := NewSaver(store, Options{OnChange: func() {}})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				key := fmt.Sprintf("k%d", i%5)
				s.Put(key, []byte(fmt.Sprint(g, i)), time.Duration(i%2)*time.Millisecond)
				_ = s.Status()
			}
		}()
	}
	wg.Wait()
	s.Flush()
	s.Wait()
	time.Sleep(5 * time.Millisecond)
	s.Flush()
	s.Wait()
	if got := s.Status(); got.State != Saved {
		t.Errorf("got %+v, want everything saved", got)
	}
	if recs, _ := store.All(context.Background()); len(recs) != 5 {
		t.Errorf("got %d records, want 5", len(recs))
	}
}
