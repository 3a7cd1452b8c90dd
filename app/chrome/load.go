package chrome

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Names shared with the build and the service worker: the folder under
// /web/ holding the index in pieces, its manifest there, and the Cache
// Storage cache the pieces are kept in for use offline (pieces never
// change under a name, so one cache serves every version of the site).
const (
	IndexDir     = "index"
	ManifestFile = "manifest.bin"
	PieceCache   = "claimtag-pieces"
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
	Hint        string // what to do about it (LoadHint)
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

// webPieces fetches the pieces of the index from the site (or from the
// service worker's cache, which answers first), those a search needs
// together in one batch, and drops a damaged copy from the caches, so that
// a retry fetches it afresh. It notes its fetches in busy, which the
// background save waits on.
type webPieces struct {
	base string
	busy *activity
}

func (w webPieces) Fetch(_ context.Context, name string) ([]byte, error) {
	w.busy.begin(name)
	defer w.busy.end()
	return browser.FetchPiece(w.base + name)
}

func (w webPieces) FetchAll(ctx context.Context, names []string) ([][]byte, []error) {
	data, _, errs := w.FetchChecked(ctx, names)
	return data, errs
}

// FetchChecked makes webPieces an index.CheckedSource: the page checks
// each piece against its name with the browser's SHA-256.
func (w webPieces) FetchChecked(_ context.Context, names []string) ([][]byte, []bool, []error) {
	w.busy.begin(names...)
	defer w.busy.end()
	urls := make([]string, len(names))
	for i, n := range names {
		urls[i] = w.base + n
	}
	return browser.FetchPieces(urls)
}

func (w webPieces) Discard(name string) { browser.ForgetCached(w.base + name) }

// openedStore is the annotations' store, opened, or why it could not be.
type openedStore struct {
	store storage.Store
	err   error
}

// HandleLoad fetches the index's manifest, opens the index from it (which
// fetches the document table; searches fetch the rest as they need it),
// then opens the session (the user's annotations) and publishes it. It
// takes over the load Preload started, if any. Any failure becomes a
// LoadFailed state saying what failed; a storage failure does not stop the
// app: the session then keeps the annotations in memory and says so. Once
// the first search is done, every piece is saved for use offline in the
// background (SaveOffline).
func HandleLoad(ctx app.Context, _ app.Action) {
	// The annotations' store opens while the index downloads and opens:
	// IndexedDB works on another thread, so its wait overlaps theirs
	// instead of following them.
	stores := make(chan openedStore, 1)
	go func() {
		st, err := openStore()
		stores <- openedStore{st, err}
	}()
	url := ctx.ResolveStaticResource("/web/" + IndexDir + "/" + ManifestFile)
	report := func(s LoadState) { ctx.SetState(StateLoad, s) }
	var l indexLoad
	if pre := takePreload(url); pre != nil {
		l = awaitPreload(pre, report)
	} else {
		l = loadIndex(url, report)
	}
	if l.err != nil {
		ctx.SetState(StateLoad, LoadState{Status: LoadFailed, What: l.what, Err: l.err.Error(), Hint: LoadHint(l.err)})
		postOpened(ctx, Opened{Err: l.what + ": " + l.err.Error()})
		return
	}
	s := OpenSession(ctx, NewCorpus(l.ix), l.ix, func() (storage.Store, error) {
		o := <-stores
		return o.store, o.err
	})
	s.live()
	ctx.SetState(StateLoad, LoadState{Status: LoadReady})
	postOpened(ctx, Opened{Index: l.ix})
	ctx.Async(func() { SaveOffline(ctx, l.ix, l.base, l.busy) })
}

// indexLoad is what fetching and opening the index came to.
type indexLoad struct {
	ix   *index.Index
	base string    // the URL of the folder of the pieces
	busy *activity // the pieces' fetches, which the offline save waits on
	what string    // the step that failed
	err  error
}

// loadIndex fetches the manifest at url and opens the index from it,
// reporting each step (the download's progress at most every 40 ms). A
// manifest that does not open is dropped from the caches, so that a retry
// downloads it again.
func loadIndex(url string, report func(LoadState)) indexLoad {
	var last time.Time
	data, err := browser.Fetch(url, 0, func(done, total int64) {
		if time.Since(last) < 40*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		report(LoadState{Status: LoadFetching, Done: done, Total: total})
	})
	if err != nil {
		return indexLoad{what: "Downloading the search index failed", err: err}
	}
	browser.Mark("claimtag-index-fetched")
	report(LoadState{Status: LoadOpening, Done: int64(len(data)), Total: int64(len(data))})
	openStart := time.Now()
	l := indexLoad{base: strings.TrimSuffix(url, ManifestFile), busy: &activity{}}
	l.ix, err = index.OpenPieces(context.Background(), data, webPieces{l.base, l.busy}, index.PieceOptions{})
	browser.Measure("claimtag-index-open", openStart)
	if err != nil {
		var pe *index.PieceError
		if !errors.As(err, &pe) {
			browser.ForgetCached(url) // a damaged manifest: Retry downloads it again
		}
		return indexLoad{what: "Opening the search index failed", err: err}
	}
	return l
}

// preloaded is the load Preload started, until HandleLoad takes it.
var preloaded struct {
	mu    sync.Mutex
	url   string
	state LoadState // its last step
	done  chan indexLoad
}

// Preload starts loading the index as the app starts, before go-app
// renders the first page: the manifest's and the first pieces' fetches
// then overlap that render instead of following it. The first HandleLoad
// takes the load over (or ignores it if it loads another manifest). main
// calls it once.
func Preload() {
	url := strings.TrimRight(app.Getenv("GOAPP_STATIC_RESOURCES_URL"), "/") + "/" + IndexDir + "/" + ManifestFile
	done := make(chan indexLoad, 1)
	preloaded.mu.Lock()
	preloaded.url, preloaded.state, preloaded.done = url, LoadState{Status: LoadFetching}, done
	preloaded.mu.Unlock()
	go func() {
		done <- loadIndex(url, func(s LoadState) {
			preloaded.mu.Lock()
			preloaded.state = s
			preloaded.mu.Unlock()
		})
	}()
	runtime.Gosched() // the goroutine asks for the manifest before the render starts
}

// takePreload returns the outcome of the preload of url, to wait for, or
// nil if there is none or it was taken.
func takePreload(url string) <-chan indexLoad {
	preloaded.mu.Lock()
	defer preloaded.mu.Unlock()
	if preloaded.done == nil || preloaded.url != url {
		return nil
	}
	done := preloaded.done
	preloaded.done = nil
	return done
}

// awaitPreload waits for the preload's outcome, reporting its steps.
func awaitPreload(done <-chan indexLoad, report func(LoadState)) indexLoad {
	t := time.NewTicker(40 * time.Millisecond)
	defer t.Stop()
	var shown LoadState
	for {
		preloaded.mu.Lock()
		s := preloaded.state
		preloaded.mu.Unlock()
		if s != shown {
			report(s)
			shown = s
		}
		select {
		case l := <-done:
			return l
		case <-t.C:
		}
	}
}
