package search

import (
	"net/url"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestQueryURLRoundTrips(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		url  string
	}{
		{"no query is the start page", Query{}, "/"},
		{"words", Query{Q: "gross margin"}, "/?q=gross+margin"},
		{"filters", Query{Q: "margin", Doc: "d1", Date: "2026-03", Tag: "fact"}, "/?date=2026-03&doc=d1&q=margin&tag=fact"},
		{"the exact search", Query{Q: "Kingsfot", Exact: true}, "/?q=Kingsfot&exact=1"},
		{"exact without words says nothing", Query{Tag: "fact", Exact: true}, "/?tag=fact"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.URL(); got != tt.url {
				t.Fatalf("URL() = %q, want %q", got, tt.url)
			}
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			back := ParseQuery(u.Query())
			if tt.q.Q == "" {
				tt.q.Exact = false
			}
			if back != tt.q {
				t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.url, back, tt.q)
			}
		})
	}
}

func TestTypingReplacesTheHistoryEntry(t *testing.T) {
	tests := []struct {
		name       string
		prev, next string
		since      time.Duration
		push       bool
	}{
		{"the first letter on the start page is a new entry", "", "k", 0, true},
		{"the next letters of the word replace it", "k", "ki", 100 * time.Millisecond, false},
		{"a letter taken back replaces it", "kings", "king", 100 * time.Millisecond, false},
		{"clearing the box replaces it", "king", "", 100 * time.Millisecond, false},
		{"another query is a new entry", "EBITDA", "Kingsfot", 100 * time.Millisecond, true},
		{"typing on after a pause is a new entry", "gross", "gross margin", 3 * time.Second, true},
		{"the same query changes nothing", "margin", "margin ", time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pushes(tt.prev, tt.next, tt.since); got != tt.push {
				t.Errorf("pushes(%q, %q, %v) = %v, want %v", tt.prev, tt.next, tt.since, got, tt.push)
			}
		})
	}
}

func TestRequestPagesTheResults(t *testing.T) {
	if r := (Query{Q: "cloud"}).Request(nil, nil); r.Groups != groupsStep || r.PerGroup != perGroup {
		t.Errorf("a search asks for %d documents of %d passages, want %d of %d", r.Groups, r.PerGroup, groupsStep, perGroup)
	}
	if r := (Query{Q: "cloud", Doc: "d"}).Request(nil, nil); r.Groups != 1 || r.PerGroup != passagesStep || len(r.Docs) != 1 {
		t.Errorf("a search in one document asks for %d documents of %d passages, want 1 of %d", r.Groups, r.PerGroup, passagesStep)
	}
	if r := (Query{Tag: "fact"}).Request([]string{"p2", "p1"}, nil); r.Query != "*" || r.Passages[0] != "p1" {
		t.Errorf("a tag filter alone searches %q in %v, want every tagged passage, sorted", r.Query, r.Passages)
	}
	if r := (Query{Q: "x", Exact: true}).Request(nil, nil); !r.Exact {
		t.Error("the exact search corrects")
	}
}

func TestANewSearchShowsTheFirstScreenFirst(t *testing.T) {
	tests := []struct {
		name   string
		q      Query
		groups []int // each stage's documents
	}{
		{"a new search: the first screenful, then the rest", Query{Q: "cloud"}, []int{firstScreen, groupsStep}},
		{"with filters but every document", Query{Q: "cloud", Date: "2026", Tag: "fact"}, []int{firstScreen, groupsStep}},
		{"show more: the shown documents are on screen", Query{Q: "cloud", Groups: 2 * groupsStep}, []int{2 * groupsStep}},
		{"one document", Query{Q: "cloud", Doc: "d"}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, s := range tt.q.stages() {
				got = append(got, s.Request(nil, nil).Groups)
				if s.Q != tt.q.Q || s.Doc != tt.q.Doc || s.Date != tt.q.Date || s.Tag != tt.q.Tag || s.PerGroup != tt.q.PerGroup {
					t.Errorf("stage %+v searches something else than %+v", s, tt.q)
				}
			}
			if !slices.Equal(got, tt.groups) {
				t.Errorf("stages ask for %v documents, want %v", got, tt.groups)
			}
			if r := Request(tt.q.Q, tt.q.Doc, tt.q.Date, tt.q.Tag, nil); tt.q.Groups == 0 && r.Groups != tt.groups[0] {
				t.Errorf("Request asks for %d documents, want the first stage's %d", r.Groups, tt.groups[0])
			}
		})
	}
}

// TestRequestsAreThePagesStages checks that Requests makes the requests
// the page makes for a query with no filters, in turn, the first being
// Request's.
func TestRequestsAreThePagesStages(t *testing.T) {
	for _, q := range []string{"cloud", `"gross margin" -capex`, ""} {
		got := Requests(q)
		stages := (Query{Q: q}).stages()
		if len(got) != len(stages) {
			t.Fatalf("Requests(%q) makes %d requests, the page %d", q, len(got), len(stages))
		}
		for i, s := range stages {
			if want := s.Request(nil, nil); !reflect.DeepEqual(got[i], want) {
				t.Errorf("Requests(%q)[%d] = %+v, want %+v", q, i, got[i], want)
			}
		}
		if first := Request(q, "", "", "", nil); !reflect.DeepEqual(got[0], first) {
			t.Errorf("Requests(%q)[0] = %+v, Request makes %+v", q, got[0], first)
		}
	}
}
