package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/w3csuite"
)

// w3cSuiteDir is the W3C Web Annotation test suite shared by the project.
const w3cSuiteDir = "../../shared/w3c-web-annotation-tests"

// validateOwnExport checks a downloaded export against the project's JSON
// Schema (app/annotation/schema).
func validateOwnExport(t *testing.T, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(annotation.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("claimtag-annotations.v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("claimtag-annotations.v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("own export: %v", err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("own export does not match its schema: %v", err)
	}
}

// validateW3CExport runs the W3C suite's MUST assertions on a downloaded
// AnnotationCollection.
func validateW3CExport(t *testing.T, data []byte) {
	t.Helper()
	suite, err := w3csuite.Load(w3cSuiteDir)
	if errors.Is(err, w3csuite.ErrNotFound) {
		t.Logf("skipping the W3C suite: %v", err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range suite.CheckCollection(data) {
		t.Error(err)
	}
}

// profileDir returns a fresh Chromium profile folder. It is removed after the
// test on a best-effort basis: Chromium's helper processes may still be
// writing into it as the browser exits, which must not fail the test the way
// t.TempDir's cleanup would.
func profileDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "claimtag-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 10; i++ {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Logf("left the Chromium profile %s behind", dir)
	})
	return dir
}

// chromiumOptions are the flags every browser test runs Chromium with: headless, no
// sandbox (CI runs as root), nothing that reaches beyond this machine, and a
// fresh profile.
func chromiumOptions(t testing.TB, chrome string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.UserDataDir(profileDir(t)),
		chromedp.WindowSize(1280, 900),
	}
}

// buildTestWasm compiles the app to dir/app.wasm, as `make wasm` does.
func buildTestWasm(tb testing.TB, dir string) string {
	tb.Helper()
	wasm := filepath.Join(dir, "app.wasm")
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", wasm, "../app/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building app.wasm: %v\n%s", err, out)
	}
	return wasm
}

// benchSite builds the site over $BENCH_CORPUS for a browser benchmark,
// limited to its first documents holding about maxPassages passages
// ($BENCH_MAX_PASSAGES overrides; 0 keeps them all). It skips the benchmark
// when the corpus or Chromium is missing, and returns Chromium's path, the
// site folder and the build's summary.
func benchSite(b *testing.B, maxPassages int) (chrome, dist, summary string) {
	corpus := os.Getenv("BENCH_CORPUS")
	if corpus == "" {
		b.Skip("set BENCH_CORPUS to a folder of documents (make bench does)")
	}
	chrome, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium not found")
	}
	if v := os.Getenv("BENCH_MAX_PASSAGES"); v != "" {
		maxPassages, _ = strconv.Atoi(v)
	}
	dir := b.TempDir()
	if maxPassages > 0 {
		corpus = firstDocs(b, corpus, filepath.Join(dir, "corpus"), maxPassages)
	}
	dist = filepath.Join(dir, "dist")
	var log strings.Builder
	if err := buildSite(siteConfig{In: corpus, Out: dist, Web: "../web", Wasm: buildTestWasm(b, dir)}, &log); err != nil {
		b.Fatalf("building the site: %v\n%s", err, log.String())
	}
	return chrome, dist, log.String()
}
