package main

import (
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	cdplog "github.com/chromedp/cdproto/log"

	"github.com/claimtag/claimtag/app/browser"
)

// syntheticCorpus writes docs Markdown documents of made-up words into dir,
// about 16 KB each, so that the index has a few hundred pieces; the word
// "quillwort" is in three of them.
func syntheticCorpus(t *testing.T, dir string, docs int) {
	t.Helper()
	r := rand.New(rand.NewSource(1))
	syll := []string{"ka", "lo", "mi", "ren", "sto", "vu", "zel", "par", "qui", "dan", "tor", "bex", "ul", "fi", "gra", "hos"}
	vocab := make([]string, 4000)
	for i := range vocab {
		var w strings.Builder
		for n := 2 + r.Intn(3); n > 0; n-- {
			w.WriteString(syll[r.Intn(len(syll))])
		}
		vocab[i] = w.String()
	}
	for d := 0; d < docs; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "# Report %d on %s\n\n", d, vocab[d])
		for p := 0; p < 40; p++ {
			for s := 0; s < 4; s++ {
				words := make([]string, 8+r.Intn(8))
				for i := range words {
					// a few words are common, most are rare
					words[i] = vocab[min(int(r.ExpFloat64()*400), len(vocab)-1)]
				}
				if d%40 == 7 && p == 3 && s == 1 {
					words[2] = "quillwort"
				}
				b.WriteString(strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + ". ")
			}
			b.WriteString("\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%03d.md", d)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pieceLog counts the pieces the server sent, apart from those the page
// saved for offline use in the background.
type pieceLog struct {
	mu            sync.Mutex
	pieces, bytes int
	saved         int
}

func (l *pieceLog) counts() (pieces, bytes, saved int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pieces, l.bytes, l.saved
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// TestE2EPiecesOnDemandThenOffline loads a site whose index has hundreds of
// pieces: the first result must come after fetching only a few of them;
// then every piece is saved in the background with progress in the
// footer, and after that the app reloads, searches and tags offline.
func TestE2EPiecesOnDemandThenOffline(t *testing.T) {
	chrome := findChromium(t)
	dir := t.TempDir()
	wasm := buildTestWasm(t, dir)
	corpus := filepath.Join(dir, "corpus")
	os.MkdirAll(corpus, 0o755)
	syntheticCorpus(t, corpus, 160)
	dist := filepath.Join(dir, "dist")
	var log strings.Builder
	if err := buildSite(siteConfig{In: corpus, Out: dist, Base: e2eBase, Web: "../web", Wasm: wasm}, &log); err != nil {
		t.Fatalf("building the site: %v\n%s", err, log.String())
	}
	ix := openIndex(t, dist)
	files := ix.Files()
	total := 0
	for _, f := range files {
		total += f.Size
	}
	if len(files) < 100 {
		t.Fatalf("the index has %d pieces; the test needs a corpus that makes more", len(files))
	}

	var plog pieceLog
	site := siteServer(dist, e2eBase)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, ".bin") || path.Base(path.Dir(r.URL.Path)) != PiecesDir {
			site.ServeHTTP(w, r)
			return
		}
		cw := &countingWriter{ResponseWriter: w}
		site.ServeHTTP(cw, r)
		plog.mu.Lock()
		defer plog.mu.Unlock()
		if r.Header.Get(browser.SaveHeader) != "" {
			plog.saved++
			return
		}
		plog.pieces++
		plog.bytes += cw.n
	}))
	t.Cleanup(srv.Close) // after the browser (cleanups run last first)
	ctx := newBrowser(t, chrome)
	w := &watcher{origin: srv.URL, logf: t.Logf}
	w.listen(ctx)
	step(t, ctx, "the browser starts", network.Enable(), runtime.Enable(), cdplog.Enable())
	root := srv.URL + e2eBase + "/"

	// What the footer's offline line says, each time it changes.
	const recordFooter = `addEventListener("DOMContentLoaded", () => {
		window.__offline = [];
		const note = () => {
			const el = document.getElementById("offline-status");
			const t = el ? el.textContent : "";
			if (t !== window.__offline[window.__offline.length - 1]) window.__offline.push(t);
		};
		new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	})`
	step(t, ctx, "the footer is watched", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(recordFooter).Do(ctx)
		return err
	}))
	step(t, ctx, "the first search shows its hits", chromedp.Navigate(root+"?q=quillwort"), chromedp.WaitVisible(".hit mark", chromedp.ByQuery))
	n, b, saved := plog.counts()
	t.Logf("before the first result: %d of %d pieces, %d of %d bytes (gzip where taken); %d saved in the background so far", n, len(files), b, total, saved)
	if n == 0 || n > len(files)/5 || b > total/5 {
		t.Errorf("the first result came after fetching %d of %d pieces, %d of %d bytes: want a few", n, len(files), b, total)
	}

	step(t, ctx, "every piece is saved for offline use, with progress in the footer",
		chromedp.WaitVisible(`#offline-status[data-state="ready"]`, chromedp.ByQuery))
	var cached int
	step(t, ctx, "the pieces are in the cache", eval(`caches.open("claimtag-pieces").then(c => c.keys()).then(ks => ks.length)`, &cached))
	if cached != len(files) {
		t.Errorf("%d pieces cached, want all %d", cached, len(files))
	}
	var statusText string
	var said []string
	step(t, ctx, "the footer says so", chromedp.Text("#offline-status", &statusText, chromedp.ByQuery), eval(`window.__offline`, &said))
	if !strings.Contains(statusText, "Available offline") {
		t.Errorf("the footer says %q", statusText)
	}
	// The percentage only grows, and the line ends on "Available offline".
	t.Logf("the footer's offline line said, in turn: %q", said)
	pct, saving := -1, 0
	for _, s := range said {
		var p int
		if i := strings.Index(s, "Saving the index for offline use: "); i >= 0 {
			if _, err := fmt.Sscanf(s[i+len("Saving the index for offline use: "):], "%d%%", &p); err != nil || p < pct || p > 100 {
				t.Errorf("the footer said %q after %d%%", s, pct)
			}
			pct, saving = p, saving+1
		}
	}
	if saving == 0 || len(said) == 0 || !strings.Contains(said[len(said)-1], "Available offline") {
		t.Errorf("the footer said %q: want the saving percentage, then Available offline", said)
	}

	// A long search lets the page run: timers fire while it works (Go's
	// WebAssembly has no preemption: without the pauses in index's work
	// budget none would until it ends). The search runs twice, its words
	// in another order: the second has every piece it reads in memory
	// already, so that no fetch lets the page run instead. Each query is
	// put in the box at once (one input event), so that one search runs
	// for it and no search of a part of it is the one measured.
	step(t, ctx, "a timer probe ticks", eval(`(() => { window.__ticks = []; const tick = () => { window.__ticks.push(performance.now()); setTimeout(tick, 0); }; tick(); return true; })()`, new(bool)))
	for _, q := range []string{"ka* lo* mi* st*", "st* mi* lo* ka*"} {
		var before int
		step(t, ctx, "count the searches", eval(`performance.getEntriesByName("claimtag-search").length`, &before))
		step(t, ctx, "a long search runs", eval(`(() => {
			const box = document.getElementById("search");
			box.value = `+strconv.Quote(q)+`;
			box.dispatchEvent(new Event("input", {bubbles: true}));
			return true;
		})()`, new(bool)),
			waitJS(`performance.getEntriesByName("claimtag-search").length > `+fmt.Sprint(before)))
	}
	var probe struct {
		Start, Duration float64
		Inside          int
	}
	step(t, ctx, "read the probe", eval(`(() => {
		const m = performance.getEntriesByName("claimtag-search").at(-1);
		const inside = window.__ticks.filter(t => t > m.startTime + 2 && t < m.startTime + m.duration - 2).length;
		return {start: m.startTime, duration: m.duration, inside};
	})()`, &probe))
	t.Logf("the long search took %.0f ms; %d timer ticks ran during it", probe.Duration, probe.Inside)
	if probe.Duration > 100 && probe.Inside == 0 {
		t.Errorf("no timer fired during a %.0f ms search: the search froze the page", probe.Duration)
	}

	// A reload online lets the service worker take the page; then offline.
	step(t, ctx, "reload online", chromedp.Reload(), chromedp.WaitVisible(".hit mark", chromedp.ByQuery),
		eval(`navigator.serviceWorker.ready.then(() => true)`, new(bool)),
		waitJS(`navigator.serviceWorker.controller !== null`))
	srv.CloseClientConnections()
	srv.Close()

	var hits int
	step(t, ctx, "offline reload and search", chromedp.Navigate(root+"?q=quillwort"), chromedp.WaitVisible(".hit mark", chromedp.ByQuery),
		eval(`document.querySelectorAll(".hit").length`, &hits))
	if hits == 0 {
		t.Error("no hits offline")
	}
	step(t, ctx, "another search offline", chromedp.Navigate(root+"?q="+ix.Documents()[5].Title[len("Report 5 on "):]),
		chromedp.WaitVisible(".hit mark", chromedp.ByQuery))
	step(t, ctx, "offline: open a hit and tag it",
		chromedp.Navigate(root+"?q=quillwort"), chromedp.WaitVisible(".hit mark", chromedp.ByQuery),
		chromedp.Click(".hit .hit-link", chromedp.ByQuery),
		chromedp.WaitVisible("#doc .passage.target", chromedp.ByQuery),
		press("j"), chromedp.WaitVisible(".sentence.active", chromedp.ByQuery), press("1"),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery),
		chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#save-status[data-state="saved"]`, chromedp.ByQuery))
	step(t, ctx, "offline: the tag survives a reload", chromedp.Reload(), chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery))
	w.check(t)
}
