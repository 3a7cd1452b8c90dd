package review

import (
	"context"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
)

// Review is a reviewer's set of imported annotations: each as its file
// had it, and where re-anchoring last placed it on the current corpus.
// Keeping the annotations as imported makes importing a file again add
// nothing, whatever re-anchoring did, and lets every re-anchoring start
// from what the annotator marked. The zero Review is empty and ready to
// use; it is not safe for concurrent use.
type Review struct {
	byID   map[string]annotation.Annotation // as imported
	placed map[string]Reanchored            // by id: the latest placement
}

// AddStats counts what Review.Add did with an import.
type AddStats struct {
	Added, Unchanged, Replaced, KeptExisting int
	// Changed lists the ids added or replaced: they need placing.
	Changed []string
}

// Add merges an import into r, deduplicating by ID: an annotation already
// present with the same content is left alone (importing the same file
// twice changes nothing); with different content the later modified one
// wins (ties keep the existing one), and must be placed again.
func (r *Review) Add(res ImportResult) AddStats {
	if r.byID == nil {
		r.byID = make(map[string]annotation.Annotation)
	}
	var st AddStats
	for _, a := range res.Annotations {
		old, ok := r.byID[a.ID]
		switch {
		case !ok:
			r.byID[a.ID] = a
			st.Added++
			st.Changed = append(st.Changed, a.ID)
		case old.SameContent(a):
			st.Unchanged++
		case a.LastModified().After(old.LastModified()):
			r.byID[a.ID] = a
			delete(r.placed, a.ID)
			st.Replaced++
			st.Changed = append(st.Changed, a.ID)
		default:
			st.KeptExisting++
		}
	}
	return st
}

// Len returns the number of annotations.
func (r *Review) Len() int { return len(r.byID) }

// Annotations returns every annotation as imported, orphans included, in
// document order.
func (r *Review) Annotations() []annotation.Annotation {
	out := make([]annotation.Annotation, 0, len(r.byID))
	for _, a := range r.byID {
		out = append(out, a)
	}
	annotation.Sort(out)
	return out
}

// Get returns the annotation with the given id, as imported.
func (r *Review) Get(id string) (annotation.Annotation, bool) {
	a, ok := r.byID[id]
	return a, ok
}

// Reanchored pairs an annotation (after re-anchoring) with its Result.
type Reanchored struct {
	Annotation annotation.Annotation
	Result     Result
}

// reanchorEvery is how many annotations ReanchorAll places between calls
// to progress and checks of the context.
const reanchorEvery = 64

// ReanchorAll places each of as on c (Reanchor, then Corpus.Apply) and
// returns the outcomes in the same order. It calls progress (when not
// nil) with the annotations done and the total as it goes, and stops when
// ctx is done, returning its error. It changes nothing else, so it can
// run off the UI goroutine while the review is read.
func ReanchorAll(ctx context.Context, as []annotation.Annotation, c *Corpus, progress func(done, total int)) ([]Reanchored, error) {
	out := make([]Reanchored, 0, len(as))
	for i, a := range as {
		if i%reanchorEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(i, len(as))
			}
		}
		res := Reanchor(a.Anchor, c)
		out = append(out, Reanchored{Annotation: c.Apply(a, res), Result: res})
	}
	if progress != nil {
		progress(len(as), len(as))
	}
	return out, nil
}

// Place records placements (from ReanchorAll) of r's annotations. A
// placement of an annotation r does not hold, or holds in another
// version, is ignored.
func (r *Review) Place(rs []Reanchored) {
	if r.placed == nil {
		r.placed = make(map[string]Reanchored)
	}
	for _, p := range rs {
		if a, ok := r.byID[p.Annotation.ID]; ok && sameExceptAnchor(a, p.Annotation) {
			r.placed[a.ID] = p
		}
	}
}

// sameExceptAnchor reports whether b is a re-anchored a.
func sameExceptAnchor(a, b annotation.Annotation) bool {
	b.Anchor = a.Anchor
	return a.SameContent(b)
}

// Unplaced returns the annotations not placed yet (added since the last
// re-anchoring), in document order.
func (r *Review) Unplaced() []annotation.Annotation {
	var out []annotation.Annotation
	for id, a := range r.byID {
		if _, ok := r.placed[id]; !ok {
			out = append(out, a)
		}
	}
	annotation.Sort(out)
	return out
}

// Placement returns where the annotation with id was placed; ok is false
// when it is not placed yet.
func (r *Review) Placement(id string) (p Reanchored, ok bool) {
	p, ok = r.placed[id]
	return p, ok
}

// Placed returns the annotations placed on the corpus, re-anchored, in
// document order: what agreement.Compare and adjudicate.NewQueue take.
func (r *Review) Placed() []annotation.Annotation {
	var out []annotation.Annotation
	for _, p := range r.placed {
		if p.Result.Status.Placed() {
			out = append(out, p.Annotation)
		}
	}
	annotation.Sort(out)
	return out
}

// Orphans returns the annotations the last re-anchoring could not place,
// as imported, in document order.
func (r *Review) Orphans() []annotation.Annotation {
	var out []annotation.Annotation
	for id, p := range r.placed {
		if !p.Result.Status.Placed() {
			out = append(out, r.byID[id])
		}
	}
	annotation.Sort(out)
	return out
}

// Annotators returns the distinct creators in r, sorted.
func (r *Review) Annotators() []string {
	var out []string
	for _, a := range r.byID {
		if !slices.Contains(out, a.Creator) {
			out = append(out, a.Creator)
		}
	}
	slices.Sort(out)
	return out
}
