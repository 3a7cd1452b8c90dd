package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/index"
)

// The review page's views of the groups.
const (
	viewAll           = "all"
	viewAnnotator     = "annotator"
	viewDisagreements = "disagreements"
)

// reviewFilter chooses which groups the review page lists: every group,
// one annotator's, or only the disagreements.
type reviewFilter struct {
	View      string // viewAll, viewAnnotator or viewDisagreements
	Annotator string // for viewAnnotator
}

// groups returns the placed annotations of the workspace, grouped by span
// and narrowed by f.
func (d *reviewDesk) groups(f reviewFilter) []review.Group {
	d.memo()
	gs := d.memoGroups
	switch f.View {
	case viewAnnotator:
		return review.ByAnnotator(gs, f.Annotator)
	case viewDisagreements:
		return review.Disagreements(gs)
	}
	return gs
}

// agreement returns review.Agreement over the placed annotations.
func (d *reviewDesk) agreement() []review.Pair {
	d.memo()
	return d.memoPairs
}

// memo computes the groups and the agreement once per revision: both
// compare spans pairwise, too slow to redo at every render of a large review.
func (d *reviewDesk) memo() {
	if d.memoRev == d.Rev && d.memoOK {
		return
	}
	d.memoGroups = d.rv.Groups()
	d.memoPairs = review.Agreement(d.placedAnnotations(), d.corpus)
	d.memoRev, d.memoOK = d.Rev, true
}

// anchorRow is one line of the re-anchoring table.
type anchorRow struct {
	ID, Creator, Doc, Title string
	Tag                     annotation.Tag
	Status                  review.Status
	Quote, Note             string
}

// anchorRows lists every annotation of the workspace with the outcome of
// its re-anchoring, in document order, and counts each outcome.
func (d *reviewDesk) anchorRows() ([]anchorRow, map[review.Status]int) {
	counts := map[review.Status]int{}
	var rows []anchorRow
	for _, a := range d.rv.Annotations() {
		st := d.status(a.ID)
		counts[st]++
		title := a.Anchor.Doc
		if doc, ok := d.corpus.Document(a.Anchor.Doc); ok && doc.Title != "" {
			title = doc.Title
		}
		rows = append(rows, anchorRow{ID: a.ID, Creator: a.Creator, Doc: a.Anchor.Doc, Title: title,
			Tag: a.Tag, Status: st, Quote: a.Anchor.Exact, Note: a.Note})
	}
	return rows, counts
}

// anchorStatuses lists the re-anchoring outcomes in the order the page shows them.
var anchorStatuses = []review.Status{review.Exact, review.Moved, review.Fuzzy, review.OtherDocument, review.Orphan}

// agreementNote says, in one sentence, how spans map to passages.
const agreementNote = "Agreement is counted per passage: each annotator's label for a passage is the tag of their span " +
	"covering most of it (the latest edit wins a tie), and only passages both annotators tagged count."

// agreementRow is one annotator pair of the agreement table.
type agreementRow struct {
	A, B     string
	N        int
	Observed string // observed agreement, as a percentage
	Kappa    string // Cohen's kappa to two decimals, or "–" with no shared passage
	Labels   []labelRow
	Matrix   [4][4]int // [A's tag][B's tag], in annotation.Tags order
}

// labelRow is the two-by-two confusion of one label against the others.
type labelRow struct {
	Tag                         annotation.Tag
	Both, OnlyA, OnlyB, Neither int
	Kappa                       string
}

// agreementRows formats the pairs of review.Agreement for the table.
func agreementRows(pairs []review.Pair) []agreementRow {
	var out []agreementRow
	for _, p := range pairs {
		r := agreementRow{A: orAnon(p.A), B: orAnon(p.B), N: p.N, Observed: "–", Kappa: "–", Matrix: p.Confusion}
		if p.N > 0 {
			r.Observed = fmt.Sprintf("%.0f%%", 100*p.Observed)
			r.Kappa = fmt.Sprintf("%.2f", p.Kappa)
			for _, t := range annotation.Tags() {
				l := p.PerLabel[t]
				r.Labels = append(r.Labels, labelRow{Tag: t, Both: l.Both, OnlyA: l.OnlyA, OnlyB: l.OnlyB,
					Neither: l.Neither, Kappa: fmt.Sprintf("%.2f", l.Kappa)})
			}
		}
		out = append(out, r)
	}
	return out
}

// orAnon names an annotator who left the creator empty.
func orAnon(creator string) string {
	if creator == "" {
		return "(anonymous)"
	}
	return creator
}

// overviewSet returns what the overview counts: the imported annotations
// not rejected, then the user's own ones whose id was not imported.
func (d *reviewDesk) overviewSet(own []annotation.Annotation) []annotation.Annotation {
	var out []annotation.Annotation
	seen := map[string]bool{}
	if d != nil {
		for _, a := range d.rv.Annotations() {
			seen[a.ID] = true
			if a.Status != annotation.Rejected && d.status(a.ID) != review.Orphan {
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

// tagQuery is a tag-aware search: a query, kept to passages holding an
// annotation with Tag (any tag if empty) by Creator (anyone if empty).
type tagQuery struct {
	Query   string
	Tag     annotation.Tag
	Creator string
}

// tagHit is a search hit and the annotations on its passage that match.
type tagHit struct {
	Hit         index.Hit
	Annotations []annotation.Annotation
}

// tagSearchSize is how many ranked passages a tag-aware search filters.
const tagSearchSize = 1000

// searcher runs index searches; *index.Index is one.
type searcher interface {
	Search(index.Request) (*index.Result, error)
}

// tagSearch runs q over ix, restricted to the documents holding a matching
// annotation, and keeps the hits whose passage one of those annotations
// overlaps. An empty query matches every passage. Without a tag or creator
// filter every hit is kept.
func tagSearch(ix searcher, as []annotation.Annotation, q tagQuery) ([]tagHit, error) {
	var match []annotation.Annotation
	var docs []string
	for _, a := range as {
		if (q.Tag == "" || a.Tag == q.Tag) && (q.Creator == "" || a.Creator == q.Creator) {
			match = append(match, a)
			if !slices.Contains(docs, a.Anchor.Doc) {
				docs = append(docs, a.Anchor.Doc)
			}
		}
	}
	filtered := q.Tag != "" || q.Creator != ""
	if filtered && len(match) == 0 {
		return nil, nil
	}
	query := strings.TrimSpace(q.Query)
	if query == "" {
		query = "*"
	}
	req := index.Request{Query: query, Size: tagSearchSize}
	if filtered {
		req.Docs = docs
	}
	res, err := ix.Search(req)
	if err != nil {
		return nil, err
	}
	var out []tagHit
	for _, h := range res.Hits {
		th := tagHit{Hit: h}
		for _, a := range match {
			if a.Anchor.Doc == h.Doc && a.Anchor.Start < h.End && h.Start < a.Anchor.End {
				th.Annotations = append(th.Annotations, a)
			}
		}
		if !filtered || len(th.Annotations) > 0 {
			out = append(out, th)
		}
	}
	return out, nil
}

// creators returns the distinct creators of as, sorted.
func creators(as []annotation.Annotation) []string {
	var out []string
	for _, a := range as {
		if !slices.Contains(out, a.Creator) {
			out = append(out, a.Creator)
		}
	}
	slices.Sort(out)
	return out
}
