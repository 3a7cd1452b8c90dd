package desk

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
)

// Limit is the size limit of one imported file.
const Limit = review.DefaultLimit

// Desk is the reviewer's workspace: the annotations imported from other
// people's files (kept apart from the user's own), where re-anchoring put
// them on the current corpus, and the review decisions. It is not safe
// for concurrent use: the UI goroutine owns it.
type Desk struct {
	rv     review.Review
	corpus *review.Corpus
	info   annotation.CorpusInfo
	placed map[string]review.Result // by annotation id, from the last re-anchoring

	memoRev    int // the Rev memoGroups and memoPairs were computed at
	memoOK     bool
	memoGroups []review.Group
	memoPairs  []review.Pair

	saving saving // where and how the desk is saved (store.go)

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
	return &Desk{corpus: c, info: c.Info(fingerprint), placed: map[string]review.Result{}}
}

// Corpus returns the documents the desk re-anchors on.
func (d *Desk) Corpus() *review.Corpus { return d.corpus }

// Info describes the corpus for exports and titles.
func (d *Desk) Info() annotation.CorpusInfo { return d.info }

// Annotations returns every imported annotation, in document order.
func (d *Desk) Annotations() []annotation.Annotation { return d.rv.Annotations() }

// Annotators returns the distinct creators of the imported annotations.
func (d *Desk) Annotators() []string { return d.rv.Annotators() }

// Accepted returns the accepted annotations, re-anchored on the corpus.
func (d *Desk) Accepted() []annotation.Annotation {
	return d.rv.Reviewed(d.info, time.Time{}).Annotations
}

// Import validates u, adds its good annotations to the desk, re-anchors
// everything and queues the desk to be saved. Importing the same file
// again adds nothing.
func (d *Desk) Import(u Upload) FileReport {
	rep := FileReport{Name: u.Name}
	res, err := review.Import(u.Name, u.Data, Limit)
	if u.Err != nil {
		err = u.Err
	}
	if err != nil {
		rep.Err = err.Error()
		d.Files = append(d.Files, rep)
		d.Rev++
		d.saveFiles()
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
	if st.Added+st.Replaced > 0 {
		d.saveAll()
	} else {
		d.saveFiles()
	}
	return rep
}

// reanchor places every annotation on the current corpus.
func (d *Desk) reanchor() {
	d.placed = map[string]review.Result{}
	for _, r := range d.rv.Reanchor(d.corpus) {
		d.placed[r.Annotation.ID] = r.Result
	}
}

// Decide records a review decision (accepted or rejected) on annotation
// id and queues it to be saved. It fails with annotation.ErrNotFound or,
// for another status, annotation.ErrInvalid.
func (d *Desk) Decide(id string, s annotation.Status) error {
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
	if err != nil {
		return err
	}
	d.saving.decided(id, s)
	if fresh {
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
	d.saveDecisions()
	return nil
}

// Status returns how the last re-anchoring placed annotation id.
func (d *Desk) Status(id string) review.Status {
	if r, ok := d.placed[id]; ok {
		return r.Status
	}
	return review.Orphan
}

// Placed returns the annotations re-anchoring could place.
func (d *Desk) Placed() []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range d.rv.Annotations() {
		if d.Status(a.ID) != review.Orphan {
			out = append(out, a)
		}
	}
	return out
}

// Export encodes the annotations chosen by which ("reviewed": the
// accepted ones; "orphans": those not placed) in format ("json" or "w3c",
// the latter under base).
func (d *Desk) Export(which, format, base string, now time.Time) ([]byte, error) {
	exp := d.rv.Reviewed(d.info, now)
	if which == "orphans" {
		exp = annotation.NewExport(d.info, d.rv.Orphans(), now)
	}
	if format == "w3c" {
		return annotation.W3C(exp, base)
	}
	return exp.Marshal()
}

// ExportName returns the download name of Export(which, format).
func ExportName(which, format string) string {
	if format == "w3c" {
		return "claimtag-" + which + ".w3c.jsonld"
	}
	return "claimtag-" + which + ".json"
}
