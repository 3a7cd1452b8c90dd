//go:build !(js && wasm)

package chrome

import (
	"errors"
	"testing"

	"github.com/claimtag/claimtag/app/browser"
)

// TestThePreloadIsTakenOnceForItsManifest starts a preload natively, where
// fetching fails, and checks that only a load of the same manifest takes
// it, once, with the steps it went through and its failure.
func TestThePreloadIsTakenOnceForItsManifest(t *testing.T) {
	Preload()
	preloaded.mu.Lock()
	url := preloaded.url
	preloaded.mu.Unlock()
	if takePreload(url+"?another") != nil {
		t.Fatal("a load of another manifest took the preload")
	}
	pre := takePreload(url)
	if pre == nil {
		t.Fatal("the load of the preloaded manifest found no preload")
	}
	var steps []LoadState
	l := awaitPreload(pre, func(s LoadState) { steps = append(steps, s) })
	if !errors.Is(l.err, browser.ErrUnsupported) || l.what != "Downloading the search index failed" || l.ix != nil {
		t.Errorf("got %q, %v, index %v; want the download's failure", l.what, l.err, l.ix)
	}
	if len(steps) != 1 || steps[0].Status != LoadFetching {
		t.Errorf("reported %+v, want the one step the preload reached (fetching)", steps)
	}
	if takePreload(url) != nil {
		t.Error("the preload was taken twice")
	}
}
