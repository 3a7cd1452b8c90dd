package search

import (
	"slices"
	"strings"
	"unicode"

	"github.com/claimtag/claimtag/index"
)

// Excerpts: a long passage is shown in part, the way a web search shows a
// page: the text around its matches, every matched word at least once,
// joined by "…", so that each result says at a glance why it matched; the
// reader shows it whole.
const (
	excerptRunes   = 320 // longest excerpt, in code points, "…" aside
	excerptContext = 60  // text kept each side of a match
	excerptSnap    = 24  // how far a cut moves to fall between words
)

// window is a part of the text kept, [start, end) in code points.
type window struct{ start, end int }

// excerpt returns at most about excerptRunes code points of text around
// its matches (code point spans, sorted), with "…" where text was left out,
// and the spans that fall inside, moved with it.
func excerpt(text string, spans []index.Span) (string, []index.Span) {
	rs := []rune(text)
	if len(rs) <= excerptRunes {
		return text, spans
	}
	var wins []window
	size := func() int {
		n := 0
		for _, w := range wins {
			n += w.end - w.start
		}
		return n
	}
	for _, s := range matchOrder(rs, spans) {
		if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
			continue
		}
		w := window{snapStart(rs, max(0, s.Start-excerptContext), s.Start), snapEnd(rs, min(len(rs), s.End+excerptContext), s.End)}
		merged := mergeWindow(wins, w)
		before := wins
		wins = merged
		if size() > excerptRunes {
			wins = before
			if len(wins) == 0 { // one match with its context is too long: keep its start
				wins = []window{{w.start, min(w.start+excerptRunes, len(rs))}}
			}
		}
	}
	if len(wins) == 0 {
		wins = []window{{0, snapEnd(rs, excerptRunes, excerptRunes-excerptSnap)}}
	}
	// Spend what is left of the budget on the text after each window.
	for i := range wins {
		next := len(rs)
		if i+1 < len(wins) {
			next = wins[i+1].start
		}
		if room := excerptRunes - size(); room > 0 {
			wins[i].end = snapEnd(rs, min(next, wins[i].end+room), wins[i].end)
		}
	}
	var b strings.Builder
	var kept []index.Span
	at := 0 // code points written
	for i, w := range wins {
		if w.start > 0 || i > 0 {
			b.WriteString("… ")
			at += 2
		}
		for _, s := range spans {
			if s.Start >= w.start && s.End <= w.end {
				kept = append(kept, index.Span{Start: s.Start - w.start + at, End: s.End - w.start + at})
			}
		}
		b.WriteString(string(rs[w.start:w.end]))
		at += w.end - w.start
		if i == len(wins)-1 && w.end < len(rs) {
			b.WriteString(" …")
		} else if i < len(wins)-1 {
			b.WriteString(" ")
			at++
		}
	}
	return b.String(), kept
}

// matchOrder lists the spans with the first of each matched word (as
// written, case aside) first, then the others, each group in text order:
// an excerpt shows every word that matched before showing one twice.
func matchOrder(rs []rune, spans []index.Span) []index.Span {
	seen := map[string]bool{}
	var first, rest []index.Span
	for _, s := range spans {
		if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
			continue
		}
		w := strings.ToLower(string(rs[s.Start:s.End]))
		if seen[w] {
			rest = append(rest, s)
			continue
		}
		seen[w] = true
		first = append(first, s)
	}
	return append(first, rest...)
}

// mergeWindow adds w to the sorted, disjoint windows ws, merging those it
// overlaps or nearly touches.
func mergeWindow(ws []window, w window) []window {
	out := append(slices.Clone(ws), w)
	slices.SortFunc(out, func(a, b window) int { return a.start - b.start })
	merged := out[:1]
	for _, x := range out[1:] {
		last := &merged[len(merged)-1]
		if x.start <= last.end+excerptSnap {
			last.end = max(last.end, x.end)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// snapStart moves a cut at i forward to the start of a word, but not past
// limit.
func snapStart(rs []rune, i, limit int) int {
	if i == 0 {
		return 0
	}
	for k := i; k < limit && k < i+excerptSnap; k++ {
		if unicode.IsSpace(rs[k-1]) && !unicode.IsSpace(rs[k]) {
			return k
		}
	}
	return i
}

// snapEnd moves a cut at i back to the end of a word, but not before limit.
func snapEnd(rs []rune, i, limit int) int {
	if i >= len(rs) {
		return len(rs)
	}
	for k := i; k > limit && k > i-excerptSnap; k-- {
		if unicode.IsSpace(rs[k]) && !unicode.IsSpace(rs[k-1]) {
			return k
		}
	}
	return i
}
