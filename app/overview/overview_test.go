//go:build !(js && wasm)

package overview

// These tests build an index of the default corpus, which index.Build
// does natively only.

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

var reviewTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var (
	corpusOnce sync.Once
	corpusIx   *index.Index
	corpusErr  error
)

// defaultIndex opens an index of the default corpus in build/corpus.
func defaultIndex(tb testing.TB) *index.Index {
	tb.Helper()
	corpusOnce.Do(func() {
		rep, err := ingest.Dir("../../build/corpus", ingest.Options{})
		if err != nil {
			corpusErr = err
			return
		}
		data, _, err := index.Build(rep.Documents, index.BuildOptions{})
		if err != nil {
			corpusErr = err
			return
		}
		corpusIx, corpusErr = index.Open(data)
	})
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusIx
}

// onPassage tags the first occurrence of quote in the corpus.
func onPassage(tb testing.TB, ix *index.Index, id, creator string, tag annotation.Tag, quote string) annotation.Annotation {
	tb.Helper()
	for _, d := range ix.Documents() {
		text := []rune(ix.Text(d.ID))
		if i := strings.Index(string(text), quote); i >= 0 {
			start := len([]rune(string(text)[:i]))
			anc, err := annotation.AnchorRunes(d.ID, "", text, start, start+len([]rune(quote)))
			if err != nil {
				tb.Fatal(err)
			}
			return annotation.Annotation{ID: id, Tag: tag, Creator: creator, Created: reviewTime, Anchor: anc}
		}
	}
	tb.Fatalf("no %q in the corpus", quote)
	return annotation.Annotation{}
}

func TestTagSearch(t *testing.T) {
	ix := defaultIndex(t)
	as := []annotation.Annotation{
		onPassage(t, ix, "u1", "ann", annotation.Unverified, "low-margin CDN business"),
		onPassage(t, ix, "u2", "bob", annotation.Forecast, "low-margin CDN business"),
		onPassage(t, ix, "u3", "ann", annotation.Unverified, "Kingsoft Cloud"),
	}
	tests := []struct {
		name    string
		q       tagQuery
		want    int  // hits
		atLeast bool // want is a minimum
	}{
		{name: "unverified passages mentioning margin", q: tagQuery{Query: "margin", Tag: annotation.Unverified}, want: 1},
		{name: "a creator narrows further", q: tagQuery{Query: "margin", Tag: annotation.Unverified, Creator: "bob"}, want: 0},
		{name: "forecasts by bob mentioning margin", q: tagQuery{Query: "margin", Tag: annotation.Forecast, Creator: "bob"}, want: 1},
		{name: "an empty query lists every tagged passage", q: tagQuery{Tag: annotation.Unverified}, want: 2},
		{name: "a tag nobody used finds nothing", q: tagQuery{Query: "margin", Tag: annotation.Fact}, want: 0},
		{name: "no filter keeps every hit", q: tagQuery{Query: "margin"}, want: 2, atLeast: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tagSearch(ix, as, tt.q, 0)
			if err != nil {
				t.Fatal(err)
			}
			hits := res.Hits
			if res.Total < len(hits) || !tt.atLeast && res.Total != tt.want {
				t.Errorf("got total %d for %d hits, want %d", res.Total, len(hits), tt.want)
			}
			if len(hits) != tt.want && !(tt.atLeast && len(hits) >= tt.want) {
				t.Fatalf("got %d hits, want %d", len(hits), tt.want)
			}
			for _, h := range hits {
				if tt.q.Tag != "" && (len(h.Annotations) == 0 || h.Annotations[0].Tag != tt.q.Tag) {
					t.Errorf("got hit %s with annotations %v, want tag %s", h.Hit.Passage, h.Annotations, tt.q.Tag)
				}
			}
		})
	}
}

func TestTagSearchCountsEveryMatch(t *testing.T) {
	ix := defaultIndex(t)
	// Every passage of the corpus is tagged: far more than a page of hits.
	var as []annotation.Annotation
	n := 0
	for _, d := range ix.Documents() {
		text := []rune(ix.Text(d.ID))
		for _, p := range ix.Passages(d.ID) {
			anc, err := annotation.AnchorRunes(d.ID, p.ID, text, p.Start, p.End)
			if err != nil {
				t.Fatal(err)
			}
			as = append(as, annotation.Annotation{ID: fmt.Sprint("a", n), Tag: annotation.Fact, Creator: "ann", Created: reviewTime, Anchor: anc})
			n++
		}
	}
	if n <= tagSearchPage {
		t.Fatalf("the corpus has %d passages, want more than a page (%d)", n, tagSearchPage)
	}
	seen := map[string]bool{}
	for from := 0; ; {
		res, err := tagSearch(ix, as, tagQuery{Tag: annotation.Fact}, from)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != n {
			t.Fatalf("got total %d, want every tagged passage, %d", res.Total, n)
		}
		if len(res.Hits) == 0 {
			break
		}
		for _, h := range res.Hits {
			seen[h.Hit.Doc+"/"+h.Hit.Passage] = true
		}
		from += len(res.Hits)
	}
	if len(seen) != n {
		t.Errorf("got %d passages over every page, want %d", len(seen), n)
	}
}

func TestBarChartNeedsNoInlineStyle(t *testing.T) {
	// The site's Content-Security-Policy (style-src 'self') blocks <style>
	// elements, and docsSection inserts the chart as raw HTML.
	svg := arev.SVGBarChart(map[annotation.Tag]int{annotation.Fact: 2})
	if strings.Contains(svg, "<style") || strings.Contains(svg, "style=") {
		t.Errorf("got inline style in %s", svg)
	}
}

func TestDocsSectionLinksUnverifiedClaimsToTheirPassage(t *testing.T) {
	const text = "Revenue grew 12% in Q1 thanks to cloud demand. Margins will improve next year as costs fall, the CFO said."
	c := arev.NewCorpus(arev.Document{ID: "d1", Title: "Report", Text: text,
		Passages: []arev.Passage{{ID: "p1", Start: 0, End: 46}, {ID: "p2", Start: 47, End: len(text)}}})
	i := strings.Index(text, "the CFO said")
	anc, err := annotation.NewAnchor("d1", "p2", text, i, i+len("the CFO said"))
	if err != nil {
		t.Fatal(err)
	}
	a := annotation.Annotation{ID: "u1", Tag: annotation.Unverified, Creator: "me", Created: reviewTime, Anchor: anc}
	e := goapp.NewTestEngine()
	comp := &docsSection{Iov: arev.NewOverview([]annotation.Annotation{a}, c)}
	if err := e.Load(comp); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	html := goapp.HTMLString(comp)
	for _, w := range []string{"<svg", ">unverified<", `href="/doc?id=d1&p=p2"`, `data-passages="1"`} {
		if !strings.Contains(html, w) {
			t.Errorf("got no %q in\n%s", w, html)
		}
	}
}
