package index

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedSnapshotPath is the default corpus's snapshot, kept as a golden file:
// the wasm tests open it, and TestSeedSnapshotIsCurrent (native) checks that
// a fresh build gives the same bytes.
var seedSnapshotPath = filepath.Join("testdata", "seeds", "index.snap")

var (
	seedsOnce sync.Once
	seedsSnap []byte
	seedsErr  error
)

func seedSnapshot(tb testing.TB) []byte {
	tb.Helper()
	seedsOnce.Do(func() { seedsSnap, seedsErr = os.ReadFile(seedSnapshotPath) })
	if seedsErr != nil {
		tb.Fatalf("%v (run go test ./index -run TestSeedSnapshotIsCurrent -update)", seedsErr)
	}
	return seedsSnap
}

func openSeeds(tb testing.TB) *Index {
	tb.Helper()
	ix, err := Open(seedSnapshot(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// goldenSearch is one line of testdata/seeds/searches.json: the query and the
// hits it must return, in order.
type goldenSearch struct {
	Name  string   `json:"name"`
	Query string   `json:"query"`
	Docs  []string `json:"docs,omitempty"`
	Dates []string `json:"dates,omitempty"`
	// MustFind are documents that must be among the hits, EveryHitHas words
	// every hit must mark (case-insensitive), NoHitHas words no hit's text
	// may hold, and OnlyDocs the documents hits may come from: what the
	// user means, checked by hand, not by -update.
	MustFind    []string `json:"mustFind,omitempty"`
	EveryHitHas []string `json:"everyHitHas,omitempty"`
	NoHitHas    []string `json:"noHitHas,omitempty"`
	OnlyDocs    []string `json:"onlyDocs,omitempty"`
	// Corrected and AnyWord are the Result's (recorded by -update).
	Corrected string      `json:"corrected,omitempty"`
	AnyWord   bool        `json:"anyWord,omitempty"`
	Total     int         `json:"total"`
	Hits      []goldenHit `json:"hits"`
}

type goldenHit struct {
	Doc     string `json:"doc"`
	Passage string `json:"passage"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Marked  string `json:"marked"` // the matched words, joined by "|"
}

// TestGoldenSearches runs the table of searches natively and, under
// `GOOS=js GOARCH=wasm go test`, in WebAssembly: both must give the hits in
// testdata/seeds/searches.json.
func TestGoldenSearches(t *testing.T) {
	ix := openSeeds(t)
	path := filepath.Join("testdata", "seeds", "searches.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var table []goldenSearch
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range table {
		g := &table[i]
		t.Run(g.Name, func(t *testing.T) {
			res, err := ix.Search(Request{Query: g.Query, Docs: g.Docs, Dates: g.Dates, Size: 5})
			if err != nil {
				t.Fatal(err)
			}
			var got []goldenHit
			for _, h := range res.Hits {
				var marked []string
				r := []rune(h.Text)
				for _, m := range h.Matches {
					marked = append(marked, string(r[m.Start:m.End]))
				}
				got = append(got, goldenHit{Doc: h.Doc, Passage: h.Passage, Start: h.Start, End: h.End, Marked: strings.Join(marked, "|")})
			}
			for _, h := range res.Hits {
				marked := ""
				r := []rune(h.Text)
				for _, m := range h.Matches {
					marked += strings.ToLower(string(r[m.Start:m.End])) + "|"
				}
				for _, w := range g.EveryHitHas {
					if !strings.Contains(marked, strings.ToLower(w)) {
						t.Errorf("%q: hit %s marks %q, not %q", g.Query, h.Passage, marked, w)
					}
				}
				for _, w := range g.NoHitHas {
					if strings.Contains(strings.ToLower(h.Text), strings.ToLower(w)) {
						t.Errorf("%q: hit %s holds %q", g.Query, h.Passage, w)
					}
				}
				if len(g.OnlyDocs) > 0 && !slices.Contains(g.OnlyDocs, h.Doc) {
					t.Errorf("%q: hit %s is in %s, not in %v", g.Query, h.Passage, h.Doc, g.OnlyDocs)
				}
			}
			for _, d := range g.MustFind {
				found := false
				for _, h := range got {
					found = found || h.Doc == d
				}
				if !found {
					t.Errorf("%q: no hit in %s; got %+v", g.Query, d, got)
				}
			}
			if *update {
				g.Total, g.Hits, g.Corrected, g.AnyWord = res.Total, got, res.Corrected, res.AnyWord
				return
			}
			if res.Total != g.Total {
				t.Errorf("%q: got total %d, want %d", g.Query, res.Total, g.Total)
			}
			if res.Corrected != g.Corrected || res.AnyWord != g.AnyWord {
				t.Errorf("%q: got corrected %q, any word %v; want %q, %v", g.Query, res.Corrected, res.AnyWord, g.Corrected, g.AnyWord)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(g.Hits)
			if string(gj) != string(wj) {
				t.Errorf("%q:\n got %s\nwant %s", g.Query, gj, wj)
			}
		})
	}
	if *update {
		out, _ := json.MarshalIndent(table, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBadQueriesSayWhatToFix(t *testing.T) {
	ix := openSeeds(t)
	for _, q := range []string{`"unclosed phrase`, `cloud +`, `text:`, `cloud~9`} {
		t.Run(q, func(t *testing.T) {
			_, err := ix.Search(Request{Query: q})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("got %v, want a *QueryError", err)
			}
			if qe.Msg == "" || qe.Hint == "" {
				t.Errorf("got %+v, want a message and a hint", qe)
			}
		})
	}
}

func TestFacetsCountMatchingPassages(t *testing.T) {
	ix := openSeeds(t)
	res, err := ix.Search(Request{Query: "cloud", Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byDoc := map[string]int{}
	byDate := map[string]int{}
	for _, h := range res.Hits {
		byDoc[h.Doc]++
		byDate[h.Date]++
	}
	if len(res.Hits) != res.Total {
		t.Fatalf("got %d hits, want all %d", len(res.Hits), res.Total)
	}
	for _, f := range res.Docs {
		if byDoc[f.Value] != f.Count {
			t.Errorf("doc facet %s: got %d, want %d", f.Value, f.Count, byDoc[f.Value])
		}
	}
	for _, f := range res.Dates {
		if byDate[f.Value] != f.Count {
			t.Errorf("date facet %s: got %d, want %d", f.Value, f.Count, byDate[f.Value])
		}
	}
	if len(res.Docs) != len(byDoc) {
		t.Errorf("got %d doc facets, want %d", len(res.Docs), len(byDoc))
	}
}

func TestFiltersNarrowHits(t *testing.T) {
	ix := openSeeds(t)
	for _, req := range []Request{
		{Query: "cloud", Docs: []string{"001_bf618552857fbc22"}},
		{Query: "*", Dates: []string{"2026-03"}},
		{Query: "+cloud +date:2025"},
	} {
		res, err := ix.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("%+v: no hits", req)
		}
		for _, h := range res.Hits {
			if len(req.Docs) > 0 && h.Doc != req.Docs[0] {
				t.Errorf("%+v: hit in %s", req, h.Doc)
			}
			if len(req.Dates) > 0 && !strings.HasPrefix(h.Date, req.Dates[0]) {
				t.Errorf("%+v: hit dated %s", req, h.Date)
			}
			if strings.Contains(req.Query, "date:2025") && !strings.HasPrefix(h.Date, "2025") {
				t.Errorf("%+v: hit dated %s", req, h.Date)
			}
		}
	}
}

func TestPassageFilterKeepsOnlyThosePassages(t *testing.T) {
	ix := openSeeds(t)
	all, err := ix.Search(Request{Query: "cloud", Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	keep := []string{all.Hits[3].Passage, all.Hits[1].Passage, "p-unknown"}
	tests := []struct {
		name     string
		passages []string
		want     int
	}{
		{"known ids keep their passages", keep, 2},
		{"an empty list keeps nothing", []string{}, 0},
		{"unknown ids keep nothing", []string{"pnotapassage"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(Request{Query: "cloud", Passages: tt.passages})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Fatalf("got %d hits, want %d", res.Total, tt.want)
			}
			for _, h := range res.Hits {
				if h.Passage != keep[0] && h.Passage != keep[1] {
					t.Errorf("hit %s is not in the filter", h.Passage)
				}
			}
		})
	}
}

// TestSubsetsCountWhatEachPassageFilterKeeps checks Request.Subsets
// against the passage filter: each subset's count is the total of the
// same search filtered to that subset, with the other filters, a
// correction, and nothing found.
func TestSubsetsCountWhatEachPassageFilterKeeps(t *testing.T) {
	ix := openSeeds(t)
	all, err := ix.Search(Request{Query: "*", Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var every, odd []string
	for i, h := range all.Hits {
		every = append(every, h.Passage)
		if i%2 == 1 {
			odd = append(odd, h.Passage)
		}
	}
	subsets := map[string][]string{
		"first three":  every[:3],
		"odd":          odd,
		"with unknown": append([]string{"pnotapassage"}, every[len(every)-4:]...),
		"empty":        {},
	}
	doc := ix.Documents()[0].ID
	tests := []struct {
		name string
		req  Request
	}{
		{"every passage", Request{Query: "*"}},
		{"words", Request{Query: "cloud revenue"}},
		{"a document filter", Request{Query: "cloud", Docs: []string{doc}}},
		{"a passage filter", Request{Query: "cloud", Passages: odd}},
		{"a corrected word", Request{Query: "kingsfot"}},
		{"nothing found", Request{Query: "zzzqqqxxy"}},
		{"everything excluded", Request{Query: "cloud -cloud"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.Subsets = subsets
			res, err := ix.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Subsets) != len(subsets) {
				t.Fatalf("got %d subsets counted (%v), want %d", len(res.Subsets), res.Subsets, len(subsets))
			}
			plain, err := ix.Search(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(hitIDs(res.Hits)) != fmt.Sprint(hitIDs(plain.Hits)) || res.Total != plain.Total {
				t.Errorf("counting subsets changed the hits: %v (%d), without: %v (%d)", hitIDs(res.Hits), res.Total, hitIDs(plain.Hits), plain.Total)
			}
			for name, ids := range subsets {
				one := tt.req
				one.Passages = ids
				if tt.req.Passages != nil {
					one.Passages = intersectIDs(tt.req.Passages, ids)
				}
				want, err := ix.Search(one)
				if err != nil {
					t.Fatal(err)
				}
				if got := res.Subsets[name]; got != want.Total {
					t.Errorf("subset %q: counted %d, its filter shows %d", name, got, want.Total)
				}
			}
		})
	}
}

// hitIDs returns the hits' passages and scores, in order.
func hitIDs(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%s %.4f", h.Passage, h.Score))
	}
	return out
}

// intersectIDs returns the ids in both a and b.
func intersectIDs(a, b []string) []string {
	in := map[string]bool{}
	for _, id := range a {
		in[id] = true
	}
	out := []string{}
	for _, id := range b {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}
