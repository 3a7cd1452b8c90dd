package desk

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
)

// AnchorRow is one line of the re-anchoring table: an imported annotation
// and where it was placed (its document and quote now, or as imported for
// an orphan).
type AnchorRow struct {
	ID, Creator, Doc, Title string
	Tag                     annotation.Tag
	Status                  review.Status
	Quote, Note             string
}

// AnchorRows lists every imported annotation with the outcome of its
// re-anchoring, in document order (as imported), and counts each outcome.
// It computes them once per change of the placements; callers must not
// modify them.
func (d *Desk) AnchorRows() ([]AnchorRow, map[review.Status]int) {
	if d.rowsRev != d.placedRev {
		d.rows, d.counts = d.anchorRows()
		d.rowsRev = d.placedRev
	}
	return d.rows, d.counts
}

// anchorRows computes AnchorRows.
func (d *Desk) anchorRows() ([]AnchorRow, map[review.Status]int) {
	counts := map[review.Status]int{}
	var rows []AnchorRow
	for _, a := range d.rv.Annotations() {
		st := review.Orphan
		if p, ok := d.rv.Placement(a.ID); ok {
			st = p.Result.Status
			if st.Placed() {
				a = p.Annotation
			}
		}
		counts[st]++
		rows = append(rows, AnchorRow{ID: a.ID, Creator: a.Creator, Doc: a.Anchor.Doc, Title: d.Title(a.Anchor.Doc),
			Tag: a.Tag, Status: st, Quote: a.Anchor.Exact, Note: a.Note})
	}
	return rows, counts
}

// Title returns the title of document doc, or doc itself when the corpus
// has no such document or it has no title. It looks doc up by id, where
// CorpusInfo.Title scans every document: pages call it once per row.
func (d *Desk) Title(doc string) string {
	if dd, ok := d.corpus.Document(doc); ok && dd.Title != "" {
		return dd.Title
	}
	return doc
}

// AnchorStatuses lists the re-anchoring outcomes in the order pages show them.
var AnchorStatuses = []review.Status{review.Exact, review.Moved, review.Fuzzy, review.OtherDocument, review.Orphan}

// OverviewSet returns what the overview counts: the imported annotations
// placed on the current documents, then the user's own ones (own) whose
// id was not imported. A nil desk gives own, sorted.
func (d *Desk) OverviewSet(own []annotation.Annotation) []annotation.Annotation {
	var out []annotation.Annotation
	seen := map[string]bool{}
	if d != nil {
		for _, a := range d.rv.Annotations() {
			seen[a.ID] = true
		}
		out = append(out, d.rv.Placed()...)
	}
	for _, a := range own {
		if !seen[a.ID] {
			out = append(out, a)
		}
	}
	annotation.Sort(out)
	return out
}
