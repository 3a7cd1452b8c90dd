//go:build !js

package app

import (
	"testing"

	"github.com/claimtag/claimtag/app/browser"
)

func TestOpenReviewDeskOnce(t *testing.T) {
	e, h := newHarness(t)
	opened := 0
	defer func(f func() (browser.Store, error)) { openReviewStore = f }(openReviewStore)
	openReviewStore = func() (browser.Store, error) { opened++; return browser.NewMemStore(), nil }
	ws := newWorkspace(testIndex(t), browser.NewMemStore(), nil)
	openReviewDesk(h.ctx, ws)
	var st deskState
	h.ctx.GetState(stateReview, &st)
	if !st.Opening || st.Desk != nil {
		t.Errorf("got %+v while reading, want opening and no desk", st)
	}
	openReviewDesk(h.ctx, ws) // the workspace observer, say
	e.ConsumeAll()
	openReviewDesk(h.ctx, ws)
	e.ConsumeAll()
	h.ctx.GetState(stateReview, &st)
	if st.Desk == nil || st.Opening {
		t.Fatalf("got %+v, want the desk published", st)
	}
	if opened != 1 {
		t.Errorf("got the store opened %d times, want once", opened)
	}
}
