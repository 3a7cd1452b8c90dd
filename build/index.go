package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	ctapp "github.com/claimtag/claimtag/app"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// defaultCorpus is the corpus built when no -in is given: four documents
// about Kingsoft Cloud, with titles and dates in corpus/claimtag.json.
//
//go:embed corpus
var defaultCorpus embed.FS

// SnapshotName is the file name of the index snapshot inside an index folder.
const SnapshotName = "index.snap"

// PiecesDir is the folder, inside an index folder or the site's web folder,
// holding the index split into pieces and their manifest, ManifestName.
const (
	PiecesDir    = ctapp.IndexDir
	ManifestName = ctapp.ManifestFile
)

// progress prints progress lines to w: at most every interval, and always
// the first of a stage and the last.
type progress struct {
	w        io.Writer
	what     string
	last     time.Time
	interval time.Duration
}

func (p *progress) report(what string, done, total int) {
	if what == p.what && done < total && time.Since(p.last) < p.interval {
		return
	}
	p.what, p.last = what, time.Now()
	fmt.Fprintf(p.w, "%s %d/%d (%d%%)\n", what, done, total, done*100/max(total, 1))
}

// indexResult is a built index with what went into it.
type indexResult struct {
	Stats    index.BuildStats
	Report   *ingest.Report
	Snapshot string    // the snapshot's path, "" when none was written
	Pieces   *pieceDir // the pieces, nil when none were written
	Took     time.Duration
}

// ingestFlags are the flags of index, site and serve that tune ingestion.
type ingestFlags struct {
	MaxFile int64
	MaxTime time.Duration
	Root    string
	Exclude patternsFlag
	Verbose bool // every file's provenance and every repair, not only the unusual ones
}

// register adds the ingestion flags to fs.
func (f *ingestFlags) register(fs *flag.FlagSet) {
	fs.Int64Var(&f.MaxFile, "max-file-size", 0, fmt.Sprintf("skip files larger than this many bytes (0: %d; at most %d)", ingest.DefaultMaxFileSize, ingest.MaxFileSizeLimit))
	fs.DurationVar(&f.MaxTime, "max-file-time", 0, fmt.Sprintf("skip a file whose parsing takes longer than this (0: %s)", ingest.DefaultMaxFileTime))
	fs.StringVar(&f.Root, "root", "", "ingest only the first element matching this selector in each HTML page, e.g. 'div[role=main]' (tag, #id, .class, [attr], [attr=value]; comma for alternatives); a page without one is ingested whole")
	fs.Var(&f.Exclude, "exclude", "comma-separated glob patterns of paths relative to -in not to ingest, e.g. 'genindex*,search.html,_*/**,**/draft-*.md' (repeatable)")
	fs.BoolVar(&f.Verbose, "v", false, "list every file's encoding and provenance and every repair made to damaged text")
}

// options returns the ingest options of the flags, or a usage error naming
// the flag that is wrong.
func (f ingestFlags) options() (ingest.Options, error) {
	if f.MaxFile > ingest.MaxFileSizeLimit {
		return ingest.Options{}, fmt.Errorf("%w: -max-file-size %d is above the limit of %d bytes (1 GiB)", errUsage, f.MaxFile, ingest.MaxFileSizeLimit)
	}
	o := ingest.Options{MaxFileSize: f.MaxFile, MaxFileTime: f.MaxTime, Root: f.Root, Exclude: f.Exclude}
	if err := o.Check(); err != nil {
		return o, fmt.Errorf("%w: %v", errUsage, err)
	}
	return o, nil
}

// ingestCorpus ingests in (the default corpus when empty), reporting
// progress and each file's decoding on stderr. It returns the corpus's
// name for messages.
func ingestCorpus(in string, flags ingestFlags, stderr io.Writer) (*ingest.Report, string, error) {
	opt, err := flags.options()
	if err != nil {
		return nil, "", err
	}
	var fsys fs.FS
	name := in
	if in == "" {
		sub, err := fs.Sub(defaultCorpus, "corpus")
		if err != nil {
			return nil, "", err
		}
		fsys, name = sub, "default corpus"
	} else {
		st, err := os.Stat(in)
		if err != nil {
			return nil, "", fmt.Errorf("corpus %s: %w", in, err)
		}
		if !st.IsDir() {
			return nil, "", fmt.Errorf("corpus %s: not a folder", in)
		}
		fsys = os.DirFS(in)
	}
	p := &progress{w: stderr, interval: time.Second}
	opt.Progress = func(done, total int, _ string) { p.report("ingesting files", done, total) }
	rep, err := ingest.FS(fsys, opt)
	if rep != nil {
		printSkipped(stderr, name, rep)
		printProvenance(stderr, name, rep, flags.Verbose)
	}
	if err != nil {
		return nil, name, fmt.Errorf("corpus %s: %w", name, err)
	}
	return rep, name, nil
}

// buildIndex indexes an ingested corpus into a snapshot file (snapshot,
// with its gzip twin; "" for none) and pieces (pieces, a folder; "" for
// none), reporting progress and a closing summary on stderr. The build's
// temporary files go under tmp. start is when the build began, for the
// summary.
func buildIndex(rep *ingest.Report, name string, flags ingestFlags, snapshot, pieces, tmp string, start time.Time, stderr io.Writer) (*indexResult, error) {
	res := &indexResult{Report: rep, Snapshot: snapshot}
	var out index.Output
	var snap *atomicFiles
	if snapshot != "" {
		var err error
		if snap, err = createSnapshotFiles(snapshot); err != nil {
			return nil, fmt.Errorf("write snapshot: %w", err)
		}
		defer snap.abort()
		out.Snapshot = snap.w
	}
	if pieces != "" {
		res.Pieces = &pieceDir{dir: pieces}
		if err := os.MkdirAll(pieces, 0o755); err != nil {
			return nil, fmt.Errorf("write pieces: %w", err)
		}
		out.Pieces = res.Pieces
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	p := &progress{w: stderr, interval: time.Second}
	stats, err := index.BuildTo(rep.Documents, out, index.BuildOptions{Progress: p.report, TempDir: tmp})
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", name, err)
	}
	if snap != nil {
		if err := snap.commit(); err != nil {
			return nil, fmt.Errorf("write snapshot: %w", err)
		}
	}
	res.Stats, res.Took = stats, time.Since(start)
	printSummary(stderr, name, res)
	if flags.Verbose {
		printRepairs(stderr, rep)
	}
	return res, nil
}

func printSkipped(w io.Writer, name string, rep *ingest.Report) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", filepath.Join(name, s.Path), s.Reason)
	}
}

// printProvenance says, per document, how its bytes were decoded when that
// was not plain UTF-8, and where a root selector matched nothing; with
// verbose, every document's whole provenance and every excluded path.
func printProvenance(w io.Writer, name string, rep *ingest.Report, verbose bool) {
	for _, d := range rep.Documents {
		p := &d.Provenance
		switch {
		case verbose:
			fmt.Fprintf(w, "read %s: %s\n", filepath.Join(name, d.Path), p.Summary())
		case p.Encoding != "utf-8" || p.Fallback > 0 || p.Replaced > 0:
			fmt.Fprintf(w, "decoded %s: %s (%s)\n", filepath.Join(name, d.Path), p.Encoding, p.Reason)
		}
		if p.Root != "" && !p.RootFound && !verbose {
			fmt.Fprintf(w, "no %s in %s: ingested the whole page\n", p.Root, filepath.Join(name, d.Path))
		}
	}
	if verbose {
		for _, p := range rep.Excluded {
			fmt.Fprintf(w, "excluded %s\n", filepath.Join(name, p))
		}
	}
}

// encodingCounts summarizes the documents' encodings and how they were
// decided: "3 utf-8 (2 valid, 1 bom), 1 gbk (declared)".
func encodingCounts(docs []*ingest.Document) string {
	type key struct{ enc, how string }
	counts := map[key]int{}
	totals := map[string]int{}
	for _, d := range docs {
		counts[key{d.Provenance.Encoding, d.Provenance.Decided}]++
		totals[d.Provenance.Encoding]++
	}
	encs := make([]string, 0, len(totals))
	for e := range totals {
		encs = append(encs, e)
	}
	sort.Slice(encs, func(i, j int) bool {
		if totals[encs[i]] != totals[encs[j]] {
			return totals[encs[i]] > totals[encs[j]]
		}
		return encs[i] < encs[j]
	})
	var parts []string
	for _, e := range encs {
		var hows []string
		for _, h := range []string{provenance.Valid, provenance.BOM, provenance.Declared, provenance.Guessed} {
			if n := counts[key{e, h}]; n > 0 {
				hows = append(hows, fmt.Sprintf("%d %s", n, h))
			}
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s)", totals[e], e, strings.Join(hows, ", ")))
	}
	return strings.Join(parts, ", ")
}

func printSummary(w io.Writer, name string, r *indexResult) {
	repairs, repairedDocs, lossy, figures := 0, 0, 0, 0
	controls, invisible, dropDocs, sanitizedDocs, roots, rootFound, root := 0, 0, 0, 0, 0, 0, ""
	removed := map[string]int{}
	for _, d := range r.Report.Documents {
		p := &d.Provenance
		if p.Controls+p.Invisible > 0 {
			controls, invisible, dropDocs = controls+p.Controls, invisible+p.Invisible, dropDocs+1
		}
		if len(p.Sanitized) > 0 {
			sanitizedDocs++
			for k, n := range p.Sanitized {
				removed[k] += n
			}
		}
		if p.Root != "" {
			roots, root = roots+1, p.Root
			if p.RootFound {
				rootFound++
			}
		}
		if len(d.Repairs) == 0 {
			continue
		}
		repairedDocs++
		repairs += len(d.Repairs)
		lossy += p.Lossy()
		figures += p.Figures()
		fmt.Fprintf(w, "repaired %s: %d damaged sequences (mojibake), %d of them lossy best guesses, %d touching figures\n",
			d.Path, len(d.Repairs), p.Lossy(), p.Figures())
	}
	fmt.Fprintf(w, "encodings: %s\n", encodingCounts(r.Report.Documents))
	if dropDocs > 0 {
		fmt.Fprintf(w, "dropped %d control and %d invisible characters in %d documents\n", controls, invisible, dropDocs)
	}
	if sanitizedDocs > 0 {
		names := make([]string, 0, len(removed))
		for k := range removed {
			names = append(names, k)
		}
		sort.Strings(names)
		for i, k := range names {
			names[i] = fmt.Sprintf("%s×%d", k, removed[k])
		}
		fmt.Fprintf(w, "sanitized %d HTML documents: removed %s\n", sanitizedDocs, strings.Join(names, ", "))
	}
	if roots > 0 {
		fmt.Fprintf(w, "root %s: found in %d of %d HTML documents, the others ingested whole\n", root, rootFound, roots)
	}
	if n := len(r.Report.Excluded); n > 0 {
		fmt.Fprintf(w, "excluded %d paths (-exclude; -v lists them)\n", n)
	}
	fmt.Fprintf(w, "%s: %d documents, %d passages, %d sentences; %d repairs in %d documents (%d lossy, %d touching figures); %d files skipped\n",
		name, r.Stats.Documents, r.Stats.Passages, r.Stats.Sentences, repairs, repairedDocs, lossy, figures, len(r.Report.Skipped))
	runs := ""
	if r.Stats.Runs > 1 {
		runs = fmt.Sprintf(" (sorted in %d runs)", r.Stats.Runs)
	}
	snap := ""
	if r.Snapshot != "" {
		snap = ", snapshot " + humanBytes(int64(r.Stats.Bytes))
	}
	fmt.Fprintf(w, "index: %d rows%s%s, built in %s\n", r.Stats.Rows, runs, snap, r.Took.Round(time.Millisecond))
}

// printRepairs lists each repair: where, what was there, what replaced it.
func printRepairs(w io.Writer, rep *ingest.Report) {
	for _, d := range rep.Documents {
		for _, r := range d.Repairs {
			kind := "repaired"
			if r.Lossy {
				kind = "guessed"
			}
			note := ""
			if r.Figures {
				note = " (touches figures: check it)"
			}
			fmt.Fprintf(w, "%s at [%d,%d): %s %q -> %q%s\n", d.Path, r.Start, r.End, kind, r.From, r.To, note)
		}
	}
}

// piecesSummary says how many pieces there are and how big.
func piecesSummary(p *pieceDir) string {
	return fmt.Sprintf("%d pieces, %s in all (largest %s), manifest %s", p.count, humanBytes(p.bytes), humanBytes(int64(p.largest)), humanBytes(int64(len(p.manifest))))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// atomicFiles writes the snapshot and its gzip twin through temporary
// files renamed into place by commit, so that a failed build never leaves
// half a file where a good one was.
type atomicFiles struct {
	path     string
	f, gzf   *os.File
	zw       *gzip.Writer
	w        io.Writer // to both
	finished bool
}

func createSnapshotFiles(path string) (*atomicFiles, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	gzf, err := os.Create(path + ".gz.tmp")
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	zw, _ := gzip.NewWriterLevel(gzf, gzip.BestCompression)
	return &atomicFiles{path: path, f: f, gzf: gzf, zw: zw, w: io.MultiWriter(f, zw)}, nil
}

// commit closes the files and renames them into place.
func (a *atomicFiles) commit() error {
	err := a.zw.Close()
	for _, f := range []*os.File{a.f, a.gzf} {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err == nil {
		err = os.Rename(a.gzf.Name(), a.path+".gz")
	}
	a.finished = err == nil
	return err
}

// abort removes the temporary files unless commit succeeded.
func (a *atomicFiles) abort() {
	if a.finished {
		return
	}
	a.f.Close()
	a.gzf.Close()
	os.Remove(a.f.Name())
	os.Remove(a.gzf.Name())
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

// pieceDir writes an index in pieces into a folder as the build makes
// them (an index.PieceWriter). A piece already there with the same bytes
// is left as it is: names are hashes of the bytes. Once the manifest is
// written, the pieces of earlier builds are removed.
type pieceDir struct {
	dir      string
	names    map[string]bool
	count    int   // distinct pieces
	bytes    int64 // their bytes
	largest  int
	manifest []byte // as written
}

func (p *pieceDir) WritePiece(name string, data []byte) error {
	if p.names[name] {
		return nil
	}
	if p.names == nil {
		p.names = map[string]bool{}
	}
	p.names[name] = true
	p.count++
	p.bytes += int64(len(data))
	p.largest = max(p.largest, len(data))
	path := filepath.Join(p.dir, name)
	if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, data) {
		return nil
	}
	return writeFileAtomic(path, data)
}

func (p *pieceDir) WriteManifest(data []byte) error {
	if err := writeFileAtomic(filepath.Join(p.dir, ManifestName), data); err != nil {
		return err
	}
	p.manifest = data
	old, err := os.ReadDir(p.dir)
	if err != nil {
		return err
	}
	for _, e := range old {
		name := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".gz"), ".br")
		if !p.names[name] && !e.IsDir() && index.IsPieceName(name) {
			if err := os.Remove(filepath.Join(p.dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// openPieces opens the index in pieces of an index folder from its files.
func openPieces(dir string) (*index.Index, error) {
	pdir := filepath.Join(dir, PiecesDir)
	manifest, err := os.ReadFile(filepath.Join(pdir, ManifestName))
	if err != nil {
		return nil, err
	}
	return index.OpenPieces(context.Background(), manifest, index.Dir(pdir), index.PieceOptions{})
}

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", stderr)
	in := fs.String("in", "", "folder of documents (.txt, .md, .html), searched recursively; empty: the default corpus")
	out := fs.String("out", "web", "folder to write "+SnapshotName+" (and "+SnapshotName+".gz) and the pieces ("+PiecesDir+"/) into")
	var flags ingestFlags
	flags.register(fs)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	start := time.Now()
	rep, name, err := ingestCorpus(*in, flags, stderr)
	if err != nil {
		return err
	}
	res, err := buildIndex(rep, name, flags, filepath.Join(*out, SnapshotName), filepath.Join(*out, PiecesDir), *out, start, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (fingerprint %s)\n", res.Snapshot, index.Fingerprint(rep.Documents))
	fmt.Fprintf(stdout, "wrote %s: %s\n", filepath.Join(*out, PiecesDir), piecesSummary(res.Pieces))
	return nil
}

func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	dir := fs.String("index", "web", "folder holding "+SnapshotName+" (and, for -pieces, "+PiecesDir+"/)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	size := fs.Int("n", 10, "number of documents (and passage hits)")
	exact := fs.Bool("exact", false, "search the words as typed, without typo correction")
	explain := fs.Bool("explain", false, "print how each document and passage scored")
	pieces := fs.Bool("pieces", false, "open the index in pieces ("+PiecesDir+"/) as the browser does, and say what it fetched")
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
	var ix *index.Index
	if *pieces {
		path := filepath.Join(*dir, PiecesDir)
		opened := time.Now()
		var err error
		if ix, err = openPieces(*dir); err != nil {
			return fmt.Errorf("%s: %w (build it with: go run ./build index -out %s)", path, err, *dir)
		}
		took := time.Since(opened)
		f := ix.Fetched()
		var manifest int64 // openPieces read it; its size is all that is said
		if st, err := os.Stat(filepath.Join(path, ManifestName)); err == nil {
			manifest = st.Size()
		}
		fmt.Fprintf(stderr, "opened %s in %s: manifest %s, fetched %d pieces, %s (gzipped, as stored and sent)\n", path, took.Round(time.Microsecond),
			humanBytes(manifest), f.Pieces, humanBytes(f.Bytes))
	} else {
		path := filepath.Join(*dir, SnapshotName)
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("%w (build it with: go run ./build index -out %s)", err, *dir)
		}
		if ix, err = index.Open(data); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	before := ix.Fetched()
	res, err := ix.Search(index.Request{Query: q, Size: *size, Groups: *size, Docs: docs, Dates: dates, Exact: *exact, Explain: *explain, Fragments: !*asJSON})
	if err != nil {
		return err
	}
	if *pieces {
		f := ix.Fetched()
		fmt.Fprintf(stderr, "the search fetched %d pieces, %s\n", f.Pieces-before.Pieces, humanBytes(f.Bytes-before.Bytes))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if res.Corrected != "" {
		fmt.Fprintf(stdout, "showing results for %q (search instead for %q with -exact)\n", res.Corrected, q)
	}
	if res.AnyWord {
		fmt.Fprintln(stdout, "no passage has every word: these have some of them")
	}
	fmt.Fprintf(stdout, "%d passages in %d documents match %q (%s)\n", res.Total, len(res.Docs), q, res.Took.Round(time.Microsecond))
	if res.Suggestion != "" {
		fmt.Fprintf(stdout, "did you mean %q?\n", res.Suggestion)
	}
	for i, g := range res.Groups {
		fmt.Fprintf(stdout, "\n%d. %s  [%s %s]  %d passages  score %.3f\n", i+1, g.Title, g.Doc, g.Date, g.Matches, g.Score)
		if g.Explain != nil {
			fmt.Fprintf(stdout, "   %s\n", explanation(g.Explain))
		}
		for _, h := range g.Hits {
			fmt.Fprintf(stdout, "   - [%s] %s\n", h.Passage, terminalFragment(h.Fragment))
			if h.Explain != nil {
				fmt.Fprintf(stdout, "     %s\n", explanation(h.Explain))
			}
		}
	}
	return nil
}

// explanation prints a score breakdown on one line.
func explanation(e *index.Explanation) string {
	parts := make([]string, len(e.Parts))
	for i, p := range e.Parts {
		parts[i] = fmt.Sprintf("%s %.2f", p.Name, p.Value)
	}
	return fmt.Sprintf("score %.2f = %s", e.Score, strings.Join(parts, ", "))
}

// terminalFragment shows <mark> as brackets and unescapes HTML.
var terminalFragment = strings.NewReplacer("<mark>", "[", "</mark>", "]", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// patternsFlag is a repeatable flag of comma-separated patterns.
type patternsFlag []string

func (l *patternsFlag) String() string { return strings.Join(*l, ",") }

func (l *patternsFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
