package search

import (
	"errors"
	"fmt"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// results renders the answer to a search: what the query became
// (corrections, the fallback to any word), how much matches, the documents
// with their best passages, and the way to show more; or what is wrong
// with the query.
type results struct {
	app.Compo

	IQuery    Query             // what was searched
	IRes      *index.Result     // nil while there is none
	IQueryErr *index.QueryError // a query to fix
	IErr      string            // a search that failed
	// IFilling says the documents below the first screenful are on their
	// way: no "Show more" until they are there.
	IFilling bool
	// IMoreDocs shows more documents; IMorePassages more passages of the
	// one document searched.
	IMoreDocs, IMorePassages func(ctx app.Context)
}

// Render implements app.Composer.
func (c *results) Render() app.UI {
	switch {
	case c.IQueryErr != nil:
		return queryProblem(c.IQueryErr)
	case c.IErr != "":
		return app.P().ID("search-error").Class("query-error").Role("alert").Text("Search failed: " + c.IErr)
	case c.IRes == nil:
		return app.Div()
	}
	res, q := c.IRes, c.IQuery
	return app.Div().Class("answer").Body(
		app.If(res.Corrected != "", func() app.UI {
			instead := q
			instead.Exact = true
			return app.P().ID("corrected").Class("notice").Body(
				app.Text("Showing results for "), app.Strong().Text(res.Corrected), app.Text(". "),
				app.Text("Search instead for "), app.A().ID("search-instead").Href(chrome.Link(instead.URL())).Text(q.Q), app.Text("."),
			)
		}),
		app.If(res.AnyWord, func() app.UI {
			return app.P().ID("any-word").Class("notice").
				Text("No passage has all of the words: these passages have some of them, the most first.")
		}),
		c.renderTotal(),
		app.If(res.Total == 0 && res.Suggestion != "", func() app.UI {
			again := q
			again.Q, again.Exact = res.Suggestion, false
			return app.P().ID("did-you-mean").Body(
				app.Text("Did you mean "), app.A().Href(chrome.Link(again.URL())).Text(res.Suggestion), app.Text("?"),
			)
		}),
		app.Ol().Class("groups").Body(app.Range(res.Groups).Slice(func(i int) app.UI {
			return c.renderGroup(res.Groups[i])
		})),
		c.renderMore(),
	)
}

// renderTotal says how much matches, or that nothing does.
func (c *results) renderTotal() app.UI {
	res, q := c.IRes, c.IQuery
	p := app.P().ID("total").Role("status").DataSet("total", res.Total)
	if res.Total > 0 {
		return p.Text(chrome.Count(res.Total, "passage", "passages") + " in " + chrome.Count(len(res.Docs), "document", "documents"))
	}
	what := "No passage matches"
	if q.Q != "" {
		what += fmt.Sprintf(" “%s”", q.Q)
	}
	if !q.Filtered() {
		return p.Body(app.Span().ID("no-hits").Text(what + "."))
	}
	all := Query{Q: q.Q, Exact: q.Exact}
	return p.Body(
		app.Span().ID("no-hits").Text(what+" with these filters. "),
		app.A().ID("clear-filters").Href(chrome.Link(all.URL())).Text("Search every document"),
	)
}

// readerQuery is the query the reader highlights: what the results show.
func (c *results) readerQuery() string {
	if c.IRes != nil && c.IRes.Corrected != "" {
		return c.IRes.Corrected
	}
	return c.IQuery.Q
}

// renderGroup renders one document and its best passages.
func (c *results) renderGroup(g index.Group) app.UI {
	q := c.readerQuery()
	first := ""
	if len(g.Hits) > 0 {
		first = g.Hits[0].Passage
	}
	more := g.Matches - len(g.Hits)
	return app.Li().Class("group").DataSet("doc", g.Doc).Body(
		app.Div().Class("group-head").Body(
			app.H2().Class("group-title").Body(app.A().Href(chrome.Link(chrome.DocURL(g.Doc, first, q))).Text(g.Title)),
			app.If(g.Date != "", func() app.UI { return app.Span().Class("date").Text(g.Date) }),
			app.Span().Class("group-count").Text(chrome.Count(g.Matches, "matching passage", "matching passages")),
		),
		app.Ol().Class("hits").Body(app.Range(g.Hits).Slice(func(i int) app.UI { return hitItem(g.Hits[i], q) })),
		app.If(more > 0 && c.IQuery.Doc == "", func() app.UI {
			only := c.IQuery
			only.Doc, only.Groups, only.PerGroup = g.Doc, 0, 0
			return app.A().Class("group-more").Href(chrome.Link(only.URL())).
				Text(chrome.Count(more, "more passage", "more passages") + " in this document")
		}),
		app.If(more > 0 && c.IQuery.Doc == g.Doc, func() app.UI {
			return app.Button().ID("more-passages").Class("more").OnClick(func(ctx app.Context, e app.Event) {
				if c.IMorePassages != nil {
					c.IMorePassages(ctx)
				}
			}).Text(fmt.Sprintf("Show more passages (%d of %d shown)", len(g.Hits), g.Matches))
		}),
	)
}

// renderMore offers the next documents.
func (c *results) renderMore() app.UI {
	shown, all := len(c.IRes.Groups), len(c.IRes.Docs)
	return app.If(shown < all && !c.IFilling, func() app.UI {
		return c.moreButton(shown, all)
	})
}

func (c *results) moreButton(shown, all int) app.UI {
	return app.Button().ID("more-docs").Class("more").OnClick(func(ctx app.Context, e app.Event) {
		if c.IMoreDocs != nil {
			c.IMoreDocs(ctx)
		}
	}).Text(fmt.Sprintf("Show more documents (%d of %d shown)", shown, all))
}

// hitItem renders one passage (an excerpt of a long one), matched words
// as <mark> text, as a link to it in the reader.
func hitItem(h index.Hit, q string) app.UI {
	text, spans := excerpt(h.Text, h.Matches)
	return app.Li().Class("hit").DataSet("doc", h.Doc).DataSet("passage", h.Passage).Body(
		app.A().Class("hit-link").Href(chrome.Link(chrome.DocURL(h.Doc, h.Passage, q))).Body(
			chrome.HitText(text, spans),
		),
	)
}

// queryProblem says what is wrong with a query, shows where, and how to
// fix it.
func queryProblem(e *index.QueryError) app.UI {
	rs := []rune(e.Query)
	pos := min(max(e.Pos, 0), len(rs))
	return app.Div().ID("query-error").Class("query-error").Role("alert").Body(
		app.P().Class("msg").Text("Query problem: "+e.Msg),
		app.If(len(rs) > 0 && !errors.Is(e, index.ErrBudget), func() app.UI {
			at := ""
			rest := ""
			if pos < len(rs) {
				at, rest = string(rs[pos:pos+1]), string(rs[pos+1:])
			}
			return app.P().Class("where").Body(
				app.Code().Body(
					app.Text(string(rs[:pos])),
					app.Mark().Class("at").Title(fmt.Sprintf("character %d", pos+1)).Text(orCaret(at)),
					app.Text(rest),
				),
			)
		}),
		app.P().Class("hint").Text("Hint: "+e.Hint),
	)
}

// orCaret shows the end of the query as a caret.
func orCaret(s string) string {
	if s == "" {
		return "‸"
	}
	return s
}
