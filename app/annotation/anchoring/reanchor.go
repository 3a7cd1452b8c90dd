package anchoring

import (
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
)

// Status says how Reanchor found an anchor in the current documents.
type Status string

// Re-anchoring outcomes, from most to least certain.
const (
	// Exact: the text at the old position is still the quote.
	Exact Status = "exact"
	// Moved: the exact quote was found elsewhere in the same document.
	Moved Status = "moved"
	// Fuzzy: an approximate match of the quote was found in the same document.
	Fuzzy Status = "fuzzy"
	// OtherDocument: the quote was found in another document, because the
	// anchor's document is unknown or no longer holds it.
	OtherDocument Status = "other-document"
	// Orphan: nothing scored above the thresholds; the anchor is unchanged.
	Orphan Status = "orphan"
)

// Placed reports whether s puts the annotation on the current text.
func (s Status) Placed() bool { return s != Orphan && s != "" }

// Thresholds of the fuzzy match. A candidate span is kept only if its text
// is at least MinQuoteSimilarity similar to the quote and its Score is at
// least MinScore.
const (
	MinQuoteSimilarity = 0.75
	MinScore           = 0.6
)

// Result is where an anchor now is. For an Orphan, Doc, Start, End and
// Exact are the old values.
type Result struct {
	Status Status
	Doc    string
	Start  int
	End    int
	Exact  string
	// Score in [0, 1]: half the similarity of the found text to the quote,
	// half the similarity of its surroundings to the old prefix and suffix.
	Score float64
}

// Scope says where Reanchor looks beyond the anchor's own document.
type Scope int

const (
	// Everywhere searches the other documents, and the rest of the
	// anchor's own, whenever Locate does not find the quote near its old
	// position: for files made on corpora this one may not resemble (the
	// review's imports).
	Everywhere Scope = iota
	// OwnDocument searches the other documents only when the anchor's own
	// document is gone: a claim deleted from its document stays an orphan
	// rather than landing on similar words of another one (the user's own
	// annotations).
	OwnDocument
)

// Locate finds anchor a in one document, doc, whose text is text: Exact,
// Moved or Fuzzy, using a's offsets as the position hint. ok is false when
// the document does not hold the quote.
func Locate(a annotation.Anchor, doc string, text []rune) (Result, bool) {
	quote := []rune(a.Exact)
	if len(quote) == 0 {
		return Result{}, false
	}
	if a.Start >= 0 && a.End <= len(text) && a.Start < a.End && slices.Equal(text[a.Start:a.End], quote) {
		return result(Exact, doc, text, a.Start, a.End, 1, a), true
	}
	return search(a, quote, doc, text, a.Start)
}

// search looks for the quote in one document, exactly then fuzzily.
// hint < 0 means no position hint.
func search(a annotation.Anchor, quote []rune, doc string, text []rune, hint int) (Result, bool) {
	n := len(quote)
	bestStart, bestCtx := -1, -1.0
	for i := 0; i+n <= len(text); i++ {
		if text[i] != quote[0] || !slices.Equal(text[i:i+n], quote) {
			continue
		}
		ctx := contextSim(a, text, i, i+n)
		if ctx > bestCtx || (ctx == bestCtx && hint >= 0 && abs(i-hint) < abs(bestStart-hint)) {
			bestStart, bestCtx = i, ctx
		}
	}
	if bestStart >= 0 {
		return result(Moved, doc, text, bestStart, bestStart+n, 1, a), true
	}
	start, end, ok := fuzzyFind(text, quote, hint)
	if !ok {
		return Result{}, false
	}
	qs := similarity(text[start:end], quote)
	if qs < MinQuoteSimilarity {
		return Result{}, false
	}
	r := result(Fuzzy, doc, text, start, end, qs, a)
	return r, r.Score >= MinScore
}

func result(s Status, doc string, text []rune, start, end int, quoteSim float64, a annotation.Anchor) Result {
	score := 1.0
	if s != Exact {
		score = (quoteSim + contextSim(a, text, start, end)) / 2
	}
	return Result{Status: s, Doc: doc, Start: start, End: end, Exact: string(text[start:end]), Score: score}
}

// contextSim compares the old prefix and suffix with the text around [start, end).
func contextSim(a annotation.Anchor, text []rune, start, end int) float64 {
	pre, suf := []rune(a.Prefix), []rune(a.Suffix)
	gotPre := text[max(0, start-len(pre)):start]
	gotSuf := text[end:min(len(text), end+len(suf))]
	return (similarity(gotPre, pre) + similarity(gotSuf, suf)) / 2
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
