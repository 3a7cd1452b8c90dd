package chrome

import (
	"sync"
	"time"
)

// searchQuiet is how long no search may have fetched a piece before saving
// the index for offline use goes on (see activity). A user who types
// keeps it paused; one who reads the hits lets it run. It is short so that
// a visit cut short still saves the pieces its searches used: in the
// bench, whose browser closes about a second after the last query, a
// second of quiet left them unsaved and the next visit's first search
// 130 ms slower.
const searchQuiet = 300 * time.Millisecond

// activity tracks the pieces searches fetch, so that the background save
// of every piece (SaveOffline) stands aside while a search waits for
// some: measured in the side-by-side bench, a save running beside the
// searches made each query's first run about three times slower (pass 1
// p50 238 ms against 66 ms without it), its fetches queueing before the
// search's on the browser's few connections and its promises taking the
// page's only thread. It also lists the pieces fetched, in the order first
// fetched, which the save stores first. The zero value is idle.
type activity struct {
	mu       sync.Mutex
	inFlight int
	last     time.Time // when the last search fetch ended
	now      func() time.Time
	fetched  []string // piece file names, first fetched first
	seen     map[string]bool
}

// begin notes that a search started fetching pieces names; end that it
// finished.
func (a *activity) begin(names ...string) {
	a.mu.Lock()
	a.inFlight++
	for _, n := range names {
		if !a.seen[n] {
			if a.seen == nil {
				a.seen = map[string]bool{}
			}
			a.seen[n] = true
			a.fetched = append(a.fetched, n)
		}
	}
	a.mu.Unlock()
}

func (a *activity) end() {
	a.mu.Lock()
	a.inFlight--
	a.last = a.clock()
	a.mu.Unlock()
}

func (a *activity) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// idleIn returns how long until no search will have fetched for quiet:
// zero when that is so now, quiet while a fetch is under way.
func (a *activity) idleIn(quiet time.Duration) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.inFlight > 0 {
		return quiet
	}
	if a.last.IsZero() {
		return 0
	}
	return max(quiet-a.clock().Sub(a.last), 0)
}

// usedFirst returns files reordered: those fetched so far first, in the
// order first fetched, then the others in their order. They are what the
// session used, likely to be needed again on the next visit, and still in
// the browser's HTTP cache: saving them first makes a visit cut short
// before the save ends find its first searches' pieces saved.
func (a *activity) usedFirst(files []string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]string, 0, len(files))
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[f] = true
	}
	for _, f := range a.fetched {
		if have[f] {
			out = append(out, f)
		}
	}
	for _, f := range files {
		if !a.seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// wait returns once no search has fetched a piece for quiet.
func (a *activity) wait(quiet time.Duration) {
	for d := a.idleIn(quiet); d > 0; d = a.idleIn(quiet) {
		time.Sleep(d)
	}
}
