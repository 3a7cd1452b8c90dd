package chrome

import (
	"errors"
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// StateOffline is the state holding an OfflineState: how far saving the
// index for use offline is.
const StateOffline = "/index/offline"

// offlineDelay is how long SaveOffline waits for a first search before it
// starts anyway: a visit that opens a document and searches nothing must
// still end up working offline. afterSearch is how long it waits after the
// first search, for its hits to render.
const (
	offlineDelay = 3 * time.Second
	afterSearch  = 500 * time.Millisecond
)

// OfflineState is the progress of saving every piece of the index in the
// browser's cache, so that the app works offline after the first visit.
type OfflineState struct {
	Saving      bool
	Done, Total int64  // bytes
	Ready       bool   // every piece is saved
	Unsupported bool   // the browser keeps no files for the site
	Err         string // why saving failed; the app still works online
}

// SaveOffline registers the service worker and saves every piece of ix,
// fetched from base, into the pieces cache (PieceCache) the worker serves
// them from, once the first search is done (or after offlineDelay), so that
// neither competes with what the user is waiting for; it also pauses while searches fetch
// pieces (busy), until they were quiet for searchQuiet. It publishes its
// progress as StateOffline.
// The pieces searches fetched go first (activity.usedFirst). Pieces
// already saved by an earlier visit are not fetched again. It does
// nothing but say so where the browser has no Cache Storage.
func SaveOffline(ctx app.Context, ix *index.Index, base string, busy *activity) {
	select {
	case <-ix.Searched():
		time.Sleep(afterSearch)
	case <-time.After(offlineDelay):
	}
	// The service worker, which keeps the app itself for offline use, is
	// registered now rather than as the page starts (worker-later.js).
	busy.wait(searchQuiet)
	browser.RegisterWorker()
	files := ix.Files()
	names, size := make([]string, 0, len(files)), make(map[string]int64, len(files))
	for _, f := range files {
		names = append(names, f.File)
		size[f.File] = int64(f.Size)
	}
	pieces := make([]browser.CachePiece, 0, len(files))
	for _, n := range busy.usedFirst(names) {
		pieces = append(pieces, browser.CachePiece{URL: base + n, Size: size[n]})
	}
	// The state changes when saving starts and ends. In between, only the
	// footer's line takes the percentage: a change of state re-renders
	// every component enclosing its observer, the whole page, which every
	// 250 ms took the thread the searches run on.
	var last time.Time
	started := false
	err := browser.SavePieces(PieceCache, pieces, func() { busy.wait(searchQuiet) }, func(done, total int64) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		s := OfflineState{Saving: done < total, Done: done, Total: total}
		if !started || !s.Saving {
			started = true
			ctx.SetState(StateOffline, s)
			return
		}
		_, text := offlineText(s)
		browser.SetText(offlineStatusID, offlineLine(text))
	})
	switch {
	case errors.Is(err, browser.ErrUnsupported):
		ctx.SetState(StateOffline, OfflineState{Unsupported: true})
	case err != nil:
		ctx.SetState(StateOffline, OfflineState{Err: err.Error()})
	default:
		ctx.SetState(StateOffline, OfflineState{Ready: true})
	}
}

// OfflineStatus is the footer's word on offline use: "Saving the index
// for offline use: 41%", "Available offline", or why it is not. It
// observes StateOffline itself, so that progress re-renders this line and
// not the page. Browser tests read data-state.
type OfflineStatus struct {
	app.Compo

	state OfflineState
}

// OnMount subscribes to the state.
func (c *OfflineStatus) OnMount(ctx app.Context) {
	ctx.ObserveState(StateOffline, &c.state)
	ctx.GetState(StateOffline, &c.state)
}

// Render implements app.Composer.
func (c *OfflineStatus) Render() app.UI {
	state, text := offlineText(c.state)
	if text == "" {
		return app.Span().ID(offlineStatusID).DataSet("state", state)
	}
	return app.Span().ID(offlineStatusID).Class("offline-"+state).DataSet("state", state).
		Role("status").Aria("live", "polite").Text(offlineLine(text))
}

// offlineStatusID is the id of OfflineStatus's element.
const offlineStatusID = "offline-status"

// offlineLine is how the footer shows offlineText's text.
func offlineLine(text string) string { return " · " + text }

// offlineText returns the footer's word on s ("" for none) and its
// data-state. A failure says that the app still works online and what
// to do, since a user reading it is likely about to go offline.
func offlineText(s OfflineState) (state, text string) {
	switch {
	case s.Unsupported:
		return "unsupported", "Not available offline: this browser keeps no files for this site here (that needs https or localhost, and a private window may not allow it)"
	case s.Err != "":
		return "failed", "Not saved for offline use; the app works while online, and reloading the page tries again. " + s.Err
	case s.Ready:
		return "ready", "Available offline"
	case s.Saving && s.Total > 0:
		return "saving", fmt.Sprintf("Saving the index for offline use: %d%%", s.Done*100/s.Total)
	}
	return "idle", ""
}
