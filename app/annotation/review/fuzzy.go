package review

import (
	"github.com/sergi/go-diff/diffmatchpatch"
)

// maxBits is go-diff's Bitap pattern limit (diffmatchpatch MatchMaxBits).
const maxBits = 32

// endSlack is how far fuzzyFind moves each end of a rough match.
const endSlack = 8

// fuzzyFind approximately locates quote in text near hint (code points;
// hint < 0 means anywhere). Quotes longer than maxBits are located by
// their first and last maxBits code points.
func fuzzyFind(text, quote []rune, hint int) (start, end int, ok bool) {
	n := len(quote)
	if n == 0 || len(text) == 0 {
		return 0, 0, false
	}
	k := min(n, maxBits)
	head, tail := quote[:k], quote[n-k:]
	hs := bitap(text, head, hint)
	if n <= maxBits {
		if hs < 0 {
			return 0, 0, false
		}
		return refine(text, quote, hs, hs+n)
	}
	tailHint := -1
	if hs >= 0 {
		tailHint = hs + n - k
	} else if hint >= 0 {
		tailHint = hint + n - k
	}
	ts := bitap(text, tail, tailHint)
	switch {
	case hs >= 0 && ts >= 0 && ts+k > hs && ts+k-hs <= 2*n:
		return refine(text, quote, hs, ts+k)
	case hs >= 0:
		return refine(text, quote, hs, min(len(text), hs+n))
	case ts >= 0:
		return refine(text, quote, max(0, ts+k-n), ts+k)
	}
	return 0, 0, false
}

// refine moves the rough span [start, end) by up to endSlack code points
// at each end to the span most similar to quote, preferring small moves.
func refine(text, quote []rune, start, end int) (int, int, bool) {
	best := func(fixed int, moveEnd bool) (int, bool) {
		bestX, bestSim := -1, -1.0
		for d := 0; d <= 2*endSlack; d++ {
			off := (d + 1) / 2
			if d%2 == 1 {
				off = -off
			}
			s, e := fixed, end+off
			if !moveEnd {
				s, e = start+off, fixed
			}
			if s < 0 || e > len(text) || s >= e {
				continue
			}
			if sim := similarity(text[s:e], quote); sim > bestSim {
				bestX, bestSim = e, sim
				if !moveEnd {
					bestX = s
				}
			}
		}
		return bestX, bestX >= 0
	}
	var ok bool
	if end, ok = best(start, true); !ok {
		return 0, 0, false
	}
	if start, ok = best(end, false); !ok {
		return 0, 0, false
	}
	return start, end, true
}

// bitap runs go-diff's MatchMain on code points. go-diff matches bytes, so
// both strings are re-encoded one byte per code point: each distinct code
// point of the pattern gets its own byte and every other code point of the
// text becomes byte 0, which never matches. The returned offset is
// therefore a code point offset (or -1).
func bitap(text, pattern []rune, hint int) int {
	if len(pattern) == 0 || len(pattern) > maxBits {
		return -1
	}
	codes := make(map[rune]byte, len(pattern))
	p := make([]byte, len(pattern))
	for i, r := range pattern {
		c, ok := codes[r]
		if !ok {
			c = byte(len(codes) + 1)
			codes[r] = c
		}
		p[i] = c
	}
	t := make([]byte, len(text))
	for i, r := range text {
		t[i] = codes[r]
	}
	dmp := diffmatchpatch.New()
	dmp.MatchDistance = 1000
	if hint < 0 {
		hint = 0
		dmp.MatchDistance = 100 * max(1000, len(text)) // position barely matters
	}
	return dmp.MatchMain(string(t), string(p), min(hint, len(text)))
}

// similarity is 1 - Levenshtein distance / longer length, on code points.
func similarity(a, b []rune) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	dmp := diffmatchpatch.New()
	d := dmp.DiffLevenshtein(dmp.DiffMainRunes(a, b, false))
	return 1 - float64(d)/float64(max(len(a), len(b)))
}
