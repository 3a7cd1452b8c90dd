package index

import (
	"context"
	"errors"
	"testing"
)

func TestTagClauseCountsEveryTaggedMatch(t *testing.T) {
	ix := openSeeds(t)
	all, err := ix.Search(Request{Query: "cloud", Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// Tag two passages as facts, as the app's annotations would.
	tagged := []DocSpan{{all.Hits[2].Doc, all.Hits[2].Start + 1, all.Hits[2].Start + 5}, {all.Hits[7].Doc, all.Hits[7].Start, all.Hits[7].End}}
	tags := func(tag string) []DocSpan {
		if tag == "fact" {
			return tagged
		}
		return nil
	}
	tests := []struct {
		name string
		req  Request
		want int
	}{
		{"tag:fact keeps the tagged matches", Request{Query: "cloud tag:fact", Tags: tags}, 2},
		{"an unused tag keeps none", Request{Query: "cloud tag:opinion", Tags: tags}, 0},
		{"-tag:fact keeps the others", Request{Query: "cloud -tag:fact", Tags: tags}, all.Total - 2},
		{"a span filter keeps the overlapping passages", Request{Query: "cloud", Spans: tagged}, 2},
		{"an empty span filter keeps nothing", Request{Query: "cloud", Spans: []DocSpan{}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Errorf("got %d, want %d", res.Total, tt.want)
			}
			n := 0
			for _, f := range res.Docs {
				n += f.Count
			}
			if n != res.Total {
				t.Errorf("facets count %d, want the total %d", n, res.Total)
			}
		})
	}
	if _, err := ix.Search(Request{Query: "cloud tag:fact"}); err == nil {
		t.Error("tag: without Request.Tags: got no error")
	}
}

func TestGroupsRankDocumentsWithTheirBestPassages(t *testing.T) {
	ix := openSeeds(t)
	res, err := ix.Search(Request{Query: "cloud", Explain: true, PerGroup: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) == 0 || res.Groups[0].Doc != res.Hits[0].Doc {
		t.Fatalf("the first group %+v is not the first hit's document", res.Groups)
	}
	for i, g := range res.Groups {
		if i > 0 && g.Score > res.Groups[i-1].Score {
			t.Errorf("group %d scores %f, more than the one before", i, g.Score)
		}
		if len(g.Hits) == 0 || len(g.Hits) > 2 || g.Explain == nil || g.Explain.Score != g.Score {
			t.Errorf("group %s: %d hits, explanation %+v", g.Doc, len(g.Hits), g.Explain)
		}
	}
}

func TestHighlightsMarkEveryMatchOfADocument(t *testing.T) {
	ix := openSeeds(t)
	doc := "000_e8a7284548e64c77"
	spans, err := ix.Highlights(context.Background(), Request{Query: "Kingsfot"}, doc)
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(ix.Text(doc))
	if len(spans) < 20 {
		t.Fatalf("got %d spans, want every Kingsoft", len(spans))
	}
	for i, s := range spans {
		if got := string(text[s.Start:s.End]); got != "Kingsoft" {
			t.Errorf("span %d marks %q", i, got)
		}
		if i > 0 && s.Start < spans[i-1].End {
			t.Errorf("span %d is out of order", i)
		}
	}
}

func TestCancelledSearchStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := openSeeds(t).SearchContext(ctx, Request{Query: "cloud OR margin OR revenue OR growth", MaxWork: 1 << 30})
	// The seeds are small: a cancelled search may finish before it looks.
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want nil or context.Canceled", err)
	}
}

func TestCorrectionAndSuggestion(t *testing.T) {
	ix := openSeeds(t)
	res, err := ix.Search(Request{Query: "Kingsfot margn"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Corrected != "Kingsoft margin" || len(res.Corrections) != 2 || res.Corrections[0].From != "Kingsfot" {
		t.Errorf("got corrected %q %+v, want Kingsoft margin", res.Corrected, res.Corrections)
	}
	exact, err := ix.Search(Request{Query: "Kingsfot", Exact: true})
	if err != nil || exact.Total != 0 || exact.Corrected != "" || exact.Suggestion != "Kingsoft" {
		t.Errorf("exact: got %+v %v, want nothing, no correction and Kingsoft as did you mean", exact, err)
	}
	// "Kingsfoot" is three edits from Kingsoft: too far to correct, near
	// enough to suggest.
	s, err := ix.Search(Request{Query: "Kngsfoot"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total != 0 || s.Suggestion != "Kingsoft" {
		t.Errorf("got %d hits, suggestion %q; want none and Kingsoft", s.Total, s.Suggestion)
	}
}

// TestAWordBeingTypedIsCompleted checks that a word matching nothing that
// begins words of the corpus is completed to the most frequent of them,
// before words a few edits away, and that a word beginning none is still
// corrected by edits.
func TestAWordBeingTypedIsCompleted(t *testing.T) {
	ix := openSeeds(t)
	tests := []struct {
		name, q, want string // want: the query searched instead ("" for none)
	}{
		{"a nearer word by edits loses to the word being typed", "marg", "margin"},
		{"the most frequent completion", "capi", "capital"},
		{"too many edits away to correct, completed", "infrastruc", "infrastructure"},
		{"case as typed", "Kingso", "Kingsoft"},
		{"a word of two letters is not completed", "ki", ""},
		{"a word beginning none is corrected by edits", "revnue", "revenue"},
		{"each word of a query", "infrastruc marg", "infrastructure margin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(Request{Query: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if res.Corrected != tt.want {
				t.Errorf("%q: showing results for %q, want %q", tt.q, res.Corrected, tt.want)
			}
			if tt.want != "" && res.Total == 0 {
				t.Errorf("%q: corrected to %q, which matches nothing", tt.q, res.Corrected)
			}
		})
	}
}
