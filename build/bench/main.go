// Command bench measures claimtag's index on a real corpus: build throughput,
// snapshot size against corpus size, snapshot open time and query latency,
// natively and (through `query`) in WebAssembly under Node.
//
//	go run ./build/bench build -in DIR -out DIR [-subset 20000]
//	go run ./build/bench query -snap FILE -queries FILE   (also as wasm)
//	go run ./build/bench table DIR                        (the figures as one table)
//
// build/bench/run.sh runs both and prints one table.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
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
	"github.com/claimtag/claimtag/index/ingest"
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
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// BuildFigures is what `build` prints, one JSON object per snapshot.
type BuildFigures struct {
	Name           string  `json:"name"`
	Documents      int     `json:"documents"`
	Passages       int     `json:"passages"`
	CorpusBytes    int     `json:"corpusBytes"` // source files on disk
	TextBytes      int     `json:"textBytes"`   // normalized text
	TextGzip       int     `json:"textGzip"`
	SnapshotBytes  int     `json:"snapshotBytes"`
	SnapshotGzip   int     `json:"snapshotGzip"`
	IngestSeconds  float64 `json:"ingestSeconds"`
	BuildSeconds   float64 `json:"buildSeconds"`
	PassagesPerSec float64 `json:"passagesPerSec"`
	GzipRatio      float64 `json:"gzipRatio"` // snapshot gzip / text gzip
	SnapshotPath   string  `json:"snapshotPath"`
	SkippedFiles   int     `json:"skippedFiles"`
	RepairedDocs   int     `json:"repairedDocs"`
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func runBuild(args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	in := fs.String("in", "", "corpus folder")
	out := fs.String("out", "", "folder for the snapshots")
	subset := fs.Int("subset", 20000, "also build a snapshot of the first documents holding about this many passages (0: no)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return fmt.Errorf("build needs -in and -out")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	corpusBytes := 0
	filepath.Walk(*in, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			corpusBytes += int(info.Size())
		}
		return nil
	})
	t0 := time.Now()
	rep, err := ingest.Dir(*in, ingest.Options{})
	if err != nil {
		return err
	}
	ingestSecs := time.Since(t0).Seconds()
	sets := []struct {
		name string
		docs []*ingest.Document
	}{{"full", rep.Documents}}
	if *subset > 0 {
		n, k := 0, 0
		for k < len(rep.Documents) && n < *subset {
			n += len(rep.Documents[k].Passages)
			k++
		}
		if k < len(rep.Documents) {
			sets = append(sets, struct {
				name string
				docs []*ingest.Document
			}{fmt.Sprintf("first %d docs", k), rep.Documents[:k]})
		}
	}
	repaired := 0
	for _, d := range rep.Documents {
		if len(d.Repairs) > 0 {
			repaired++
		}
	}
	enc := json.NewEncoder(os.Stdout)
	for i, s := range sets {
		var text bytes.Buffer
		for _, d := range s.docs {
			text.WriteString(d.Text)
		}
		t1 := time.Now()
		data, st, err := index.Build(s.docs, index.BuildOptions{})
		if err != nil {
			return err
		}
		secs := time.Since(t1).Seconds()
		path := filepath.Join(*out, fmt.Sprintf("bench-%d.snap", i))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		f := BuildFigures{
			Name: s.name, Documents: st.Documents, Passages: st.Passages, TextBytes: text.Len(),
			TextGzip: gzipSize(text.Bytes()), SnapshotBytes: len(data), SnapshotGzip: gzipSize(data),
			BuildSeconds: secs, PassagesPerSec: float64(st.Passages) / secs, SnapshotPath: path,
		}
		if i == 0 {
			f.CorpusBytes, f.IngestSeconds, f.SkippedFiles, f.RepairedDocs = corpusBytes, ingestSecs, len(rep.Skipped), repaired
		}
		f.GzipRatio = float64(f.SnapshotGzip) / float64(f.TextGzip)
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
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
