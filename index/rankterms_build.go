//go:build !js

package index

import (
	"sort"
	"strings"

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
	stemCount := map[string]int{} // passages holding the stem
	formCount := map[string]int{} // passages holding stem+formsSep+form
	seen := map[string]bool{}
	for _, d := range docs {
		for _, p := range d.Passages {
			b := []byte(d.Text[p.ByteStart:p.ByteEnd])
			clear(seen)
			for _, t := range text.Analyze(b) {
				stem := string(t.Term)
				pair := stem + formsSep + formOf(string(b[t.Start:t.End]))
				if !seen[stem] {
					seen[stem] = true
					stemCount[stem]++
				}
				if !seen[pair] {
					seen[pair] = true
					formCount[pair]++
				}
			}
		}
	}
	pairs := make([]string, 0, len(formCount))
	forms := map[string]int{} // forms per stem
	for pair := range formCount {
		pairs = append(pairs, pair)
		stem, _, _ := strings.Cut(pair, formsSep)
		forms[stem]++
	}
	sort.Strings(pairs)
	plan := &formsPlan{stems: map[string][]planForm{}}
	for _, pair := range pairs {
		stem, form, _ := strings.Cut(pair, formsSep)
		if forms[stem] < 2 || !wordy(form) {
			continue
		}
		held := formCount[pair]
		lacking := stemCount[stem] - held
		plan.stems[stem] = append(plan.stems[stem], planForm{form: form, lacked: lacking > 0 && lacking < held})
	}
	return plan
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
	if t := nameTerm(surfaceWords(string(text))); t != "" {
		return []string{t}
	}
	return nil
}

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
