package desk

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
)

// The review page's views of the groups.
const (
	ViewAll           = "all"
	ViewAnnotator     = "annotator"
	ViewDisagreements = "disagreements"
)

// Filter chooses which groups the review page lists: every group, one
// annotator's, or only the disagreements.
type Filter struct {
	View      string // ViewAll, ViewAnnotator or ViewDisagreements
	Annotator string // for ViewAnnotator
}

// Groups returns the placed annotations, grouped by span and narrowed by f.
func (d *Desk) Groups(f Filter) []review.Group {
	d.memo()
	gs := d.memoGroups
	switch f.View {
	case ViewAnnotator:
		return review.ByAnnotator(gs, f.Annotator)
	case ViewDisagreements:
		return review.Disagreements(gs)
	}
	return gs
}

// Agreement returns review.Agreement over the placed annotations.
func (d *Desk) Agreement() []review.Pair {
	d.memo()
	return d.memoPairs
}

// memo computes the groups and the agreement once per revision: both
// compare spans pairwise, too slow to redo at every render of a large review.
func (d *Desk) memo() {
	if d.memoRev == d.Rev && d.memoOK {
		return
	}
	d.memoGroups = d.rv.Groups()
	d.memoPairs = review.Agreement(d.Placed(), d.corpus)
	d.memoRev, d.memoOK = d.Rev, true
}

// AnchorRow is one line of the re-anchoring table.
type AnchorRow struct {
	ID, Creator, Doc, Title string
	Tag                     annotation.Tag
	Status                  review.Status
	Quote, Note             string
}

// AnchorRows lists every imported annotation with the outcome of its
// re-anchoring, in document order, and counts each outcome.
func (d *Desk) AnchorRows() ([]AnchorRow, map[review.Status]int) {
	counts := map[review.Status]int{}
	var rows []AnchorRow
	for _, a := range d.rv.Annotations() {
		st := d.Status(a.ID)
		counts[st]++
		title := a.Anchor.Doc
		if doc, ok := d.corpus.Document(a.Anchor.Doc); ok && doc.Title != "" {
			title = doc.Title
		}
		rows = append(rows, AnchorRow{ID: a.ID, Creator: a.Creator, Doc: a.Anchor.Doc, Title: title,
			Tag: a.Tag, Status: st, Quote: a.Anchor.Exact, Note: a.Note})
	}
	return rows, counts
}

// AnchorStatuses lists the re-anchoring outcomes in the order pages show them.
var AnchorStatuses = []review.Status{review.Exact, review.Moved, review.Fuzzy, review.OtherDocument, review.Orphan}

// OverviewSet returns what the overview counts: the imported annotations
// placed and not rejected, then the user's own ones (own) whose id was
// not imported. A nil desk gives own, sorted.
func (d *Desk) OverviewSet(own []annotation.Annotation) []annotation.Annotation {
	var out []annotation.Annotation
	seen := map[string]bool{}
	if d != nil {
		for _, a := range d.rv.Annotations() {
			seen[a.ID] = true
			if a.Status != annotation.Rejected && d.Status(a.ID) != review.Orphan {
				out = append(out, a)
			}
		}
	}
	for _, a := range own {
		if !seen[a.ID] {
			out = append(out, a)
		}
	}
	annotation.Sort(out)
	return out
}
