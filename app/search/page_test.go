//go:build !(js && wasm)

package search

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
)

func TestCoveredDates(t *testing.T) {
	tests := []struct {
		name string
		in   []index.Facet
		want []index.Facet
	}{
		{"a month covers its days",
			[]index.Facet{{Value: "2026-03-10", Count: 44}, {Value: "2026-05-30", Count: 9}, {Value: "2026-03", Count: 5}},
			[]index.Facet{{Value: "2026-03", Count: 49}, {Value: "2026-03-10", Count: 44}, {Value: "2026-05-30", Count: 9}}},
		{"unrelated dates keep their counts",
			[]index.Facet{{Value: "2025-08", Count: 3}, {Value: "2026-03", Count: 3}},
			[]index.Facet{{Value: "2025-08", Count: 3}, {Value: "2026-03", Count: 3}}},
		{"no facets give none", nil, []index.Facet{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := coveredDates(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("coveredDates(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

var testIndex = apptest.Index

// openedWorkspace returns a workspace of Ada's over testIndex, its one
// document's ID and that document, opened.
func openedWorkspace(t *testing.T) (*index.Index, *workspace.Workspace, string, workspace.Contents) {
	t.Helper()
	ix := testIndex(t)
	w := workspace.New(chrome.NewCorpus(ix), workspace.Options{Creator: "Ada"})
	doc := ix.Documents()[0].ID
	c, err := w.Open(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return ix, w, doc, c
}

func TestTagFilterKeepsTheTaggedPassages(t *testing.T) {
	ix, w, doc, c := openedWorkspace(t)
	var target workspace.Passage
	for _, p := range c.Passages {
		if strings.Contains(p.Text, "EBITDA") {
			target = p
		}
	}
	s := target.Sentences[0]
	if _, err := w.Tag(workspace.Span{Doc: doc, Start: s.Start, End: s.End}, annotation.Fact); err != nil {
		t.Fatal(err)
	}
	tagged, err := w.TaggedPassages(context.Background(), annotation.Fact)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		req   index.Request
		want  int
		other bool // the one hit is the passage not tagged
	}{
		{name: "a query with the tag filter keeps the tagged passage", req: Request("revenue OR margins", "", "", "fact", tagged), want: 1},
		{name: "the tag filter alone lists the tagged passage", req: Request("", "", "", "fact", tagged), want: 1},
		{name: "a tag nobody used finds nothing", req: Request("revenue OR margins", "", "", "opinion", nil), want: 0},
		{name: "no filter finds both passages", req: Request("revenue OR margins", "", "", "", nil), want: 2},
		{name: "a tag: clause keeps the tagged passage", req: Query{Q: "(revenue OR margins) tag:fact"}.Request(nil, chrome.TagSpans(w)), want: 1},
		{name: "a -tag: clause keeps the others", req: Query{Q: "(revenue OR margins) -tag:fact"}.Request(nil, chrome.TagSpans(w)), want: 1, other: true},
		{name: "a tag: clause of a tag nobody used keeps nothing", req: Query{Q: "revenue tag:opinion"}.Request(nil, chrome.TagSpans(w)), want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Fatalf("got %d hits, want %d", res.Total, tt.want)
			}
			if tt.want == 1 && (res.Hits[0].Passage == target.ID) == tt.other {
				t.Errorf("got passage %s; the tagged one is %s", res.Hits[0].Passage, target.ID)
			}
		})
	}
}

func TestTaggedPassagesAreCachedUntilTheWorkspaceChanges(t *testing.T) {
	_, w, doc, c := openedWorkspace(t)
	tc := &taggedCache{}
	got := func() []string {
		t.Helper()
		ids, err := tc.passages(context.Background(), w, annotation.Fact)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if ids := got(); len(ids) != 0 {
		t.Fatalf("no annotation: got %v", ids)
	}
	p := c.Passages[len(c.Passages)-1]
	if _, err := w.Tag(workspace.Span{Doc: doc, Start: p.Start, End: p.Start + 3}, annotation.Fact); err != nil {
		t.Fatal(err)
	}
	if ids := got(); len(ids) != 1 || ids[0] != p.ID {
		t.Errorf("after tagging passage %s: got %v", p.ID, ids)
	}
}

// TestTagCountsAreWhatEachTagFilterShows checks countTags, which counts
// every tag in one search, against each tag's own filtered search: queries
// with and without filters, words no tagged passage holds together (the
// filter then shows passages with any of them), and a tag nobody used.
func TestTagCountsAreWhatEachTagFilterShows(t *testing.T) {
	ix := apptest.IndexOf(t, fstest.MapFS{
		"a.txt": {Data: []byte("Cloud report\n\nRevenue grew 20% on cloud demand.\n\nCloud margins improved.\n\nRevenue from services fell.\n\nThe outlook is uncertain.\n")},
		"b.txt": {Data: []byte("Market note\n\nCloud revenue will double, we think.\n\nMargins stay thin.\n")},
	})
	w := workspace.New(chrome.NewCorpus(ix), workspace.Options{Creator: "Ada"})
	tag := func(text string, tg annotation.Tag) string {
		t.Helper()
		for _, d := range ix.Documents() {
			c, err := w.Open(context.Background(), d.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range c.Passages {
				if strings.HasPrefix(p.Text, text) {
					if _, err := w.Tag(workspace.Span{Doc: d.ID, Start: p.Start, End: p.End}, tg); err != nil {
						t.Fatal(err)
					}
					return d.ID
				}
			}
		}
		t.Fatalf("no passage starts with %q", text)
		return ""
	}
	docA := tag("Revenue grew", annotation.Fact)
	tag("Cloud margins", annotation.Fact)
	tag("Cloud revenue will", annotation.Opinion)
	tag("Margins stay", annotation.Forecast)
	s := &chrome.Session{WS: w, Index: ix}
	tc := &taggedCache{}
	for _, q := range []Query{
		{Q: "revenue"},
		{Q: "cloud revenue"},
		{Q: "services thin"},
		{Q: "cloud margins"},
		{Q: "revenue OR cloud", Doc: docA},
		{Q: "revenue OR cloud", Doc: "no-such-document"},
		{Doc: docA},
		{Q: "revenue", Tag: "opinion"},
		{Tag: "fact"},
		{Q: "zzzqqqxxy"},
	} {
		t.Run(q.Q+"|"+q.Doc+"|"+q.Tag, func(t *testing.T) {
			got := countTags(context.Background(), s, tc, q)
			for _, tg := range annotation.Tags() {
				tagged, err := w.TaggedPassages(context.Background(), tg)
				if err != nil {
					t.Fatal(err)
				}
				one := q
				one.Tag = string(tg)
				res, err := ix.Search(one.Request(tagged, chrome.TagSpans(w)))
				if err != nil {
					t.Fatal(err)
				}
				if n, ok := got[string(tg)]; !ok || n != res.Total {
					t.Errorf("%s: counted %d (%v), its filter shows %d", tg, n, ok, res.Total)
				}
			}
		})
	}
}
