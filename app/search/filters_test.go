package search

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestBrowseShown(t *testing.T) {
	tests := []struct {
		name        string
		docs, extra int
		want        int
	}{
		{"a small corpus is listed whole", 4, 0, 4},
		{"exactly one step", browseStep, 0, browseStep},
		{"a large corpus: the first step", 497, 0, browseStep},
		{"one more step", 497, browseStep, 2 * browseStep},
		{"the last step shows what is left", 57, browseStep, 57},
		{"more asked than there is", 57, 10 * browseStep, 57},
		{"a negative count is no count", 497, -3, browseStep},
		{"no documents", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := browseShown(tt.docs, tt.extra); got != tt.want {
				t.Errorf("browseShown(%d, %d) = %d, want %d", tt.docs, tt.extra, got, tt.want)
			}
		})
	}
}

// TestDocListHTML parses the browse list back as a browser would and
// checks that each document's title, date and address come out exactly as
// they went in, whatever the title holds.
func TestDocListHTML(t *testing.T) {
	tests := []struct {
		name   string
		doc    workspace.Document
		prefix string
	}{
		{"plain", workspace.Document{ID: "001_bf618552857fbc22", Title: "Kingsoft Cloud (KC): Q1 2026", Date: "2026-05-28"}, ""},
		{"markup in the title stays text", workspace.Document{ID: "x", Title: `<script>alert(1)</script><img src=x onerror="alert(2)">`, Date: "2026"}, ""},
		{"quotes and ampersands", workspace.Document{ID: `a"b&c'd`, Title: `"Q&A" & 'notes'`, Date: `2026-01-02"><b>`}, ""},
		{"a link closed early", workspace.Document{ID: "y", Title: `a</a></li></ul><p>injected`}, ""},
		{"under a base path", workspace.Document{ID: "z z", Title: "金山云 · 東京 ½ €"}, "/claimtag"},
		{"no date", workspace.Document{ID: "w", Title: "Undated"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := docListHTML([]workspace.Document{tt.doc, {ID: "next", Title: "Next"}}, tt.prefix)
			nodes, err := html.ParseFragment(strings.NewReader(got), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
			if err != nil {
				t.Fatal(err)
			}
			if len(nodes) != 1 || nodes[0].Data != "ul" {
				t.Fatalf("%s: want one <ul>", got)
			}
			var items []*html.Node
			for li := nodes[0].FirstChild; li != nil; li = li.NextSibling {
				items = append(items, li)
			}
			if len(items) != 2 {
				t.Fatalf("%s: %d items, want 2", got, len(items))
			}
			a, date := items[0].FirstChild, items[0].LastChild
			if a == nil || a.Data != "a" || a.FirstChild == nil || a.FirstChild.NextSibling != nil || a.FirstChild.Type != html.TextNode {
				t.Fatalf("%s: the first item is not one link holding text", got)
			}
			if a.FirstChild.Data != tt.doc.Title {
				t.Errorf("title %q, want %q", a.FirstChild.Data, tt.doc.Title)
			}
			if len(a.Attr) != 1 || a.Attr[0].Key != "href" || a.Attr[0].Val != tt.prefix+chrome.DocURL(tt.doc.ID, "", "") {
				t.Errorf("attributes %v, want href=%q", a.Attr, tt.prefix+chrome.DocURL(tt.doc.ID, "", ""))
			}
			if date.Data != "span" || date.FirstChild == nil || date.FirstChild.Data != " "+tt.doc.Date {
				t.Errorf("the date is not a span holding %q", " "+tt.doc.Date)
			}
		})
	}
}
