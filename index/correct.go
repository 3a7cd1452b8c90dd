package index

import (
	"sort"
	"unicode/utf8"
)

// Typo correction, prefix* and fuzzy~ words draw on the corpus's own
// vocabulary: the dictionary of FieldSurface, every word as written
// (lower-cased, not stemmed) with the number of passages that hold it. A
// query touches it only for a word that has no exact match, and then only
// the words that start with the typed word's first or second letter: a typo
// in the first letter is rare, and a swap of the first two letters or a
// doubled first letter is still found.

// maxExpansions caps the terms one prefix* or fuzzy~ word stands for; the
// most frequent are kept.
const maxExpansions = 128

// editBudget is how many edits a typed word of n code points may be
// corrected by: none up to 2, one up to 5, two beyond.
func editBudget(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// candidate is a vocabulary word near a typed one.
type candidate struct {
	word  string
	dist  int
	count uint64
}

// vocabulary calls visit with each surface word starting with prefix and its
// passage count, in order, counting each as a unit of work.
func (ix *Index) vocabulary(prefix string, w *work, visit func(word string, count uint64) bool) error {
	d := ix.dictPrefix(FieldSurface, prefix)
	for {
		t, count, ok, err := d.next()
		if err != nil || !ok {
			return err
		}
		if err := w.add(1); err != nil {
			return err
		}
		if !visit(t, count) {
			return nil
		}
	}
}

// near lists the vocabulary words within maxd edits (optimal string
// alignment: insertions, deletions, substitutions and swaps of neighbours,
// counted on code points) of word, nearest first, then most frequent.
func (ix *Index) near(word string, maxd int, w *work) ([]candidate, error) {
	rs := []rune(word)
	if len(rs) == 0 || maxd <= 0 {
		return nil, nil
	}
	firsts := nearPrefixes(word)
	if err := ix.prefetchDict(FieldSurface, firsts); err != nil {
		return nil, err
	}
	var out []candidate
	for _, f := range firsts {
		err := ix.vocabulary(f, w, func(t string, c uint64) bool {
			if t == word {
				return true
			}
			n := utf8.RuneCountInString(t)
			if n-len(rs) > maxd || len(rs)-n > maxd {
				return true
			}
			if d := osaDistance(rs, []rune(t), maxd); d <= maxd {
				out = append(out, candidate{t, d, c})
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.count != b.count {
			return a.count > b.count
		}
		return a.word < b.word
	})
	return out, nil
}

// nearPrefixes returns the prefixes of the vocabulary near reads for word:
// its first letter, and its second if it differs (a word within a few
// edits of it keeps one of them in front, or the two swapped).
func nearPrefixes(word string) []string {
	rs := []rune(word)
	if len(rs) == 0 {
		return nil
	}
	out := []string{string(rs[0])}
	if len(rs) > 1 && rs[1] != rs[0] {
		out = append(out, string(rs[1]))
	}
	return out
}

// minCompletion is the shortest word correction completes (see
// completions).
const minCompletion = 3

// completions lists the vocabulary words that start with word, the most
// frequent first: a word being typed ("subproc") is the start of the word
// meant, and is far in edits from it (three from "subprocess", two from
// "sumprod"), so correction offers them before the words a few edits away,
// as search boxes that match the last word as a prefix do. Words shorter
// than minCompletion are not completed.
func (ix *Index) completions(word string, w *work) ([]candidate, error) {
	if utf8.RuneCountInString(word) < minCompletion {
		return nil, nil
	}
	var out []candidate
	err := ix.vocabulary(word, w, func(t string, c uint64) bool {
		if t != word {
			out = append(out, candidate{t, 0, c})
		}
		return true
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].count > out[j].count })
	return out, err
}

// correction returns the vocabulary word to search instead of word, which
// has no match, or "" when none is close enough: the most frequent word
// word begins (completions), else the nearest within its edit budget, the
// most frequent first. The candidate must itself find passages. The words
// a few edits away are only looked for when no completion finds any: that
// reads every word starting with word's first or second letter, where the
// completions are a short range of them.
func (ix *Index) correction(word string, w *work) (string, error) {
	// The vocabulary near reads (the words starting with word's first or
	// second letter) holds what completions reads (those starting with
	// word): fetched together, a misspelt word waits for one round trip
	// for both instead of two in turn. A word being typed then fetches its
	// letters' vocabulary too, once for the words typed after it that
	// start with the same letters.
	if err := ix.prefetchDict(FieldSurface, nearPrefixes(word)); err != nil {
		return "", err
	}
	comps, err := ix.completions(word, w)
	if err != nil {
		return "", err
	}
	if c, err := ix.firstFound(comps); c != "" || err != nil {
		return c, err
	}
	cs, err := ix.near(word, editBudget(utf8.RuneCountInString(word)), w)
	if err != nil {
		return "", err
	}
	return ix.firstFound(cs)
}

// firstFound returns the first of cs whose word finds passages, or "".
func (ix *Index) firstFound(cs []candidate) (string, error) {
	if len(cs) == 0 {
		return "", nil
	}
	// the passage counts of the first candidates, fetched together
	var terms []string
	for _, c := range cs[:min(len(cs), maxCheckedAtOnce)] {
		if ts, _ := ix.analyze(c.word); len(ts) == 1 {
			terms = append(terms, ts[0])
		}
	}
	if err := ix.prefetchDict(FieldText, terms); err != nil {
		return "", err
	}
	for _, c := range cs {
		if ts, _ := ix.analyze(c.word); len(ts) == 1 {
			if n, err := ix.termCount(FieldText, ts[0]); err == nil && n > 0 {
				return c.word, nil
			}
		}
	}
	return "", nil
}

// maxCheckedAtOnce is how many correction candidates have their passage
// counts fetched together.
const maxCheckedAtOnce = 8

// expandPrefix returns the text terms of the vocabulary words starting with
// prefix, the most frequent first, at most maxExpansions.
func (ix *Index) expandPrefix(prefix string, w *work) ([]string, error) {
	var cs []candidate
	err := ix.vocabulary(prefix, w, func(t string, c uint64) bool {
		cs = append(cs, candidate{t, 0, c})
		return true
	})
	if err != nil {
		return nil, err
	}
	return ix.termsOf(cs), nil
}

// expandFuzzy returns the text terms of the vocabulary words within d edits
// of word, and word's own.
func (ix *Index) expandFuzzy(word string, d int, w *work) ([]string, error) {
	cs, err := ix.near(word, d, w)
	if err != nil {
		return nil, err
	}
	cs = append([]candidate{{word, 0, 1 << 62}}, cs...)
	return ix.termsOf(cs), nil
}

// termsOf analyzes vocabulary words into distinct text terms, keeping the
// most frequent words first.
func (ix *Index) termsOf(cs []candidate) []string {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].count > cs[j].count })
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		ts, _ := ix.analyze(c.word)
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
		if len(out) >= maxExpansions {
			break
		}
	}
	return out
}

// suggestion returns a "did you mean" query for q, whose words were resolved
// with the given unknown words: each replaced by its nearest vocabulary word
// within one more edit than correction allows. It returns "" when no word
// can be replaced.
func (ix *Index) suggestion(q string, unknown []*qnode, w *work) (string, error) {
	var cs []Correction
	for _, n := range unknown {
		for _, word := range surfaceAt(n.text) {
			if ts, _ := ix.analyze(word); len(ts) == 1 {
				if c, _ := ix.termCount(FieldText, ts[0]); c > 0 {
					continue
				}
			}
			near, err := ix.near(word, editBudget(utf8.RuneCountInString(word))+1, w)
			if err != nil {
				return "", err
			}
			for _, c := range near {
				if ts, _ := ix.analyze(c.word); len(ts) == 1 {
					if k, _ := ix.termCount(FieldText, ts[0]); k > 0 {
						start, end := wordSpan(n, word)
						from := string([]rune(q)[start:end])
						cs = append(cs, Correction{From: from, To: matchCase(c.word, from), Start: start, End: end})
						break
					}
				}
			}
		}
	}
	if len(cs) == 0 {
		return "", nil
	}
	return correctedQuery(q, cs), nil
}

// osaDistance is the optimal string alignment distance between a and b, or
// max+1 as soon as it must exceed max.
func osaDistance(a, b []rune, max int) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
