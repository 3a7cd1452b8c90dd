package index

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// QueryError is a query a person has to fix: what is wrong, where, and how
// to fix it.
type QueryError struct {
	Query string // what was typed
	Pos   int    // code point offset of the problem in Query
	Msg   string // what is wrong
	Hint  string // what to do about it
}

// Error implements error.
func (e *QueryError) Error() string {
	return fmt.Sprintf("query %q: %s; %s", e.Query, e.Msg, e.Hint)
}

// ErrBudget is wrapped by the *QueryError of a query that needs more work
// than one search may do (Request.MaxWork); check it with errors.Is.
var ErrBudget = errors.New("the query needs too much work")

// Unwrap lets errors.Is see ErrBudget through a budget QueryError.
func (e *QueryError) Unwrap() error {
	if strings.HasPrefix(e.Msg, ErrBudget.Error()) {
		return ErrBudget
	}
	return nil
}

// leaf is a resolved word or phrase of the text: what the index is asked for.
type leaf struct {
	src    *qnode
	phrase bool
	// alts are the terms one word may be (one term, or the expansions of a
	// prefix, fuzzy or corrected word); for a phrase, alts[i] are the terms
	// at offset offs[i].
	alts [][]string
	offs []int
	// words are the leaf's words as written (lower-cased, stop words
	// kept), corrections applied: ranking compares them with titles and
	// short passages. forms[i] is the written word of alts[i] ("" for a
	// prefix* or fuzzy~ word, which has no single form).
	words []string
	forms []string
	// corrected says that a word of the leaf was corrected (see Correction).
	corrected bool
	// postings, filled by evaluation: the passages holding the leaf (for a
	// phrase, those where the words stand in a row) with their frequency.
	idf    float64
	weight float64
}

// rnode is a resolved query node.
type rnode struct {
	kind     nodeKind
	leaf     *leaf    // nWord, nPhrase
	field    string   // nField
	value    *qnode   // nField
	kids     []*rnode // nAnd, nOr, nNot
	required bool
	explicit bool
	pos      int
}

// Correction is a word of the query that matched nothing and was replaced
// by the closest word of the corpus.
type Correction struct {
	From  string `json:"from"`  // as typed
	To    string `json:"to"`    // the corpus word searched instead
	Start int    `json:"start"` // code point offsets of From in the query
	End   int    `json:"end"`
}

// resolver turns a parsed query into index terms.
type resolver struct {
	ix          *Index
	w           *work
	correct     bool
	corrections []Correction
	leaves      []*leaf
	unknown     []*qnode // words with no match and no correction
	query       string   // as typed
}

// analyze returns the query tokens of s with their positions.
func (ix *Index) analyze(s string) (terms []string, pos []int) {
	for _, tok := range queryAnalyzer.Analyze([]byte(s)) {
		terms = append(terms, string(tok.Term))
		pos = append(pos, tok.Position)
	}
	return terms, pos
}

// resolve resolves n; a word that analyzes to nothing (a stop word) gives nil.
func (r *resolver) resolve(n *qnode) (*rnode, error) {
	switch n.kind {
	case nAll:
		return &rnode{kind: nAll, pos: n.pos}, nil
	case nWord, nPhrase:
		l, err := r.leafOf(n)
		if err != nil || l == nil {
			return nil, err
		}
		r.leaves = append(r.leaves, l)
		k := nWord
		if l.phrase {
			k = nPhrase
		}
		return &rnode{kind: k, leaf: l, required: n.required, pos: n.pos}, nil
	case nField:
		return &rnode{kind: nField, field: n.field, value: n.kids[0], required: true, pos: n.pos}, nil
	case nNot:
		k, err := r.resolve(n.kids[0])
		if err != nil || k == nil {
			return nil, err
		}
		return &rnode{kind: nNot, kids: []*rnode{k}, pos: n.pos}, nil
	}
	out := &rnode{kind: n.kind, required: n.required, explicit: n.explicit, pos: n.pos}
	for _, k := range n.kids {
		rk, err := r.resolve(k)
		if err != nil {
			return nil, err
		}
		if rk != nil {
			out.kids = append(out.kids, rk)
		}
	}
	switch len(out.kids) {
	case 0:
		return nil, nil
	case 1:
		k := out.kids[0]
		k.required = k.required || out.required
		return k, nil
	}
	return out, nil
}

// leafOf resolves a word or phrase: analyzed, expanded (prefix, fuzzy) and
// corrected when it has no match.
func (r *resolver) leafOf(n *qnode) (*leaf, error) {
	ix := r.ix
	terms, pos := ix.analyze(n.text)
	if len(terms) == 0 {
		if n.prefix || n.fuzzy > 0 {
			// a stop word's prefix or fuzzy form still means something
			terms, pos = []string{strings.ToLower(n.text)}, []int{1}
		} else {
			return nil, nil
		}
	}
	l := &leaf{src: n, weight: 1}
	if n.kind == nPhrase || len(terms) > 1 {
		l.phrase = len(terms) > 1
	}
	surface := surfaceAt(n.text)
	for i, t := range terms {
		l.alts = append(l.alts, []string{t})
		l.offs = append(l.offs, pos[i]-pos[0])
		form, ok := surface[pos[i]]
		if !ok {
			form = t
		}
		l.forms = append(l.forms, form)
	}
	l.words = surfaceWords(n.text)
	if len(terms) == 1 && (n.prefix || n.fuzzy > 0) {
		l.forms[0], l.words = "", nil
		var alts []string
		var err error
		if n.prefix {
			alts, err = ix.expandPrefix(strings.ToLower(n.text), r.w)
		} else {
			alts, err = ix.expandFuzzy(strings.ToLower(n.text), n.fuzzy, r.w)
		}
		if err != nil {
			return nil, err
		}
		if len(alts) == 0 {
			alts = []string{terms[0]}
		}
		l.alts[0] = alts
		return l, nil
	}
	// Correct the words that match nothing.
	for i, t := range terms {
		c, err := ix.termCount(FieldText, t)
		if err != nil {
			return nil, err
		}
		if c > 0 {
			continue
		}
		if !r.correct {
			r.unknown = append(r.unknown, n)
			continue
		}
		word := l.forms[i]
		to, err := ix.correction(word, r.w)
		if err != nil {
			return nil, err
		}
		if to == "" {
			r.unknown = append(r.unknown, n)
			continue
		}
		ct, _ := ix.analyze(to)
		if len(ct) != 1 {
			r.unknown = append(r.unknown, n)
			continue
		}
		l.alts[i] = []string{ct[0]}
		l.forms[i] = to
		l.corrected = true
		for k, w := range l.words {
			if w == word {
				l.words[k] = to
			}
		}
		start, end := wordSpan(n, word)
		from := string([]rune(r.query)[start:end])
		r.corrections = append(r.corrections, Correction{From: from, To: matchCase(to, from), Start: start, End: end})
	}
	return l, nil
}

// wordSpan finds the code point span of word w inside node n's text in the
// query.
func wordSpan(n *qnode, w string) (int, int) {
	text := []rune(strings.ToLower(n.text))
	lw := []rune(strings.ToLower(w))
	base := n.pos
	if n.kind == nPhrase {
		base++ // the opening quote
	} else if n.required {
		base++
	}
	for i := 0; i+len(lw) <= len(text); i++ {
		if string(text[i:i+len(lw)]) == string(lw) {
			return base + i, base + i + len(lw)
		}
	}
	return n.pos, n.end
}

// surfaceAt returns the words of text as written (lower-cased), by token
// position: the forms typo correction compares with the corpus's own.
func surfaceAt(text string) map[int]string {
	out := map[int]string{}
	for _, tok := range (tokenizer{}).Tokenize([]byte(text)) {
		out[tok.Position] = strings.ToLower(string(tok.Term))
	}
	return out
}

// surfaceWords returns the words of text as written, lower-cased, in order.
func surfaceWords(text string) []string {
	var out []string
	for _, tok := range (tokenizer{}).Tokenize([]byte(text)) {
		out = append(out, strings.ToLower(string(tok.Term)))
	}
	return out
}

// matchCase writes the vocabulary word w in the case of the typed word
// typed: all capitals, a capital first, or as it is.
func matchCase(w, typed string) string {
	rs := []rune(typed)
	if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
		return w
	}
	if strings.ToUpper(typed) == typed && len(rs) > 1 {
		return strings.ToUpper(w)
	}
	ws := []rune(w)
	ws[0] = unicode.ToUpper(ws[0])
	return string(ws)
}

// correctedQuery rewrites q with each correction applied.
func correctedQuery(q string, cs []Correction) string {
	rs := []rune(q)
	sorted := append([]Correction(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start > sorted[j].Start })
	for _, c := range sorted {
		if c.Start < 0 || c.End > len(rs) || c.Start > c.End {
			continue
		}
		rs = append(rs[:c.Start], append([]rune(c.To), rs[c.End:]...)...)
	}
	return string(rs)
}
