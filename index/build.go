//go:build !js

package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/upsidedown"
	bindex "github.com/blevesearch/bleve_index_api"
	store "github.com/blevesearch/upsidedown_store_api"

	"github.com/claimtag/claimtag/index/ingest"
)

// ErrNoPassages is returned by Build when the documents hold no passage.
var ErrNoPassages = errors.New("no passages to index")

// BuildOptions tunes Build and BuildTo.
type BuildOptions struct {
	// Progress, when set, is called as the build goes, about after each
	// batch of passages indexed and each 64k rows written: what it is
	// doing ("indexing passages", then "writing index rows") and how far.
	Progress func(what string, done, total int)
	// TempDir is where a large build writes its sorted runs and the
	// snapshot's rows before they are copied out, in a folder of its own
	// removed at the end (default: the system's temporary folder).
	TempDir string
	// RunBytes is about the memory the rows of one run may take before
	// they are sorted and written to disk (default DefaultRunBytes): the
	// build's memory grows with it and with the corpus's text and passage
	// tables, not with the index's rows.
	RunBytes int64

	batch int // passages per bleve batch (default batchSize); small in tests
	fanIn int // runs merged into one on disk (default defaultFanIn); small in tests
}

// DefaultRunBytes is the default BuildOptions.RunBytes: about 900k rows
// (40k passages of the synthetic corpus of make bench-scale). Larger runs
// barely speed a build up: the collector's work grows with the memory
// allocated, not with what is live.
const DefaultRunBytes = 128 << 20

// BuildStats summarizes a build.
type BuildStats struct {
	Documents, Passages, Sentences, Rows int
	Bytes                                int // snapshot size (0 when none was written)
	Runs                                 int // runs the rows were sorted in
}

// Output says where BuildTo writes an index: a snapshot, pieces, or both.
type Output struct {
	// Snapshot, when set, receives the snapshot (the format in
	// snapshot.go), written once the rows are merged; its 32-bit offsets
	// limit it to 4 GiB.
	Snapshot io.Writer
	// Pieces, when set, receives the index in pieces (the format in
	// pieces.go) as the rows are merged, then the manifest.
	Pieces PieceWriter
	// Split tunes the pieces.
	Split SplitOptions
}

// batchSize is the number of passages indexed per bleve batch.
const batchSize = 500

// Build indexes the passages of docs and returns the snapshot bytes (see
// BuildTo, which also writes pieces and holds no snapshot in memory).
func Build(docs []*ingest.Document, opt BuildOptions) ([]byte, BuildStats, error) {
	var buf bytes.Buffer
	st, err := BuildTo(docs, Output{Snapshot: &buf}, opt)
	if err != nil {
		return nil, st, err
	}
	return buf.Bytes(), st, nil
}

// BuildTo indexes the passages of docs and writes the index to out. Each
// passage becomes one bleve document whose id is its position in the
// corpus, in base 36: short ids keep the term rows, which repeat them,
// small. The passages are indexed in runs of bounded memory merged on disk
// (buildruns.go), so memory does not grow with the corpus's rows. The same
// documents always give the same bytes, whatever the runs.
func BuildTo(docs []*ingest.Document, out Output, opt BuildOptions) (BuildStats, error) {
	var st BuildStats
	if out.Snapshot == nil && out.Pieces == nil {
		return st, errors.New("build: no output: neither a snapshot nor pieces")
	}
	s := corpusTables(docs)
	h := s.header
	st = BuildStats{Documents: h.Documents, Passages: h.Passages, Sentences: h.Sentences}
	if h.Passages == 0 {
		return st, ErrNoPassages
	}
	tmp := &scratch{parent: opt.TempDir}
	defer tmp.remove()
	runs, err := indexRuns(docs, h.Passages, opt, tmp)
	if err != nil {
		return st, err
	}
	st.Runs = runs.sorted
	m, err := newMerger(runs.srcs, runs.mo)
	if err != nil {
		return st, fmt.Errorf("build: %w", err)
	}
	defer m.close()

	var (
		enc      *rowEncoder
		rowsFile *os.File
		rowsBuf  *bufio.Writer
		sp       *splitter
	)
	if out.Snapshot != nil {
		dir, err := tmp.path()
		if err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		if rowsFile, err = os.Create(filepath.Join(dir, "rows")); err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		defer rowsFile.Close()
		rowsBuf = bufio.NewWriterSize(rowsFile, 1<<20)
		enc = &rowEncoder{w: rowsBuf}
	}
	if out.Pieces != nil {
		dir, err := tmp.path()
		if err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		// The grouped row pieces wait here for their file (splitter.spill).
		groups, err := os.Create(filepath.Join(dir, "groups"))
		if err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		defer groups.Close()
		sp = newSplitter(out.Pieces, out.Split, groups)
	}
	const writing = "writing index rows"
	for {
		ok, err := m.next()
		if err != nil {
			return st, fmt.Errorf("build: merging the runs: %w", err)
		}
		if !ok {
			break
		}
		if enc != nil {
			enc.add(m.key(), m.value())
		}
		if sp != nil {
			if err := sp.row(m.key(), m.value()); err != nil {
				return st, fmt.Errorf("build: writing pieces: %w", err)
			}
		}
		st.Rows++
		if opt.Progress != nil && st.Rows%(64<<10) == 0 {
			opt.Progress(writing, m.consumed, runs.rows)
		}
	}
	if opt.Progress != nil {
		opt.Progress(writing, runs.rows, runs.rows)
	}
	s.header.Rows = st.Rows
	if sp != nil {
		if err := sp.finish(s); err != nil {
			return st, fmt.Errorf("build: writing pieces: %w", err)
		}
	}
	if enc != nil {
		if err := rowsBuf.Flush(); err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		if _, err := rowsFile.Seek(0, io.SeekStart); err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
		n, err := writeSnapshot(out.Snapshot, s, enc, rowsFile)
		if err != nil {
			return st, fmt.Errorf("build: writing the snapshot: %w", err)
		}
		st.Bytes = int(n)
	}
	return st, nil
}

// builtRuns are the runs the rows were indexed into, ready to merge:
// files on disk and the last run in memory, with their rows in all and
// bleve's merge operator for the dictionary rows.
type builtRuns struct {
	srcs   []rowSource
	rows   int // in srcs
	sorted int // runs sorted from the store
	mo     store.MergeOperator
}

// indexRuns indexes the passages of docs (total of them) into runs,
// written under tmp.
func indexRuns(docs []*ingest.Document, total int, opt BuildOptions, tmp *scratch) (*builtRuns, error) {
	queue := bindex.NewAnalysisQueue(runtime.GOMAXPROCS(0))
	defer queue.Close()
	udc, err := upsidedown.NewUpsideDownCouch(buildStoreName, nil, queue)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if err := udc.Open(); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	defer udc.Close()
	kv, err := udc.(*upsidedown.UpsideDownCouch).Advanced()
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	ms := kv.(*mapStore)
	limit, per := opt.RunBytes, opt.batch
	if limit <= 0 {
		limit = DefaultRunBytes
	}
	if per <= 0 {
		per = batchSize
	}

	forms := planForms(docs, textAnalyzer)
	fanIn := opt.fanIn
	if fanIn < 2 {
		fanIn = defaultFanIn
	}
	files := &runFiles{fanIn: fanIn, mo: ms.mo}
	var filter rowFilter
	n := 0
	batch := bindex.NewBatch()
	for _, d := range docs {
		for i, p := range d.Passages {
			batch.Update(passageDocument(n, d, i, p, forms))
			n++
			// The first passage goes alone: it carries every field but
			// perhaps date, so the field numbers, given in the order
			// fields are first seen, do not depend on the order bleve
			// analyzes a batch in (a map's).
			if n != 1 && n%per != 0 && n != total {
				continue
			}
			if err := udc.Batch(batch); err != nil {
				return nil, fmt.Errorf("build: indexing passage %d: %w", n, err)
			}
			batch = bindex.NewBatch()
			if n == 1 {
				if filter, err = newRowFilter(ms); err != nil {
					return nil, fmt.Errorf("build: %w", err)
				}
			}
			if n < total && ms.memory() >= limit {
				if files.dir == "" {
					if files.dir, err = tmp.path(); err != nil {
						return nil, fmt.Errorf("build: %w", err)
					}
				}
				if err := files.add(filter.apply(ms.drain())); err != nil {
					return nil, fmt.Errorf("build: writing a run: %w", err)
				}
			}
			if opt.Progress != nil {
				opt.Progress("indexing passages", n, total)
			}
		}
	}
	last := filter.apply(ms.drain())
	srcs, rows, err := files.open()
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	return &builtRuns{srcs: append(srcs, &memRun{rows: last}), rows: rows + len(last), sorted: files.sorted + 1, mo: ms.mo}, nil
}

// rowFilter decides which of bleve's rows the index keeps, and with what
// value (see keep).
type rowFilter struct {
	surfacePostings string // 't' + the surface field's index
}

// newRowFilter reads the field rows of the store that indexed the first
// passage, which carries the surface field.
func newRowFilter(kv store.KVStore) (rowFilter, error) {
	var f rowFilter
	r, err := kv.Reader()
	if err != nil {
		return f, err
	}
	defer r.Close()
	fields := r.PrefixIterator([]byte{'f'})
	defer fields.Close()
	for k, v, ok := fields.Current(); ok; k, v, ok = fields.Current() {
		if len(k) == 3 && string(bytes.TrimSuffix(v, []byte{upsidedown.ByteSeparator})) == FieldSurface {
			f.surfacePostings = string([]byte{'t', k[1], k[2]})
		}
		fields.Next()
	}
	return f, nil
}

// keep returns the value the index keeps for a row, or false when it
// leaves the row out. Back index rows lose their values: a read-only index
// only counts them (documents, match-all), and the values would repeat
// every term of every passage. The surface field keeps only its dictionary
// rows (each word and its passage count): nothing searches its postings,
// which would repeat the text's.
func (f rowFilter) keep(key string, val []byte) ([]byte, bool) {
	switch {
	case f.surfacePostings != "" && strings.HasPrefix(key, f.surfacePostings):
		return nil, false
	case key[0] == 'b':
		return nil, true
	}
	return val, true
}

// apply keeps the rows keep keeps, in place.
func (f rowFilter) apply(rows []storeRow) []storeRow {
	out := rows[:0]
	for _, r := range rows {
		if v, ok := f.keep(r.key, r.val); ok {
			r.val = v
			out = append(out, r)
		}
	}
	clear(rows[len(out):])
	return out
}

// scratch is a build's temporary folder, made when first needed.
type scratch struct{ parent, dir string }

func (s *scratch) path() (string, error) {
	if s.dir == "" {
		dir, err := os.MkdirTemp(s.parent, ".claimtag-build-")
		if err != nil {
			return "", err
		}
		s.dir = dir
	}
	return s.dir, nil
}

func (s *scratch) remove() {
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// keywordAnalyzer indexes a field's value whole, as one token (bleve's
// keyword analyzer).
var keywordAnalyzer = &analysis.DefaultAnalyzer{Tokenizer: single.NewSingleTokenTokenizer()}

// passageDocument is the bleve document of passage p, the i-th of d, its
// forms field planned by forms. The first passage of a document also
// carries its title, so that title terms are indexed once per document.
func passageDocument(n int, d *ingest.Document, i int, p ingest.Passage, forms *formsPlan) *document.Document {
	doc := document.NewDocument(strconv.FormatInt(int64(n), 36))
	text := []byte(d.Text[p.ByteStart:p.ByteEnd])
	toks := textAnalyzer.Analyze(text)
	doc.AddField(document.NewTextFieldCustom(FieldText, nil, text, bindex.IndexField|bindex.IncludeTermVectors, fixedTokens(toks)))
	// The ranking fields (see rankterms.go): the first passage carries them
	// even without terms, so that it numbers them (see Build).
	for _, f := range []struct {
		name  string
		terms []string
	}{
		{FieldForms, forms.terms(text, toks)},
		{FieldName, nameTerms(text)},
		{FieldDecl, declTerms(string(text))},
	} {
		if n == 0 || len(f.terms) > 0 {
			doc.AddField(document.NewTextFieldCustom(f.name, nil, text, bindex.IndexField, termTokens(f.terms...)))
		}
	}
	surface := text
	if i == 0 {
		doc.AddField(document.NewTextFieldCustom(FieldTitle, nil, []byte(d.Title), bindex.IndexField|bindex.IncludeTermVectors, textAnalyzer))
		surface = append([]byte(d.Title+"\n"), text...)
	}
	doc.AddField(document.NewTextFieldCustom(FieldSurface, nil, surface, bindex.IndexField, surfaceAnalyzer))
	doc.AddField(document.NewTextFieldCustom(FieldDoc, nil, []byte(d.ID), bindex.IndexField, keywordAnalyzer))
	if d.Date != "" {
		doc.AddField(document.NewTextFieldCustom(FieldDate, nil, []byte(d.Date), bindex.IndexField, keywordAnalyzer))
	}
	return doc
}

// Fingerprint identifies a corpus: its documents' ids, metadata and texts and
// the analyzer version. Exports carry it so a reviewer knows which corpus an
// annotation was made on.
func Fingerprint(docs []*ingest.Document) string {
	h := sha256.New()
	fmt.Fprintf(h, "claimtag %d %s\n", FormatVersion, AnalyzerVersion)
	for _, d := range docs {
		for _, s := range []string{d.ID, d.Title, d.Date, d.Source, d.Text} {
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
