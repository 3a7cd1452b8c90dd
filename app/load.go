package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Names shared with the build: the snapshot file under /web/, the
// environment variable carrying its size, the IndexedDB database and the
// BroadcastChannel.
const (
	SnapshotFile = "index.snap"
	EnvIndexSize = "CLAIMTAG_INDEX_SIZE"
	dbName       = "claimtag"
	channelName  = "claimtag"
)

// Action and states of loading.
const (
	loadIndex      = "/index/load"  // action: fetch and open the index, read the annotations
	stateLoad      = "/index/state" // loadState
	stateWorkspace = "/workspace"   // wsRef, once loaded
)

// wsRef carries the workspace in a state: go-app copies the value a
// pointer points to, so the state holds a struct holding the pointer.
type wsRef struct {
	W   *workspace
	Rev int
}

// loadStatus is where loading is.
type loadStatus int

const (
	loadIdle loadStatus = iota
	loadFetching
	loadOpening
	loadReady
	loadFailed
)

// loadState is the progress of loading, rendered by the pages.
type loadState struct {
	Status      loadStatus
	Done, Total int64
	What, Err   string // what failed, and why
}

// percent returns the download progress in percent, or -1 if unknown.
func (s loadState) percent() int {
	if s.Total <= 0 {
		return -1
	}
	return int(min(100, s.Done*100/s.Total))
}

// startLoad starts loading unless it is under way or done.
func startLoad(ctx app.Context, force bool) {
	var s loadState
	ctx.GetState(stateLoad, &s)
	if !force && s.Status != loadIdle {
		return
	}
	ctx.SetState(stateLoad, loadState{Status: loadFetching})
	ctx.NewAction(loadIndex)
}

// handleLoad fetches the snapshot with progress, opens it, opens the
// annotation store and publishes the workspace. Any failure becomes a
// loadFailed state saying what failed; a storage failure does not stop the
// app: annotations are then kept in memory and the pages say so.
func handleLoad(ctx app.Context, _ app.Action) {
	fail := func(what string, err error) {
		ctx.SetState(stateLoad, loadState{Status: loadFailed, What: what, Err: err.Error()})
	}
	url := ctx.ResolveStaticResource("/web/" + SnapshotFile)
	size, _ := strconv.ParseInt(app.Getenv(EnvIndexSize), 10, 64)
	var last time.Time
	data, err := browser.Fetch(url, size, func(done, total int64) {
		if time.Since(last) < 40*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		ctx.SetState(stateLoad, loadState{Status: loadFetching, Done: done, Total: total})
	})
	if err != nil {
		fail("Downloading the search index failed", err)
		return
	}
	browser.Mark("claimtag-index-fetched")
	ctx.SetState(stateLoad, loadState{Status: loadOpening, Done: int64(len(data)), Total: int64(len(data))})
	openStart := time.Now()
	ix, err := index.Open(data)
	browser.Measure("claimtag-index-open", openStart)
	if err != nil {
		browser.ForgetCached(url) // so that Retry downloads it again
		fail("Opening the search index failed", err)
		return
	}
	var storeErr error
	store, err := browser.OpenIndexedDB(dbName)
	if err != nil {
		store, storeErr = browser.NewMemStore(), err
	}
	recs, err := store.All(context.Background())
	if err != nil {
		store, storeErr = browser.NewMemStore(), err
	}
	w := newWorkspace(ix, store, recs)
	w.ctx, w.live = ctx, true
	if storeErr != nil {
		w.StoreErr = fmt.Sprintf("Storage is unavailable (%v)", storeErr)
		w.Unsaved = 1
	}
	w.channel, _ = browser.OpenChannel(channelName, func(string) {
		ctx.Dispatch(func(ctx app.Context) { w.reload() })
	})
	ctx.SetState(stateWorkspace, wsRef{W: w, Rev: w.Rev})
	ctx.SetState(stateLoad, loadState{Status: loadReady})
}
