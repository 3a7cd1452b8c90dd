package main

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	ctapp "github.com/claimtag/claimtag/app"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// serviceWorker is the app-worker.js template (see its header comment).
//
//go:embed app-worker.js
var serviceWorker string

// wasmLoader is appended to go-app's app.js: it fetches WasmFile and
// unpacks it (see its comment).
//
//go:embed wasm-loader.js
var wasmLoader string

// fetchPieces is appended to go-app's app.js too: the function the app
// reads the index's pieces with (browser.FetchPieces; see its comment).
//
//go:embed fetch-pieces.js
var fetchPieces string

// workerLater is appended to go-app's app.js too: it registers the service
// worker once the first search is done, not as the page starts (see its
// comment and deferWorker).
//
//go:embed worker-later.js
var workerLater string

// WasmFile is app.wasm as the site ships it, gzip -9 in web/: the app's
// loader (wasm-loader.js) unpacks it in the browser, so that no host has
// to compress 12.5 MB of code, on each request or at all.
const WasmFile = "app.wasm.gzip"

// contentSecurityPolicy allows nothing but the site's own origin. go-app
// needs 'wasm-unsafe-eval' to compile app.wasm; it uses no inline script
// or style, and downloads are blob: links.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data: blob:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'"

// Theme colours of the site and its icons.
const (
	themeColor      = "#1f4e5f"
	backgroundColor = "#f7f5f0"
)

// siteConfig is what runSite builds.
type siteConfig struct {
	In     string // corpus folder; "" for the default corpus
	Out    string // output folder
	Base   string // path the site is served under ("" or "/sub/path")
	Web    string // folder of static files (icons, app.css), copied to Out/web
	Wasm   string // app.wasm to ship; "" means Web/app.wasm
	Ingest ingestFlags
}

func runSite(args []string, stdout, stderr io.Writer) error {
	cfg, err := siteFlags("site", args, stderr, nil)
	if err != nil {
		return err
	}
	if err := buildSite(cfg, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the site to %s (serve it under %q)\n", cfg.Out, cfg.Base+"/")
	return nil
}

// siteFlags parses the flags shared by site and serve; more adds flags.
func siteFlags(name string, args []string, stderr io.Writer, more func(*flag.FlagSet)) (siteConfig, error) {
	fs := newFlags(name, stderr)
	var cfg siteConfig
	fs.StringVar(&cfg.In, "in", "", "folder of documents (.txt, .md, .html); empty: the default corpus")
	fs.StringVar(&cfg.Out, "out", "dist", "folder to write the site into")
	fs.StringVar(&cfg.Base, "base", "", "path the site is served under, e.g. /claimtag (empty: the host's root)")
	fs.StringVar(&cfg.Web, "web", "web", "folder of static files copied into OUT/web")
	fs.StringVar(&cfg.Wasm, "wasm", "", "the app.wasm to ship (default: WEB/app.wasm, built by `make wasm`)")
	cfg.Ingest.register(fs)
	if more != nil {
		more(fs)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if _, err := cfg.Ingest.options(); err != nil {
		return cfg, err
	}
	base, err := cleanBase(cfg.Base)
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg.Base = base
	return cfg, nil
}

// cleanBase turns "claimtag/", "/claimtag" or "/" into "/claimtag" or "".
func cleanBase(b string) (string, error) {
	b = strings.Trim(b, "/")
	if b == "" {
		return "", nil
	}
	if strings.ContainsAny(b, "?#\\ ") || strings.Contains(b, "..") {
		return "", fmt.Errorf("base %q: want a plain path like /claimtag", b)
	}
	return "/" + path.Clean(b), nil
}

// routesOnce registers the app's routes once per process.
var routesOnce sync.Once

// buildSite writes the static site: go-app's pages, scripts, manifest and
// service worker, the static files, app.wasm and the index in pieces
// (web/index/), each compressible file with .br and .gz twins (compress.go).
func buildSite(cfg siteConfig, stderr io.Writer) error {
	wasmPath := cfg.Wasm
	if wasmPath == "" {
		wasmPath = filepath.Join(cfg.Web, "app.wasm")
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return fmt.Errorf("site: %w (build it first: make wasm, or GOOS=js GOARCH=wasm go build -o web/app.wasm ./app/wasm)", err)
	}
	start := time.Now()
	rep, name, err := ingestCorpus(cfg.In, cfg.Ingest, stderr)
	if err != nil {
		return err
	}
	webOut := filepath.Join(cfg.Out, "web")
	if err := os.RemoveAll(webOut); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	statics, err := copyStatic(cfg.Web, webOut)
	if err != nil {
		return fmt.Errorf("site: copy %s: %w", cfg.Web, err)
	}
	wasmGz := gzipBytes(wasm)
	if err := writeFileAtomic(filepath.Join(webOut, WasmFile), wasmGz); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	// The build's temporary files go beside the site, on its disk, in a
	// dot-folder removed when the build ends.
	res, err := buildIndex(rep, name, cfg.Ingest, "", filepath.Join(webOut, PiecesDir), cfg.Out, start, stderr)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	manifest := res.Pieces.manifest
	m, err := index.ParseManifest(manifest)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	fmt.Fprintf(stderr, "index in pieces: %s, meta piece %s\n", piecesSummary(res.Pieces), humanBytes(int64(m.Meta.Size)))
	var opening []string
	for _, f := range m.OpenFiles() {
		opening = append(opening, f.File)
	}
	h := siteHandler(cfg.Base, statics, siteVersion(cfg.Base, wasm, manifest, statics, cfg.Web), opening, len(wasmGz))
	routesOnce.Do(ctapp.Routes)
	if err := app.GenerateStaticWebsite(cfg.Out, h, ctapp.Pages()...); err != nil {
		return fmt.Errorf("site: generate: %w", err)
	}
	if err := loadWasmGzipped(filepath.Join(cfg.Out, "app.js"), cfg.Base); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	for _, page := range ctapp.Pages() {
		if err := scriptsFirst(filepath.Join(cfg.Out, pageFile(page)), cfg.Base); err != nil {
			return fmt.Errorf("site: %w", err)
		}
	}
	p := &progress{w: stderr, interval: time.Second}
	return precompress(cfg.Out, func(done, total int) { p.report("compressing files", done, total) })
}

// siteHandler configures go-app for the site; opening names the pieces that
// opening the index fetches (index.Manifest.OpenFiles).
func siteHandler(base string, statics []string, version string, opening []string, wasmSize int) *app.Handler {
	var res app.ResourceResolver = app.LocalDir("")
	if base != "" {
		res = app.PrefixedLocation(base)
	}
	pieces := "/web/" + ctapp.IndexDir + "/"
	// The manifest and the pieces opening the index reads are cached with
	// the app: the other pieces are saved once the first search is done
	// (chrome.SaveOffline).
	cache := []string{pieces + ctapp.ManifestFile}
	for _, f := range opening {
		cache = append(cache, pieces+f)
	}
	for _, p := range ctapp.Pages() {
		if p != "/" {
			cache = append(cache, p)
		}
	}
	for _, s := range statics {
		cache = append(cache, "/web/"+s)
	}
	// app.wasm starts downloading with the page, not once app.js runs;
	// what opening the index needs downloads while it does. The app's
	// fetches take them from the preloads. The small files opening the
	// index reads come before app.wasm, so that a server answering in
	// turn sends them first (go-app's scripts come first of all:
	// scriptsFirst).
	headers := []string{
		`<meta http-equiv="Content-Security-Policy" content="` + contentSecurityPolicy + `">`,
		`<link rel="preload" href="` + base + pieces + ctapp.ManifestFile + `" as="fetch" crossorigin="anonymous">`,
	}
	for _, f := range opening {
		headers = append(headers, `<link rel="preload" href="`+base+pieces+f+`" as="fetch" crossorigin="anonymous">`)
	}
	headers = append(headers, `<link rel="preload" href="`+base+"/web/"+WasmFile+`" as="fetch" crossorigin="anonymous">`)
	return &app.Handler{
		Name:        "claimtag",
		ShortName:   "claimtag",
		Title:       "claimtag",
		Description: "Search research documents offline and tag their claims as fact, forecast, opinion or unverified.",
		Lang:        "en",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor:       backgroundColor,
		ThemeColor:            themeColor,
		LoadingLabel:          "Loading claimtag: {progress}%",
		Styles:                []string{"/web/app.css"},
		CacheableResources:    cache,
		RawHeaders:            headers,
		Resources:             res,
		Version:               version,
		WasmContentLength:     strconv.Itoa(wasmSize),
		ServiceWorkerTemplate: workerScript(base, base+pieces),
	}
}

// workerScript is the service worker template with the pieces' folder,
// their cache and the offline save's header filled in (go-app fills in the version and the resources).
func workerScript(base, pieces string) string {
	return strings.NewReplacer("__CLAIMTAG_PIECES__", pieces, "__CLAIMTAG_PIECE_CACHE__", ctapp.PieceCache, "__CLAIMTAG_SAVE_HEADER__", browser.SaveHeader,
		"__CLAIMTAG_WASM__", base+"/web/app.wasm", "__CLAIMTAG_WASM_FILE__", base+"/web/"+WasmFile).Replace(serviceWorker)
}

// loadWasmGzipped makes go-app's app.js (at file) load the app from
// WasmFile through wasm-loader.js, for a site served under base, adds the
// function the app fetches the index's pieces with (fetch-pieces.js), and
// has the service worker registered after the first search
// (worker-later.js).
// go-app writes app.js with one call that fetches app.wasm; the build fails
// if a new go-app writes it otherwise.
func loadWasmGzipped(file, base string) error {
	js, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	call := `fetchWithProgress("` + base + `/web/app.wasm", showProgress)`
	if n := strings.Count(string(js), call); n != 1 {
		return fmt.Errorf("%s: want one %s to replace, found %d (has go-app's app.js changed?)", file, call, n)
	}
	out := strings.Replace(string(js), call, `claimtagFetchWasm("`+base+"/web/"+WasmFile+`", showProgress)`, 1)
	out, err = deferWorker(file, out)
	if err != nil {
		return err
	}
	return writeFileAtomic(file, []byte(out+wasmLoader+fetchPieces+workerLater))
}

// registerCall is the statement of go-app's app.js that registers the
// service worker as the script starts.
const registerCall = "\ngoappInitServiceWorker();\n"

// deferWorker removes registerCall from js, go-app's app.js (at file):
// worker-later.js registers the worker once the first search is done. The
// build fails if a new go-app writes the call otherwise.
func deferWorker(file, js string) (string, error) {
	if n := strings.Count(js, registerCall); n != 1 {
		return "", fmt.Errorf("%s: want one %q to defer, found %d (has go-app's app.js changed?)", file, strings.TrimSpace(registerCall), n)
	}
	return strings.Replace(js, registerCall, "\n// goappInitServiceWorker() runs later: claimtagRegisterWorker.\n", 1), nil
}

// goappScripts are the scripts go-app's pages load (deferred), under the
// site's base.
var goappScripts = []string{"/wasm_exec.js", "/app.js"}

// scriptsFirst marks go-app's scripts in the page at file to be fetched
// with high priority. Deferred scripts are fetched with low priority, and
// Chromium holds low-priority requests back while the page's preloads
// (app.wasm, the index's first pieces) are in flight: app.js, which starts
// compiling app.wasm, then came after the whole of app.wasm (in the bench
// harness, 650 ms after the page asked for it, against 90 ms marked). go-app
// writes the script tags itself; the build fails if a new go-app writes
// them otherwise.
func scriptsFirst(file, base string) error {
	html, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out := string(html)
	for _, s := range goappScripts {
		// go-app writes a tag's attributes in no fixed order.
		tag := regexp.MustCompile(`<script\s[^>]*\bsrc="` + regexp.QuoteMeta(base+s) + `"[^>]*>`)
		if n := len(tag.FindAllString(out, -1)); n != 1 {
			return fmt.Errorf("%s: want one script tag loading %s to mark, found %d (has go-app's page changed?)", file, base+s, n)
		}
		out = tag.ReplaceAllStringFunc(out, func(t string) string {
			return strings.Replace(t, "<script", `<script fetchpriority="high"`, 1)
		})
	}
	return writeFileAtomic(file, []byte(out))
}

// pageFile is the file go-app's GenerateStaticWebsite writes a page's path
// to: "/" to index.html, "/doc" to doc.html.
func pageFile(page string) string {
	if page == "/" {
		return "index.html"
	}
	return strings.TrimPrefix(page, "/") + ".html"
}

// siteVersion hashes everything shipped (the index through its manifest,
// which names every piece by its hash), so that a new build (and only a
// new build) makes the service worker update and the app offer a reload.
func siteVersion(base string, wasm, manifest []byte, statics []string, web string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", base, len(wasm))
	h.Write(wasm)
	h.Write(manifest)
	// The scripts the build writes into the site: a change to one alone
	// must reach the browsers that cached the last version too.
	for _, js := range []string{serviceWorker, wasmLoader, fetchPieces, workerLater} {
		fmt.Fprintf(h, "%d\x00%s", len(js), js)
	}
	for _, s := range statics {
		b, _ := os.ReadFile(filepath.Join(web, s))
		fmt.Fprintf(h, "%s\x00%d\x00", s, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// copyStatic copies the files of web into out, leaving out generated ones
// (app.wasm, the index snapshot and its pieces, .gz twins, temporary
// files, dot-files and dot-folders such as an interrupted build's
// temporary folder). It returns the copied paths, slash-separated and relative to out.
func copyStatic(web, out string) ([]string, error) {
	var copied []string
	err := filepath.WalkDir(web, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(web, p)
		name := d.Name()
		if d.IsDir() {
			if rel == ctapp.IndexDir || rel != "." && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(out, rel), 0o755)
		}
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "app.wasm") || strings.HasPrefix(name, SnapshotName) ||
			strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".tmp") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		copied = append(copied, filepath.ToSlash(rel))
		return os.WriteFile(filepath.Join(out, rel), b, 0o644)
	})
	return copied, err
}
