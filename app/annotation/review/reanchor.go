package review

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
)

// Status says how Reanchor found an anchor in the current corpus; it is
// anchoring.Status, the one re-anchoring implementation.
type Status = anchoring.Status

// Re-anchoring outcomes, from most to least certain (see package anchoring).
const (
	Exact         = anchoring.Exact
	Moved         = anchoring.Moved
	Fuzzy         = anchoring.Fuzzy
	OtherDocument = anchoring.OtherDocument
	Orphan        = anchoring.Orphan
)

// Thresholds of the fuzzy match (see package anchoring).
const (
	MinQuoteSimilarity = anchoring.MinQuoteSimilarity
	MinScore           = anchoring.MinScore
)

// Result is where an anchor now is (see anchoring.Result).
type Result = anchoring.Result

// Reanchor finds the anchor in docs with anchoring.Corpus.Reanchor,
// everywhere: near its old position, elsewhere in its document, then in
// the passages of every document holding its rarest words. A nil docs
// finds nothing.
func Reanchor(a annotation.Anchor, docs *Corpus) Result {
	if docs == nil {
		return Result{Status: Orphan, Doc: a.Doc, Start: a.Start, End: a.End, Exact: a.Exact}
	}
	return docs.anchoring().Reanchor(a, anchoring.Everywhere)
}

// Apply returns a re-anchored onto r: a fresh anchor (new quote context,
// passage from the corpus) unless r is an Orphan, which leaves a unchanged.
func (c *Corpus) Apply(a annotation.Annotation, r Result) annotation.Annotation {
	if r.Status == Orphan {
		return a
	}
	anc, err := annotation.AnchorRunes(r.Doc, c.passageAt(r.Doc, r.Start, r.End), c.runes[r.Doc], r.Start, r.End)
	if err != nil {
		return a
	}
	a.Anchor = anc
	return a
}
