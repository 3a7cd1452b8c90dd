package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// runTable prints the figures that run.sh collected in dir as one table,
// each next to its target.
func runTable(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: bench table DIR")
	}
	dir := args[0]
	var builds []BuildFigures
	var queries []QueryFigures
	if err := readLines(filepath.Join(dir, "build.json"), &builds); err != nil {
		return err
	}
	if err := readLines(filepath.Join(dir, "query.json"), &queries); err != nil {
		return err
	}
	mb := func(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	fmt.Println("| corpus | documents | passages | source files | text (gzip) | snapshot (gzip) | snapshot gzip / text gzip (target <= 4x) | build | ingest |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, b := range builds {
		src, ing := "", ""
		if b.CorpusBytes > 0 {
			src = mb(b.CorpusBytes) + fmt.Sprintf(", %d skipped", b.SkippedFiles)
			ing = fmt.Sprintf("%.1f s", b.IngestSeconds)
		}
		fmt.Printf("| %s | %d | %d | %s | %s (%s) | %s (%s) | %.2fx %s | %.0f passages/s (%.1f s) | %s |\n",
			b.Name, b.Documents, b.Passages, src, mb(b.TextBytes), mb(b.TextGzip), mb(b.SnapshotBytes), mb(b.SnapshotGzip),
			b.GzipRatio, verdict(b.GzipRatio <= 4), b.PassagesPerSec, b.BuildSeconds, ing)
	}
	fmt.Println()
	fmt.Println("| platform | passages | open, bytes in memory (wasm target < 150 ms at 20k) | first use p50 / p95 (wasm target p95 < 15 ms) | warm p50 / p95 (wasm target p95 < 8 ms) | heap after open | queries | mean total hits |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, q := range queries {
		wasm := strings.HasPrefix(q.Platform, "js/")
		target := func(ok bool) string {
			if !wasm || q.Passages > 25000 {
				return ""
			}
			return verdict(ok)
		}
		fmt.Printf("| %s | %d | %.1f ms %s | %.2f / %.2f ms %s | %.2f / %.2f ms %s | %.0f MB | %d (%d errors) | %.0f |\n",
			q.Platform, q.Passages, q.OpenMs, target(q.OpenMs < 150), q.FirstP50Ms, q.FirstP95Ms, target(q.FirstP95Ms < 15),
			q.WarmP50Ms, q.WarmP95Ms, target(q.WarmP95Ms < 8), q.HeapAfterMB, q.Queries, q.QueryErrors, q.MeanHits)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "browser.md")); err == nil {
		fmt.Println()
		fmt.Print(browserHeader)
		fmt.Print(string(b))
	}
	if b, err := os.ReadFile(filepath.Join(dir, "review.md")); err == nil {
		fmt.Println()
		fmt.Print("| review | annotations | import and re-anchor in the page (target < 2 s) | outcome |\n|---|---|---|---|\n")
		fmt.Print(string(b))
	}
	for _, name := range []string{"review.txt", "review-wasm.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		fmt.Printf("\n%s:\n", name)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "|") {
				fmt.Println(line)
			}
		}
	}
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "(met)"
	}
	return "(MISSED)"
}

// readLines decodes one JSON value per line into *out (a slice).
func readLines[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		*out = append(*out, v)
	}
	return sc.Err()
}

// browserHeader heads the rows that build's BenchmarkBrowser writes.
const browserHeader = "| app in Chromium | navigation to first result, cold (target < 1.5 s) | warm (target < 700 ms) | query in the page p50 / p95 (target p95 < 15 ms) | transferred | app.wasm | index.snap |\n|---|---|---|---|---|---|---|\n"
