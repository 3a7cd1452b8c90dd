package review

import (
	"slices"

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

// Reanchor finds the anchor in docs: with anchoring.Locate, the exact
// quote at its old position, then elsewhere in its document, then a fuzzy
// match near the old position; then the quote anywhere else, in the
// passages holding its rarest words (Corpus.candidates): exactly, the
// occurrence whose context matches best, else fuzzily. A match in another
// document is OtherDocument; a fuzzy match far from the old position in
// the anchor's own document is Fuzzy.
func Reanchor(a annotation.Anchor, docs *Corpus) Result {
	orphan := Result{Status: Orphan, Doc: a.Doc, Start: a.Start, End: a.End, Exact: a.Exact}
	if docs == nil || a.Exact == "" {
		return orphan
	}
	if text, ok := docs.runes[a.Doc]; ok {
		if r, ok := anchoring.Locate(a, a.Doc, text); ok {
			return r
		}
	}
	exact, fuzzy := docs.candidates(a)
	quote := []rune(a.Exact)
	var holding []window
	for _, w := range exact {
		if containsRunes(docs.runes[docs.docs[w.doc].ID][w.start:w.end], quote) {
			holding = append(holding, w)
		}
	}
	if len(holding) == 0 {
		holding = fuzzy
	}
	best := orphan
	far := a
	far.Start, far.End = -1, -1 // the old position means nothing in a window
	for _, w := range holding {
		id := docs.docs[w.doc].ID
		r, ok := anchoring.Locate(far, id, docs.runes[id][w.start:w.end])
		if !ok || best.Status != Orphan && r.Score <= best.Score {
			continue
		}
		r.Start, r.End = r.Start+w.start, r.End+w.start
		if id != a.Doc {
			r.Status = OtherDocument
		}
		best = r
	}
	return best
}

// containsRunes reports whether quote occurs in text.
func containsRunes(text, quote []rune) bool {
	for i := 0; i+len(quote) <= len(text); i++ {
		if text[i] == quote[0] && slices.Equal(text[i:i+len(quote)], quote) {
			return true
		}
	}
	return false
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
