package reader

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

func TestPassagesViewMarksTabStopsAndRepairs(t *testing.T) {
	p := testPassage()
	ann := func(id string, tag annotation.Tag, s string) workspace.Item {
		a, b := at(t, s)
		return testAnn(t, id, tag, "d", testDoc, a, b)
	}
	anns := []workspace.Item{ann("long", annotation.Opinion, "Revenue grew 20%. Margins"), ann("short", annotation.Fact, "grew")}
	ly := newLayers(anns, []provenance.Repair{{Start: 21, End: 22, From: "Ã\u0080", To: "%", Lossy: true}}, nil, span{})
	pg := &Page{focusSent: 1, matchAt: -1, focusAnn: "short", sents: p.Sentences}
	info := map[string]workspace.Item{"long": anns[0], "short": anns[1]}
	nodes := nest(segmentPassage(p, []rune(p.Text), ly), map[key]bool{})
	pg.decorate(nodes, ly, info)
	els := elements(t, apptest.Render(t, &passagesView{IPassages: []passageNodes{{ID: p.ID, Kind: "p", Start: p.Start, Nodes: nodes}}}))
	for _, want := range []map[string]string{
		{"tag": "p", "data-passage": "p1", "data-start": "6"},
		// each annotation's first mark is a Tab stop described by its tag
		{"tag": "mark", "data-ann": "long", "data-tag": "opinion", "class": "head", "tabindex": "0", "aria-describedby": "desc-opinion"},
		{"tag": "mark", "data-ann": "short", "data-tag": "fact", "class": "focused head", "tabindex": "0", "aria-describedby": "desc-fact"},
		// the rest of the long annotation, in the next sentence, is not
		{"tag": "mark", "data-ann": "long", "data-tag": "opinion", "title": "opinion", "text": "Margins", "tabindex": ""},
		// the focused sentence can take the focus
		{"tag": "span", "id": "s-s2", "class": "sentence active", "tabindex": "-1"},
		// the repair says what the file had, and shows it on focus
		{"tag": "span", "id": "r-0", "class": "repair", "tabindex": "-1", "data-original": "Ã⟨U+0080⟩", "text": "%",
			"title": "Repaired: shows “%”, the file had “Ã⟨U+0080⟩” (a best guess)."},
	} {
		found := false
		for _, el := range els {
			ok := true
			for k, v := range want {
				ok = ok && el[k] == v
			}
			found = found || ok
		}
		if !found {
			t.Errorf("no element %v among %v", want, els)
		}
	}
}

// elements lists the elements of an HTML fragment as attribute maps, with
// "tag" the element's name and "text" its text.
func elements(t *testing.T, s string) []map[string]string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return strings.TrimSpace(n.Data)
		}
		s := ""
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			s += text(c)
		}
		return s
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			m := map[string]string{"tag": n.Data, "text": text(n)}
			for _, a := range n.Attr {
				m[a.Key] = a.Val
			}
			out = append(out, m)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}
