package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimtag/claimtag/app/search"
)

// startServer serves a built site under e2eBase, holding app.wasm back
// until release is called, and cutting the index short while damaged is
// set.
type startServer struct {
	*httptest.Server
	release func()
	damaged atomic.Bool
}

func newStartServer(t *testing.T, dist string) *startServer {
	t.Helper()
	good, err := os.ReadFile(filepath.Join(dist, "web", PiecesDir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	var once sync.Once
	s := &startServer{release: func() { once.Do(func() { close(gate) }) }}
	site := siteServer(dist, e2eBase)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "/app.wasm"): // app.wasm.gzip
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		case s.damaged.Load() && strings.HasSuffix(r.URL.Path, "/web/"+PiecesDir+"/"+ManifestName):
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(good[:len(good)/2])
			return
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(s.release)
	t.Cleanup(s.Close)
	return s
}

// TestE2EStart checks the start of the app: the prerendered page works
// while app.wasm loads (the search box is not covered and takes typing),
// the typed query survives go-app's start and is searched, the bench hook
// (window.runQuery, searchReady) answers as the search page's own request
// does, the search code is warmed up (app/search/warmup), and a damaged
// index sets window.searchError.
func TestE2EStart(t *testing.T) {
	findChromium(t)
	dist, _ := e2eSite(t)
	srv := newStartServer(t, dist)
	root := srv.URL + e2eBase + "/"
	ctx := newBrowser(t, findChromium(t))

	var covered bool
	var typed string
	step(t, ctx, "the prerendered page shows the search box while app.wasm loads",
		chromedp.Navigate(root), chromedp.WaitVisible("#search", chromedp.ByQuery),
		chromedp.WaitVisible("#app-wasm-loader", chromedp.ByQuery),
		eval(`(() => { const r = document.querySelector("#search").getBoundingClientRect();
			return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) !== document.querySelector("#search"); })()`, &covered))
	if covered {
		t.Error("the loader covers the search box while app.wasm loads")
	}
	step(t, ctx, "typing into it before the app runs",
		chromedp.Click("#search", chromedp.ByQuery), chromedp.SendKeys("#search", "EBITDA", chromedp.ByQuery),
		chromedp.Value("#search", &typed, chromedp.ByQuery))
	if typed != "EBITDA" {
		t.Fatalf("the prerendered search box holds %q, want what was typed", typed)
	}
	var ready bool
	step(t, ctx, "app.wasm arrives: the app is ready before anything is searched", eval(`window.searchReady === true`, &ready))
	if ready {
		t.Fatal("searchReady is set before app.wasm was served")
	}
	srv.release()
	var value, focused, loc string
	step(t, ctx, "the app searches what was typed",
		waitJS(`window.searchReady === true`), chromedp.WaitVisible(".hit mark", chromedp.ByQuery),
		chromedp.Value("#search", &value, chromedp.ByQuery),
		eval(`document.activeElement ? document.activeElement.id : ""`, &focused), chromedp.Location(&loc))
	if value != "EBITDA" || focused != "search" {
		t.Errorf("after the start the search box holds %q and the focus is on %q, want the typed text, focused", value, focused)
	}
	if !strings.Contains(loc, "q=EBITDA") {
		t.Errorf("location %q, want the typed query in it", loc)
	}

	// The bench hook answers as the search page's request does.
	ix := openIndex(t, dist)
	for _, q := range []string{"EBITDA", "gross margin", `"cloud services"`, "zzqqxxj", "(((("} {
		var got struct {
			Count int     `json:"count"`
			First *string `json:"first"`
		}
		step(t, ctx, "runQuery "+q, eval(`window.runQuery(`+jsString(q)+`)`, &got))
		want, wantFirst := 0, ""
		if res, err := ix.Search(search.Request(q, "", "", "", nil)); err == nil {
			want = len(res.Docs)
			if len(res.Hits) > 0 {
				d, _ := ix.Document(res.Hits[0].Doc)
				wantFirst = d.Path
			}
		}
		gotFirst := ""
		if got.First != nil {
			gotFirst = *got.First
		}
		if got.Count != want || gotFirst != wantFirst {
			t.Errorf("runQuery(%q) = {%d, %q}, want {%d, %q}", q, got.Count, gotFirst, want, wantFirst)
		}
	}
	// The warm-up searches over the index built into app.wasm ran, beside
	// the page's (whose answers above are the index's own).
	step(t, ctx, "the search code is warmed up once searches pause",
		waitJS(`performance.getEntriesByName("claimtag-warmed-up").length > 0`))
	var info map[string]any
	step(t, ctx, "searchInfo", eval(`window.searchInfo`, &info))
	if info["engine"] != "claimtag" || info["documents"] != float64(len(ix.Documents())) {
		t.Errorf("searchInfo = %v, want claimtag and %d documents", info, len(ix.Documents()))
	}

	// A damaged index: searchError says why, searchReady stays unset.
	srv.damaged.Store(true)
	ctx2 := newBrowser(t, findChromium(t))
	var why string
	step(t, ctx2, "a damaged index sets searchError",
		chromedp.Navigate(root), waitJS(`!!window.searchError`),
		eval(`String(window.searchError)`, &why), eval(`window.searchReady === true`, &ready))
	if !strings.Contains(why, "truncated") || ready {
		t.Errorf("searchError = %q, searchReady %v; want the truncated index named and no readiness", why, ready)
	}
}

// TestE2EWasmFromHosts loads the app from two kinds of static host: one
// that sends app.wasm.gzip as it is stored (the page unpacks it) and one
// that sends it with Content-Encoding: gzip (the browser unpacks it before
// the page sees it). Both must start the app and answer a search, and the
// page must fetch the file once: its preload's fetch is what the loader
// reads.
func TestE2EWasmFromHosts(t *testing.T) {
	findChromium(t)
	dist, _ := e2eSite(t)
	for _, unpacks := range []bool{false, true} {
		name := "as stored"
		if unpacks {
			name = "with Content-Encoding gzip"
		}
		t.Run(name, func(t *testing.T) {
			site := siteServer(dist, e2eBase)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/web/"+WasmFile) {
					if unpacks {
						b, err := os.ReadFile(filepath.Join(dist, "web", WasmFile))
						if err != nil {
							t.Error(err)
						}
						w.Header().Set("Content-Type", "application/wasm")
						w.Header().Set("Content-Encoding", "gzip")
						w.Write(b)
						return
					}
				}
				site.ServeHTTP(w, r)
			}))
			defer srv.Close()
			ctx := newBrowser(t, findChromium(t))
			var count, fetches int
			step(t, ctx, "the app starts and answers", chromedp.Navigate(srv.URL+e2eBase+"/"), waitJS(`window.searchReady === true`),
				eval(`window.runQuery("EBITDA").then((r) => r.count)`, &count),
				eval(`performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/web/`+WasmFile+`")).length`, &fetches))
			if count == 0 {
				t.Error(`runQuery("EBITDA") found nothing`)
			}
			if fetches != 1 {
				t.Errorf("the page fetched %s %d times, want once (the preload's fetch taken by the loader)", WasmFile, fetches)
			}
		})
	}
}
