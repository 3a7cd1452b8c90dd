package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// QueryError is a query a person has to fix: what is wrong and how to fix it.
type QueryError struct {
	Query string // what was typed
	Msg   string // what is wrong
	Hint  string // what to do about it
}

// Error implements error.
func (e *QueryError) Error() string {
	return fmt.Sprintf("query %q: %s; %s", e.Query, e.Msg, e.Hint)
}

// syntaxHelp is shown when nothing more precise can be said.
const syntaxHelp = `use words, "a phrase", +required, -excluded, field:value (text, title, doc, date), fuzzy~ or prefix*`

// queryError turns a bleve parse or search error into a QueryError.
func queryError(q string, err error) error {
	var qe *QueryError
	if errors.As(err, &qe) {
		return qe
	}
	msg := err.Error()
	hint := syntaxHelp
	switch {
	case strings.Contains(msg, "unterminated quote"):
		msg, hint = "a phrase is not closed", `add the closing " or remove the opening one`
	case strings.Contains(msg, "unexpected tEOF"):
		msg, hint = "the query ends too early", "an operator (+, -, :, ^, ~) needs a word after it"
	case strings.Contains(msg, "unexpected tCOLON"):
		msg, hint = "a colon is out of place", `write field:value with no space, or put the words in "quotes"`
	case strings.Contains(msg, "fuzziness exceeds max"):
		msg, hint = "the fuzziness is too high", "use word~1 or word~2"
	case strings.Contains(msg, "syntax error"):
		msg = "the query syntax is not valid (" + strings.TrimPrefix(msg, "syntax error: ") + ")"
	}
	return &QueryError{Query: q, Msg: msg, Hint: hint}
}

// parseQuery parses a query-string query and adapts it to the index: words
// are analyzed with QueryAnalyzer, prefixes and fuzzy terms are lower-cased
// as the index is, and date:2026 matches every date in 2026. An empty query
// gives nil, "*" every passage.
func parseQuery(s string) (q query.Query, err error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return nil, nil
	case "*":
		return query.NewMatchAllQuery(), nil
	}
	defer func() {
		if r := recover(); r != nil {
			q, err = nil, queryError(s, fmt.Errorf("%v", r))
		}
	}()
	q, err = query.NewQueryStringQuery(s).Parse()
	if err != nil {
		return nil, queryError(s, err)
	}
	if v, ok := q.(query.ValidatableQuery); ok {
		if err := v.Validate(); err != nil {
			return nil, queryError(s, err)
		}
	}
	return adapt(q), nil
}

func textField(f string) bool { return f == "" || f == FieldText || f == FieldTitle }

func adapt(q query.Query) query.Query {
	switch t := q.(type) {
	case *query.BooleanQuery:
		if t.Must != nil {
			t.Must = adapt(t.Must)
		}
		if t.Should != nil {
			t.Should = adapt(t.Should)
		}
		if t.MustNot != nil {
			t.MustNot = adapt(t.MustNot)
		}
	case *query.ConjunctionQuery:
		for i := range t.Conjuncts {
			t.Conjuncts[i] = adapt(t.Conjuncts[i])
		}
	case *query.DisjunctionQuery:
		for i := range t.Disjuncts {
			t.Disjuncts[i] = adapt(t.Disjuncts[i])
		}
	case *query.MatchQuery:
		if t.FieldVal == FieldDate {
			p := query.NewPrefixQuery(t.Match)
			p.SetField(FieldDate)
			return p
		}
		if textField(t.FieldVal) {
			t.Analyzer = QueryAnalyzer
		}
	case *query.MatchPhraseQuery:
		if textField(t.FieldVal) {
			t.Analyzer = QueryAnalyzer
		}
	case *query.WildcardQuery:
		if textField(t.FieldVal) {
			t.Wildcard = strings.ToLower(t.Wildcard)
		}
	case *query.PrefixQuery:
		if textField(t.FieldVal) {
			t.Prefix = strings.ToLower(t.Prefix)
		}
	case *query.FuzzyQuery:
		if textField(t.FieldVal) {
			t.Term = strings.ToLower(t.Term)
		}
	case *query.RegexpQuery:
		if textField(t.FieldVal) {
			t.Regexp = strings.ToLower(t.Regexp)
		}
	}
	return q
}
