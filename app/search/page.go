package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// debounce is how long typing pauses before the search runs.
const debounce = 150 * time.Millisecond

// Page is "/": the search box, filters and ranked passages. The query and
// filters live in the URL (?q=&doc=&date=&tag=).
type Page struct {
	app.Compo
	frame

	q, doc, date, tag string // from the URL
	draft             string // what the box holds
	typed             int    // bumped per keystroke, for the debounce
	seq               int    // bumped per search, to drop stale results
	searched          string // the request the results are for

	res   *index.Result
	hits  []index.Hit
	total int
	qerr  *index.QueryError
	err   string
}

// New returns the search page.
func New() *Page { return &Page{} }

// OnPreRender reads the URL, for the prerendered page.
func (p *Page) OnPreRender(ctx app.Context) { p.readURL(ctx) }

// OnMount subscribes to the session and the keyboard.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: p.onSession})
}

// OnNav runs the URL's search.
func (p *Page) OnNav(ctx app.Context) {
	p.readURL(ctx)
	p.search(ctx)
	ctx.Page().SetTitle(p.title())
}

func (p *Page) title() string {
	if p.q == "" {
		return "claimtag"
	}
	return p.q + " · claimtag"
}

func (p *Page) readURL(ctx app.Context) {
	v := ctx.Page().URL().Query()
	p.q, p.doc, p.date, p.tag = v.Get("q"), v.Get("doc"), v.Get("date"), v.Get("tag")
	p.draft = p.q
}

// onSession searches once the session is there; later changes to the
// annotations only matter to a tag filter.
func (p *Page) onSession(ctx app.Context) {
	if p.searched == "" || p.tag != "" {
		p.search(ctx)
	}
}

func (p *Page) onKey(ctx app.Context, a chrome.Key, _ annotation.Tag) {
	switch a {
	case chrome.KeyFocusSearch:
		app.Window().GetElementByID("search").Call("focus")
	case chrome.KeyEscape:
		app.Window().GetElementByID("search").Call("blur")
	}
}

// Request builds the search for a query and filters. A tag filter
// becomes the index's passage filter (tagged: the passages holding an
// annotation with that tag), so counts and facets stay exact.
func Request(q, doc, date, tag string, tagged []string) index.Request {
	req := index.Request{Query: q, Size: 50}
	if doc != "" {
		req.Docs = []string{doc}
	}
	if date != "" {
		req.Dates = []string{date}
	}
	if tag != "" {
		req.Passages = append([]string{}, tagged...)
		slices.Sort(req.Passages)
		if req.Query == "" {
			req.Query = "*"
		}
	}
	return req
}

// search runs the current query in the background.
func (p *Page) search(ctx app.Context) {
	s := p.Session()
	if s == nil {
		return
	}
	p.seq++
	seq, q, doc, date, tag := p.seq, p.q, p.doc, p.date, p.tag
	p.searched = q + "\x00" + doc + "\x00" + date + "\x00" + tag
	if q == "" && tag == "" {
		p.res, p.hits, p.qerr, p.err = nil, nil, nil, ""
		return
	}
	ctx.Async(func() {
		var tagged []string
		var err error
		if tag != "" {
			tagged, err = s.WS.TaggedPassages(context.Background(), annotation.Tag(tag))
		}
		var res *index.Result
		if err == nil {
			start := time.Now()
			res, err = s.Index.Search(Request(q, doc, date, tag, tagged))
			browser.Measure("claimtag-search", start)
		}
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
func (p *Page) showResult(res *index.Result, err error) {
	p.res, p.hits, p.total, p.qerr, p.err = nil, nil, 0, nil, ""
	if err != nil {
		if !errors.As(err, &p.qerr) {
			p.err = err.Error()
		}
		return
	}
	p.res, p.hits, p.total = res, res.Hits, res.Total
}

func (p *Page) onInput(ctx app.Context, e app.Event) {
	p.draft = ctx.JSSrc().Get("value").String()
	p.typed++
	typed := p.typed
	ctx.After(debounce, func(ctx app.Context) {
		if typed == p.typed && p.draft != p.q {
			ctx.Navigate(chrome.Link(chrome.SearchURL(p.draft, p.doc, p.date, p.tag)))
		}
	})
}

func (p *Page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.typed++
	ctx.Navigate(chrome.Link(chrome.SearchURL(p.draft, p.doc, p.date, p.tag)))
}

// Render lays out the page inside the shared frame.
func (p *Page) Render() app.UI {
	box := app.Form().Class("search").Role("search").OnSubmit(p.onSubmit).Body(
		app.Input().ID("search").Type("search").Name("q").Placeholder("Search the documents (press /)").
			Aria("label", "Search").AutoFocus(true).Value(p.draft).OnInput(p.onInput),
	)
	return p.Frame("", box, app.Div().Class("search-layout").Body(
		p.renderFilters(),
		app.Section().Class("results").Body(p.renderResults()),
	))
}

func (p *Page) renderResults() app.UI {
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
					return app.A().ID("fuzzy").Href(chrome.Link(chrome.SearchURL(fz, p.doc, p.date, p.tag))).Text("Try a fuzzy search: " + fz)
				}),
			)
		}),
		app.Ol().Class("hits").Body(
			app.Range(p.hits).Slice(func(i int) app.UI { return hitItem(p.hits[i], p.q) }),
		),
	)
}

// renderDocuments lists the corpus when nothing is searched.
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
	return app.Div().ID("documents").Body(
		app.P().Text(fmt.Sprintf("%d documents, %d passages. Type to search; press ? for shortcuts.", len(docs), passages)),
		app.Ul().Class("doc-list").Body(app.Range(docs).Slice(func(i int) app.UI {
			d := docs[i]
			return app.Li().Body(
				app.A().Href(chrome.Link(chrome.DocURL(d.ID, "", ""))).Text(d.Title),
				app.Span().Class("date").Text(" "+d.Date),
			)
		})),
	)
}

// hitItem renders one ranked passage, matched words as <mark> text.
func hitItem(h index.Hit, q string) app.UI {
	return app.Li().Class("hit").DataSet("doc", h.Doc).DataSet("passage", h.Passage).Body(
		app.A().Class("hit-title").Href(chrome.Link(chrome.DocURL(h.Doc, h.Passage, q))).Text(h.Title),
		app.Span().Class("date").Text(h.Date),
		chrome.HitText(h.Text, h.Matches),
	)
}

func (p *Page) renderFilters() app.UI {
	facet := func(title string, fs []index.Facet, cur string, label func(string) string, to func(string) string) app.UI {
		return app.Div().Class("facet").Body(
			app.H3().Text(title),
			app.Ul().Body(app.Range(fs).Slice(func(i int) app.UI {
				f := fs[i]
				v := f.Value
				if v == cur {
					v = ""
				}
				return app.Li().Body(app.A().Class(chrome.ActiveClass(f.Value == cur)).Href(chrome.Link(to(v))).
					Text(fmt.Sprintf("%s (%d)", label(f.Value), f.Count)))
			})),
		)
	}
	var docs, dates []index.Facet
	if p.res != nil {
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
		n := 0
		if s != nil {
			n = s.WS.Count(t)
		}
		tags = append(tags, index.Facet{Value: string(t), Count: n})
	}
	same := func(s string) string { return s }
	return app.Aside().Class("filters").Body(
		app.If(len(docs) > 0, func() app.UI {
			return facet("Document", docs, p.doc, title, func(v string) string { return chrome.SearchURL(p.q, v, p.date, p.tag) })
		}),
		app.If(len(dates) > 0, func() app.UI {
			return facet("Date", dates, p.date, same, func(v string) string { return chrome.SearchURL(p.q, p.doc, v, p.tag) })
		}),
		facet("Tagged", tags, p.tag, same, func(v string) string { return chrome.SearchURL(p.q, p.doc, p.date, v) }),
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
