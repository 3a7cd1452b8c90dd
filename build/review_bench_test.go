package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimtag/claimtag/app/annotation"
)

// reviewBenchN is how many annotations BenchmarkReviewImport imports.
const reviewBenchN = 10000

// BenchmarkReviewImport measures issue 4's target in headless Chromium:
// importing and re-anchoring 10,000 annotations on the review page takes
// under 2 s. It builds the site over the first $BENCH_MAX_PASSAGES passages
// (default 20000) of $BENCH_CORPUS, uploads one export of two annotators'
// annotations, a tenth of them with an altered quote (fuzzy re-anchoring),
// and reads the page's "claimtag-review-import" measure. The figure goes to
// b.ReportMetric and, as a Markdown row, to $BENCH_REVIEW_OUT.
func BenchmarkReviewImport(b *testing.B) {
	chrome, dist, summary := benchSite(b, 20000)
	dir := b.TempDir()
	export := filepath.Join(dir, "review-bench.json")
	docs := reviewBenchExport(b, dist, export, reviewBenchN)
	srv := httptest.NewServer(siteServer(dist, ""))
	b.Cleanup(srv.Close) // after the browser (cleanups run last first)

	ctx := newBrowser(b, chrome)
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()

	measure := func(name string) chromedp.Action {
		return chromedp.Poll(fmt.Sprintf(`performance.getEntriesByName(%q).length > 0`, name), nil,
			chromedp.WithPollingInterval(10*time.Millisecond))
	}
	var importMs, shownMs float64
	var statuses string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/review"),
		chromedp.WaitReady("#review-files", chromedp.ByQuery),
		chromedp.SetUploadFiles("#review-files", []string{export}, chromedp.ByQuery),
		measure("claimtag-review-import"),
		measure("claimtag-review-import-shown"),
		chromedp.Evaluate(`performance.getEntriesByName("claimtag-review-import")[0].duration`, &importMs),
		chromedp.Evaluate(`performance.getEntriesByName("claimtag-review-import-shown")[0].duration`, &shownMs),
		chromedp.Evaluate(`[...document.querySelectorAll("#anchor-counts [data-status]")].map(e => e.dataset.status + " " + e.dataset.count).join(", ")`, &statuses),
	); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s passages, %d documents annotated: import %.0f ms, shown %.0f ms; %s", passagesIn(summary), docs, importMs, shownMs, statuses)
	b.ReportMetric(importMs, "import-ms")
	b.ReportMetric(shownMs, "shown-ms")
	if out := os.Getenv("BENCH_REVIEW_OUT"); out != "" {
		f, err := os.OpenFile(out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		verdict := map[bool]string{true: "(met)", false: "(MISSED)"}[importMs < 2000]
		fmt.Fprintf(f, "| review import in the page | %d annotations | %.0f ms (target < 2 s) %s | %s; %.0f ms until shown |\n",
			reviewBenchN, importMs, verdict, statuses, shownMs)
	}
}

// reviewBenchExport writes to path a claimtag export of n annotations over
// the site in dist, and returns how many documents they are spread over.
// Two annotators tag the same spans, one per passage taken evenly across
// the corpus, agreeing on three spans in four; every tenth quote has a
// letter changed, so that re-anchoring must search for it fuzzily.
func reviewBenchExport(b *testing.B, dist, path string, n int) int {
	b.Helper()
	ix := openIndex(b, dist)
	type span struct {
		doc, passage string
		start, end   int
	}
	var spans []span
	info := annotation.CorpusInfo{Fingerprint: ix.Header().Fingerprint}
	for _, d := range ix.Documents() {
		info.Documents = append(info.Documents, annotation.DocInfo{ID: d.ID, Title: d.Title})
		for _, p := range ix.Passages(d.ID) {
			if p.End-p.Start >= 20 {
				spans = append(spans, span{d.ID, p.ID, p.Start, min(p.End, p.Start+20+len(spans)%100)})
			}
		}
	}
	if len(spans) == 0 {
		b.Fatal("the corpus has no passage of 20 code points")
	}
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	texts := map[string][]rune{}
	docs := map[string]bool{}
	tags := annotation.Tags()
	var as []annotation.Annotation
	for i := range n {
		s := spans[(i/2)*len(spans)/((n+1)/2)]
		text, ok := texts[s.doc]
		if !ok {
			text = []rune(ix.Text(s.doc))
			texts[s.doc] = text
		}
		anc, err := annotation.AnchorRunes(s.doc, s.passage, text, s.start, s.end)
		if err != nil {
			b.Fatal(err)
		}
		if i%10 == 3 {
			q := []rune(anc.Exact)
			j := len(q) / 2
			q[j] = map[bool]rune{true: 'x', false: 'q'}[q[j] != 'x']
			anc.Exact = string(q)
		}
		tag, creator := tags[(i/2)%len(tags)], "ann"
		if i%2 == 1 {
			creator = "bob"
			if i%8 == 7 {
				tag = tags[(i/2+1)%len(tags)]
			}
		}
		as = append(as, annotation.New(tag, anc, creator, now))
		docs[s.doc] = true
	}
	out, err := annotation.NewExport(info, as, now).Marshal()
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		b.Fatal(err)
	}
	return len(docs)
}
