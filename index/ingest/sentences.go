package ingest

import (
	"strings"
	"unicode"
)

// abbreviations end with a period that does not end a sentence; lowercase.
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`e.g. i.e. mr. mrs. ms. dr. prof. sr. jr. st. mt. inc. co. ltd. corp. llc.
		plc. vs. v. no. nos. u.s. u.k. u.n. e.u. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
		approx. etc. fig. figs. est. dept. ave. al. cf. ca. vol. pp. p. ed. eds. rev. gen. gov. sen. rep.`) {
		abbreviations[a] = true
	}
}

// closers may follow sentence-ending punctuation.
const closers = `)]}"'”’»`

// openers may start a sentence.
const openers = `"'“‘«([`

// splitSentences splits a normalized passage text into sentences. base is
// the passage's code point offset in the document. Sentences cover the text
// in order, without the spaces between them.
func splitSentences(text string, base int) []Sentence {
	rs := []rune(text)
	var out []Sentence
	start := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(".!?", rs[j]) {
			j++
		}
		for j < len(rs) && strings.ContainsRune(closers, rs[j]) {
			j++
		}
		k := j
		for k < len(rs) && isSpace(rs[k]) {
			k++
		}
		if k == j || k >= len(rs) {
			i = j - 1
			continue
		}
		if n := rs[k]; !unicode.IsUpper(n) && !unicode.IsDigit(n) && !strings.ContainsRune(openers, n) {
			i = j - 1
			continue
		}
		if rs[i] == '.' && j == i+1 && isAbbreviation(rs[start:i+1]) {
			continue
		}
		out = append(out, Sentence{Start: base + start, End: base + j})
		start = k
		i = k - 1
	}
	if start < len(rs) {
		out = append(out, Sentence{Start: base + start, End: base + len(rs)})
	}
	return out
}

// isAbbreviation reports whether the word ending in the period at the end
// of rs is an abbreviation or an initial.
func isAbbreviation(rs []rune) bool {
	w := len(rs) - 1
	for w > 0 && !isSpace(rs[w-1]) && !strings.ContainsRune(openers, rs[w-1]) {
		w--
	}
	word := string(rs[w:])
	if abbreviations[strings.ToLower(word)] {
		return true
	}
	// A single capital letter is an initial: "John F. Kennedy".
	return len(rs)-w == 2 && unicode.IsUpper(rs[w])
}
