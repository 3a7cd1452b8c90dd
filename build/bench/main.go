// Command bench measures claimtag's index on a real corpus: build throughput,
// snapshot size against corpus size, snapshot open time and query latency,
// natively and (through `query`) in WebAssembly under Node.
//
//	go run ./build/bench build -in DIR -out DIR [-subset 20000]
//	go run ./build/bench query -snap FILE -queries FILE   (also as wasm)
//	go run ./build/bench table DIR                        (the figures as one table)
//	go run ./build/bench pydocs -in HTML -out DIR         (the python-docs pages as the harness indexes them)
//	go run ./build/bench harness -results DIR             (the side-by-side harness run as one table)
//	go run ./build/bench synth -out DIR -queries FILE     (a synthetic corpus of 1M passages, for make bench-scale)
//
// build/bench/run.sh runs build, query and table (make bench-index);
// build/bench/harness.sh runs the side-by-side harness (make bench).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/claimtag/claimtag/index"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: bench build|query [flags]")
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:])
	case "query":
		return runQuery(args[1:])
	case "table":
		return runTable(args[1:])
	case "harness":
		return runHarness(args[1:])
	case "pydocs":
		return runPydocs(args[1:])
	case "synth":
		return runSynth(args[1:])
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// QueryFigures is what `query` prints.
type QueryFigures struct {
	Platform    string  `json:"platform"`
	Snapshot    string  `json:"snapshot"`
	Passages    int     `json:"passages"`
	OpenMs      float64 `json:"openMs"` // median of the opens, bytes already in memory
	Queries     int     `json:"queries"`
	FirstP50Ms  float64 `json:"firstP50Ms"` // each query's first run, highlighting included
	FirstP95Ms  float64 `json:"firstP95Ms"`
	WarmP50Ms   float64 `json:"warmP50Ms"`
	WarmP95Ms   float64 `json:"warmP95Ms"`
	HeapAfterMB float64 `json:"heapAfterOpenMB"`
	MeanHits    float64 `json:"meanTotalHits"`
	QueryErrors int     `json:"queryErrors"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s)-1) * p)
	return ms(s[i])
}

func runQuery(args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	snap := fs.String("snap", "", "snapshot file")
	qfile := fs.String("queries", "", "file with one query per line")
	warm := fs.Int("warm", 5, "warm runs per query")
	verbose := fs.Bool("v", false, "print each query's first-use time to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*snap)
	if err != nil {
		return err
	}
	qs, err := readQueries(*qfile)
	if err != nil {
		return err
	}
	var opens []time.Duration
	var ix *index.Index
	for i := 0; i < 5; i++ {
		t := time.Now()
		ix, err = index.Open(data)
		if err != nil {
			return err
		}
		opens = append(opens, time.Since(t))
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	f := QueryFigures{Platform: runtime.GOOS + "/" + runtime.GOARCH, Snapshot: filepath.Base(*snap), Passages: ix.Header().Passages,
		OpenMs: percentile(opens, 0.5), Queries: len(qs), HeapAfterMB: float64(m.HeapAlloc) / (1 << 20)}
	var first, warmDs []time.Duration
	hits := 0
	for _, q := range qs {
		t := time.Now()
		res, err := ix.Search(index.Request{Query: q, Size: 10, Fragments: true})
		first = append(first, time.Since(t))
		if *verbose {
			fmt.Fprintf(os.Stderr, "%8.2f ms  %s\n", ms(time.Since(t)), q)
		}
		if err != nil {
			f.QueryErrors++
			continue
		}
		hits += res.Total
	}
	for i := 0; i < *warm; i++ {
		for _, q := range qs {
			t := time.Now()
			ix.Search(index.Request{Query: q, Size: 10, Fragments: true})
			warmDs = append(warmDs, time.Since(t))
		}
	}
	f.FirstP50Ms, f.FirstP95Ms = percentile(first, 0.5), percentile(first, 0.95)
	f.WarmP50Ms, f.WarmP95Ms = percentile(warmDs, 0.5), percentile(warmDs, 0.95)
	f.MeanHits = float64(hits) / float64(len(qs))
	return json.NewEncoder(os.Stdout).Encode(f)
}

func readQueries(path string) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var qs []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if q := strings.TrimSpace(sc.Text()); q != "" && !strings.HasPrefix(q, "#") {
			qs = append(qs, q)
		}
	}
	return qs, sc.Err()
}
