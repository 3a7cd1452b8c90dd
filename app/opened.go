package app

import (
	"context"

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
		browser.BenchFailed(o.Err)
		return
	}
	serveBench(o.Index)
	ctx.Async(func() {
		if err := warmup.Run(context.Background(), o.Index); err != nil {
			app.Log("warming the search code up failed:", err)
			return
		}
		browser.Mark(warmedUp)
	})
}
