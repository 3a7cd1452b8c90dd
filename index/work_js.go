//go:build js

package index

import "time"

// yieldEvery is how long a search runs in the browser before it lets the
// page handle input: Go's WebAssembly has no preemption, and the search
// runs on the page's only thread, so a long search would freeze typing
// and tagging until it ends.
const yieldEvery = 12 * time.Millisecond

// pause lets the browser run when the search has worked for yieldEvery
// since it last did: a short sleep returns to the JavaScript event loop
// (about 1-4 ms), which handles the pending events, a newer query among
// them, whose handler cancels this search's context; work.add sees that
// right after. A search shorter than yieldEvery never pauses.
func (w *work) pause() {
	now := time.Now()
	if w.lastYield.IsZero() {
		w.lastYield = now
		return
	}
	if now.Sub(w.lastYield) < yieldEvery {
		return
	}
	time.Sleep(time.Millisecond)
	w.lastYield = time.Now()
}
