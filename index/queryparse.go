package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what one query may ask for. A query over them is refused with a
// *QueryError that says which limit and how to stay under it.
const (
	MaxQueryLength = 2000 // code points
	MaxClauses     = 64   // words, phrases and field clauses
	MaxPhraseWords = 64   // words in one quoted phrase
	MaxDepth       = 16   // nested parentheses
)

// Fields a query clause may name (field:value).
var queryFields = map[string]bool{FieldText: true, FieldTitle: true, FieldDoc: true, FieldDate: true, FieldTag: true}

// FieldTag is the query field that keeps passages with an annotation of that
// tag (tag:fact); it needs Request.Tags.
const FieldTag = "tag"

// nodeKind is the kind of a parsed query node.
type nodeKind int

const (
	nWord   nodeKind = iota // a word: text, prefix (word*), fuzzy (word~N)
	nPhrase                 // a quoted phrase: text
	nAnd                    // every kid; explicit when written AND, else implicit (relaxable)
	nOr                     // any kid
	nNot                    // kids[0] excluded (NOT x, -x)
	nField                  // field:value; kids[0] is the value (a word or phrase)
	nAll                    // * alone: every passage
)

// qnode is one node of a parsed query. Positions are code point offsets into
// the query as typed.
type qnode struct {
	kind     nodeKind
	text     string // word or phrase as typed (phrase without its quotes)
	field    string // nField
	kids     []*qnode
	pos, end int
	required bool // +word: stays required when the query falls back to any word
	prefix   bool // word*
	fuzzy    int  // word~N; 0: none
	explicit bool // nAnd written as AND
}

// String renders the node in the query syntax, fully parenthesized; tests
// and explanations use it.
func (n *qnode) String() string {
	s := n.body()
	if n.required && n.kind != nWord && n.kind != nPhrase {
		s = "+" + s
	}
	return s
}

func (n *qnode) body() string {
	switch n.kind {
	case nWord:
		s := n.text
		if n.prefix {
			s += "*"
		}
		if n.fuzzy > 0 {
			s += "~" + strconv.Itoa(n.fuzzy)
		}
		if n.required {
			s = "+" + s
		}
		return s
	case nPhrase:
		s := `"` + n.text + `"` // a phrase never holds a quote
		if n.required {
			s = "+" + s
		}
		return s
	case nAll:
		return "*"
	case nNot:
		return "-" + n.kids[0].String()
	case nField:
		return n.field + ":" + n.kids[0].String()
	}
	op := " "
	if n.kind == nOr {
		op = " OR "
	} else if n.explicit {
		op = " AND "
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.String()
	}
	return "(" + strings.Join(parts, op) + ")"
}

// token kinds of the query lexer.
type tokKind int

const (
	tWord tokKind = iota
	tPhrase
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tMinus // - before a term
	tPlus  // + before a term
	tEOF
)

type qtoken struct {
	kind     tokKind
	text     string
	pos, end int // code points
	// field is set for field:value tokens (the value is text, or the next
	// token when it is a phrase).
	field string
}

// lex splits a query into tokens. It reports an unclosed quote.
func lex(q string) ([]qtoken, error) {
	rs := []rune(q)
	var out []qtoken
	i := 0
	atStart := func(i int) bool { // may a -/+ prefix start here?
		return i == 0 || unicode.IsSpace(rs[i-1]) || rs[i-1] == '('
	}
	for i < len(rs) {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			out = append(out, qtoken{kind: tLParen, pos: i, end: i + 1})
			i++
		case r == ')':
			out = append(out, qtoken{kind: tRParen, pos: i, end: i + 1})
			i++
		case r == '"' || r == '“' || r == '”':
			j := i + 1
			for j < len(rs) && rs[j] != '"' && rs[j] != '”' && rs[j] != '“' {
				j++
			}
			if j >= len(rs) {
				return nil, &QueryError{Query: q, Pos: i, Msg: fmt.Sprintf("a phrase is not closed (its quote is at %d)", i+1),
					Hint: `add the closing " or remove the opening one`}
			}
			out = append(out, qtoken{kind: tPhrase, text: string(rs[i+1 : j]), pos: i, end: j + 1})
			i = j + 1
		case (r == '-' || r == '+') && atStart(i) && strings.TrimSpace(string(rs[i+1:])) == "":
			return nil, &QueryError{Query: q, Pos: i, Msg: fmt.Sprintf("%c at %d has no word after it", r, i+1),
				Hint: fmt.Sprintf("write %cword with no space, or remove the %c", r, r)}
		case (r == '-' || r == '+') && atStart(i) && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != ')':
			k := tMinus
			if r == '+' {
				k = tPlus
			}
			out = append(out, qtoken{kind: k, pos: i, end: i + 1})
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' && rs[j] != '"' && rs[j] != '“' && rs[j] != '”' {
				j++
			}
			w := string(rs[i:j])
			t := qtoken{kind: tWord, text: w, pos: i, end: j}
			switch w {
			case "AND", "&&":
				t.kind = tAnd
			case "OR", "||", "|":
				t.kind = tOr
			case "NOT":
				t.kind = tNot
			}
			if c := strings.IndexByte(w, ':'); c > 0 && t.kind == tWord && queryFields[strings.ToLower(w[:c])] {
				t.field = strings.ToLower(w[:c])
				t.text = w[c+1:]
			}
			out = append(out, t)
			i = j
		}
	}
	out = append(out, qtoken{kind: tEOF, pos: len(rs), end: len(rs)})
	return out, nil
}

// parser is a recursive-descent parser over the lexer's tokens:
//
//	query   = or
//	or      = and { OR and }          OR binds tighter than AND, as in web search
//	and     = unary { [AND] unary }
//	unary   = NOT unary | - primary | + primary | primary
//	primary = ( or ) | "phrase" | field:value | word | *
type parser struct {
	q       string
	toks    []qtoken
	i       int
	depth   int
	clauses int
}

// parse parses a query. An empty query (only spaces) gives nil.
func parse(q string) (*qnode, error) {
	if n := utf8.RuneCountInString(q); n > MaxQueryLength {
		return nil, &QueryError{Query: q, Pos: MaxQueryLength, Msg: fmt.Sprintf("the query is %d characters long, more than the %d a query may have", n, MaxQueryLength),
			Hint: "shorten it to its most telling words"}
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{q: q, toks: toks}
	if p.peek().kind == tEOF {
		return nil, nil
	}
	n, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, p.errorf(t.pos, "the ')' at %d has no matching '('", "remove it, or add '(' where the group starts", t.pos+1)
		}
		return nil, p.errorf(t.pos, "unexpected %s at %d", "check the query near there", describe(t), t.pos+1)
	}
	return n, nil
}

func (p *parser) peek() qtoken { return p.toks[p.i] }
func (p *parser) next() qtoken { t := p.toks[p.i]; p.i++; return t }

func (p *parser) errorf(pos int, msg, hint string, args ...any) *QueryError {
	return &QueryError{Query: p.q, Pos: pos, Msg: fmt.Sprintf(msg, args...), Hint: hint}
}

func describe(t qtoken) string {
	switch t.kind {
	case tAnd:
		return "AND"
	case tOr:
		return "OR"
	case tNot:
		return "NOT"
	case tRParen:
		return "')'"
	case tLParen:
		return "'('"
	case tEOF:
		return "end of the query"
	}
	return strconv.Quote(t.text)
}

// startsTerm reports whether t can begin an operand.
func startsTerm(t qtoken) bool {
	switch t.kind {
	case tWord, tPhrase, tLParen, tNot, tMinus, tPlus:
		return true
	}
	return false
}

func (p *parser) parseAnd() (*qnode, error) {
	first, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	kids := []*qnode{first}
	explicit := false
	for {
		t := p.peek()
		if t.kind == tAnd {
			p.next()
			if !startsTerm(p.peek()) {
				return nil, p.errorf(t.pos, "AND at %d needs a word after it", "add a word after AND, or remove AND", t.pos+1)
			}
			explicit = true
		} else if !startsTerm(t) {
			break
		}
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &qnode{kind: nAnd, kids: kids, explicit: explicit, pos: kids[0].pos, end: kids[len(kids)-1].end}, nil
}

func (p *parser) parseOr() (*qnode, error) {
	first, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	kids := []*qnode{first}
	for p.peek().kind == tOr {
		t := p.next()
		if !startsTerm(p.peek()) || p.peek().kind == tNot || p.peek().kind == tMinus {
			if p.peek().kind == tNot || p.peek().kind == tMinus {
				return nil, p.errorf(t.pos, "OR at %d is followed by an exclusion", "OR joins two things to look for; write a OR b, then -c to exclude", t.pos+1)
			}
			return nil, p.errorf(t.pos, "OR at %d needs a word after it", "add a word after OR, or remove OR", t.pos+1)
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	for _, k := range kids {
		if k.kind == nNot {
			return nil, p.errorf(k.pos, "an exclusion at %d is joined with OR", "OR joins two things to look for; write a OR b, then -c to exclude", k.pos+1)
		}
	}
	return &qnode{kind: nOr, kids: kids, pos: kids[0].pos, end: kids[len(kids)-1].end}, nil
}

func (p *parser) parseUnary() (*qnode, error) {
	t := p.peek()
	switch t.kind {
	case tNot, tMinus:
		p.next()
		if !startsTerm(p.peek()) {
			what := "NOT"
			if t.kind == tMinus {
				what = "-"
			}
			return nil, p.errorf(t.pos, "%s at %d needs a word after it", "add the word to exclude", what, t.pos+1)
		}
		var kid *qnode
		var err error
		if t.kind == tNot {
			kid, err = p.parseUnary()
		} else {
			kid, err = p.parsePrimary()
		}
		if err != nil {
			return nil, err
		}
		if kid.kind == nNot {
			return kid.kids[0], nil // NOT NOT x is x
		}
		return &qnode{kind: nNot, kids: []*qnode{kid}, pos: t.pos, end: kid.end}, nil
	case tPlus:
		p.next()
		kid, err := p.parsePrimary()
		if err != nil {
			return nil, err
		}
		kid.required = true
		kid.pos = t.pos
		return kid, nil
	case tAnd, tOr:
		return nil, p.errorf(t.pos, "%s at %d has nothing before it", "put a word on each side of "+describe(t)+", or remove it", describe(t), t.pos+1)
	}
	return p.parsePrimary()
}

func (p *parser) clause(pos int) error {
	p.clauses++
	if p.clauses > MaxClauses {
		return p.errorf(pos, "the query has more than %d words, phrases and field clauses", "shorten it to its most telling words, or quote a passage as one phrase", MaxClauses)
	}
	return nil
}

func (p *parser) parsePrimary() (*qnode, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		p.depth++
		if p.depth > MaxDepth {
			return nil, p.errorf(t.pos, "parentheses are nested more than %d deep", "remove the extra parentheses", MaxDepth)
		}
		if p.peek().kind == tRParen {
			return nil, p.errorf(t.pos, "the parentheses at %d are empty", "put words inside them, or remove them", t.pos+1)
		}
		if p.peek().kind == tEOF {
			return nil, p.unclosed(t)
		}
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tRParen {
			return nil, p.unclosed(t)
		}
		p.next()
		p.depth--
		n.pos, n.end = t.pos, t.end
		return n, nil
	case tPhrase:
		if err := p.clause(t.pos); err != nil {
			return nil, err
		}
		return p.phrase(t)
	case tWord:
		if err := p.clause(t.pos); err != nil {
			return nil, err
		}
		if t.field != "" {
			return p.fieldClause(t)
		}
		return p.word(t)
	case tEOF:
		return nil, p.errorf(t.pos, "the query ends too early", "an operator (NOT, -, +, AND, OR) needs a word after it")
	}
	return nil, p.errorf(t.pos, "unexpected %s at %d", "check the query near there", describe(t), t.pos+1)
}

// unclosed reports the parentheses left open, counting from the first one.
func (p *parser) unclosed(qtoken) *QueryError {
	var open []int
	for _, t := range p.toks {
		switch t.kind {
		case tLParen:
			open = append(open, t.pos)
		case tRParen:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		open = []int{0}
	}
	if len(open) > 1 {
		return p.errorf(open[0], "%d parentheses are opened and never closed (the first at %d)", "add a ')' for each '(' or remove the extra '('", len(open), open[0]+1)
	}
	return p.errorf(open[0], "the '(' at %d is never closed", "add a ')' where the group ends, or remove the '('", open[0]+1)
}

func (p *parser) phrase(t qtoken) (*qnode, error) {
	words := len(strings.FieldsFunc(t.text, func(r rune) bool { return !isWordRune(r) }))
	if words > MaxPhraseWords {
		return nil, p.errorf(t.pos, "the phrase at %d has %d words, more than the %d a phrase may have", "quote its %d most telling words in a row instead", t.pos+1, words, MaxPhraseWords, MaxPhraseWords)
	}
	return &qnode{kind: nPhrase, text: t.text, pos: t.pos, end: t.end}, nil
}

func (p *parser) word(t qtoken) (*qnode, error) {
	w := t.text
	if w == "*" {
		return &qnode{kind: nAll, pos: t.pos, end: t.end}, nil
	}
	n := &qnode{kind: nWord, pos: t.pos, end: t.end}
	if i := strings.LastIndexByte(w, '~'); i > 0 {
		d := w[i+1:]
		switch d {
		case "":
			n.fuzzy = 2
		case "1", "2":
			n.fuzzy = int(d[0] - '0')
		default:
			if _, err := strconv.Atoi(d); err == nil {
				return nil, p.errorf(t.pos, "the fuzziness of %q is too high", "use word~1 or word~2", w)
			}
		}
		if n.fuzzy > 0 {
			w = w[:i]
		}
	}
	if strings.HasSuffix(w, "*") && n.fuzzy == 0 {
		w = strings.TrimRight(w, "*")
		if w == "" {
			return &qnode{kind: nAll, pos: t.pos, end: t.end}, nil
		}
		n.prefix = true
	}
	n.text = w
	return n, nil
}

func (p *parser) fieldClause(t qtoken) (*qnode, error) {
	n := &qnode{kind: nField, field: t.field, pos: t.pos, end: t.end}
	var val *qnode
	if t.text == "" {
		next := p.peek()
		if next.kind == tPhrase && next.pos == t.end {
			p.next()
			v, err := p.phrase(next)
			if err != nil {
				return nil, err
			}
			val = v
			n.end = next.end
		} else if next.kind == tLParen && next.pos == t.end {
			return nil, p.errorf(next.pos, "%s: takes one value, not a group", "write "+t.field+":a OR "+t.field+":b", t.field)
		} else {
			return nil, p.errorf(t.pos, "%s: at %d has no value", "write "+t.field+":value with no space after the colon", t.field, t.pos+1)
		}
	} else {
		v, err := p.word(qtoken{kind: tWord, text: t.text, pos: t.pos + utf8.RuneCountInString(t.field) + 1, end: t.end})
		if err != nil {
			return nil, err
		}
		val = v
	}
	if t.field == FieldText {
		return val, nil // text:word is the word
	}
	n.kids = []*qnode{val}
	return n, nil
}
