package main

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// defaultCorpus is the corpus built when no -in is given: four documents
// about Kingsoft Cloud, with titles and dates in corpus/claimtag.json.
//
//go:embed corpus
var defaultCorpus embed.FS

// SnapshotName is the file name of the index snapshot inside an index folder.
const SnapshotName = "index.snap"

// progress prints progress lines to w, at most every interval, and the last
// one always.
type progress struct {
	w        io.Writer
	what     string
	last     time.Time
	interval time.Duration
}

func (p *progress) report(done, total int) {
	if done < total && time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "%s %d/%d (%d%%)\n", p.what, done, total, done*100/max(total, 1))
}

// snapshotResult is a built snapshot with what went into it.
type snapshotResult struct {
	Data   []byte
	Stats  index.BuildStats
	Report *ingest.Report
	Took   time.Duration
}

// buildSnapshot ingests in (the default corpus when empty) and indexes it,
// reporting progress and a closing summary on stderr.
func buildSnapshot(in string, maxFile int64, stderr io.Writer) (*snapshotResult, error) {
	start := time.Now()
	var fsys fs.FS
	name := in
	if in == "" {
		sub, err := fs.Sub(defaultCorpus, "corpus")
		if err != nil {
			return nil, err
		}
		fsys, name = sub, "default corpus"
	} else {
		st, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", in, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("corpus %s: not a folder", in)
		}
		fsys = os.DirFS(in)
	}
	ingestProgress := &progress{w: stderr, what: "ingesting files", interval: time.Second, last: time.Now()}
	rep, err := ingest.FS(fsys, ingest.Options{MaxFileSize: maxFile, Progress: func(done, total int, _ string) {
		ingestProgress.report(done, total)
	}})
	if rep != nil {
		printSkipped(stderr, name, rep)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", name, err)
	}
	indexProgress := &progress{w: stderr, what: "indexing passages", interval: time.Second, last: time.Now()}
	data, stats, err := index.Build(rep.Documents, index.BuildOptions{Progress: indexProgress.report})
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", name, err)
	}
	res := &snapshotResult{Data: data, Stats: stats, Report: rep, Took: time.Since(start)}
	printSummary(stderr, name, res)
	return res, nil
}

func printSkipped(w io.Writer, name string, rep *ingest.Report) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", filepath.Join(name, s.Path), s.Reason)
	}
}

func printSummary(w io.Writer, name string, r *snapshotResult) {
	repairs, repairedDocs, lossy := 0, 0, 0
	for _, d := range r.Report.Documents {
		if len(d.Repairs) == 0 {
			continue
		}
		repairedDocs++
		repairs += len(d.Repairs)
		n := 0
		for _, rp := range d.Repairs {
			if rp.Lossy {
				n++
			}
		}
		lossy += n
		fmt.Fprintf(w, "repaired %s: %d damaged sequences (mojibake), %d of them lossy best guesses\n", d.Path, len(d.Repairs), n)
	}
	fmt.Fprintf(w, "%s: %d documents, %d passages, %d sentences; %d repairs in %d documents (%d lossy); %d files skipped\n",
		name, r.Stats.Documents, r.Stats.Passages, r.Stats.Sentences, repairs, repairedDocs, lossy, len(r.Report.Skipped))
	fmt.Fprintf(w, "snapshot: %s, %d index rows, built in %s\n", humanBytes(len(r.Data)), r.Stats.Rows, r.Took.Round(time.Millisecond))
}

// printRepairs lists each repair: where, what was there, what replaced it.
func printRepairs(w io.Writer, rep *ingest.Report) {
	for _, d := range rep.Documents {
		for _, r := range d.Repairs {
			kind := "repaired"
			if r.Lossy {
				kind = "guessed"
			}
			fmt.Fprintf(w, "%s at %d: %s %q -> %q\n", d.Path, r.Start, kind, r.From, r.To)
		}
	}
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// writeSnapshot writes the snapshot and its gzip twin into dir.
func writeSnapshot(dir string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, SnapshotName), data); err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return writeFileAtomic(filepath.Join(dir, SnapshotName+".gz"), gz.Bytes())
}

// writeFileAtomic writes through a temporary file, so that a failed build
// never leaves half a file where a good one was.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", stderr)
	in := fs.String("in", "", "folder of documents (.txt, .md, .html), searched recursively; empty: the default corpus")
	out := fs.String("out", "web", "folder to write "+SnapshotName+" (and "+SnapshotName+".gz) into")
	maxFile := fs.Int64("max-file-size", 0, "skip files larger than this many bytes (0: the ingest default)")
	verbose := fs.Bool("v", false, "list every repair made to damaged text")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	res, err := buildSnapshot(*in, *maxFile, stderr)
	if err != nil {
		return err
	}
	if *verbose {
		printRepairs(stderr, res.Report)
	}
	if err := writeSnapshot(*out, res.Data); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (fingerprint %s)\n", filepath.Join(*out, SnapshotName), index.Fingerprint(res.Report.Documents))
	return nil
}

func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	dir := fs.String("index", "web", "folder holding "+SnapshotName)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	size := fs.Int("n", 10, "number of hits")
	var docs, dates listFlag
	fs.Var(&docs, "doc", "only this document id (repeatable)")
	fs.Var(&dates, "date", "only dates starting with this (repeatable)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	q := strings.Join(fs.Args(), " ")
	if q == "" {
		return fmt.Errorf("%w: search needs a query", errUsage)
	}
	path := filepath.Join(*dir, SnapshotName)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%w (build it with: go run ./build index -out %s)", err, *dir)
	}
	ix, err := index.Open(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	res, err := ix.Search(index.Request{Query: q, Size: *size, Docs: docs, Dates: dates, Fragments: !*asJSON})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%d passages match %q (%s)\n", res.Total, q, res.Took.Round(time.Microsecond))
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%d. %s  [%s %s]  %s  score %.3f\n   %s\n", i+1, h.Title, h.Doc, h.Passage, h.Date, h.Score, terminalFragment(h.Fragment))
	}
	if len(res.Docs) > 1 {
		fmt.Fprint(stdout, "\nby document:")
		for _, f := range res.Docs {
			fmt.Fprintf(stdout, " %s (%d)", f.Value, f.Count)
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

// terminalFragment shows <mark> as brackets and unescapes HTML.
var terminalFragment = strings.NewReplacer("<mark>", "[", "</mark>", "]", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
