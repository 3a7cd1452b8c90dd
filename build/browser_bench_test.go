package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimtag/claimtag/index/ingest"
)

// BenchmarkBrowser measures the app in headless Chromium on the corpus in
// $BENCH_CORPUS (make bench sets it): time from navigation to the first
// result, cold (fresh profile) and warm (service worker and caches filled),
// query latency inside the page, bytes transferred and the wasm size. With
// $BENCH_MAX_DOCS only the first documents are used. The figures go to
// b.ReportMetric and, as Markdown rows, to $BENCH_BROWSER_OUT.
func BenchmarkBrowser(b *testing.B) {
	chrome, dist, summary := benchSite(b, 0)
	passages := passagesIn(summary)
	srv := httptest.NewServer(siteServer(dist, ""))
	b.Cleanup(srv.Close) // after the browser (cleanups run last first)
	queries := benchQueries(b)

	ctx := newBrowser(b, chrome)
	ctx, cancelT := context.WithTimeout(ctx, 10*time.Minute)
	defer cancelT()

	url := srv.URL + "/?q=" + strings.ReplaceAll(queries[0], " ", "+")
	firstResult := func() (ms, bytes float64) {
		if err := chromedp.Run(ctx, chromedp.Navigate(url),
			chromedp.Poll(`performance.getEntriesByName("claimtag-first-result").length > 0`, nil, chromedp.WithPollingInterval(5*time.Millisecond)),
			chromedp.Evaluate(`performance.getEntriesByName("claimtag-first-result")[0].startTime`, &ms),
			chromedp.Evaluate(`performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((s, e) => s + (e.transferSize || 0), 0)`, &bytes),
		); err != nil {
			b.Fatal(err)
		}
		return ms, bytes
	}
	cold, coldBytes := firstResult()
	var marks string
	chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByType("mark").concat(performance.getEntriesByType("measure")).map(e => e.name + "@" + Math.round(e.startTime) + "+" + Math.round(e.duration)).join(" ")`, &marks))
	b.Logf("cold marks: %s", marks)
	var res string
	chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByType("resource").map(e => e.name.split("/").pop() + ":" + e.transferSize + ":" + Math.round(e.startTime) + "-" + Math.round(e.responseEnd)).join(" ")`, &res))
	b.Logf("cold resources: %s", res)
	firstResult() // the service worker now holds the site
	warm, warmBytes := firstResult()

	// Type each query as a user would (the box debounces) and read the time
	// the page measured for its search.
	var lat []float64
	count := func() (n int) {
		chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByName("claimtag-search").length`, &n))
		return n
	}
	if err := chromedp.Run(ctx, chromedp.WaitVisible("#search", chromedp.ByQuery), chromedp.Sleep(300*time.Millisecond)); err != nil {
		b.Fatal(err)
	}
	for _, q := range queries[1:] {
		n := count()
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("search").select()`, nil), chromedp.SendKeys("#search", q, chromedp.ByQuery)); err != nil {
			b.Fatalf("query %q: %v", q, err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for count() <= n {
			if time.Now().After(deadline) {
				b.Fatalf("query %q: the page ran no search", q)
			}
			time.Sleep(5 * time.Millisecond)
		}
		var d float64
		chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByName("claimtag-search").at(-1).duration`, &d))
		lat = append(lat, d)
	}
	sort.Float64s(lat)
	pct := func(p float64) float64 { return lat[int(float64(len(lat)-1)*p)] }
	size := func(name string) int64 {
		st, err := os.Stat(filepath.Join(dist, "web", name))
		if err != nil {
			return 0
		}
		return st.Size()
	}
	b.ReportMetric(cold, "cold-ms")
	b.ReportMetric(warm, "warm-ms")
	b.ReportMetric(pct(0.5), "query-p50-ms")
	b.ReportMetric(pct(0.95), "query-p95-ms")
	if out := os.Getenv("BENCH_BROWSER_OUT"); out != "" {
		f, err := os.OpenFile(out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		verdict := func(ok bool) string { return map[bool]string{true: "(met)", false: "(MISSED)"}[ok] }
		mb := func(n float64) string { return fmt.Sprintf("%.1f MB", n/(1<<20)) }
		fmt.Fprintf(f, "| %s passages | %.0f ms %s | %.0f ms %s | %.2f / %.2f ms %s | %s cold, %s warm | %s (%s gzip) | %s (%s gzip) |\n",
			passages, cold, verdict(cold < 1500), warm, verdict(warm < 700), pct(0.5), pct(0.95), verdict(pct(0.95) < 15),
			mb(coldBytes), mb(warmBytes), mb(float64(size("app.wasm"))), mb(float64(size("app.wasm.gz"))),
			mb(float64(size("index.snap"))), mb(float64(size("index.snap.gz"))))
	}
}

func benchQueries(b *testing.B) []string {
	f, err := os.Open("bench/queries.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if q := strings.TrimSpace(sc.Text()); q != "" {
			qs = append(qs, q)
		}
	}
	return qs
}

// firstDocs copies to dst the first documents of src, in ingest order,
// that hold about maxPassages passages: the same subset as the index bench.
func firstDocs(b *testing.B, src, dst string, maxPassages int) string {
	rep, err := ingest.Dir(src, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, d := range rep.Documents {
		if n >= maxPassages {
			break
		}
		n += len(d.Passages)
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(d.Path)))
		if err != nil {
			b.Fatal(err)
		}
		to := filepath.Join(dst, filepath.FromSlash(d.Path))
		os.MkdirAll(filepath.Dir(to), 0o755)
		if err := os.WriteFile(to, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dst
}

// passagesIn finds the passage count in the build summary.
func passagesIn(summary string) string {
	i := strings.Index(summary, " passages,")
	if i < 0 {
		return "?"
	}
	return summary[strings.LastIndex(summary[:i], " ")+1 : i]
}
