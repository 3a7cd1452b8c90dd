package index

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
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
// as the index is, fuzzy terms keep their first letter, and date:2026
// matches every date in 2026. An empty query
// gives nil, "*" every passage.
func (ix *Index) parseQuery(s string) (q query.Query, err error) {
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
	return ix.adapt(q), nil
}

func textField(f string) bool { return f == "" || f == FieldText }

func (ix *Index) adapt(q query.Query) query.Query {
	if f, ok := q.(query.FieldableQuery); ok && f.Field() == FieldTitle {
		return ix.titleQuery(q)
	}
	switch t := q.(type) {
	case *query.BooleanQuery:
		if t.Must != nil {
			t.Must = ix.adapt(t.Must)
		}
		if t.Should != nil {
			t.Should = ix.adapt(t.Should)
		}
		if t.MustNot != nil {
			t.MustNot = ix.adapt(t.MustNot)
		}
	case *query.ConjunctionQuery:
		for i := range t.Conjuncts {
			t.Conjuncts[i] = ix.adapt(t.Conjuncts[i])
		}
	case *query.DisjunctionQuery:
		for i := range t.Disjuncts {
			t.Disjuncts[i] = ix.adapt(t.Disjuncts[i])
		}
	case *query.MatchQuery:
		if t.FieldVal == FieldDate {
			p := query.NewPrefixQuery(t.Match)
			p.SetField(FieldDate)
			return p
		}
		if textField(t.FieldVal) {
			t.Analyzer = QueryAnalyzer
			if t.Fuzziness > 0 && t.Prefix == 0 { // word~ is a fuzzy match query
				t.Prefix = 1
			}
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
			// The first letter must match: the dictionary scan then covers
			// the terms under one letter instead of all of them.
			if t.Prefix == 0 && len([]rune(t.Term)) > 2 {
				t.Prefix = 1
			}
		}
	case *query.RegexpQuery:
		if textField(t.FieldVal) {
			t.Regexp = strings.ToLower(t.Regexp)
		}
	}
	return q
}

// titleQuery turns a title: clause into a filter on the documents whose
// title matches it: titles are not indexed with every passage, which would
// repeat each title's terms once per passage.
func (ix *Index) titleQuery(q query.Query) query.Query {
	analyze := func(s string) []string {
		var out []string
		for _, tok := range ix.mapping.AnalyzerNamed(QueryAnalyzer).Analyze([]byte(s)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	var match func(title []string) bool
	any := func(f func(string) bool) func([]string) bool {
		return func(title []string) bool {
			for _, w := range title {
				if f(w) {
					return true
				}
			}
			return false
		}
	}
	switch t := q.(type) {
	case *query.MatchQuery:
		words := analyze(t.Match)
		match = func(title []string) bool {
			n := 0
			for _, w := range words {
				if slices.Contains(title, w) {
					n++
				}
			}
			if t.Operator == query.MatchQueryOperatorAnd {
				return n == len(words) && n > 0
			}
			return n > 0
		}
	case *query.MatchPhraseQuery:
		words := analyze(t.MatchPhrase)
		match = func(title []string) bool {
			for i := 0; i+len(words) <= len(title) && len(words) > 0; i++ {
				if slices.Equal(title[i:i+len(words)], words) {
					return true
				}
			}
			return false
		}
	case *query.PrefixQuery:
		p := strings.ToLower(t.Prefix)
		match = any(func(w string) bool { return strings.HasPrefix(w, p) })
	case *query.FuzzyQuery:
		term, d := strings.ToLower(t.Term), t.Fuzziness
		if d == 0 {
			d = 1
		}
		match = any(func(w string) bool { return levenshtein(w, term) <= d })
	case *query.WildcardQuery, *query.RegexpQuery:
		pattern := ""
		if w, ok := t.(*query.WildcardQuery); ok {
			pattern = strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(strings.ToLower(w.Wildcard)))
		} else {
			pattern = strings.ToLower(t.(*query.RegexpQuery).Regexp)
		}
		re, err := regexp.Compile("^(?:" + pattern + ")$")
		if err != nil {
			return query.NewMatchNoneQuery()
		}
		match = any(re.MatchString)
	default:
		match = func([]string) bool { return false }
	}
	ix.mu.Lock()
	if ix.titles == nil {
		for _, d := range ix.snap.docs {
			ix.titles = append(ix.titles, analyze(d.Title))
		}
	}
	titles := ix.titles
	ix.mu.Unlock()
	var docs []query.Query
	for di, title := range titles {
		if match(title) {
			tq := query.NewTermQuery(ix.snap.docs[di].ID)
			tq.SetField(FieldDoc)
			docs = append(docs, tq)
		}
	}
	if len(docs) == 0 {
		return query.NewMatchNoneQuery()
	}
	return query.NewDisjunctionQuery(docs)
}

// levenshtein returns the edit distance between a and b, in code points.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
