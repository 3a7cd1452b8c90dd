package anchoring

import "github.com/claimtag/claimtag/app/annotation"

// scanAll is the reference Corpus.Reanchor is checked against: Locate in
// the anchor's own document, then, as scope allows, an exact and a Bitap
// search of every other document whole, the best score winning. It is
// what both callers did before the candidate passages (candidates.go):
// always right, and minutes long for many quotes found nowhere on a large
// corpus.
func scanAll(a annotation.Anchor, c *Corpus, scope Scope) Result {
	orphan := Result{Status: Orphan, Doc: a.Doc, Start: a.Start, End: a.End, Exact: a.Exact}
	quote := []rune(a.Exact)
	if len(quote) == 0 || c == nil {
		return orphan
	}
	if text, ok := c.text(a.Doc); ok {
		if r, ok := Locate(a, a.Doc, text); ok {
			return r
		}
		if scope == OwnDocument {
			return orphan
		}
	}
	best := orphan
	for _, d := range c.docs {
		if d.ID == a.Doc {
			continue
		}
		// The position hint means nothing in another document: search all of it.
		if r, ok := search(a, quote, d.ID, d.Text, -1); ok && (best.Status == Orphan || r.Score > best.Score) {
			r.Status = OtherDocument
			best = r
		}
	}
	return best
}
