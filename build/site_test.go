package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	ctapp "github.com/claimtag/claimtag/app"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
)

// testSite builds the site over the default corpus with a stand-in
// app.wasm (the static files do not depend on its content).
func testSite(t *testing.T, base string) string {
	t.Helper()
	dir := t.TempDir()
	wasm := filepath.Join(dir, "app.wasm")
	// Large enough to be worth compressed twins, as the real one is.
	if err := os.WriteFile(wasm, []byte("\x00asm stand-in"+strings.Repeat(" stand-in", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dist")
	if err := buildSite(siteConfig{Out: out, Base: base, Web: "../web", Wasm: wasm}, io.Discard); err != nil {
		t.Fatal(err)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSiteUnderSubPath(t *testing.T) {
	out := testSite(t, "/sub/path")
	page := readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{
		`href="/sub/path/manifest.webmanifest"`,
		`src="/sub/path/app.js"`,
		`href="/sub/path/web/app.css"`,
		`http-equiv="Content-Security-Policy"`,
		`'wasm-unsafe-eval'`,
		`id="search"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(page, "https://raw.githubusercontent.com") {
		t.Error("index.html points outside the origin")
	}
	worker := readFile(t, filepath.Join(out, "app-worker.js"))
	for _, want := range []string{`"/sub/path/web/index/manifest.bin"`, `const piecesPath = "/sub/path/web/index/"`, `const pieceCache = "claimtag-pieces"`,
		`"/sub/path/doc"`, `"/sub/path/web/app.wasm.gzip"`, `"/sub/path/web/icon-512.png"`, "ignoreSearch",
		`const saveHeader = "` + browser.SaveHeader + `"`} {
		if !strings.Contains(worker, want) {
			t.Errorf("app-worker.js lacks %s", want)
		}
	}
	var manifest struct {
		Name, StartURL, Display string
		Icons                   []struct{ Src, Sizes, Purpose string }
	}
	m := readFile(t, filepath.Join(out, "manifest.webmanifest"))
	m = strings.ReplaceAll(m, `"start_url"`, `"StartURL"`)
	if err := json.Unmarshal([]byte(m), &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest.Name != "claimtag" || manifest.StartURL != "/sub/path" || manifest.Display != "standalone" {
		t.Errorf("manifest = %+v", manifest)
	}
	for _, ic := range manifest.Icons {
		if !strings.HasPrefix(ic.Src, "/sub/path/web/icon") {
			t.Errorf("icon %s is not one of ours", ic.Src)
		}
	}
	if !strings.Contains(page, `<link rel="preload" href="/sub/path/web/index/manifest.bin"`) {
		t.Error("index.html does not preload the index manifest")
	}
	if !strings.Contains(page, `<link rel="preload" href="/sub/path/web/app.wasm.gzip" as="fetch" crossorigin="anonymous">`) {
		t.Error("index.html does not preload app.wasm")
	}
	if m, w := strings.Index(page, `href="/sub/path/web/index/manifest.bin"`), strings.Index(page, `href="/sub/path/web/app.wasm.gzip"`); m < 0 || w < m {
		t.Error("index.html preloads app.wasm before the index manifest: a server answering in turn sends the small file last")
	}
	for _, p := range ctapp.Pages() {
		html := readFile(t, filepath.Join(out, pageFile(p)))
		for _, s := range goappScripts {
			tag := regexp.MustCompile(`<script\s[^>]*src="/sub/path` + regexp.QuoteMeta(s) + `"[^>]*>`).FindString(html)
			if !strings.Contains(tag, `fetchpriority="high"`) {
				t.Errorf("%s loads %s with %q: want it fetched with high priority, ahead of the preloads", pageFile(p), s, tag)
			}
		}
	}
	pieces, err := index.ParseManifest([]byte(readFile(t, filepath.Join(out, "web/index/manifest.bin"))))
	if err != nil {
		t.Fatal(err)
	}
	opening := pieces.OpenFiles()
	if len(opening) < 2 {
		t.Fatalf("opening the index reads %d pieces, want the document table and the schema rows", len(opening))
	}
	for _, f := range opening {
		if !strings.Contains(page, `<link rel="preload" href="/sub/path/web/index/`+f.File+`" as="fetch" crossorigin="anonymous">`) {
			t.Errorf("index.html does not preload %s, which opening the index reads", f.File)
		}
		if !strings.Contains(worker, `"/sub/path/web/index/`+f.File+`"`) {
			t.Errorf("app-worker.js does not cache %s with the app, which opening the index reads", f.File)
		}
	}
	for _, f := range []string{"web/index/manifest.bin", "web/" + WasmFile, "web/icon-192.png", "doc.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// app.wasm ships once, gzipped, with no twins: app.js loads and unpacks
	// it, and the loading line counts its bytes.
	for _, f := range []string{"web/app.wasm", "web/app.wasm.gz", "web/app.wasm.br", "web/" + WasmFile + ".gz", "web/" + WasmFile + ".br"} {
		if fileExists(filepath.Join(out, f)) {
			t.Errorf("the site ships %s", f)
		}
	}
	zr, err := gzip.NewReader(strings.NewReader(readFile(t, filepath.Join(out, "web", WasmFile))))
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(wasm, []byte(readFile(t, filepath.Join(filepath.Dir(out), "app.wasm")))) {
		t.Errorf("%s does not unpack to the app.wasm built (err %v)", WasmFile, err)
	}
	appJS := readFile(t, filepath.Join(out, "app.js"))
	for _, want := range []string{`claimtagFetchWasm("/sub/path/web/app.wasm.gzip", showProgress)`, "async function claimtagFetchWasm(",
		"async function " + browser.FetchPiecesFunc + "(", "async function " + browser.UnpackPieceFunc + "(",
		"function " + browser.RegisterWorkerFunc + "(", "// goappInitServiceWorker() runs later",
		`const goappWasmContentLength = "` + strconv.Itoa(len(readFile(t, filepath.Join(out, "web", WasmFile)))) + `"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	if strings.Contains(appJS, `fetchWithProgress("/sub/path/web/app.wasm"`) {
		t.Error("app.js still fetches app.wasm")
	}
	if strings.Contains(appJS, registerCall) {
		t.Error("app.js still registers the service worker as it starts")
	}
	if _, err := os.Stat(filepath.Join(out, "web", SnapshotName)); err == nil {
		t.Error("the site ships the whole snapshot: the app fetches pieces")
	}
	ix := openIndex(t, out)
	// Each piece has its twins, unless compressing it saves too little
	// (compress.go's rule).
	for _, p := range ix.Files() {
		f := filepath.Join(out, "web", PiecesDir, p.File)
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		worth := len(raw) >= 1024 && float64(len(gzipBytes(raw))) <= float64(len(raw))*(1-minTwinSaving)
		if worth && (!fileExists(f+".gz") || !fileExists(f+".br")) {
			t.Errorf("piece %s (%d bytes, compressible) has no .gz and .br twins", p.File, len(raw))
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestSiteVersionChangesWithContent(t *testing.T) {
	a := siteVersion("", []byte("wasm1"), []byte("snap"), nil, "../web")
	b := siteVersion("", []byte("wasm2"), []byte("snap"), nil, "../web")
	c := siteVersion("", []byte("wasm1"), []byte("snap"), nil, "../web")
	if a == b || a != c {
		t.Errorf("versions %s %s %s: want a new one for new content only", a, b, c)
	}
	// The scripts the build adds to the site count too.
	for _, js := range []*string{&serviceWorker, &wasmLoader, &fetchPieces, &workerLater} {
		old := *js
		*js += "// changed\n"
		if v := siteVersion("", []byte("wasm1"), []byte("snap"), nil, "../web"); v == a {
			t.Errorf("a changed script (%.40q…) keeps the version %s", old, v)
		}
		*js = old
	}
}

func TestSiteServer(t *testing.T) {
	out := testSite(t, "/sub")
	srv := httptest.NewServer(siteServer(out, "/sub"))
	defer srv.Close()
	tests := []struct {
		name, path, encoding string
		status               int
		ctype, cenc          string
		contains             string
	}{
		{"the root is the app page", "/sub/", "", 200, "text/html; charset=utf-8", "", `id="search"`},
		{"the base without slash too", "/sub", "", 200, "text/html; charset=utf-8", "", `id="search"`},
		{"routes map to their .html", "/sub/doc?id=x", "", 200, "text/html; charset=utf-8", "", "<html"},
		{"app.wasm goes out gzipped as it is stored", "/sub/web/" + WasmFile, "gzip", 200, "application/gzip", "", "\x1f\x8b"},
		{"gzip twins go to clients that take them", "/sub/app.js", "gzip", 200, "text/javascript; charset=utf-8", "gzip", ""},
		{"the manifest has its MIME type", "/sub/manifest.webmanifest", "", 200, "application/manifest+json", "", "claimtag"},
		{"outside the base is not found", "/index.html", "", 404, "", "", ""},
		{"the index manifest is served as bytes", "/sub/web/index/manifest.bin", "", 200, "application/octet-stream", "", "CTPIECES"},
		{"a missing file is not found", "/sub/web/nope.js", "", 404, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Accept-Encoding", tt.encoding) // set: stops the client's transparent gzip
			if tt.encoding == "" {
				req.Header.Set("Accept-Encoding", "identity")
			}
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.cenc {
				t.Errorf("Content-Encoding %q, want %q", got, tt.cenc)
			}
			if !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
				t.Error("no Content-Security-Policy header")
			}
			if !strings.Contains(string(body), tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
		})
	}
	t.Run("pieces may be cached forever", func(t *testing.T) {
		piece := openIndex(t, out).Files()[0]
		res, err := http.Get(srv.URL + "/sub/web/index/" + piece.File)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("status %d, want 200", res.StatusCode)
		}
		// a piece is stored and sent gzipped, with no Content-Encoding:
		// the page unpacks it
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("the piece is not gzipped: %v", err)
		}
		if n, err := io.Copy(io.Discard, zr); err != nil || n != int64(piece.Size) || len(body) >= piece.Size {
			t.Fatalf("%d bytes sent, unpacking to %d (%v); want fewer, unpacking to %d", len(body), n, err, piece.Size)
		}
		if got := res.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
			t.Errorf("Cache-Control %q, want immutable", got)
		}
	})
}
