package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLoadFailureOffersRetry serves a damaged index (its document table
// cut in half): the page must say which piece failed and how, and offer
// Retry, and Retry must load the good index once the server has it,
// despite the damaged copy the service worker cached.
func TestLoadFailureOffersRetry(t *testing.T) {
	chrome := findChromium(t)
	dist, _ := e2eSite(t)
	meta := openIndex(t, dist).Files()[0].File
	good, err := os.ReadFile(filepath.Join(dist, "web", PiecesDir, meta))
	if err != nil {
		t.Fatal(err)
	}
	var damaged atomic.Bool
	damaged.Store(true)
	site := siteServer(dist, e2eBase)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if damaged.Load() && strings.HasSuffix(r.URL.Path, "/web/"+PiecesDir+"/"+meta) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(good[:len(good)/2])
			return
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close) // after the browser (cleanups run last first)

	ctx := newBrowser(t, chrome)

	var why, hint string
	var loadingShown bool
	step(t, ctx, "a damaged index shows what failed",
		chromedp.Navigate(srv.URL+e2eBase+"/"),
		chromedp.WaitVisible("#load-error #retry", chromedp.ByQuery),
		chromedp.Text("#load-error .why", &why, chromedp.ByQuery),
		chromedp.Text("#load-hint", &hint, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#loading") !== null`, &loadingShown))
	if !strings.Contains(why, "truncated") || !strings.Contains(why, meta) {
		t.Errorf("the error says %q, want it to name the truncated piece %s", why, meta)
	}
	if !strings.Contains(hint, "arrived damaged") || strings.Contains(hint, "connection") {
		t.Errorf("the advice is %q, want it to say the file arrived damaged, not to check the connection", hint)
	}
	if loadingShown {
		t.Error("the loading progress is still shown under the failure")
	}
	damaged.Store(false)
	step(t, ctx, "retry loads the good index",
		chromedp.Click("#retry", chromedp.ByQuery),
		chromedp.WaitVisible("#documents", chromedp.ByQuery))
}
