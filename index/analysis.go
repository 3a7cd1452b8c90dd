package index

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Analyzer names, for analyzerNamed.
const (
	// TextAnalyzer indexes passage text: English stemming and stop words, plus
	// the parts of financial compounds ("RMB2,703.7" also yields "rmb",
	// "2,703.7" and "2703.7") at the compound's position.
	TextAnalyzer = "claimtag_text"
	// QueryAnalyzer analyzes what a user typed: the same chain without the
	// parts, so "6-K" looks for "6-k" and not for every "6" and "k".
	QueryAnalyzer = "claimtag_query"
	// SurfaceAnalyzer keeps words as written, lower-cased, with the parts
	// of compounds: the vocabulary typo correction draws from.
	SurfaceAnalyzer = "claimtag_surface"
	// AnalyzerVersion changes whenever tokens change; it is part of the
	// corpus fingerprint, so an old snapshot is never mixed with new code.
	AnalyzerVersion = "claimtag-en-3"
)

// The analyzers. They keep no state, so one of each serves every caller.
var (
	textAnalyzer    = newAnalyzer(true)
	queryAnalyzer   = newAnalyzer(false)
	surfaceAnalyzer = &analysis.DefaultAnalyzer{Tokenizer: tokenizer{parts: true}, TokenFilters: []analysis.TokenFilter{lowerCaseFilter{}}}
)

// analyzerNamed returns the analyzer of the given name, nil for an unknown
// name.
func analyzerNamed(name string) analysis.Analyzer {
	switch name {
	case TextAnalyzer:
		return textAnalyzer
	case QueryAnalyzer:
		return queryAnalyzer
	case SurfaceAnalyzer:
		return surfaceAnalyzer
	}
	return nil
}

// newAnalyzer mirrors bleve's "en" analyzer (possessive, lower case, English
// stop words, snowball stemmer; see filters.go) over the financial
// tokenizer.
func newAnalyzer(parts bool) *analysis.DefaultAnalyzer {
	return &analysis.DefaultAnalyzer{Tokenizer: tokenizer{parts: parts},
		TokenFilters: []analysis.TokenFilter{possessiveFilter{}, lowerCaseFilter{}, stopFilter{}, stemFilter{}}}
}

// tokenizer splits text into words the way analysts type them: numbers keep
// their thousands separators, decimals and percent sign ("2,703.7", "37.2%",
// and "22 %" with a space, typographic or not, before the sign, is "22%"),
// and hyphen or slash compounds stay whole ("6-K", "Q1/Q2"). With parts set it
// also emits each compound's parts at the same position, so that a search for
// a part finds the compound and phrases still line up.
type tokenizer struct{ parts bool }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// joins reports whether c may join the word runes prev and next into one token.
func joins(prev, c, next rune) bool {
	switch c {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	case '-', '‐', '‑', '/', '&':
		return true
	}
	return false
}

// Tokenize implements analysis.Tokenizer.
func (t tokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 0
	i := 0
	for i < len(input) {
		r, n := utf8.DecodeRune(input[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		prev := r
		i += n
		for i < len(input) {
			r, n = utf8.DecodeRune(input[i:])
			if isWordRune(r) {
				prev = r
				i += n
				continue
			}
			if i+n < len(input) {
				next, _ := utf8.DecodeRune(input[i+n:])
				if isWordRune(next) && joins(prev, r, next) {
					prev = r
					i += n
					continue
				}
			}
			break
		}
		end := i
		numEnd := -1 // with "22 %": where the number ends
		if i < len(input) && input[i] == '%' && unicode.IsDigit(prev) {
			end = i + 1
			i++
		} else if unicode.IsDigit(prev) && i < len(input) {
			// "22 %": one space of any kind between the number and the sign
			if r, n := utf8.DecodeRune(input[i:]); unicode.IsSpace(r) && i+n < len(input) && input[i+n] == '%' {
				numEnd, end = i, i+n+1
				i = end
			}
		}
		pos++
		word := input[start:end]
		term := normalizeTerm(word)
		if numEnd >= 0 {
			word = input[start:numEnd]
			term = append(normalizeTerm(word), '%')
		}
		out = append(out, &analysis.Token{Start: start, End: end, Term: term, Position: pos, Type: tokenType(word)})
		if t.parts {
			if numEnd >= 0 {
				// the bare number, as "22%" yields "22"
				out = append(out, &analysis.Token{Start: start, End: numEnd, Term: normalizeTerm(word), Position: pos, Type: analysis.Numeric})
			}
			out = appendParts(out, word, start, pos)
		}
	}
	return out
}

// normalizeTerm copies the term, with typographic apostrophes made plain.
func normalizeTerm(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, r := range string(b) {
		if r == '’' {
			r = '\''
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func tokenType(b []byte) analysis.TokenType {
	for _, r := range string(b) {
		if unicode.IsLetter(r) {
			return analysis.AlphaNumeric
		}
	}
	return analysis.Numeric
}

type span struct{ start, end int }

// appendParts emits the parts of the compound word (at byte offset base) and
// the separator-free spelling of its numbers, all at position pos.
func appendParts(out analysis.TokenStream, word []byte, base, pos int) analysis.TokenStream {
	seen := map[string]bool{string(normalizeTerm(word)): true}
	emit := func(s span, term []byte) {
		if s.end <= s.start || seen[string(term)] {
			return
		}
		seen[string(term)] = true
		out = append(out, &analysis.Token{Start: base + s.start, End: base + s.end, Term: term, Position: pos, Type: tokenType(word[s.start:s.end])})
	}
	for _, p := range splitParts(word) {
		emit(p, normalizeTerm(word[p.start:p.end]))
	}
	// Numbers: drop thousands separators and the percent sign.
	for _, p := range numberRuns(word) {
		num := word[p.start:p.end]
		var plain []byte
		for _, c := range num {
			if c != ',' && c != '%' {
				plain = append(plain, c)
			}
		}
		emit(p, plain)
	}
	// A compound holding such a number, without its separators:
	// "RMB2,703.7" also yields "rmb2703.7".
	if bytes.IndexByte(word, ',') >= 0 && len(splitParts(word)) > 0 {
		emit(span{0, len(word)}, bytes.ReplaceAll(normalizeTerm(word), []byte(","), nil))
	}
	return out
}

// splitParts cuts a compound at hyphens, slashes and ampersands, and a part at
// the boundary between a run of two or more letters and a number
// ("RMB2,703.7" -> "RMB", "2,703.7"; "Q1" stays whole). A word without such
// boundaries has no parts.
func splitParts(word []byte) []span {
	var pieces []span
	start := 0
	for i, r := range string(word) {
		switch r {
		case '-', '‐', '‑', '/', '&':
			pieces = append(pieces, span{start, i})
			start = i + utf8.RuneLen(r)
		}
	}
	pieces = append(pieces, span{start, len(word)})
	var out []span
	for _, p := range pieces {
		out = append(out, splitLetterDigit(word, p)...)
	}
	if len(out) == 1 && out[0] == (span{0, len(word)}) {
		return nil
	}
	return out
}

func splitLetterDigit(word []byte, p span) []span {
	s := string(word[p.start:p.end])
	letters := 0
	for i, r := range s {
		if unicode.IsLetter(r) {
			letters++
			continue
		}
		if unicode.IsDigit(r) && letters >= 2 && letters == utf8.RuneCountInString(s[:i]) {
			return []span{{p.start, p.start + i}, {p.start + i, p.end}}
		}
		break
	}
	return []span{p}
}

// numberRuns finds digit runs with separators that contain a comma or end in a
// percent sign: the spellings a user may type without them.
func numberRuns(word []byte) []span {
	var out []span
	i := 0
	for i < len(word) {
		if word[i] < '0' || word[i] > '9' {
			i++
			continue
		}
		start := i
		special := false
		for i < len(word) && (word[i] >= '0' && word[i] <= '9' || word[i] == ',' || word[i] == '.' || word[i] == '%') {
			if word[i] == ',' || word[i] == '%' {
				special = true
			}
			i++
		}
		if special {
			out = append(out, span{start, i})
		}
	}
	return out
}
