package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var parseTests = []struct {
	name, query, want string
}{
	{"words are all required", "gross margin", "(gross margin)"},
	{"AND is explicit", "margin AND capex", "(margin AND capex)"},
	{"OR binds tighter than AND, as in web search", "a b OR c", "(a (b OR c))"},
	{"NOT and minus exclude", "margin NOT capex -ebitda", "(margin -capex -ebitda)"},
	{"plus marks a required word", "+cloud margin", "(+cloud margin)"},
	{"parentheses group", "(a OR b) c", "((a OR b) c)"},
	{"a quoted phrase stays one clause", `"gross margin" Q1`, `("gross margin" Q1)`},
	{"typographic quotes make a phrase", "“gross margin”", `"gross margin"`},
	{"field clauses", `doc:002_x title:"cloud providers" date:2026`, `(doc:002_x title:"cloud providers" date:2026)`},
	{"an unknown field is a word", "std::vector", "std::vector"},
	{"prefix and fuzzy words", "hyperscal* Kingsofd~1", "(hyperscal* Kingsofd~1)"},
	{"a star alone is every passage", "*", "*"},
	{"lower-case operators are words", "margin and capex", "(margin and capex)"},
	{"a hyphen inside a word is part of it", "6-K e-mail", "(6-K e-mail)"},
	{"a lone hyphen between words is punctuation", "2024 - 2025", "(2024 - 2025)"},
}

func TestParseReadsTheSyntax(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

var parseErrorTests = []struct {
	name, query string
	pos         int
	msg         string
}{
	{"ten opening parentheses", "((((((((((", 0, "10 parentheses are opened and never closed"},
	{"one opening parenthesis", "(margin capex", 0, "never closed"},
	{"a closing parenthesis alone", "margin)", 6, "has no matching '('"},
	{"empty parentheses", "margin ()", 7, "empty"},
	{"an unclosed phrase", `margin "gross`, 7, "not closed"},
	{"OR at the start", "OR margin", 0, "nothing before it"},
	{"OR at the end", "margin OR", 7, "needs a word after it"},
	{"AND at the end", "margin AND", 7, "needs a word after it"},
	{"NOT at the end", "margin NOT", 7, "needs a word after it"},
	{"a trailing plus", "cloud +", 6, "no word after it"},
	{"a field without value", "text:", 0, "has no value"},
	{"a field with a group", "doc:(a b)", 4, "one value"},
	{"too fuzzy", "cloud~9", 0, "too high"},
	{"an exclusion in OR", "a OR -b", 2, "exclusion"},
	{"too deep", strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), MaxDepth, "nested"},
	{"too many clauses", strings.Repeat("w ", MaxClauses+1), 2 * MaxClauses, "more than"},
	{"a phrase too long", `"` + strings.Repeat("w ", MaxPhraseWords+1) + `"`, 0, "words, more than"},
	{"a query too long", strings.Repeat("w", MaxQueryLength+1), MaxQueryLength, "characters long"},
}

func TestParseErrorsSayWhereAndHow(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.query)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("got %v, want a *QueryError", err)
			}
			if qe.Pos != tt.pos || !strings.Contains(qe.Msg, tt.msg) || qe.Hint == "" {
				t.Errorf("got pos %d %q (hint %q), want pos %d and %q", qe.Pos, qe.Msg, qe.Hint, tt.pos, tt.msg)
			}
		})
	}
}

// FuzzParse checks that any query either parses or gives a *QueryError
// whose position lies inside it, and that what parses prints as a query
// that parses again to the same tree.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.query)
	}
	for _, tt := range parseErrorTests {
		f.Add(tt.query)
	}
	f.Add(`+"a b" -(c OR d) NOT e:f ~ * "`)
	f.Fuzz(func(t *testing.T, q string) {
		n, err := parse(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: got %T %v, want a *QueryError", q, err, err)
			}
			if qe.Pos < 0 || qe.Pos > utf8.RuneCountInString(q) || qe.Msg == "" || qe.Hint == "" {
				t.Fatalf("%q: bad error %+v", q, qe)
			}
			return
		}
		if n == nil || !plainWords(n) {
			return
		}
		if utf8.RuneCountInString(n.String()) > MaxQueryLength {
			return
		}
		again, err := parse(n.String())
		if err != nil {
			t.Fatalf("%q printed as %q does not parse: %v", q, n.String(), err)
		}
		if again.String() != n.String() {
			t.Fatalf("%q: %q parses back as %q", q, n.String(), again.String())
		}
	})
}

// plainWords reports whether every word of n prints back as itself: not an
// operator, and not starting with a sign that would read as one.
func plainWords(n *qnode) bool {
	if n.kind == nWord {
		switch n.text {
		case "AND", "OR", "NOT", "&&", "||", "|":
			return false
		}
		return !strings.HasPrefix(n.text, "+") && !strings.HasPrefix(n.text, "-")
	}
	for _, k := range n.kids {
		if !plainWords(k) {
			return false
		}
	}
	return true
}
