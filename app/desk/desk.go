package desk

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/annotation/gold"
	"github.com/claimtag/claimtag/app/annotation/review"
)

// Limit is the size limit of one imported file.
const Limit = review.DefaultLimit

// Desk is the reviewer's workspace: the annotations imported from other
// people's files (kept apart from the user's own, as their files had
// them), where re-anchoring placed them on the current corpus, agreement
// over the spans they marked, and the adjudication of those spans into a
// gold file. It is not safe for concurrent use: the UI goroutine owns it;
// Prepare, the slow part of an import, runs anywhere.
type Desk struct {
	rv     review.Review
	corpus *review.Corpus
	info   annotation.CorpusInfo

	// placedRev counts changes of the placed annotations: the units, the
	// agreement and the queue are computed again after one.
	placedRev int
	memoRev   int // placedRev of report and queue; -1: never computed
	report    agreement.Report
	queue     *adjudicate.Queue
	// stored are the decisions restored, until the queue takes them.
	stored []adjudicate.Decision
	// rows and counts are AnchorRows' result, computed at placedRev rowsRev
	// (-1: never): the page asks for them at every render.
	rowsRev int
	rows    []AnchorRow
	counts  map[review.Status]int

	saving saving // where and how the desk is saved (store.go)
	// kept are saved annotations that no longer validate (Restore): not
	// shown, but written back with the others so that none is lost.
	kept []annotation.Annotation

	// Files lists what each import did, newest last.
	Files []FileReport
	// Warning says what could not be read back, if anything.
	Warning string
	// Rev is bumped at each change, so that observers see a new value.
	Rev int
}

// FileReport is what importing one file did.
type FileReport struct {
	Name       string
	Format     review.Format
	Err        string // the file as a whole was refused, and why
	Read       int    // usable annotations in the file
	Added      int    // new to the desk
	Unchanged  int    // already there with the same content
	Updated    int    // replaced an older version
	Older      int    // an older version of one already there, ignored
	Duplicates int    // repeated inside the file
	Rejected   []review.Rejection
	Warnings   []string `json:",omitempty"`
	// Placed counts how re-anchoring placed the added and updated ones.
	Placed map[review.Status]int `json:",omitempty"`
	// Decisions counts the adjudication decisions a gold file restored
	// (new or newer than the desk's); its spans already decided the same
	// way count in Unchanged, those the desk decided later in Older.
	Decisions int `json:",omitempty"`
}

// Imported returns how many annotations of the file the import added or
// updated.
func (r FileReport) Imported() int { return r.Added + r.Updated }

// Orphaned returns how many of them re-anchoring could not place.
func (r FileReport) Orphaned() int { return r.Placed[review.Orphan] }

// Reanchored returns how many of them re-anchoring found elsewhere than
// their exact old place (moved, fuzzy, in another document).
func (r FileReport) Reanchored() int {
	return r.Placed[review.Moved] + r.Placed[review.Fuzzy] + r.Placed[review.OtherDocument]
}

// Upload is a file read from the browser, ready to import.
type Upload struct {
	Name string
	Data []byte
	Err  error // reading it failed
}

// New returns an empty desk over corpus c, described in exports by
// fingerprint.
func New(c *review.Corpus, fingerprint string) *Desk {
	return &Desk{corpus: c, info: c.Info(fingerprint), memoRev: -1, rowsRev: -1}
}

// Corpus returns the documents the desk re-anchors on.
func (d *Desk) Corpus() *review.Corpus { return d.corpus }

// Info describes the corpus for exports and titles.
func (d *Desk) Info() annotation.CorpusInfo { return d.info }

// Annotations returns every imported annotation as its file had it, in
// document order.
func (d *Desk) Annotations() []annotation.Annotation { return d.rv.Annotations() }

// Len returns the number of imported annotations.
func (d *Desk) Len() int { return d.rv.Len() }

// Annotators returns the distinct creators of the imported annotations.
func (d *Desk) Annotators() []string { return d.rv.Annotators() }

// Placed returns the annotations re-anchoring placed, on their new spans.
func (d *Desk) Placed() []annotation.Annotation { return d.rv.Placed() }

// Orphans returns the annotations re-anchoring could not place, as
// imported.
func (d *Desk) Orphans() []annotation.Annotation { return d.rv.Orphans() }

// Phase names a step of an import, for progress.
type Phase string

// The phases of an import.
const (
	Reading Phase = "reading"
	Placing Phase = "placing"
)

// Prepared is a file read and its annotations placed on the corpus,
// ready for Commit.
type Prepared struct {
	Name   string
	Result review.ImportResult
	Placed []review.Reanchored
	Err    error // the file as a whole was refused, or the import cancelled
}

// Prepare reads u (review.ImportWith, resolving target sources on c) and
// places its annotations on c (review.ReanchorAll): the slow part of an
// import, which changes no desk, so it can run off the UI goroutine. It
// calls progress, when not nil, as it goes, and stops when ctx is done
// (Prepared.Err is then ctx's error).
func Prepare(ctx context.Context, c *review.Corpus, u Upload, progress func(p Phase, done, total int)) Prepared {
	p := Prepared{Name: u.Name, Err: u.Err}
	if p.Err != nil {
		return p
	}
	report := func(ph Phase) func(done, total int) {
		if progress == nil {
			return nil
		}
		return func(done, total int) { progress(ph, done, total) }
	}
	p.Result, p.Err = review.ImportWith(ctx, u.Name, u.Data, review.Options{Limit: Limit, Corpus: c, Progress: report(Reading)})
	if p.Err != nil || p.Result.Format == review.FormatGold {
		return p // a gold file restores decisions, which place themselves
	}
	p.Placed, p.Err = review.ReanchorAll(ctx, p.Result.Annotations, c, report(Placing))
	return p
}

// ErrCancelled is the error of a file whose import was cancelled.
var ErrCancelled = errors.New("import cancelled: nothing was added")

// Commit adds what Prepare read to the desk, records the report and queues
// the desk to be saved. Importing the same file again adds nothing.
func (d *Desk) Commit(p Prepared) FileReport {
	rep := FileReport{Name: p.Name}
	if p.Err != nil {
		rep.Err = p.Err.Error()
		if errors.Is(p.Err, context.Canceled) {
			rep.Err = ErrCancelled.Error()
		}
		d.Files = append(d.Files, rep)
		d.Rev++
		d.saveFiles()
		return rep
	}
	res := p.Result
	if res.Format == review.FormatGold {
		return d.commitGold(res)
	}
	st := d.rv.Add(res)
	d.rv.Place(p.Placed)
	if rest := d.rv.Unplaced(); len(rest) > 0 { // not placed by Prepare: a file committed twice at once
		placed, _ := review.ReanchorAll(context.Background(), rest, d.corpus, nil)
		d.rv.Place(placed)
	}
	rep.Format, rep.Read, rep.Duplicates, rep.Rejected, rep.Warnings = res.Format, len(res.Annotations), res.Duplicates, res.Rejected, res.Warnings
	rep.Added, rep.Unchanged, rep.Updated, rep.Older = st.Added, st.Unchanged, st.Replaced, st.KeptExisting
	if len(st.Changed) > 0 {
		rep.Placed = map[review.Status]int{}
		for _, id := range st.Changed {
			rep.Placed[d.Status(id)]++
		}
		d.placedRev++
	}
	d.Files = append(d.Files, rep)
	d.Rev++
	if len(st.Changed) > 0 {
		d.saveAll()
	} else {
		d.saveFiles()
	}
	return rep
}

// commitGold resumes the adjudication a gold file records: each of its
// spans becomes a decision (adjudicate.FromGold), which finds its span
// among the desk's by its key or its annotators' annotations, or is kept
// apart (and exported again) when the desk does not hold them. A span
// decided the same way already counts as unchanged; of two different
// decisions of one span, the later one is kept.
func (d *Desk) commitGold(res review.ImportResult) FileReport {
	rep := FileReport{Name: res.Name, Format: res.Format, Read: len(res.Gold), Rejected: res.Rejected,
		Warnings: res.Warnings, Duplicates: res.Duplicates}
	d.memo()
	merged := map[string]adjudicate.Decision{}
	for _, dec := range d.queue.Decisions() {
		merged[dec.Key] = dec
	}
	var changed []adjudicate.Decision
	for _, dec := range adjudicate.FromGold(gold.File{Spans: res.Gold}) {
		old, ok := merged[dec.Key]
		switch {
		case ok && sameDecision(old, dec):
			rep.Unchanged++
		case ok && !dec.Decided.After(old.Decided):
			rep.Older++
		default:
			merged[dec.Key] = dec
			changed = append(changed, dec)
			rep.Decisions++
		}
	}
	if len(changed) > 0 {
		all := slices.SortedFunc(maps.Values(merged), func(a, b adjudicate.Decision) int { return strings.Compare(a.Key, b.Key) })
		d.queue = adjudicate.NewQueue(d.report.Units, all)
		d.saveDecisions(adjudicate.Change{Put: changed})
	}
	d.Files = append(d.Files, rep)
	d.Rev++
	d.saveFiles()
	return rep
}

// sameDecision reports whether a and b decide the same.
func sameDecision(a, b adjudicate.Decision) bool {
	return a.Key == b.Key && a.Label == b.Label && a.Dropped == b.Dropped && a.Note == b.Note && a.Reviewer == b.Reviewer &&
		a.Decided.Equal(b.Decided) && a.Anchor == b.Anchor
}

// Import is Prepare and Commit on the caller's goroutine.
func (d *Desk) Import(u Upload) FileReport {
	return d.Commit(Prepare(context.Background(), d.corpus, u, nil))
}

// Status returns how the last re-anchoring placed annotation id.
func (d *Desk) Status(id string) review.Status {
	if p, ok := d.rv.Placement(id); ok {
		return p.Result.Status
	}
	return review.Orphan
}

// memo computes the agreement report and the adjudication queue once per
// change of the placed annotations: both compare spans pairwise, too slow
// to redo at every render of a large review. The queue keeps its
// decisions (and loses its undo history) when it is rebuilt.
func (d *Desk) memo() {
	if d.memoRev == d.placedRev {
		return
	}
	d.report = agreement.Compare(d.rv.Placed(), agreement.Options{})
	decisions := d.stored
	if d.queue != nil {
		decisions = d.queue.Decisions()
	}
	d.queue, d.stored = adjudicate.NewQueue(d.report.Units, decisions), nil
	d.memoRev = d.placedRev
}

// Agreement returns the agreement over the placed annotations: the units,
// Cohen's kappa per pair, Krippendorff's alpha, per-label figures.
func (d *Desk) Agreement() agreement.Report {
	d.memo()
	return d.report
}

// ExportOrphans encodes the annotations re-anchoring could not place, as
// imported, in format ("json" or "w3c", the latter under base).
func (d *Desk) ExportOrphans(format, base string, now time.Time) ([]byte, error) {
	exp := annotation.NewExport(d.info, d.rv.Orphans(), now)
	if format == "w3c" {
		return annotation.W3C(exp, base)
	}
	return exp.Marshal()
}
