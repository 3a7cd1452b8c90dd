package search

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderFilters renders the facets: the documents and dates of the
// matching passages, and the tags, each with the number of passages its
// link shows. The active value's link drops the filter.
func (p *Page) renderFilters() app.UI {
	facet := func(title string, fs []index.Facet, cur string, label func(string) string, with func(Query, string) Query) app.UI {
		return app.Div().Class("facet").Body(
			app.H2().Text(title),
			app.Ul().Body(app.Range(fs).Slice(func(i int) app.UI {
				f := fs[i]
				v := f.Value
				if v == cur {
					v = ""
				}
				to := with(Query{Q: p.cur.Q, Doc: p.cur.Doc, Date: p.cur.Date, Tag: p.cur.Tag, Exact: p.cur.Exact}, v)
				text := label(f.Value)
				if f.Count >= 0 {
					text = fmt.Sprintf("%s (%d)", text, f.Count)
				}
				return app.Li().Body(app.A().Class(chrome.ActiveClass(f.Value == cur)).Href(chrome.Link(to.URL())).Text(text))
			})),
		)
	}
	var docs, dates []index.Facet
	if p.res != nil && !p.cur.Empty() {
		docs, dates = p.res.Docs, coveredDates(p.res.Dates)
	}
	s := p.Session()
	title := func(id string) string {
		if s != nil {
			if d, ok := s.WS.Document(id); ok {
				return d.Title
			}
		}
		return id
	}
	var tags []index.Facet
	for _, t := range annotation.Tags() {
		n, ok := p.tagCounts[string(t)]
		if !ok {
			n = -1 // not counted yet
		}
		tags = append(tags, index.Facet{Value: string(t), Count: n})
	}
	same := func(s string) string { return s }
	return app.Aside().Class("filters").Aria("label", "Filters").Body(
		app.If(len(docs) > 0, func() app.UI {
			return facet("Document", docs, p.cur.Doc, title, func(q Query, v string) Query { q.Doc = v; return q })
		}),
		app.If(len(dates) > 0, func() app.UI {
			return facet("Date", dates, p.cur.Date, same, func(q Query, v string) Query { q.Date = v; return q })
		}),
		facet("Tagged", tags, p.cur.Tag, same, func(q Query, v string) Query { q.Tag = v; return q }),
	)
}

// browseStep is how many documents the list shows at first and how many
// more each "Show more" adds: a corpus of thousands of documents would
// otherwise put thousands of links in the DOM before the first keystroke
// is answered (the wasm renders them all on the one thread that searches).
const browseStep = 50

// browseShown returns how many of n documents the list shows when extra
// more than the first browseStep were asked for.
func browseShown(n, extra int) int { return min(n, browseStep+max(extra, 0)) }

// renderDocuments lists the corpus when nothing is searched: the first
// documents, and a button that shows more.
func (p *Page) renderDocuments() app.UI {
	s := p.Session()
	if s == nil {
		return app.Div()
	}
	docs := s.WS.Documents()
	passages := 0
	for _, d := range docs {
		passages += d.Passages
	}
	shown := browseShown(len(docs), p.listed)
	prefix := chrome.Link("")
	return app.Div().ID("documents").Body(
		app.P().Text(fmt.Sprintf("%s, %s. Type to search; press ? for shortcuts.",
			chrome.Count(len(docs), "document", "documents"), chrome.Count(passages, "passage", "passages"))),
		app.Raw(docListHTML(docs[:shown], prefix)),
		app.If(shown < len(docs), func() app.UI {
			more := min(browseStep, len(docs)-shown)
			return app.P().Body(
				app.Text(fmt.Sprintf("Showing %d of %d documents. ", shown, len(docs))),
				app.Button().ID("more-documents").Type("button").
					Text(fmt.Sprintf("Show %d more", more)).
					OnClick(func(ctx app.Context, e app.Event) {
						// The button may go with the last step: the focus moves
						// to the first document it showed, where reading goes on.
						p.listed += browseStep
						browser.FocusWhenThere(fmt.Sprintf("#documents li:nth-child(%d) a", shown+1))
					}),
			)
		}),
	)
}

// docListHTML is the browse list of docs as one <ul>, each document a
// link (under the site's base path prefix) and its date, every title and
// address escaped. The page shows it with app.Raw, one call into the
// browser: go-app builds an element node by node, several calls into
// JavaScript each, and 50 documents took tens of milliseconds of the
// thread that answers the first search (go-app's click handler on window
// follows these links as it does the others).
func docListHTML(docs []workspace.Document, prefix string) string {
	var b strings.Builder
	b.WriteString(`<ul class="doc-list">`)
	for _, d := range docs {
		b.WriteString(`<li><a href="`)
		b.WriteString(html.EscapeString(prefix + chrome.DocURL(d.ID, "", "")))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(d.Title))
		b.WriteString(`</a><span class="date"> `)
		b.WriteString(html.EscapeString(d.Date))
		b.WriteString(`</span></li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// coveredDates returns the date facets fs with each count raised to what
// its link shows: the date filter matches prefixes, so 2026-03 also takes
// the passages dated 2026-03-10. The result is sorted like fs, largest
// count first, ties by value.
func coveredDates(fs []index.Facet) []index.Facet {
	out := make([]index.Facet, len(fs))
	for i, f := range fs {
		out[i] = index.Facet{Value: f.Value}
		for _, g := range fs {
			if strings.HasPrefix(g.Value, f.Value) {
				out[i].Count += g.Count
			}
		}
	}
	slices.SortStableFunc(out, func(a, b index.Facet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}
