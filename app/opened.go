package app

import (
	"context"
	"runtime/debug"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/search/warmup"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// warmedUp is the performance mark set when the warm-up of the search code
// is done (browser tests wait for it).
const warmedUp = "claimtag-warmed-up"

// handleIndexOpened runs when loading the index ends: it installs the
// bench hook (bench.go), or reports the failure to it, and warms the search
// code up in the pauses between searches (package warmup).
func handleIndexOpened(ctx app.Context, a app.Action) {
	o, _ := a.Value.(chrome.Opened)
	if o.Index == nil {
		startDone()
		browser.BenchFailed(o.Err)
		return
	}
	serveBench(o.Index)
	ctx.Async(func() {
		defer startDone()
		if err := warmup.Run(context.Background(), o.Index); err != nil {
			app.Log("warming the search code up failed:", err)
			return
		}
		browser.Mark(warmedUp)
	})
}

// PaceStart has the collector run only when the heap nears the memory
// limit (debug.SetMemoryLimit, which main sets) until the start is done:
// the index opened and the warm-up over, or the load failed. A start
// allocates fast and keeps most of what it allocates; at the usual pacing
// (GOGC=100) the collector ran at each doubling of the heap from a few
// megabytes, on the page's one thread, during the first search.
func PaceStart() { debug.SetGCPercent(-1) }

// startDone restores the collector's usual pacing.
func startDone() { debug.SetGCPercent(100) }
