package anchoring

import (
	"slices"
	"sync"

	"github.com/claimtag/claimtag/app/annotation"
)

// Corpus is the documents an anchor is looked for in: each one's text and
// passages, and, built on first use, an index of their words by passage
// (candidates.go), so that a quote is searched beyond its own document
// only in the passages holding its rarest words. A Corpus is safe for
// concurrent use; its documents must not change.
type Corpus struct {
	docs  []Doc
	index map[string]int

	termsOnce sync.Once
	termIx    *termIndex
}

// Doc is one document of a Corpus.
type Doc struct {
	ID string
	// Text is the document's normalized text, in code points.
	Text []rune
	// Passages are the document's passages, in order; none means that the
	// whole text is one passage.
	Passages []Span
}

// Span is a range [Start, End) of code points.
type Span struct{ Start, End int }

// passages returns d's passages, or its whole text as one.
func (d Doc) passages() []Span {
	if len(d.Passages) == 0 {
		return []Span{{0, len(d.Text)}}
	}
	return d.Passages
}

// NewCorpus returns a corpus of docs, in that order. A later document with
// the same id replaces an earlier one.
func NewCorpus(docs []Doc) *Corpus {
	c := &Corpus{index: make(map[string]int, len(docs))}
	for _, d := range docs {
		if i, ok := c.index[d.ID]; ok {
			c.docs[i] = d
			continue
		}
		c.index[d.ID] = len(c.docs)
		c.docs = append(c.docs, d)
	}
	return c
}

// text returns document id's text; ok is false when there is no such
// document.
func (c *Corpus) text(id string) (text []rune, ok bool) {
	i, ok := c.index[id]
	if !ok {
		return nil, false
	}
	return c.docs[i].Text, true
}

// Reanchor finds anchor a in c, in the order the package comment gives:
// with Locate, the exact quote at its old position, then elsewhere in its
// document, then a fuzzy match near the old position; then, as scope
// allows, anywhere else, in the passages holding the quote's rarest words
// (Corpus.candidates): exactly, the occurrence whose context matches
// best, else fuzzily. A match in another document is OtherDocument; a
// fuzzy match far from the old position in the anchor's own document is
// Fuzzy. What is not found is an Orphan with a's old span. A nil c finds
// nothing.
func (c *Corpus) Reanchor(a annotation.Anchor, scope Scope) Result {
	orphan := Result{Status: Orphan, Doc: a.Doc, Start: a.Start, End: a.End, Exact: a.Exact}
	if c == nil || a.Exact == "" {
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
	exact, fuzzy := c.candidates(a)
	quote := []rune(a.Exact)
	var holding []window
	for _, w := range exact {
		if containsRunes(c.docs[w.doc].Text[w.start:w.end], quote) {
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
		d := c.docs[w.doc]
		r, ok := Locate(far, d.ID, d.Text[w.start:w.end])
		if !ok || best.Status != Orphan && r.Score <= best.Score {
			continue
		}
		r.Start, r.End = r.Start+w.start, r.End+w.start
		if d.ID != a.Doc {
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
