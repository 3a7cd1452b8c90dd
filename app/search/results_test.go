//go:build !(js && wasm)

package search

import (
	"errors"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/index"
	"golang.org/x/net/html"
)

// resultsIndex is three documents: cloud revenue in two, margins apart
// from revenue, so that queries correct, fall back and group.
func resultsIndex(t *testing.T) *index.Index {
	t.Helper()
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Cloud report\n\nCloud revenue grew 20% in Q1.\n\nThe cloud business kept growing.\n\nCapex fell.\n")},
		"b.txt": {Data: []byte("Margins note\n\nMargins will improve next year.\n\nRevenue of the cloud segment was flat.\n")},
		"c.txt": {Data: []byte("Weather\n\nRain is expected on Monday.\n")},
	}
	return apptest.IndexOf(t, fsys)
}

// page is rendered HTML, parsed.
type page struct{ root *html.Node }

// render renders c and parses it.
func render(t *testing.T, c *results) page {
	t.Helper()
	n, err := html.Parse(strings.NewReader(apptest.Render(t, c)))
	if err != nil {
		t.Fatal(err)
	}
	return page{n}
}

// all returns the elements for which keep is true, in document order.
func (p page) all(keep func(*html.Node) bool) []*html.Node {
	return apptest.Elements(p.root, keep)
}

func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(apptest.Attr(n, "class")), c)
}

// byClass returns the elements of class c.
func (p page) byClass(c string) []*html.Node {
	return p.all(func(n *html.Node) bool { return hasClass(n, c) })
}

// text returns the text of the element with the given id, spaces
// collapsed, or "" without one.
func (p page) text(id string) string {
	els := p.all(func(n *html.Node) bool { return apptest.Attr(n, "id") == id })
	if len(els) == 0 {
		return ""
	}
	return textOf(els[0])
}

var indent = regexp.MustCompile(`\n\s*`)

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(indent.ReplaceAllString(n.Data, "")) // go-app's, not the page's
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestResultsSayWhatTheQueryBecame(t *testing.T) {
	ix := resultsIndex(t)
	tests := []struct {
		name string
		q    Query
		want map[string]string // element id -> text it must hold ("" : absent)
	}{
		{"passages are counted by document, with plurals", Query{Q: "cloud"},
			map[string]string{"total": "4 passages in 2 documents", "corrected": "", "any-word": "", "did-you-mean": ""}},
		{"one passage is one passage", Query{Q: "capex"},
			map[string]string{"total": "1 passage in 1 document"}},
		{"a corrected word says what was searched and offers the words as typed", Query{Q: "revnue"},
			map[string]string{"corrected": "Showing results for revenue. Search instead for revnue.", "total": "2 passages in 2 documents"}},
		{"the exact search does not correct", Query{Q: "revnue", Exact: true},
			map[string]string{"corrected": "", "no-hits": "No passage matches “revnue”."}},
		{"words no passage holds together fall back to any of them, and say so", Query{Q: "margins capex"},
			map[string]string{"any-word": "No passage has all of the words", "total": "3 passages in 2 documents"}},
		{"a word too far to correct is offered as did you mean", Query{Q: "rvnue"},
			map[string]string{"did-you-mean": "Did you mean revenue?", "no-hits": "No passage matches “rvnue”.", "corrected": ""}},
		{"nothing under a filter offers every document", Query{Q: "rain", Doc: ix.Documents()[0].ID},
			map[string]string{"no-hits": "No passage matches “rain” with these filters.", "clear-filters": "Search every document"}},
		{"more documents than shown offers more", Query{Q: "cloud", Groups: 1},
			map[string]string{"more-docs": "Show more documents (1 of 2 shown)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(tt.q.Request(nil, nil))
			if err != nil {
				t.Fatal(err)
			}
			pg := render(t, &results{IQuery: tt.q, IRes: res})
			for id, want := range tt.want {
				got := pg.text(id)
				if want == "" && got != "" || !strings.Contains(got, want) {
					t.Errorf("#%s = %q, want %q", id, got, want)
				}
			}
		})
	}
}

func TestResultsGroupPassagesByDocument(t *testing.T) {
	ix := resultsIndex(t)
	q := Query{Q: "cloud"}
	res, err := ix.Search(q.Request(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	pg := render(t, &results{IQuery: q, IRes: res})
	groups := pg.byClass("group")
	if len(groups) != 2 {
		t.Fatalf("got %d groups, want 2", len(groups))
	}
	var counts []string
	for _, c := range pg.byClass("group-count") {
		counts = append(counts, textOf(c))
	}
	if want := []string{"3 matching passages", "1 matching passage"}; !slices.Equal(counts, want) {
		t.Errorf("group counts %q, want %q", counts, want)
	}
	// Each passage opens in the reader with the query, and marks its matches.
	hits := pg.byClass("hit")
	if len(hits) != 4 {
		t.Fatalf("got %d hits, want 4", len(hits))
	}
	for _, h := range hits {
		links := page{h}.byClass("hit-link")
		if len(links) != 1 {
			t.Fatalf("hit %s: %d links, want 1", apptest.Attr(h, "data-passage"), len(links))
		}
		u, err := url.Parse(apptest.Attr(links[0], "href"))
		if err != nil {
			t.Fatal(err)
		}
		if v := u.Query(); u.Path != "/doc" || v.Get("id") != apptest.Attr(h, "data-doc") || v.Get("p") != apptest.Attr(h, "data-passage") || v.Get("q") != "cloud" {
			t.Errorf("hit link %s, want the reader at passage %s of %s with the query", u, apptest.Attr(h, "data-passage"), apptest.Attr(h, "data-doc"))
		}
		marks := page{h}.all(func(n *html.Node) bool { return n.Data == "mark" })
		if len(marks) == 0 || !strings.EqualFold(textOf(marks[0]), "cloud") {
			t.Errorf("hit %s: marks %d, want cloud marked", apptest.Attr(h, "data-passage"), len(marks))
		}
	}
}

func TestQueryProblemShowsWhere(t *testing.T) {
	ix := resultsIndex(t)
	_, err := ix.Search(Query{Q: `cloud "unclosed`}.Request(nil, nil))
	var qe *index.QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("got %v, want a query error", err)
	}
	pg := render(t, &results{IQuery: Query{Q: qe.Query}, IQueryErr: qe})
	if msg := pg.text("query-error"); !strings.Contains(msg, "phrase is not closed") {
		t.Errorf("got %q, want the problem", msg)
	}
	at := pg.byClass("at")
	if len(at) != 1 || textOf(at[0]) != `"` {
		t.Errorf("want the opening quote marked as the place")
	}
}

func TestNoShowMoreWhileTheRestIsComing(t *testing.T) {
	ix := resultsIndex(t)
	q := Query{Q: "cloud", Groups: 1}
	res, err := ix.Search(q.Request(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, filling := range []bool{false, true} {
		got := render(t, &results{IQuery: q, IRes: res, IFilling: filling}).text("more-docs")
		if (got != "") == filling {
			t.Errorf("filling %v: #more-docs = %q", filling, got)
		}
	}
}

func TestTheFirstScreenIsTheTopOfTheResults(t *testing.T) {
	ix := resultsIndex(t)
	for _, q := range []string{"cloud", "revenue", "margins capex", "cloud OR rain"} {
		full, err := ix.Search(Query{Q: q}.Request(nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		first, err := ix.Search(Query{Q: q, Groups: 1}.Request(nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Groups) < 2 || len(first.Groups) != 1 {
			t.Fatalf("%q: %d and %d documents, want several and one", q, len(full.Groups), len(first.Groups))
		}
		if !reflect.DeepEqual(first.Groups[0], full.Groups[0]) || first.Total != full.Total || !reflect.DeepEqual(first.Docs, full.Docs) {
			t.Errorf("%q: the first screen shows %+v, the full search %+v first", q, first.Groups[0], full.Groups[0])
		}
	}
}
