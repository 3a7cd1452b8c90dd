package anchoring

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
)

// Looking for a quote across the corpus (an annotation whose document is
// unknown, or no longer holds it) used to scan every document with an
// exact and a Bitap search: 2,000 quotes that are nowhere took minutes on
// a large corpus. The corpus now keeps an inverted index of its words by
// passage, and a quote is only searched in the passages holding its
// rarest words: first exactly, in every passage holding all of them,
// then fuzzily in the few passages that hold the most of them.
//
// The index is ours rather than the search index's (package index): it
// must tokenize a quote exactly as it tokenizes the text, without
// stemming or stop words, and a Corpus is built from the documents' text
// alone, natively and in the browser.

// Limits of the candidate search.
const (
	// maxPostings is roughly how many passage entries the rarer words of a
	// quote may visit; the rarest present word is always visited.
	maxPostings = 1 << 13
	// maxExactWindows is how many passages holding every visited word are
	// searched for the exact quote.
	maxExactWindows = 256
	// maxFuzzyWindows is how many of the best passages are searched
	// fuzzily when no exact occurrence is found.
	maxFuzzyWindows = 3
)

// termIndex is the corpus's words, by passage.
type termIndex struct {
	passages []passageRef       // every passage of every document, in corpus order
	postings map[string][]int32 // word -> passages holding it, ascending
	scratch  sync.Pool          // *scoreScratch
}

// passageRef is a passage of the index: code points [start, end) of
// document doc (an index into Corpus.docs).
type passageRef struct {
	doc, start, end int32
}

// scoreScratch is the per-lookup state, reused across lookups: which of
// the visited words each passage holds (bit i: the i-th rarest), and the
// passages touched.
type scoreScratch struct {
	words   []uint64
	touched []int32
}

// terms returns the corpus's word index, built on first use.
func (c *Corpus) terms() *termIndex {
	c.termsOnce.Do(func() { c.termIx = buildTerms(c) })
	return c.termIx
}

// buildTerms indexes every passage of c (a document without passages is
// one passage).
func buildTerms(c *Corpus) *termIndex {
	ix := &termIndex{postings: map[string][]int32{}}
	var buf []byte
	for di, d := range c.docs {
		text := d.Text
		for _, p := range d.passages() {
			start, end := max(0, min(p.Start, len(text))), max(0, min(p.End, len(text)))
			if start >= end {
				continue
			}
			pi := int32(len(ix.passages))
			ix.passages = append(ix.passages, passageRef{doc: int32(di), start: int32(start), end: int32(end)})
			eachWord(text[start:end], &buf, func(w []byte, _, _ int) {
				post, ok := ix.postings[string(w)]
				if ok && post[len(post)-1] == pi {
					return
				}
				if !ok {
					ix.postings[string(w)] = []int32{pi}
					return
				}
				ix.postings[string(w)] = append(post, pi)
			})
		}
	}
	n := len(ix.passages)
	ix.scratch.New = func() any { return &scoreScratch{words: make([]uint64, n)} }
	return ix
}

// wordRune reports whether r is part of a word.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ideograph reports whether r is a word by itself: scripts written without
// spaces.
func ideograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r)
}

// eachWord calls f with each word of text, lower-cased into *buf, and its
// code point span: runs of letters and digits, each ideograph on its own.
func eachWord(text []rune, buf *[]byte, f func(w []byte, start, end int)) {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			b := (*buf)[:0]
			for _, r := range text[start:end] {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
			*buf = b
			f(b, start, end)
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case ideograph(r):
			flush(i)
			start = i
			flush(i + 1)
		case wordRune(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
}

// quoteWords returns the distinct words of a's quote, leaving out a word
// at either end that may be cut (the quote starts or ends inside a word:
// its prefix ends, or its suffix starts, with a letter or digit).
func quoteWords(a annotation.Anchor) []string {
	quote := []rune(a.Exact)
	prefix, suffix := []rune(a.Prefix), []rune(a.Suffix)
	cutStart := len(prefix) > 0 && wordRune(prefix[len(prefix)-1])
	cutEnd := len(suffix) > 0 && wordRune(suffix[0])
	var out []string
	var buf []byte
	eachWord(quote, &buf, func(w []byte, start, end int) {
		if start == 0 && cutStart && !ideograph(quote[0]) || end == len(quote) && cutEnd && !ideograph(quote[end-1]) {
			return
		}
		if !slices.Contains(out, string(w)) {
			out = append(out, string(w))
		}
	})
	return out
}

// window is a span of a document to search for a quote.
type window struct {
	doc        int // index into Corpus.docs
	start, end int
}

// maxWords is how many of a quote's words are visited at most.
const maxWords = 64

// candidates returns where to look for a's quote: windows around the
// passages holding every visited word (to search exactly, up to
// maxExactWindows) and around the passages whose words weigh the most (to
// search fuzzily, up to maxFuzzyWindows), each in corpus order. Words are
// visited from the rarest, up to maxWords and while their passages stay
// under maxPostings. Each word weighs its inverse document frequency (a
// word found nowhere weighs as one found in a single passage); a passage
// is searched fuzzily only when the words it holds weigh half of the
// quote's words found nowhere and visited, so that a quote whose rare
// words are nowhere is not searched among its common ones. A quote may run over a passage's end, so a
// passage and the next one of its document also count together.
func (c *Corpus) candidates(a annotation.Anchor) (exact, fuzzy []window) {
	words := quoteWords(a)
	if len(words) == 0 {
		return nil, nil
	}
	ix := c.terms()
	n := float64(len(ix.passages))
	idf := func(df int) float64 { return math.Log(1 + n/float64(df)) }
	var lists [][]int32
	weight := 0.0 // of the words nowhere, then of the visited ones
	for _, w := range words {
		if post := ix.postings[w]; len(post) > 0 {
			lists = append(lists, post)
		} else {
			weight += idf(1)
		}
	}
	if len(lists) == 0 {
		return nil, nil
	}
	slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	s := ix.scratch.Get().(*scoreScratch)
	defer func() {
		for _, p := range s.touched {
			s.words[p] = 0
		}
		s.touched = s.touched[:0]
		ix.scratch.Put(s)
	}()
	var weights []float64 // of each visited word
	visited := 0
	for i, post := range lists {
		if i == maxWords || i > 0 && visited+len(post) > maxPostings {
			break
		}
		visited += len(post)
		weights = append(weights, idf(len(post)))
		weight += weights[i]
		for _, p := range post {
			if s.words[p] == 0 {
				s.touched = append(s.touched, p)
			}
			s.words[p] |= 1 << i
		}
	}
	all := uint64(1)<<len(weights) - 1
	weigh := func(set uint64) float64 {
		w := 0.0
		for i, x := range weights {
			if set&(1<<i) != 0 {
				w += x
			}
		}
		return w
	}
	var whole []int32
	var best [maxFuzzyWindows]struct {
		p, q  int32 // q >= 0: with the next passage
		score float64
	}
	nBest := 0
	offer := func(p, q int32, score float64) {
		i := nBest
		for i > 0 && (score > best[i-1].score || score == best[i-1].score && p < best[i-1].p) {
			i--
		}
		if i == len(best) {
			return
		}
		nBest = min(nBest+1, len(best))
		copy(best[i+1:nBest], best[i:nBest-1])
		best[i].p, best[i].q, best[i].score = p, q, score
	}
	for _, p := range s.touched {
		set, q := s.words[p], int32(-1)
		if next := p + 1; int(next) < len(ix.passages) && ix.passages[next].doc == ix.passages[p].doc && s.words[next] != 0 {
			q = next
		}
		switch {
		case set == all:
			whole = append(whole, p)
		case q >= 0 && set|s.words[q] == all:
			whole = append(whole, p, q)
		}
		if w := weigh(set); 2*w >= weight {
			offer(p, -1, w)
		} else if q >= 0 {
			if w := weigh(set | s.words[q]); 2*w >= weight {
				offer(p, q, w)
			}
		}
	}
	slices.Sort(whole)
	whole = slices.Compact(whole)
	whole = whole[:min(len(whole), maxExactWindows)]
	var near []int32
	for _, b := range best[:nBest] {
		near = append(near, b.p)
		if b.q >= 0 {
			near = append(near, b.q)
		}
	}
	slices.Sort(near)
	near = slices.Compact(near)
	margin := utf8.RuneCountInString(a.Exact) + annotation.ContextLen
	return ix.windows(whole, margin, c), ix.windows(near, margin, c)
}

// windows returns the passages ps (ascending) widened by margin code
// points on each side, merged where they overlap.
func (ix *termIndex) windows(ps []int32, margin int, c *Corpus) []window {
	var out []window
	for _, p := range ps {
		ref := ix.passages[p]
		doc := int(ref.doc)
		w := window{doc: doc, start: max(0, int(ref.start)-margin), end: min(len(c.docs[doc].Text), int(ref.end)+margin)}
		if k := len(out) - 1; k >= 0 && out[k].doc == w.doc && w.start <= out[k].end {
			out[k].end = max(out[k].end, w.end)
			continue
		}
		out = append(out, w)
	}
	return out
}
