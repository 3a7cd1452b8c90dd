//go:build !js

package index

import (
	"bytes"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/claimtag/claimtag/index/ingest"
)

// formsPlan says which FieldForms terms Build writes (see rankterms.go):
// for each stem that several forms share, each of its word forms (see
// wordy), and whether the passages holding that form are listed or those
// lacking it.
type formsPlan struct {
	stems map[string][]planForm
}

// planForm is one form of a stem in a formsPlan.
type planForm struct {
	form   string
	lacked bool // list the passages that hold the stem without the form
}

// planForms reads every passage of docs, analyzed by text (TextAnalyzer),
// and plans the FieldForms terms: a form's passages are listed unless those
// that hold its stem without it are fewer (and not none).
func planForms(docs []*ingest.Document, text analysis.Analyzer) *formsPlan {
	type pair [2]string           // stem, form
	stemCount := map[string]int{} // passages holding the stem
	formCount := map[pair]int{}   // passages holding the stem in the form
	seenStem, seenPair := map[string]bool{}, map[pair]bool{}
	fr := newFormReader(text)
	for _, d := range docs {
		for _, p := range d.Passages {
			clear(seenStem)
			clear(seenPair)
			fr.each([]byte(d.Text[p.ByteStart:p.ByteEnd]), func(stem, form string) {
				if !seenStem[stem] {
					seenStem[stem] = true
					stemCount[stem]++
				}
				if k := (pair{stem, form}); !seenPair[k] {
					seenPair[k] = true
					formCount[k]++
				}
			})
		}
	}
	pairs := make([]pair, 0, len(formCount))
	forms := map[string]int{} // forms per stem
	for k := range formCount {
		pairs = append(pairs, k)
		forms[k[0]]++
	}
	sort.Slice(pairs, func(i, j int) bool {
		return pairs[i][0] < pairs[j][0] || pairs[i][0] == pairs[j][0] && pairs[i][1] < pairs[j][1]
	})
	plan := &formsPlan{stems: map[string][]planForm{}}
	for _, k := range pairs {
		stem, form := k[0], k[1]
		if forms[stem] < 2 || !wordy(form) {
			continue
		}
		held := formCount[k]
		lacking := stemCount[stem] - held
		plan.stems[stem] = append(plan.stems[stem], planForm{form: form, lacked: lacking > 0 && lacking < held})
	}
	return plan
}

// formReader gives the stem and the form (see formOf) of each word of a
// passage text under TextAnalyzer. When the analyzer's filters act on each
// token alone, as TextAnalyzer's do (possessive, lower case, stop words,
// stemming), it tokenizes the text and takes each token's stem and form
// from a memo of the tokens seen before, which spares planForms a second
// full analysis of the corpus.
type formReader struct {
	text    analysis.Analyzer
	tok     analysis.Tokenizer // nil: analyze whole passages
	filters []analysis.TokenFilter
	stems   map[string]string // token term -> stem; "" for a stop word
	forms   map[string]string // word as written -> form
}

func newFormReader(text analysis.Analyzer) *formReader {
	r := &formReader{text: text, stems: map[string]string{}, forms: map[string]string{}}
	if a, ok := text.(*analysis.DefaultAnalyzer); ok && len(a.CharFilters) == 0 {
		r.tok, r.filters = a.Tokenizer, a.TokenFilters
	}
	return r
}

// each calls visit with the stem and form of each token of text.
func (r *formReader) each(text []byte, visit func(stem, form string)) {
	if r.tok == nil {
		for _, t := range r.text.Analyze(text) {
			visit(string(t.Term), r.form(text[t.Start:t.End]))
		}
		return
	}
	for _, t := range r.tok.Tokenize(text) {
		stem, ok := r.stems[string(t.Term)]
		if !ok {
			ts := analysis.TokenStream{{Term: append([]byte(nil), t.Term...), Start: t.Start, End: t.End, Position: 1, Type: t.Type}}
			for _, f := range r.filters {
				ts = f.Filter(ts)
			}
			if len(ts) > 0 {
				stem = string(ts[0].Term)
			}
			r.stems[string(t.Term)] = stem
		}
		if stem != "" {
			visit(stem, r.form(text[t.Start:t.End]))
		}
	}
}

func (r *formReader) form(word []byte) string {
	f, ok := r.forms[string(word)]
	if !ok {
		f = formOf(string(word))
		r.forms[string(word)] = f
	}
	return f
}

// terms returns the FieldForms terms of a passage text, given its tokens
// under TextAnalyzer, sorted.
func (p *formsPlan) terms(text []byte, toks analysis.TokenStream) []string {
	if p == nil {
		return nil
	}
	var present map[string]bool // stem+formsSep+form
	var stems []string
	for _, t := range toks {
		stem := string(t.Term)
		if p.stems[stem] == nil {
			continue
		}
		if present == nil {
			present = map[string]bool{}
		}
		if !present[stem] {
			present[stem] = true
			stems = append(stems, stem)
		}
		present[stem+formsSep+formOf(string(text[t.Start:t.End]))] = true
	}
	var out []string
	for _, stem := range stems {
		for _, f := range p.stems[stem] {
			has := present[stem+formsSep+f.form]
			switch {
			case f.lacked && !has:
				out = append(out, stem+formsSep+string(formLacked)+f.form)
			case !f.lacked && has:
				out = append(out, stem+formsSep+string(formHeld)+f.form)
			}
		}
	}
	sort.Strings(out)
	return out
}

// nameTerms returns the FieldName terms of a passage text: its nameTerm,
// if any.
func nameTerms(text []byte) []string {
	// Each run of non-spaces holding a letter holds a word that is not a
	// number: more than maxNameWords such runs, and the text names nothing
	// (a quick way past long passages).
	runs := 0
	for _, f := range bytes.Fields(text) {
		if bytes.IndexFunc(f, unicode.IsLetter) >= 0 {
			if runs++; runs > maxNameWords {
				return nil
			}
		}
	}
	if t := nameTerm(surfaceWords(string(text))); t != "" {
		return []string{t}
	}
	return nil
}

// maxDeclaration is the longest passage read as a declaration, in bytes.
const maxDeclaration = 240

// declTerms returns the FieldDecl terms of a passage text: each identifier
// the passage declares (see declares), lower-cased.
func declTerms(text string) []string {
	if len(text) > maxDeclaration {
		return nil
	}
	name, _, _, ok := declParse(text)
	if !ok {
		return nil
	}
	var out []string
	for i := 0; i < len(name); i++ {
		if i > 0 && name[i-1] != '.' {
			continue
		}
		if id := name[i:]; isIdent(id) && declares(text, id) {
			out = append(out, strings.ToLower(id))
		}
	}
	return out
}

// fixedTokens is an analyzer that returns tokens computed beforehand: Build
// analyzes a passage's text once for FieldText and FieldForms.
type fixedTokens analysis.TokenStream

// Analyze implements analysis.Analyzer; it ignores its input.
func (f fixedTokens) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(f) }

// termTokens returns one token per term, at positions 1, 2...
func termTokens(terms ...string) fixedTokens {
	out := make(fixedTokens, 0, len(terms))
	for i, t := range terms {
		out = append(out, &analysis.Token{Term: []byte(t), Start: 0, End: len(t), Position: i + 1, Type: analysis.AlphaNumeric})
	}
	return out
}
