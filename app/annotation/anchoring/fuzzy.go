package anchoring

import (
	"math"
	"slices"
	"unicode/utf8"

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
// Spans whose length alone rules out beating the best so far are skipped.
//
// Moving the ends changes the edit distance to quote by 2*endSlack at
// most: a rough span too far from the quote for any move to reach
// MinQuoteSimilarity, which search requires, is refused at once rather
// than after 2*(2*endSlack+1) edit distances (most rough spans of a quote
// that is nowhere).
func refine(text, quote []rune, start, end int) (int, int, bool) {
	if e := min(end, len(text)); start >= 0 && start < e { // the end may lie past the text; no move goes there
		if d := distance(text[start:e], quote); float64(d-2*endSlack) > (1-MinQuoteSimilarity)*float64(max(e-start+2*endSlack, len(quote))) {
			return 0, 0, false
		}
	}
	return moveEnds(text, quote, start, end)
}

// moveEnds is refine without its first test.
func moveEnds(text, quote []rune, start, end int) (int, int, bool) {
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
			if s < 0 || e > len(text) || s >= e || maxSimilarity(e-s, len(quote)) <= bestSim {
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

// matchDistance is go-diff's MatchDistance near a position hint: a match
// that many code points away from it scores as badly as a total mismatch.
const matchDistance = 1000

// bitap runs go-diff's MatchMain on code points. go-diff matches bytes, so
// both strings are re-encoded one byte per code point: each distinct code
// point of the pattern gets its own byte and every other code point of the
// text becomes byte 0, which never matches. The returned offset is
// therefore a code point offset (or -1).
//
// With a hint, only the text within matchDistance of it (plus the pattern)
// is encoded and searched: Bitap gives up on anything farther, whose score
// is above its threshold (at most 1), so the result is the same and the
// cost no longer grows with the document.
func bitap(text, pattern []rune, hint int) int {
	if len(pattern) == 0 || len(pattern) > maxBits {
		return -1
	}
	if hint >= 0 {
		hint = min(hint, len(text))
		lo := max(0, hint-matchDistance-2*maxBits)
		hi := min(len(text), hint+matchDistance+2*maxBits)
		if lo > 0 || hi < len(text) {
			if i := bitapAll(text[lo:hi], pattern, hint-lo); i >= 0 {
				return lo + i
			}
			return -1
		}
	}
	return bitapAll(text, pattern, hint)
}

// bitapAll is bitap over the whole text.
func bitapAll(text, pattern []rune, hint int) int {
	distance := matchDistance
	if hint < 0 {
		hint = 0
		distance = 100 * max(1000, len(text)) // position barely matters
	}
	return matchMain(text, pattern, min(hint, len(text)), distance)
}

// matchMain is go-diff's MatchMain (diffmatchpatch/match.go) with its
// default MatchThreshold, on code points rather than bytes. A port rather
// than a call: go-diff looks up each byte of the text in a map, which made
// re-anchoring in the browser too slow (issue 4); the results are the
// same (TestBitap).
func matchMain(text, pattern []rune, loc, distance int) int {
	loc = max(0, min(loc, len(text)))
	switch {
	case slices.Equal(text, pattern):
		return 0
	case len(text) == 0:
		return -1
	case loc+len(pattern) <= len(text) && slices.Equal(text[loc:loc+len(pattern)], pattern):
		return loc
	}
	return matchBitap(text, pattern, loc, distance)
}

// matchThreshold is go-diff's default MatchThreshold.
const matchThreshold = 0.5

// matchBitap is go-diff's MatchBitap on code points.
func matchBitap(text, pattern []rune, loc, distance int) int {
	var ascii [utf8.RuneSelf]int // the alphabet: ASCII in an array, the rest in a map
	other := map[rune]int{}
	for i, r := range pattern {
		bit := 1 << uint(len(pattern)-i-1)
		if r >= 0 && r < utf8.RuneSelf {
			ascii[r] |= bit
		} else {
			other[r] |= bit
		}
	}
	charMatch := func(r rune) int {
		if r >= 0 && r < utf8.RuneSelf {
			return ascii[r]
		}
		return other[r]
	}
	score := func(e, x int) float64 {
		accuracy := float64(e) / float64(len(pattern))
		proximity := math.Abs(float64(loc - x))
		if distance == 0 {
			if proximity == 0 {
				return accuracy
			}
			return 1.0
		}
		return accuracy + proximity/float64(distance)
	}

	scoreThreshold := matchThreshold
	// Is there a nearby exact match? (speedup)
	if bestLoc := runesIndexFrom(text, pattern, loc); bestLoc != -1 {
		scoreThreshold = math.Min(score(0, bestLoc), scoreThreshold)
		if bestLoc = runesLastIndexUpTo(text, pattern, loc+len(pattern)); bestLoc != -1 {
			scoreThreshold = math.Min(score(0, bestLoc), scoreThreshold)
		}
	}

	matchmask := 1 << uint(len(pattern)-1)
	bestLoc := -1
	var binMin, binMid int
	binMax := len(pattern) + len(text)
	var lastRd []int
	for d := 0; d < len(pattern); d++ {
		// How far from loc can this error level stray?
		binMin, binMid = 0, binMax
		for binMin < binMid {
			if score(d, loc+binMid) <= scoreThreshold {
				binMin = binMid
			} else {
				binMax = binMid
			}
			binMid = (binMax-binMin)/2 + binMin
		}
		binMax = binMid
		start := max(1, loc-binMid+1)
		finish := min(loc+binMid, len(text)) + len(pattern)

		rd := make([]int, finish+2)
		rd[finish+1] = (1 << uint(d)) - 1
		for j := finish; j >= start; j-- {
			m := 0
			if j-1 < len(text) {
				m = charMatch(text[j-1])
			}
			if d == 0 {
				rd[j] = ((rd[j+1] << 1) | 1) & m
			} else {
				rd[j] = ((rd[j+1]<<1)|1)&m | (((lastRd[j+1] | lastRd[j]) << 1) | 1) | lastRd[j+1]
			}
			if rd[j]&matchmask != 0 {
				if sc := score(d, j-1); sc <= scoreThreshold {
					scoreThreshold = sc
					bestLoc = j - 1
					if bestLoc > loc {
						start = max(1, 2*loc-bestLoc)
					} else {
						break
					}
				}
			}
		}
		if score(d+1, loc) > scoreThreshold {
			break
		}
		lastRd = rd
	}
	return bestLoc
}

// runesIndexFrom is go-diff's indexOf on code points: the first pattern
// in text at or after i.
func runesIndexFrom(text, pattern []rune, i int) int {
	if i > len(text)-1 {
		return -1
	}
	i = max(i, 0)
	for k := i; k+len(pattern) <= len(text); k++ {
		if text[k] == pattern[0] && slices.Equal(text[k:k+len(pattern)], pattern) {
			return k
		}
	}
	return -1
}

// runesLastIndexUpTo is go-diff's lastIndexOf on code points: the last
// pattern in text ending at or before i+1.
func runesLastIndexUpTo(text, pattern []rune, i int) int {
	if i < 0 {
		return -1
	}
	end := min(len(text), i+1)
	for k := end - len(pattern); k >= 0; k-- {
		if text[k] == pattern[0] && slices.Equal(text[k:k+len(pattern)], pattern) {
			return k
		}
	}
	return -1
}

// maxSimilarity bounds the similarity of texts of m and n code points: the
// distance is at least the difference of lengths. It is computed the same
// way as similarity, so that similarity(a, b) <= maxSimilarity(len(a), len(b)).
func maxSimilarity(m, n int) float64 {
	if m == 0 && n == 0 {
		return 1
	}
	return 1 - float64(abs(m-n))/float64(max(m, n))
}

// similarity is 1 - Levenshtein distance / longer length, on code points.
func similarity(a, b []rune) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	return 1 - float64(distance(a, b))/float64(max(len(a), len(b)))
}

// distance is the Levenshtein distance of a and b, in code points.
func distance(a, b []rune) int {
	dmp := diffmatchpatch.New()
	return dmp.DiffLevenshtein(dmp.DiffMainRunes(a, b, false))
}
