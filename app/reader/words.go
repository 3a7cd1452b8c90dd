package reader

import (
	"unicode"

	"github.com/claimtag/claimtag/app/workspace"
)

// word is one word of a passage, in code points of the document text.
type word struct{ Start, End int }

// passageWords returns the words of passage p: runs of text between
// spaces, without the punctuation that ends a sentence or opens a quote
// ("20%." is the word "20%", "(RMB2.7bn)" is "RMB2.7bn"), and each Han or
// Hiragana character on its own, since those scripts have no spaces.
//
// This is not UAX #29 word segmentation (blevesearch/segment, already in
// the binary, does that): UAX #29 cuts "20%" from its sign and "U.S." into
// letters, and a span a user tags by keyboard should hold the figure with
// its sign, as selecting it with the mouse between spaces would.
func passageWords(p workspace.Passage) []word {
	rs := []rune(p.Text)
	var out []word
	add := func(a, b int) {
		for a < b && trimmed(rs[a]) {
			a++
		}
		for b > a && trimmed(rs[b-1]) {
			b--
		}
		if a < b {
			out = append(out, word{p.Start + a, p.Start + b})
		}
	}
	start := -1
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r):
			if start >= 0 {
				add(start, i)
				start = -1
			}
		case unicode.In(r, unicode.Han, unicode.Hiragana):
			if start >= 0 {
				add(start, i)
				start = -1
			}
			add(i, i+1)
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		add(start, len(rs))
	}
	return out
}

// trimmed reports whether r is left out at either end of a word: all
// punctuation but the signs that belong to a figure or a name.
func trimmed(r rune) bool {
	switch r {
	case '%', '‰', '#', '&', '@', '*', '/', '\\':
		return false
	}
	return unicode.IsPunct(r)
}

// pick is the keyboard's selection: words Anchor to Focus (either may be
// first, both included) of passage P, an index into the document's
// passages. l and h move both ends, L and H move the focus only, as
// Shift+arrows do in an editor.
type pick struct {
	P, Anchor, Focus int
}

// words holds the words of a document's passages, split when first asked.
type words struct {
	passages []workspace.Passage
	cache    map[int][]word
}

func newWords(ps []workspace.Passage) *words {
	return &words{passages: ps, cache: map[int][]word{}}
}

// of returns the words of passage i.
func (w *words) of(i int) []word {
	if i < 0 || i >= len(w.passages) {
		return nil
	}
	ws, ok := w.cache[i]
	if !ok {
		ws = passageWords(w.passages[i])
		w.cache[i] = ws
	}
	return ws
}

// span returns the text the pick selects.
func (w *words) span(k pick) span {
	ws := w.of(k.P)
	lo, hi := min(k.Anchor, k.Focus), max(k.Anchor, k.Focus)
	if lo < 0 || hi >= len(ws) {
		return span{}
	}
	return span{Start: ws[lo].Start, End: ws[hi].End}
}

// at returns a one-word pick at the first word (last: the last word) that
// overlaps [start, end) of the document text; ok is false if none does.
func (w *words) at(start, end int, last bool) (pick, bool) {
	found, k := false, pick{}
	for i, p := range w.passages {
		if p.End <= start || p.Start >= end {
			continue
		}
		for j, x := range w.of(i) {
			if x.End <= start || x.Start >= end {
				continue
			}
			if !found || last {
				found, k = true, pick{P: i, Anchor: j, Focus: j}
			}
			if !last {
				return k, true
			}
		}
	}
	return k, found
}

// cover returns the pick of every word overlapping [start, end) in the
// passage holding start (a match, to extend from).
func (w *words) cover(start, end int) (pick, bool) {
	first, ok := w.at(start, end, false)
	if !ok {
		return pick{}, false
	}
	ws := w.of(first.P)
	for j := first.Anchor + 1; j < len(ws) && ws[j].Start < end; j++ {
		first.Focus = j
	}
	return first, true
}

// move returns the pick after a word key: by delta words, moving both
// ends onto one word (l, h), or the focus only (extend: L, H). A move
// goes on into the next or previous passage that has words; extending
// stays within the passage. ok is false when there is nowhere to go.
func (w *words) move(k pick, delta int, extend bool) (pick, bool) {
	ws := w.of(k.P)
	f := k.Focus + delta
	if f >= 0 && f < len(ws) {
		if extend {
			return pick{P: k.P, Anchor: k.Anchor, Focus: f}, true
		}
		return pick{P: k.P, Anchor: f, Focus: f}, true
	}
	if extend {
		return k, false
	}
	for p := k.P + delta; p >= 0 && p < len(w.passages); p += delta {
		if n := len(w.of(p)); n > 0 {
			j := 0
			if delta < 0 {
				j = n - 1
			}
			return pick{P: p, Anchor: j, Focus: j}, true
		}
	}
	return k, false
}
