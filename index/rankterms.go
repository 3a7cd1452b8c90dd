package index

import "strings"

// What ranking knows of a passage's words without reading its text.
//
// Three signals of the ranking (see rank.go) depend on a passage's words as
// written: whether it holds a query word as typed or only another word of
// the same stem, whether it is the query and nothing else, and whether it
// declares the identifier typed. Reading the texts of the best candidates
// would fetch, in an index in pieces, a passage block for nearly each of
// them; so Build indexes the answers in three small fields, and a search
// reads their posting lists as it reads a word's:
//
//   - FieldForms, for the stems that several forms share ("generat":
//     generator, generate), one term per form: "generat
//     +generator" on the passages that hold that form, or, when those are
//     most of the stem's passages, "generat -generator" on those that hold
//     the stem without it, whichever list is shorter (see formsPlan). A
//     form is a word's lightStem, so a plural is its singular's form. For
//     any other stem, every passage holding it holds the one form the
//     corpus has (a query word whose own form the corpus lacks counts as
//     that form then: the one case where this differs from reading the
//     texts).
//   - FieldName: a passage of at most maxNameWords words after any section
//     number is indexed under its words, lightStemmed, as one term
//     (nameTerm): "9.9. Generators" under "generator".
//   - FieldDecl: a passage declaring an identifier is indexed under each
//     name it can be looked up by (see declares): "class
//     collections.Counter([iterable])" under "collections.counter" and
//     "counter".

// Marks of a FieldForms term: after the stem and formsSep, formHeld or
// formLacked, then the form.
const (
	formsSep   = " " // no term holds a space: the tokenizer splits there
	formHeld   = '+'
	formLacked = '-'
)

// formOf returns the form of a word as written: its lightStem, lower-cased.
func formOf(word string) string { return lightStem(strings.ToLower(word)) }

// maxNameWords is the longest passage, in words, that FieldName indexes: a
// query of more words is never a passage's name.
const maxNameWords = 5

// nameTerm returns the FieldName term of words (as surfaceWords gives
// them): their lightStems, space-separated, after any leading section
// numbers ("9.9. Generators" gives "generator"); "" for none or more than
// maxNameWords. A passage names a query when their terms are the same:
// the query's words and nothing else (a glossary's "decorator", the heading
// "9.9. Generators", the API entry "sys.argv").
func nameTerm(words []string) string {
	for len(words) > 0 && isNumber(words[0]) {
		words = words[1:]
	}
	if len(words) == 0 || len(words) > maxNameWords {
		return ""
	}
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = lightStem(w)
	}
	return strings.Join(keys, " ")
}

// stemOnly returns the passages among cands (sorted, each holding stem in
// the text) that hold stem only in other forms than typed's, read from
// FieldForms; nil when no other form shares the stem.
func (ix *Index) stemOnly(stem, typed string, cands []uint32, w *work) ([]uint32, error) {
	form := formOf(typed)
	term, cousins := "", false
	err := ix.fieldTerms(FieldForms, stem+formsSep, w, func(t string) bool {
		cousins = true
		if rest := t[len(stem)+len(formsSep):]; len(rest) > 1 && rest[1:] == form {
			term = t
			return false
		}
		return true
	})
	if err != nil || !cousins {
		return nil, err
	}
	if term == "" {
		return cands, nil // the corpus has the stem in other forms only
	}
	p, err := ix.postings(FieldForms, term, cands, false, w)
	if err != nil {
		return nil, err
	}
	if term[len(stem)+len(formsSep)] == formLacked {
		return p.ns, nil
	}
	return difference(cands, p.ns), nil
}

// fieldTerms calls visit with each term of field starting with prefix, in
// order, until it returns false, counting each as a unit of work.
func (ix *Index) fieldTerms(field, prefix string, w *work, visit func(term string) bool) error {
	d := ix.dictPrefix(field, prefix)
	for {
		t, _, ok, err := d.next()
		if err != nil || !ok {
			return err
		}
		if err := w.add(1); err != nil {
			return err
		}
		if !visit(t) {
			return nil
		}
	}
}

// rankPieces adds to want the row pieces that ranking reads for query n
// (see prefetchQuery): the FieldForms terms of its words, the FieldName
// term of the whole query, and the FieldDecl term of a query that is one
// identifier. A word corrected for a typo reads its own when it is ranked.
func (ix *Index) rankPieces(n *qnode, want map[int]bool) {
	var words []string
	var leaves []*qnode
	var walk func(n *qnode)
	walk = func(n *qnode) {
		switch n.kind {
		case nNot, nField:
			return
		case nWord, nPhrase:
			if n.prefix || n.fuzzy > 0 {
				leaves = append(leaves, n)
				return
			}
			terms, pos := ix.analyze(n.text)
			if len(terms) == 0 {
				return // a stop word
			}
			leaves = append(leaves, n)
			words = append(words, surfaceWords(n.text)...)
			if n.kind == nWord && len(terms) == 1 {
				if form, ok := surfaceAt(n.text)[pos[0]]; ok && wordy(form) {
					ix.rangePieces('d', FieldForms, terms[0]+formsSep, want)
					for _, mark := range []byte{formHeld, formLacked} {
						ix.rangePieces('t', FieldForms, terms[0]+formsSep+string(mark)+formOf(form)+"\xff", want)
					}
				}
			}
			return
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	if t := nameTerm(words); t != "" && len(words) <= maxNameWords {
		ix.termPieces(FieldName, t, want)
	}
	if len(leaves) == 1 && leaves[0].kind == nWord && !leaves[0].prefix && leaves[0].fuzzy == 0 && isIdent(leaves[0].text) {
		ix.termPieces(FieldDecl, strings.ToLower(leaves[0].text), want)
	}
}
