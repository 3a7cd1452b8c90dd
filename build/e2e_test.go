package main

// The end-to-end test drives the real site in headless Chromium: it builds
// app.wasm and the site (under a sub-path), serves it, and checks loading,
// search, tagging with the keyboard, persistence across reloads and tabs,
// offline use, installability, exports, the CSP and a hostile document.
//
//	go test ./build -run E2E -v          # needs /usr/bin/chromium
//	go test -short ./...                 # skips it
//
// Without Chromium it skips locally and fails when CI is set.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/claimtag/claimtag/app/annotation"
)

const e2eBase = "/claimtag"

func findChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped with -short")
	}
	for _, name := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium not found: the end-to-end test needs it in CI (apt-get install -y chromium)")
	}
	t.Skip("Chromium not found (apt-get install -y chromium); skipping the end-to-end test")
	return ""
}

// e2eSite builds app.wasm and the site over the default corpus plus a
// hostile HTML document, into a temporary folder.
func e2eSite(t *testing.T) (dist, hostileID string) {
	t.Helper()
	dir := t.TempDir()
	wasm := buildTestWasm(t, dir)
	corpus := filepath.Join(dir, "corpus")
	copyTree(t, "corpus", corpus)
	copyTree(t, "testdata/hostile", corpus)
	dist = filepath.Join(dir, "dist")
	var log strings.Builder
	if err := buildSite(siteConfig{In: corpus, Out: dist, Base: e2eBase, Web: "../web", Wasm: wasm}, &log); err != nil {
		t.Fatalf("building the site: %v\n%s", err, log.String())
	}
	ix := openIndex(t, dist)
	for _, d := range ix.Documents() {
		if strings.HasPrefix(d.Path, "hostile") {
			hostileID = d.ID
		}
	}
	if hostileID == "" {
		t.Fatal("the hostile document is not in the index")
	}
	return dist, hostileID
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// newBrowser starts chrome on a fresh profile for the test's (or
// benchmark's) lifetime.
func newBrowser(tb testing.TB, chrome string) context.Context {
	tb.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(tb, chrome)...)
	tb.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(quietErrorf))
	tb.Cleanup(cancel)
	if err := chromedp.Run(ctx); err != nil { // starts the browser for ctx's lifetime
		tb.Fatal(err)
	}
	return ctx
}

// watcher records what the browser must never do.
type watcher struct {
	mu       sync.Mutex
	origin   string
	problems []string
	dialogs  int
	logf     func(format string, args ...any)
}

func (w *watcher) add(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

func (w *watcher) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, w.origin+"/") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
				w.add("request left the origin: %s", u)
			}
		case *page.EventJavascriptDialogOpening:
			w.mu.Lock()
			w.dialogs++
			w.mu.Unlock()
			w.add("a dialog opened: %q", ev.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			w.logf("console.%s: %s", ev.Type, strings.Join(parts, " "))
			for _, a := range ev.Args {
				if strings.Contains(string(a.Value), "Content Security Policy") || strings.Contains(a.Description, "Content Security Policy") {
					w.add("CSP violation: %s", a.Value)
				}
			}
		case *cdplog.EventEntryAdded:
			w.logf("log.%s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL)
			if strings.Contains(ev.Entry.Text, "Content Security Policy") {
				w.add("CSP violation: %s", ev.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			w.logf("exception: %s", ev.ExceptionDetails.Error())
			w.add("uncaught exception: %s", ev.ExceptionDetails.Error())
		}
	})
}

func (w *watcher) check(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range w.problems {
		t.Error(p)
	}
	w.problems = nil
}

// eval runs JavaScript, awaiting a promise, into res.
func eval(js string, res any) chromedp.Action {
	return chromedp.Evaluate(js, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })
}

// waitJS polls until the JavaScript expression is true.
func waitJS(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil, chromedp.WithPollingInterval(100*time.Millisecond))
}

func step(t *testing.T, ctx context.Context, name string, actions ...chromedp.Action) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(c, actions...); err != nil {
		var html string
		chromedp.Run(ctx, chromedp.OuterHTML("body", &html, chromedp.ByQuery))
		if len(html) > 3000 {
			html = html[:3000]
		}
		t.Fatalf("%s: %v\nbody: %s", name, err, html)
	}
}

func TestE2E(t *testing.T) {
	dist, hostileID := e2eSite(t)
	tab := openTab(t, dist)
	ctx, srv, w, root := tab.ctx, tab.srv, tab.w, tab.root
	downloads := t.TempDir()
	step(t, ctx, "start", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true))

	// Load: the index is fetched, the document list shows.
	step(t, ctx, "load", chromedp.Navigate(root), chromedp.WaitVisible("#documents", chromedp.ByQuery))

	// Installable, and the service worker has cached everything.
	var installErrs []*page.InstallabilityError
	step(t, ctx, "installability", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		installErrs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	for _, e := range installErrs {
		t.Errorf("installability error: %s %v", e.ErrorID, e.ErrorArguments)
	}
	step(t, ctx, "service worker", eval(`navigator.serviceWorker.ready.then(() => true)`, new(bool)),
		waitJS(`caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match("`+e2eBase+`/web/index/manifest.bin"))))).then(rs => rs.some(Boolean))`))

	// Search as you type.
	var total string
	step(t, ctx, "search", chromedp.SendKeys("#search", "EBITDA", chromedp.ByQuery),
		chromedp.WaitVisible(".hit mark", chromedp.ByQuery), chromedp.Text("#total", &total, chromedp.ByQuery))
	if !strings.Contains(total, " passages in ") || strings.HasPrefix(total, "0 ") {
		t.Errorf("total = %q, want some passages", total)
	}
	var loc string
	step(t, ctx, "query in the URL", chromedp.Location(&loc))
	if !strings.Contains(loc, e2eBase+"/?q=EBITDA") {
		t.Errorf("location = %q, want the query in it under %s", loc, e2eBase)
	}

	// Open the first hit, tag a sentence as fact with j then 1.
	step(t, ctx, "open a document", chromedp.Click(".hit:not([data-doc='"+hostileID+"']) .hit-link", chromedp.ByQuery),
		chromedp.WaitVisible("#doc .passage.target", chromedp.ByQuery))
	step(t, ctx, "tag with the keyboard", press("j"), chromedp.WaitVisible(".sentence.active", chromedp.ByQuery),
		press("1"),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery),
		chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#save-status[data-state="saved"]`, chromedp.ByQuery))
	var docURL string
	step(t, ctx, "doc url", chromedp.Location(&docURL))

	// Reload: the annotation comes back from IndexedDB.
	step(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery))

	// A second tab sees it, and sees a new one without reloading.
	tab2, cancel2 := chromedp.NewContext(ctx)
	defer cancel2()
	if err := chromedp.Run(tab2); err != nil {
		t.Fatal(err)
	}
	step(t, tab2, "second tab", chromedp.Navigate(docURL), chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery))
	// After the reload j starts again at the target's first sentence (the
	// fact); the second j moves to the next sentence.
	step(t, ctx, "tag a forecast", press("j"), press("j"), press("2"),
		chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="forecast"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#save-status[data-state="saved"]`, chromedp.ByQuery))
	step(t, tab2, "second tab updates", chromedp.WaitVisible(`#doc mark[data-tag="forecast"]`, chromedp.ByQuery))
	cancel2()

	// Undo removes the forecast; redo brings it back.
	step(t, ctx, "undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(input.ModifierCtrl)),
		waitJS(`!document.querySelector('#doc mark[data-tag="forecast"]')`),
		chromedp.KeyEvent("Z", chromedp.KeyModifiers(input.ModifierCtrl|input.ModifierShift)),
		chromedp.WaitVisible(`#doc mark[data-tag="forecast"]`, chromedp.ByQuery))

	// Editing through the marks acts on the mark clicked last: click the
	// fact, then the forecast, and retag the forecast as an opinion.
	step(t, ctx, "retag through the panel", chromedp.Click(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#ann-panel[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.Click(`#doc mark[data-tag="forecast"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#ann-panel[data-tag="forecast"]`, chromedp.ByQuery),
		chromedp.Click(`#ann-panel .tag-btn[data-tag="opinion"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="opinion"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#save-status[data-state="saved"]`, chromedp.ByQuery))
	var tags []string
	step(t, ctx, "tags after the retag", eval(`[...document.querySelectorAll("#doc mark")].map(m => m.dataset.tag).sort()`, &tags))
	if strings.Join(tags, ",") != "fact,opinion" {
		t.Errorf("marks after retagging the forecast: %v, want fact and opinion", tags)
	}

	// The hostile document renders as text and runs nothing.
	var pwned bool
	var scripts, imgs int
	step(t, ctx, "hostile document", chromedp.Navigate(root+"doc?id="+hostileID), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		eval(`window.__pwned !== undefined`, &pwned),
		eval(`document.querySelectorAll("#doc script, #doc iframe").length`, &scripts),
		eval(`document.querySelectorAll("#doc img, #doc [onerror], #doc [onclick], #doc a[href^='javascript']").length`, &imgs))
	if pwned || scripts != 0 || imgs != 0 {
		t.Errorf("hostile document: __pwned set %v, %d scripts/iframes, %d images or handlers in the page", pwned, scripts, imgs)
	}

	// Offline: once every piece of the index is saved, stop the server; the
	// app, the index and the annotations stay.
	step(t, ctx, "the index is saved for offline use", chromedp.WaitVisible(`#offline-status[data-state="ready"]`, chromedp.ByQuery))
	srv.CloseClientConnections()
	srv.Close()
	step(t, ctx, "offline reload", chromedp.Navigate(docURL), chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery))
	step(t, ctx, "offline search", chromedp.Navigate(root+"?q=EBITDA"), chromedp.WaitVisible(".hit mark", chromedp.ByQuery))

	// Export both formats (offline too).
	step(t, ctx, "export", chromedp.Navigate(docURL), chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		chromedp.Click("#export summary", chromedp.ByQuery), chromedp.Click("#export-json", chromedp.ByQuery),
		chromedp.Click("#export-w3c", chromedp.ByQuery))
	own := waitFile(t, filepath.Join(downloads, "claimtag-annotations.json"))
	validateOwnExport(t, own)
	exp, err := annotation.ParseExport(own)
	if err != nil {
		t.Fatalf("own export: %v", err)
	}
	if n := len(exp.Annotations); n != 2 || exp.Annotations[0].Creator != "Ada" {
		t.Errorf("own export has %d annotations (%+v), want 2 by Ada", n, exp.Annotations)
	}
	w3c := waitFile(t, filepath.Join(downloads, "claimtag-annotations.w3c.jsonld"))
	validateW3CExport(t, w3c)
	wexp, err := annotation.ParseW3C(w3c)
	if err != nil {
		t.Fatalf("W3C export: %v", err)
	}
	if len(wexp.Annotations) != 2 {
		t.Errorf("W3C export has %d annotations, want 2", len(wexp.Annotations))
	}
	var coll struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(w3c, &coll); err != nil || coll.Type != "AnnotationCollection" {
		t.Errorf("W3C export type = %q (%v), want AnnotationCollection", coll.Type, err)
	}
	w.check(t)
}

func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := os.ReadFile(path)
		if err == nil && len(b) > 0 {
			return b
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("empty")
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("download %s: %v (folder has %v)", path, err, names)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
