package reader

import (
	"fmt"
	"slices"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
)

// cleanMatches returns the matches sorted by start, without empty spans,
// spans outside a text of n code points, and spans overlapping an earlier
// one: the reader marks each code point once.
func cleanMatches(ms []index.Span, n int) []index.Span {
	ms = slices.Clone(ms)
	slices.SortStableFunc(ms, func(a, b index.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End // the longer first: a phrase over its words
	})
	out := ms[:0]
	at := 0
	for _, m := range ms {
		if m.Start < at || m.Start >= m.End || m.Start < 0 || m.End > n {
			continue
		}
		out = append(out, m)
		at = m.End
	}
	return out
}

// firstMatch returns the match to show first when the document opens at
// offset at (the start of the passage the search hit): the first match
// that ends after it, else the first. It returns -1 when there is none.
func firstMatch(ms []index.Span, at int) int {
	if len(ms) == 0 {
		return -1
	}
	for i, m := range ms {
		if m.End > at {
			return i
		}
	}
	return 0
}

// stepMatch returns the match delta steps from i among n, going round
// from the last to the first and back, as a browser's find does; -1 when
// there is none. From -1 (none shown yet) the first step forward is the
// first match and back the last.
func stepMatch(i, n, delta int) int {
	if n == 0 {
		return -1
	}
	if i < 0 {
		if delta > 0 {
			return 0
		}
		return n - 1
	}
	return ((i+delta)%n + n) % n
}

// matchLabel says where the reader is among the matches of q: "match 3
// of 12", "1 match" before one is shown, or "no match" in this document.
func matchLabel(q string, i, n int) string {
	switch {
	case n == 0:
		return fmt.Sprintf("No match for “%s” in this document", q)
	case i < 0:
		return chrome.Count(n, "match", "matches") + " for “" + q + "”"
	}
	return fmt.Sprintf("Match %d of %d for “%s”", i+1, n, q)
}
