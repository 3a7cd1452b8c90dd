package app

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
)

// The reviewer's workspace: its state name and the size limit of an
// import. Where it is saved is in review-store.go.
const (
	stateReview = "/review/desk" // deskState, once the index is loaded
	reviewLimit = review.DefaultLimit
)

// reviewDesk is the reviewer's workspace: the annotations imported from
// other people's files (kept apart from the user's own annotation set),
// where re-anchoring put them and the review decisions. Pages share it as
// stateReview; only the UI goroutine changes it.
type reviewDesk struct {
	rv     review.Review
	corpus *review.Corpus
	info   annotation.CorpusInfo
	placed map[string]review.Result // by annotation id, from the last re-anchoring

	memoRev    int // the Rev memoGroups and memoPairs were computed at
	memoOK     bool
	memoGroups []review.Group
	memoPairs  []review.Pair

	saving deskSaving // where and how the workspace is saved (review-saver.go)

	Files   []fileReport // what each import did, newest last
	SaveErr string       // why the workspace could not be saved, if it could not
	Warning string       // what could not be read back, if anything
	Rev     int          // bumped at each change, so observers see a new value
}

// deskState is the value of stateReview. go-app copies a state's value
// into each observer (a pointer value is dereferenced first), so the
// shared pointer travels inside a struct. Opening is set while the saved
// workspace is being read, before Desk is published.
type deskState struct {
	Desk    *reviewDesk
	Opening bool
}

// fileReport is what importing one file did.
type fileReport struct {
	Name       string
	Format     review.Format
	Err        string // the file as a whole was refused, and why
	Read       int    // usable annotations in the file
	Added      int    // new to the workspace
	Unchanged  int    // already there with the same content
	Updated    int    // replaced an older version
	Older      int    // an older version of one already there, ignored
	Duplicates int    // repeated inside the file
	Rejected   []review.Rejection
}

// upload is a file read from the browser, ready to import.
type upload struct {
	Name string
	Data []byte
	Err  error
}

// corpusOf returns the documents of ix for re-anchoring.
func corpusOf(ix *index.Index) *review.Corpus {
	var docs []review.Document
	for _, d := range ix.Documents() {
		doc := review.Document{ID: d.ID, Title: d.Title, Text: ix.Text(d.ID)}
		for _, p := range ix.Passages(d.ID) {
			doc.Passages = append(doc.Passages, review.Passage{ID: p.ID, Start: p.Start, End: p.End})
		}
		docs = append(docs, doc)
	}
	return review.NewCorpus(docs...)
}

// newReviewDesk returns an empty workspace over corpus c, described in
// exports by fingerprint.
func newReviewDesk(c *review.Corpus, fingerprint string) *reviewDesk {
	return &reviewDesk{corpus: c, info: c.Info(fingerprint), placed: map[string]review.Result{}}
}

// readUpload reads f unless it is over the import limit. It blocks in the
// browser: call it from ctx.Async.
func readUpload(f browser.File) upload {
	if f.Size > reviewLimit {
		return upload{Name: f.Name, Err: fmt.Errorf("import %s: %d bytes, limit %d: %w", f.Name, f.Size, reviewLimit, review.ErrTooLarge)}
	}
	data, err := f.Read()
	return upload{Name: f.Name, Data: data, Err: err}
}

// importUpload validates u, adds its good annotations to the workspace and
// re-anchors everything. Importing the same file again adds nothing.
func (d *reviewDesk) importUpload(u upload) fileReport {
	rep := fileReport{Name: u.Name}
	res, err := review.Import(u.Name, u.Data, reviewLimit)
	if u.Err != nil {
		err = u.Err
	}
	if err != nil {
		rep.Err = err.Error()
		d.Files = append(d.Files, rep)
		d.Rev++
		return rep
	}
	st := d.rv.Add(res)
	rep.Format, rep.Read, rep.Duplicates, rep.Rejected = res.Format, len(res.Annotations), res.Duplicates, res.Rejected
	rep.Added, rep.Unchanged, rep.Updated, rep.Older = st.Added, st.Unchanged, st.Replaced, st.KeptExisting
	d.Files = append(d.Files, rep)
	if st.Added+st.Replaced > 0 {
		d.reanchor()
	}
	d.Rev++
	return rep
}

// reanchor places every annotation on the current corpus.
func (d *reviewDesk) reanchor() {
	d.placed = map[string]review.Result{}
	for _, r := range d.rv.Reanchor(d.corpus) {
		d.placed[r.Annotation.ID] = r.Result
	}
}

// decide records a review decision on annotation id.
func (d *reviewDesk) decide(id string, s annotation.Status) error {
	var err error
	switch s {
	case annotation.Accepted:
		err = d.rv.Accept(id)
	case annotation.Rejected:
		err = d.rv.Reject(id)
	default:
		err = fmt.Errorf("review %s: %w: status %q", id, annotation.ErrInvalid, s)
	}
	fresh := d.memoOK && d.memoRev == d.Rev
	d.Rev++
	if err == nil {
		d.saving.decided(id, s)
	}
	if err == nil && fresh {
		// A decision changes no span: patch a copy of the memo rather than
		// regroup. A copy, because components compare the groups they
		// were given with the new ones to decide whether to re-render.
		d.memoGroups = slices.Clone(d.memoGroups)
		for gi, g := range d.memoGroups {
			for i, a := range g.Annotations {
				if a.ID == id {
					g.Annotations = slices.Clone(g.Annotations)
					g.Annotations[i].Status = s
					d.memoGroups[gi] = g
				}
			}
		}
		d.memoRev = d.Rev
	}
	return err
}

// status returns how the last re-anchoring placed annotation id.
func (d *reviewDesk) status(id string) review.Status {
	if r, ok := d.placed[id]; ok {
		return r.Status
	}
	return review.Orphan
}

// placedAnnotations returns the annotations re-anchoring could place.
func (d *reviewDesk) placedAnnotations() []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range d.rv.Annotations() {
		if d.status(a.ID) != review.Orphan {
			out = append(out, a)
		}
	}
	return out
}

// exportData encodes the annotations of the workspace chosen by which
// ("reviewed": the accepted ones; "orphans": those not placed) in format
// ("json" or "w3c", the latter under base).
func (d *reviewDesk) exportData(which, format, base string, now time.Time) ([]byte, error) {
	exp := d.rv.Reviewed(d.info, now)
	if which == "orphans" {
		exp = annotation.NewExport(d.info, d.rv.Orphans(), now)
	}
	if format == "w3c" {
		return annotation.W3C(exp, base)
	}
	return exp.Marshal()
}

// reviewExportName returns the download name of exportData(which, format).
func reviewExportName(which, format string) string {
	if format == "w3c" {
		return "claimtag-" + which + ".w3c.jsonld"
	}
	return "claimtag-" + which + ".json"
}
