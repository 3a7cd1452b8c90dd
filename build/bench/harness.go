package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimtag/claimtag/index"
)

// EngineFigures is the part of a harness result line (bench-CORPUS.jsonl,
// one line per engine, medians over the runs) that the table shows.
type EngineFigures struct {
	Engine     string          `json:"engine"`
	Error      string          `json:"error"`
	Runs       int             `json:"runs"`
	Net        string          `json:"net"`
	Info       json.RawMessage `json:"info"`
	ColdMs     float64         `json:"cold_ms"`
	ColdReady  float64         `json:"cold_ready_ms"`
	ColdFirstQ float64         `json:"cold_first_query_ms"`
	ColdBytes  float64         `json:"cold_bytes"`
	ColdReqs   float64         `json:"cold_requests"`
	WarmMs     float64         `json:"warm_ms"`
	WarmReady  float64         `json:"warm_ready_ms"`
	WarmBytes  float64         `json:"warm_bytes"`
	P1p50      float64         `json:"q_pass1_p50_ms"`
	P1p95      float64         `json:"q_pass1_p95_ms"`
	P2p50      float64         `json:"q_pass2_p50_ms"`
	P2p95      float64         `json:"q_pass2_p95_ms"`
	P1Bytes    float64         `json:"q_pass1_bytes"`
	PSSLoad    float64         `json:"renderer_pss_after_load"`
	PSSQueries float64         `json:"renderer_pss_after_queries"`
	ZeroHits   int             `json:"zero_result_queries"`
	Queries    int             `json:"queries"`
	Errors     int             `json:"query_errors"`
	FirstHit   string          `json:"fixed_query_first"`
	FixedCount int             `json:"fixed_query_count"`
}

// QueryRow is one query of an engine in the harness's per-query file.
type QueryRow struct {
	Q     string   `json:"q"`
	Count *int     `json:"count"`
	First *string  `json:"first"`
	P1    *float64 `json:"pass1_ms"`
}

// Targets of issue 10 for the app against the 2026-12-02 anchors.
const (
	targetColdRatio = 2.5       // x Pagefind's cold
	targetWarmRatio = 1.5       // x Pagefind's warm
	targetP95Ms     = 50.0      // keystroke to results
	targetColdBytes = 7e6       // bytes before the first result (MB of 10^6, as the harness counts bytes)
	anchorPSS       = 207 << 20 // the app's PSS after the queries on 2026-12-02 (MiB, as the harness shows PSS)
)

// runHarness prints the side-by-side table of a harness results folder:
// each engine's timings, bytes and memory, first-hit-right on the golden
// judgments, and claimtag's ratios to Pagefind and MiniSearch with the
// issue's targets.
func runHarness(args []string) error {
	fs := flag.NewFlagSet("harness", flag.ContinueOnError)
	dir := fs.String("results", "", "harness results folder (results/<stamp>)")
	corpus := fs.String("corpus", "python-docs", "corpus label of the run")
	judg := fs.String("judgments", "build/pydocs/testdata/judgments.tsv", "golden judgments (bench page ids)")
	app := fs.String("app", "claimtag", "the engine name of claimtag in the run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("harness needs -results")
	}
	var engines []EngineFigures
	if err := readLines(filepath.Join(*dir, "bench-"+*corpus+".jsonl"), &engines); err != nil {
		return err
	}
	perQuery := map[string][]QueryRow{}
	if b, err := os.ReadFile(filepath.Join(*dir, "per-query-"+*corpus+".json")); err == nil {
		if err := json.Unmarshal(b, &perQuery); err != nil {
			return fmt.Errorf("per-query-%s.json: %w", *corpus, err)
		}
	}
	fh, err := os.Open(*judg)
	if err != nil {
		return err
	}
	defer fh.Close()
	js, err := index.ParseJudgments(fh, *judg)
	if err != nil {
		return err
	}
	writeHarnessTable(os.Stdout, engines, perQuery, js, *app)
	return nil
}

// firstHitRight counts the queries of rows whose first hit is a wanted
// page of a judgment, over the judged queries among rows.
func firstHitRight(rows []QueryRow, js []index.Judgment) (right, judged int) {
	want := map[string][]string{}
	for _, j := range js {
		want[j.Query] = j.Want
	}
	for _, r := range rows {
		w, ok := want[r.Q]
		if !ok {
			continue
		}
		judged++
		if r.First != nil && contains(w, *r.First) {
			right++
		}
	}
	return right, judged
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func writeHarnessTable(w io.Writer, engines []EngineFigures, perQuery map[string][]QueryRow, js []index.Judgment, app string) {
	byName := map[string]EngineFigures{}
	var names []string
	for _, e := range engines {
		byName[e.Engine] = e
		names = append(names, e.Engine)
	}
	sort.SliceStable(names, func(i, j int) bool { return names[i] != app && names[j] == app })
	// bytes in kB and MB of 1000 and PSS in MiB ("MB"), as the harness's summary.md
	mb := func(b float64) string {
		if b < 1e6 {
			return fmt.Sprintf("%.0f kB", b/1e3)
		}
		return fmt.Sprintf("%.2f MB", b/1e6)
	}
	mib := func(b float64) string { return fmt.Sprintf("%.0f MB", b/(1<<20)) }
	runs, net := 0, ""
	for _, e := range engines {
		if e.Error == "" {
			runs, net = e.Runs, e.Net
			break
		}
	}
	fmt.Fprintf(w, "python-docs, net=%s, median of %d runs\n\n", net, runs)
	fmt.Fprintln(w, "| engine | cold ms (ready + 1st query) | warm ms | query p50/p95 ms (pass 2) | bytes before 1st result | PSS after queries | first hit right |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, n := range names {
		e := byName[n]
		if e.Error != "" {
			fmt.Fprintf(w, "| %s | FAILED: %s |||||| \n", n, strings.SplitN(e.Error, "\n", 2)[0])
			continue
		}
		right, judged := firstHitRight(perQuery[n], js)
		fmt.Fprintf(w, "| %s | %.0f (%.0f + %.0f) | %.0f | %.1f/%.1f (%.1f/%.1f) | %s | %s | %d/%d |\n",
			n, e.ColdMs, e.ColdReady, e.ColdFirstQ, e.WarmMs, e.P1p50, e.P1p95, e.P2p50, e.P2p95, mb(e.ColdBytes), mib(e.PSSQueries), right, judged)
	}
	a, ok := byName[app]
	if !ok || a.Error != "" {
		fmt.Fprintf(w, "\n%s did not run: no ratios\n", app)
		return
	}
	fmt.Fprintln(w)
	ratio := func(peer string, f func(EngineFigures) float64) string {
		p, ok := byName[peer]
		if !ok || p.Error != "" || f(p) == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2fx", f(a)/f(p))
	}
	cold := func(e EngineFigures) float64 { return e.ColdMs }
	warm := func(e EngineFigures) float64 { return e.WarmMs }
	fmt.Fprintf(w, "%s / pagefind: cold %s, warm %s; / minisearch: cold %s, warm %s\n", app,
		ratio("pagefind", cold), ratio("pagefind", warm), ratio("minisearch", cold), ratio("minisearch", warm))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| issue 10 target | measured | |")
	fmt.Fprintln(w, "|---|---:|---|")
	if p, ok := byName["pagefind"]; ok && p.Error == "" && p.ColdMs > 0 && p.WarmMs > 0 {
		fmt.Fprintf(w, "| cold <= %.1fx Pagefind | %.2fx | %s |\n", targetColdRatio, a.ColdMs/p.ColdMs, verdict(a.ColdMs/p.ColdMs <= targetColdRatio))
		fmt.Fprintf(w, "| warm <= %.1fx Pagefind | %.2fx | %s |\n", targetWarmRatio, a.WarmMs/p.WarmMs, verdict(a.WarmMs/p.WarmMs <= targetWarmRatio))
	}
	fmt.Fprintf(w, "| keystroke to results p95 <= %.0f ms | %.1f ms | %s |\n", targetP95Ms, a.P1p95, verdict(a.P1p95 <= targetP95Ms))
	fmt.Fprintf(w, "| <= %s before the first result | %s | %s |\n", mb(targetColdBytes), mb(a.ColdBytes), verdict(a.ColdBytes <= targetColdBytes))
	fmt.Fprintf(w, "| PSS after the queries <= %s (2026-12-02) | %s | %s |\n", mib(anchorPSS), mib(a.PSSQueries), verdict(a.PSSQueries <= anchorPSS))
}
