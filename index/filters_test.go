//go:build !js

package index

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// filters.go copies bleve's token filters; these tests check the copies
// against bleve's own, natively (the app never links bleve's).

// bleveFilters returns bleve's filters of the given registry names.
func bleveFilters(tb testing.TB, names ...string) []analysis.TokenFilter {
	tb.Helper()
	c := registry.NewCache()
	var out []analysis.TokenFilter
	for _, name := range names {
		f, err := c.TokenFilterNamed(name)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// bleveAnalyzers are the analyzers as they were built from bleve's
// registered filters before filters.go, by name.
func bleveAnalyzers(tb testing.TB) map[string]analysis.Analyzer {
	tb.Helper()
	en := bleveFilters(tb, en.PossessiveName, lowercase.Name, en.StopName, en.SnowballStemmerName)
	kw, err := registry.NewCache().AnalyzerNamed(keyword.Name)
	if err != nil {
		tb.Fatal(err)
	}
	return map[string]analysis.Analyzer{
		TextAnalyzer:    &analysis.DefaultAnalyzer{Tokenizer: tokenizer{parts: true}, TokenFilters: en},
		QueryAnalyzer:   &analysis.DefaultAnalyzer{Tokenizer: tokenizer{parts: false}, TokenFilters: en},
		SurfaceAnalyzer: &analysis.DefaultAnalyzer{Tokenizer: tokenizer{parts: true}, TokenFilters: bleveFilters(tb, lowercase.Name)},
		keyword.Name:    kw,
	}
}

// ownAnalyzer is this package's analyzer of a name in bleveAnalyzers.
func ownAnalyzer(name string) analysis.Analyzer {
	if name == keyword.Name {
		return keywordAnalyzer
	}
	return analyzerNamed(name)
}

func showTokens(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%q@%d %d-%d %d; ", t.Term, t.Position, t.Start, t.End, t.Type)
	}
	return b.String()
}

func TestAnalyzersTokenizeAsBleveFiltersDo(t *testing.T) {
	var texts []string
	for _, d := range ingestSeeds(t) {
		texts = append(texts, d.Title, d.ID, d.Date)
		for _, p := range d.Passages {
			texts = append(texts, d.Text[p.ByteStart:p.ByteEnd])
		}
	}
	texts = append(texts, "She's So Rad: CLOUD’S James＇s ΣΊΣΥΦΟΣ ΌΣΟΣ Ⱥlpha Ⱦ İstanbul ǅ ß \xff\xfe broken's",
		"the and of I'm you're won't", "running runs ran RUNNER’S generously", "")
	generated, err := Open(generatedSnapshot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range generated.Documents() {
		texts = append(texts, generated.Text(d.ID))
	}
	for name, want := range bleveAnalyzers(t) {
		t.Run(name, func(t *testing.T) {
			got := ownAnalyzer(name)
			for _, text := range texts {
				if g, w := showTokens(got.Analyze([]byte(text))), showTokens(want.Analyze([]byte(text))); g != w {
					t.Fatalf("%q:\ngot  %s\nwant %s", text, g, w)
				}
			}
		})
	}
}

func TestStopWordsAreBleves(t *testing.T) {
	want := analysis.NewTokenMap()
	if err := want.LoadBytes(en.EnglishStopWords); err != nil {
		t.Fatal(err)
	}
	if len(stopWords) != len(want) {
		t.Errorf("got %d stop words, bleve has %d", len(stopWords), len(want))
	}
	for w := range want {
		if !stopWords[w] {
			t.Errorf("%q is missing", w)
		}
	}
}

// FuzzFilters checks each filter on one token of any bytes, and the
// analyzers on any text, against bleve's.
func FuzzFilters(f *testing.F) {
	for _, s := range []string{"Cloud’s", "James＇s", "ΣΊΣΥΦΟΣ", "Ⱥb", "JAMES'S", "\xffs'", "generously", "the", "'s", "İ", "ǅungla", "2,703.7%"} {
		f.Add(s)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		b := make([]byte, r.Intn(12))
		r.Read(b)
		f.Add(string(b))
	}
	pairs := []struct {
		own  analysis.TokenFilter
		name string
	}{
		{possessiveFilter{}, en.PossessiveName},
		{lowerCaseFilter{}, lowercase.Name},
		{stopFilter{}, en.StopName},
		{stemFilter{}, en.SnowballStemmerName},
	}
	bleve := bleveAnalyzers(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			want := bleveFilters(t, p.name)[0].Filter(analysis.TokenStream{{Term: []byte(s), Position: 1}})
			got := p.own.Filter(analysis.TokenStream{{Term: []byte(s), Position: 1}})
			if g, w := showTokens(got), showTokens(want); g != w {
				t.Fatalf("%s on %q: got %s, bleve's gives %s", p.name, s, g, w)
			}
		}
		for name, want := range bleve {
			if g, w := showTokens(ownAnalyzer(name).Analyze([]byte(s))), showTokens(want.Analyze([]byte(s))); g != w {
				t.Fatalf("%s on %q: got %s, bleve's gives %s", name, s, g, w)
			}
		}
	})
}
