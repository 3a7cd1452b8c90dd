package chrome

import (
	"sync"
	"time"
)

// searchQuiet is how long no search may have fetched a piece before saving
// the index for offline use goes on (see activity). A user who types
// keeps it paused; one who reads the hits lets it run.
const searchQuiet = time.Second

// activity tracks the pieces searches fetch, so that the background save
// of every piece (SaveOffline) stands aside while a search waits for
// some: measured in the side-by-side bench, a save running beside the
// searches made each query's first run about three times slower (pass 1
// p50 238 ms against 66 ms without it), its fetches queueing before the
// search's on the browser's few connections and its promises taking the
// page's only thread. The zero value is idle.
type activity struct {
	mu       sync.Mutex
	inFlight int
	last     time.Time // when the last search fetch ended
	now      func() time.Time
}

// begin notes that a search started fetching; end that it finished.
func (a *activity) begin() {
	a.mu.Lock()
	a.inFlight++
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

// wait returns once no search has fetched a piece for quiet.
func (a *activity) wait(quiet time.Duration) {
	for d := a.idleIn(quiet); d > 0; d = a.idleIn(quiet) {
		time.Sleep(d)
	}
}
