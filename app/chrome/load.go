package chrome

import (
	"strconv"
	"time"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Names shared with the build: the snapshot file under /web/ and the
// environment variable carrying its size.
const (
	SnapshotFile = "index.snap"
	EnvIndexSize = "CLAIMTAG_INDEX_SIZE"
)

// LoadIndex is the action that fetches and opens the index and the
// session; Routes registers HandleLoad for it.
const LoadIndex = "/index/load"

// StateLoad is the state holding a LoadState.
const StateLoad = "/index/state"

// LoadStatus is where loading is.
type LoadStatus int

// The loading steps.
const (
	LoadIdle LoadStatus = iota
	LoadFetching
	LoadOpening
	LoadReady
	LoadFailed
)

// LoadState is the progress of loading, rendered by the pages.
type LoadState struct {
	Status      LoadStatus
	Done, Total int64
	What, Err   string // what failed, and why
}

// percent returns the download progress in percent, or -1 if unknown.
func (s LoadState) percent() int {
	if s.Total <= 0 {
		return -1
	}
	return int(min(100, s.Done*100/s.Total))
}

// StartLoad starts loading unless it is under way or done (force: again,
// after a failure).
func StartLoad(ctx app.Context, force bool) {
	var s LoadState
	ctx.GetState(StateLoad, &s)
	if !force && s.Status != LoadIdle {
		return
	}
	ctx.SetState(StateLoad, LoadState{Status: LoadFetching})
	ctx.NewAction(LoadIndex)
}

// HandleLoad fetches the snapshot with progress, opens it, then opens the
// session (the user's annotations) and publishes it. Any failure becomes
// a LoadFailed state saying what failed; a storage failure does not stop
// the app: the session then keeps the annotations in memory and says so.
func HandleLoad(ctx app.Context, _ app.Action) {
	fail := func(what string, err error) {
		ctx.SetState(StateLoad, LoadState{Status: LoadFailed, What: what, Err: err.Error()})
		announce(ctx, Opened{Err: what + ": " + err.Error()})
	}
	url := ctx.ResolveStaticResource("/web/" + SnapshotFile)
	size, _ := strconv.ParseInt(app.Getenv(EnvIndexSize), 10, 64)
	var last time.Time
	data, err := browser.Fetch(url, size, func(done, total int64) {
		if time.Since(last) < 40*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		ctx.SetState(StateLoad, LoadState{Status: LoadFetching, Done: done, Total: total})
	})
	if err != nil {
		fail("Downloading the search index failed", err)
		return
	}
	browser.Mark("claimtag-index-fetched")
	ctx.SetState(StateLoad, LoadState{Status: LoadOpening, Done: int64(len(data)), Total: int64(len(data))})
	openStart := time.Now()
	ix, err := index.Open(data)
	browser.Measure("claimtag-index-open", openStart)
	if err != nil {
		browser.ForgetCached(url) // so that Retry downloads it again
		fail("Opening the search index failed", err)
		return
	}
	s := OpenSession(ctx, NewCorpus(ix), ix, openStore)
	s.live()
	ctx.SetState(StateLoad, LoadState{Status: LoadReady})
	announce(ctx, Opened{Index: ix})
}
