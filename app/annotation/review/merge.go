package review

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

// Review is a reviewer's workspace: the annotations imported from several
// files, their re-anchoring outcome and the review decisions. The zero
// Review is empty and ready to use.
type Review struct {
	byID    map[string]annotation.Annotation
	orphans map[string]bool
}

// AddStats counts what Review.Add did with an import.
type AddStats struct {
	Added, Unchanged, Replaced, KeptExisting int
}

// Add merges an import into r, deduplicating by ID: an annotation already
// present with the same content is left alone (importing the same file
// twice changes nothing); with different content the later modified one
// wins (ties keep the existing one). Review decisions already taken are kept.
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
		case old.SameContent(a):
			st.Unchanged++
		case a.LastModified().After(old.LastModified()):
			if old.Status != annotation.Pending {
				a.Status = old.Status
			}
			r.byID[a.ID] = a
			delete(r.orphans, a.ID)
			st.Replaced++
		default:
			st.KeptExisting++
		}
	}
	return st
}

// Annotations returns every annotation, orphans included, in document order.
func (r *Review) Annotations() []annotation.Annotation {
	out := make([]annotation.Annotation, 0, len(r.byID))
	for _, a := range r.byID {
		out = append(out, a)
	}
	annotation.Sort(out)
	return out
}

// Get returns the annotation with the given id.
func (r *Review) Get(id string) (annotation.Annotation, bool) {
	a, ok := r.byID[id]
	return a, ok
}

// Reanchored pairs an annotation (after re-anchoring) with its Result.
type Reanchored struct {
	Annotation annotation.Annotation
	Result     Result
}

// Reanchor re-anchors every annotation onto c and returns the outcomes in
// document order. Orphans keep their old anchor, stay in r and are listed
// by Orphans; they are left out of Groups.
func (r *Review) Reanchor(c *Corpus) []Reanchored {
	out, _ := r.ReanchorContext(context.Background(), c, nil)
	return out
}

// reanchorEvery is how many annotations ReanchorContext places between
// calls to progress and checks of the context.
const reanchorEvery = 64

// ReanchorContext is Reanchor for long work: it calls progress (when not
// nil) with the annotations done and the total as it goes, and stops when
// ctx is done, returning its error and leaving r as it was.
func (r *Review) ReanchorContext(ctx context.Context, c *Corpus, progress func(done, total int)) ([]Reanchored, error) {
	as := r.Annotations()
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
	r.orphans = make(map[string]bool)
	for _, p := range out {
		r.byID[p.Annotation.ID] = p.Annotation
		if p.Result.Status == Orphan {
			r.orphans[p.Annotation.ID] = true
		}
	}
	return out, nil
}

// Placed returns the annotations the last Reanchor placed (all of them
// before any Reanchor), in document order: what agreement.Compare and
// adjudicate.NewQueue take.
func (r *Review) Placed() []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range r.Annotations() {
		if !r.orphans[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// Orphans returns the annotations the last Reanchor could not place.
func (r *Review) Orphans() []annotation.Annotation {
	var out []annotation.Annotation
	for id := range r.orphans {
		out = append(out, r.byID[id])
	}
	annotation.Sort(out)
	return out
}

// Accept marks the annotation accepted. It fails with annotation.ErrNotFound.
func (r *Review) Accept(id string) error { return r.decide(id, annotation.Accepted) }

// Reject marks the annotation rejected. It fails with annotation.ErrNotFound.
func (r *Review) Reject(id string) error { return r.decide(id, annotation.Rejected) }

func (r *Review) decide(id string, s annotation.Status) error {
	a, ok := r.byID[id]
	if !ok {
		return fmt.Errorf("review %s: %w", id, annotation.ErrNotFound)
	}
	a.Status = s
	r.byID[id] = a
	return nil
}

// Reviewed returns the accepted annotations as an export of corpus info.
func (r *Review) Reviewed(info annotation.CorpusInfo, now time.Time) annotation.Export {
	var out []annotation.Annotation
	for _, a := range r.byID {
		if a.Status == annotation.Accepted {
			out = append(out, a)
		}
	}
	return annotation.NewExport(info, out, now)
}

// Group is one span tagged by one or more annotators. Its span is that of
// its first annotation in document order; an annotation joins the group if
// it is in the same document and overlaps that span by at least half of
// the longer of the two spans (so identical spans always group, and a
// span and one nested in it group when the inner one covers half).
type Group struct {
	Doc         string
	Start, End  int
	Annotations []annotation.Annotation
}

// Tags returns the distinct tags in g, in annotation.Tags order.
func (g Group) Tags() []annotation.Tag {
	var out []annotation.Tag
	for _, t := range annotation.Tags() {
		if slices.ContainsFunc(g.Annotations, func(a annotation.Annotation) bool { return a.Tag == t }) {
			out = append(out, t)
		}
	}
	return out
}

// Disagreement reports whether annotators gave g different tags.
func (g Group) Disagreement() bool { return len(g.Tags()) > 1 }

// sameSpan is the grouping rule documented on Group.
func sameSpan(doc string, start, end int, b annotation.Anchor) bool {
	if b.Doc != doc {
		return false
	}
	overlap := min(end, b.End) - max(start, b.Start)
	return overlap > 0 && 2*overlap >= max(end-start, b.End-b.Start)
}

// Groups merges the placed (non-orphan) annotations into groups, in
// document order.
//
// Deprecated: use agreement.Units over Placed, the units agreement and
// adjudication share; Groups is kept until the review page moves to it.
func (r *Review) Groups() []Group {
	var groups []Group
	inDoc := map[string][]int{} // the indices of each document's groups: only they can match
	for _, a := range r.Annotations() {
		if r.orphans[a.ID] {
			continue
		}
		i := -1
		for _, j := range inDoc[a.Anchor.Doc] {
			if g := groups[j]; sameSpan(g.Doc, g.Start, g.End, a.Anchor) {
				i = j
				break
			}
		}
		if i < 0 {
			groups = append(groups, Group{Doc: a.Anchor.Doc, Start: a.Anchor.Start, End: a.Anchor.End})
			i = len(groups) - 1
			inDoc[a.Anchor.Doc] = append(inDoc[a.Anchor.Doc], i)
		}
		groups[i].Annotations = append(groups[i].Annotations, a)
	}
	for _, g := range groups {
		slices.SortFunc(g.Annotations, func(a, b annotation.Annotation) int {
			return cmp.Or(cmp.Compare(a.Creator, b.Creator), cmp.Compare(a.ID, b.ID))
		})
	}
	return groups
}

// ByAnnotator keeps, in each group, only creator's annotations, dropping
// groups left empty.
func ByAnnotator(groups []Group, creator string) []Group {
	var out []Group
	for _, g := range groups {
		g.Annotations = slices.DeleteFunc(slices.Clone(g.Annotations), func(a annotation.Annotation) bool { return a.Creator != creator })
		if len(g.Annotations) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// Disagreements keeps the groups whose annotators gave different tags.
func Disagreements(groups []Group) []Group {
	var out []Group
	for _, g := range groups {
		if g.Disagreement() {
			out = append(out, g)
		}
	}
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
