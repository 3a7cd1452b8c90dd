package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// debounce is how long typing pauses before the search runs.
const debounce = 150 * time.Millisecond

// searchPage is "/": the search box, filters and ranked passages. The
// query and filters live in the URL (?q=&doc=&date=&tag=).
type searchPage struct {
	app.Compo
	chrome

	q, doc, date, tag string // from the URL
	draft             string // what the box holds
	typed             int    // bumped per keystroke, for the debounce
	seq               int    // bumped per search, to drop stale results

	res   *index.Result
	hits  []index.Hit
	total int
	qerr  *index.QueryError
	err   string
}

func newSearchPage() *searchPage { return &searchPage{} }

func (p *searchPage) OnPreRender(ctx app.Context) { p.readURL(ctx) }

func (p *searchPage) OnMount(ctx app.Context) {
	p.onWorkspace = p.search
	p.mountChrome(ctx, p.onKey)
}

func (p *searchPage) OnNav(ctx app.Context) {
	p.readURL(ctx)
	p.search(ctx)
	ctx.Page().SetTitle(p.title())
}

func (p *searchPage) title() string {
	if p.q == "" {
		return "claimtag"
	}
	return p.q + " · claimtag"
}

func (p *searchPage) readURL(ctx app.Context) {
	v := ctx.Page().URL().Query()
	p.q, p.doc, p.date, p.tag = v.Get("q"), v.Get("doc"), v.Get("date"), v.Get("tag")
	p.draft = p.q
}

func (p *searchPage) onKey(ctx app.Context, a keyAction, _ annotation.Tag) {
	switch a {
	case keyFocusSearch:
		app.Window().GetElementByID("search").Call("focus")
	case keyEscape:
		app.Window().GetElementByID("search").Call("blur")
	}
}

// request builds the search for the current URL. A tag filter becomes the
// index's passage filter, so counts and facets stay exact.
func (p *searchPage) request() index.Request {
	req := index.Request{Query: p.q, Size: 50}
	if p.doc != "" {
		req.Docs = []string{p.doc}
	}
	if p.date != "" {
		req.Dates = []string{p.date}
	}
	if p.tag != "" && p.ws != nil {
		req.Passages = []string{}
		for id := range p.ws.tagged(annotation.Tag(p.tag)) {
			req.Passages = append(req.Passages, id)
		}
		slices.Sort(req.Passages)
		if req.Query == "" {
			req.Query = "*"
		}
	}
	return req
}

// search runs the current query in the background.
func (p *searchPage) search(ctx app.Context) {
	if !p.ready() {
		return
	}
	p.seq++
	seq, req, ix := p.seq, p.request(), p.ws.ix
	if req.Query == "" {
		p.res, p.hits, p.qerr, p.err = nil, nil, nil, ""
		return
	}
	ctx.Async(func() {
		start := time.Now()
		res, err := ix.Search(req)
		browser.Measure("claimtag-search", start)
		ctx.Dispatch(func(ctx app.Context) {
			if seq != p.seq {
				return
			}
			p.showResult(res, err)
			if len(p.hits) > 0 {
				browser.Mark("claimtag-first-result")
			}
		})
	})
}

// showResult keeps a search result.
func (p *searchPage) showResult(res *index.Result, err error) {
	p.res, p.hits, p.total, p.qerr, p.err = nil, nil, 0, nil, ""
	if err != nil {
		if !errors.As(err, &p.qerr) {
			p.err = err.Error()
		}
		return
	}
	p.res, p.hits, p.total = res, res.Hits, res.Total
}

func (p *searchPage) onInput(ctx app.Context, e app.Event) {
	p.draft = ctx.JSSrc().Get("value").String()
	p.typed++
	typed := p.typed
	ctx.After(debounce, func(ctx app.Context) {
		if typed == p.typed && p.draft != p.q {
			ctx.Navigate(link(searchURL(p.draft, p.doc, p.date, p.tag)))
		}
	})
}

func (p *searchPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.typed++
	ctx.Navigate(link(searchURL(p.draft, p.doc, p.date, p.tag)))
}

func (p *searchPage) Render() app.UI {
	box := app.Form().Class("search").Role("search").OnSubmit(p.onSubmit).Body(
		app.Input().ID("search").Type("search").Name("q").Placeholder("Search the documents (press /)").
			Aria("label", "Search").AutoFocus(true).Value(p.draft).OnInput(p.onInput),
	)
	return p.renderChrome("", box, app.Div().Class("search-layout").Body(
		p.renderFilters(),
		app.Section().Class("results").Body(p.renderResults()),
	))
}

func (p *searchPage) renderResults() app.UI {
	switch {
	case p.qerr != nil:
		return app.Div().ID("query-error").Class("query-error").Role("alert").Body(
			app.P().Class("msg").Text("Query problem: "+p.qerr.Msg),
			app.P().Class("hint").Text("Hint: "+p.qerr.Hint),
		)
	case p.err != "":
		return app.P().ID("search-error").Class("query-error").Text("Search failed: " + p.err)
	case p.res == nil:
		return p.renderDocuments()
	}
	return app.Div().Body(
		app.P().ID("total").DataSet("total", p.total).Text(fmt.Sprintf("%d passages match", p.total)),
		app.If(p.total == 0, func() app.UI {
			fz := fuzzyQuery(p.q)
			return app.P().ID("no-hits").Body(
				app.Text("Nothing matches. "),
				app.If(fz != "", func() app.UI {
					return app.A().ID("fuzzy").Href(link(searchURL(fz, p.doc, p.date, p.tag))).Text("Try a fuzzy search: " + fz)
				}),
			)
		}),
		app.Ol().Class("hits").Body(
			app.Range(p.hits).Slice(func(i int) app.UI { return hitItem(p.hits[i], p.q) }),
		),
	)
}

// renderDocuments lists the corpus when nothing is searched.
func (p *searchPage) renderDocuments() app.UI {
	if !p.ready() {
		return app.Div()
	}
	docs := p.ws.ix.Documents()
	return app.Div().ID("documents").Body(
		app.P().Text(fmt.Sprintf("%d documents, %d passages. Type to search; press ? for shortcuts.", len(docs), p.ws.ix.Header().Passages)),
		app.Ul().Class("doc-list").Body(app.Range(docs).Slice(func(i int) app.UI {
			d := docs[i]
			return app.Li().Body(
				app.A().Href(link(docURL(d.ID, "", ""))).Text(d.Title),
				app.Span().Class("date").Text(" "+d.Date),
			)
		})),
	)
}

// hitItem renders one ranked passage, matched words as <mark> text.
func hitItem(h index.Hit, q string) app.UI {
	pieces := highlight(h.Text, h.Matches)
	return app.Li().Class("hit").DataSet("doc", h.Doc).DataSet("passage", h.Passage).Body(
		app.A().Class("hit-title").Href(link(docURL(h.Doc, h.Passage, q))).Text(h.Title),
		app.Span().Class("date").Text(h.Date),
		app.P().Class("hit-text").Body(app.Range(pieces).Slice(func(i int) app.UI {
			if pieces[i].Mark {
				return app.Mark().Text(pieces[i].Text)
			}
			return app.Text(pieces[i].Text)
		})),
	)
}

func (p *searchPage) renderFilters() app.UI {
	facet := func(title string, fs []index.Facet, cur string, label func(string) string, to func(string) string) app.UI {
		return app.Div().Class("facet").Body(
			app.H3().Text(title),
			app.Ul().Body(app.Range(fs).Slice(func(i int) app.UI {
				f := fs[i]
				v := f.Value
				if v == cur {
					v = ""
				}
				return app.Li().Body(app.A().Class(activeClass(f.Value == cur)).Href(link(to(v))).
					Text(fmt.Sprintf("%s (%d)", label(f.Value), f.Count)))
			})),
		)
	}
	var docs, dates []index.Facet
	if p.res != nil {
		docs, dates = p.res.Docs, coveredDates(p.res.Dates)
	}
	title := func(id string) string {
		if p.ws != nil {
			if d, ok := p.ws.ix.Document(id); ok {
				return d.Title
			}
		}
		return id
	}
	var tags []index.Facet
	for _, t := range annotation.Tags() {
		n := 0
		if p.ws != nil {
			n = len(p.ws.set.List(annotation.Filter{Tag: t}))
		}
		tags = append(tags, index.Facet{Value: string(t), Count: n})
	}
	same := func(s string) string { return s }
	return app.Aside().Class("filters").Body(
		app.If(len(docs) > 0, func() app.UI {
			return facet("Document", docs, p.doc, title, func(v string) string { return searchURL(p.q, v, p.date, p.tag) })
		}),
		app.If(len(dates) > 0, func() app.UI {
			return facet("Date", dates, p.date, same, func(v string) string { return searchURL(p.q, p.doc, v, p.tag) })
		}),
		facet("Tagged", tags, p.tag, same, func(v string) string { return searchURL(p.q, p.doc, p.date, v) }),
	)
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

func activeClass(on bool) string {
	if on {
		return "active"
	}
	return ""
}
