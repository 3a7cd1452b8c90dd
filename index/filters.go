package index

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// The token filters of the analyzers: bleve's English possessive, lower
// case, English stop word and snowball stemmer filters (analysis/lang/en
// and analysis/token/lowercase, v2.5.7), copied. Those packages register
// themselves in bleve's registry, which links bleve's search package, geo
// and json-iterator into app.wasm (about 1.1 MB, a tenth of it), though
// analyzing needs none of them. filters_test.go checks each copy against
// bleve's filter, natively, on the corpora's text and on fuzzed input; the
// stemmer itself is the library bleve calls (snowballstem).

// possessiveFilter strips the English possessive suffix ('s, ’s or ＇s,
// any case) from tokens, as bleve's possessive_en does.
type possessiveFilter struct{}

// Filter implements analysis.TokenFilter.
func (possessiveFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		last, lastSize := utf8.DecodeLastRune(token.Term)
		if last == 's' || last == 'S' {
			next, nextSize := utf8.DecodeLastRune(token.Term[:len(token.Term)-lastSize])
			if next == '’' || next == '\'' || next == '＇' {
				token.Term = token.Term[:len(token.Term)-lastSize-nextSize]
			}
		}
	}
	return input
}

// lowerCaseFilter lower-cases tokens as bleve's to_lower does: rune by
// rune, with a final Σ lowered to ς.
type lowerCaseFilter struct{}

// Filter implements analysis.TokenFilter.
func (lowerCaseFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		token.Term = toLower(token.Term)
	}
	return input
}

// toLower lower-cases s in place when every rune's lower case is no wider,
// else into a new slice.
func toLower(s []byte) []byte {
	j := 0
	for i := 0; i < len(s); {
		wid := 1
		r := rune(s[i])
		if r >= utf8.RuneSelf {
			r, wid = utf8.DecodeRune(s[i:])
		}
		l := unicode.ToLower(r)
		if l == r {
			i += wid
			j += wid
			continue
		}
		// The Greek Σ is ς at the end of a word (checked as bleve does:
		// its two bytes are the last).
		if l == 'σ' && i+2 == len(s) {
			l = 'ς'
		}
		lwid := utf8.RuneLen(l)
		if lwid > wid {
			// Only Ⱥ and Ⱦ grow; the rest goes to bytes.ToLower.
			rest := bytes.ToLower(s[i:])
			rv := make([]byte, j+len(rest))
			copy(rv[:j], s[:j])
			copy(rv[j:], rest)
			return rv
		}
		utf8.EncodeRune(s[j:], l)
		i += wid
		j += lwid
	}
	return s[:j]
}

// stopFilter drops English stop words, bleve's stop_en list.
type stopFilter struct{}

// Filter implements analysis.TokenFilter.
func (stopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	j := 0
	for _, token := range input {
		if !stopWords[string(token.Term)] {
			input[j] = token
			j++
		}
	}
	return input[:j]
}

// stopWords is bleve's English stop word list (analysis/lang/en
// stop_words_en.go, from Snowball's, BSD licensed).
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
i me my myself we our ours ourselves you your yours yourself
yourselves he him his himself she her hers herself it its itself they
them their theirs themselves what which who whom this that these those
am is are was were be been being have has had having do does did doing
would should could ought i'm you're he's she's it's we're they're i've
you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll
he'll she'll we'll they'll isn't aren't wasn't weren't hasn't haven't
hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't
cannot couldn't mustn't let's that's who's what's here's there's
when's where's why's how's a an the and but if or because as until
while of at by for with about against between into through during
before after above below to from up down in out on off over under
again further then once here there when where why how all any both
each few more most other some such no nor not only own same so than
too very`) {
		m[w] = true
	}
	return m
}()

// stemFilter stems English words with the Snowball stemmer, as bleve's
// stemmer_en_snowball does.
type stemFilter struct{}

// Filter implements analysis.TokenFilter.
func (stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		env := snowballstem.NewEnv(string(token.Term))
		english.Stem(env)
		token.Term = []byte(env.Current())
	}
	return input
}
