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
	Err         string // why saving failed; the app still works online
}

// SaveOffline saves every piece of ix, fetched from base, into the pieces
// cache (PieceCache) the service worker serves them from, once the first
// search is done (or after offlineDelay), so that it does not compete with
// what the user is waiting for; it also pauses while searches fetch
// pieces (busy), until they were quiet for searchQuiet. It publishes its
// progress as StateOffline.
// The pieces searches fetched go first (activity.usedFirst). Pieces
// already saved by an earlier visit are not fetched again. It does
// nothing where the browser has no Cache Storage.
func SaveOffline(ctx app.Context, ix *index.Index, base string, busy *activity) {
	select {
	case <-ix.Searched():
		time.Sleep(afterSearch)
	case <-time.After(offlineDelay):
	}
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
	var last time.Time
	err := browser.SavePieces(PieceCache, pieces, func() { busy.wait(searchQuiet) }, func(done, total int64) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		ctx.SetState(StateOffline, OfflineState{Saving: done < total, Done: done, Total: total})
	})
	switch {
	case errors.Is(err, browser.ErrUnsupported):
		ctx.SetState(StateOffline, OfflineState{})
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
	s := c.state
	state, text := "", ""
	switch {
	case s.Err != "":
		state, text = "failed", "Not saved for offline use: "+s.Err
	case s.Ready:
		state, text = "ready", "Available offline"
	case s.Saving && s.Total > 0:
		state, text = "saving", fmt.Sprintf("Saving the index for offline use: %d%%", s.Done*100/s.Total)
	}
	if text == "" {
		return app.Span().ID("offline-status").DataSet("state", "idle")
	}
	return app.Span().ID("offline-status").Class("offline-"+state).DataSet("state", state).
		Role("status").Aria("live", "polite").Text(" · " + text)
}
