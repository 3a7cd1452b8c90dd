//go:build !js

package index

import (
	"html"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// highlight.go rewrites bleve's simple highlighter for a hit's fragment;
// these tests check that it writes what bleve's writes, natively (the app
// never links bleve's).

var bleveHighlighter = simplehl.NewHighlighter(simplefrag.NewFragmenter(fragmentRunes), htmlformat.NewFragmentFormatter("<mark>", "</mark>"), fragmentSep)

// bleveFragment is fragment as it was written with bleve's highlighter.
func bleveFragment(text string, spans []Span) string {
	if len(spans) == 0 {
		return html.EscapeString(truncate(text, 240))
	}
	dm := &search.DocumentMatch{ID: "0", Locations: search.FieldTermLocationMap{FieldText: search.TermLocationMap{}}}
	for i, s := range spans {
		dm.Locations[FieldText][strconv.Itoa(i)] = []*search.Location{{Pos: uint64(i + 1), Start: uint64(s.Start), End: uint64(s.End)}}
	}
	doc := document.NewDocument("0")
	doc.AddField(document.NewTextField(FieldText, nil, []byte(text)))
	if fr := bleveHighlighter.BestFragmentsInField(dm, doc, FieldText, 1); len(fr) > 0 {
		return fr[0]
	}
	return html.EscapeString(truncate(text, 240))
}

// randomSpans picks some of text's tokens as matches, merged as a search
// merges them.
func randomSpans(r *rand.Rand, text string) []Span {
	var spans []Span
	toks := textAnalyzer.Analyze([]byte(text))
	k := 1 + r.Intn(4)
	for _, tok := range toks {
		if r.Intn(len(toks)+1) < k {
			spans = append(spans, Span{tok.Start, tok.End})
		}
	}
	return mergeSpans(text, spans)
}

func TestFragmentsAreBleves(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var texts []string
	for _, d := range ingestSeeds(t) {
		for _, p := range d.Passages {
			texts = append(texts, d.Text[p.ByteStart:p.ByteEnd])
		}
		texts = append(texts, d.Text) // long texts: fragments well inside
	}
	long := strings.Repeat("word ", 100) + "<b>&'\"</b> target ünïcödé " + strings.Repeat("more words ", 60) + "target end"
	texts = append(texts, long, "target", "x \uFFFD target \uFFFD y", "a target at the very end target")
	compared := 0
	for _, text := range texts {
		for i := 0; i < 10; i++ {
			spans := randomSpans(r, text)
			if got, want := fragment(text, spans), bleveFragment(text, spans); got != want {
				t.Fatalf("%q %v:\ngot  %q\nwant %q", text, spans, got, want)
			}
			compared++
		}
	}
	for _, text := range []string{long, "x \uFFFD target \uFFFD y", "a target at the very end target"} {
		var spans []Span
		for i := strings.Index(text, "target"); i >= 0; {
			spans = append(spans, Span{i, i + len("target")})
			j := strings.Index(text[i+1:], "target")
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if got, want := fragment(text, spans), bleveFragment(text, spans); got != want {
			t.Fatalf("%q %v:\ngot  %q\nwant %q", text, spans, got, want)
		}
	}
	if compared < 500 {
		t.Errorf("compared only %d fragments", compared)
	}
}

// FuzzFragment checks fragment against bleve's highlighter on any text
// and spans (merged, as searches pass them).
func FuzzFragment(f *testing.F) {
	f.Add("Kingsoft Cloud’s revenue rose", 0, 8, 25, 29)
	f.Add(strings.Repeat("ab ", 200)+"c", 3, 5, 590, 600)
	f.Add("x\uFFFDy target", 0, 1, 6, 12)
	f.Add("\xffbad target", 5, 11, 0, 0)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		if len(text) == 0 {
			return
		}
		n := len(text) + 1
		mod := func(x int) int { return ((x % n) + n) % n }
		spans := mergeSpans(text, []Span{{mod(a), mod(b)}, {mod(c), mod(d)}})
		if got, want := fragment(text, spans), bleveFragment(text, spans); got != want {
			t.Fatalf("%q %v:\ngot  %q\nwant %q", text, spans, got, want)
		}
	})
}
