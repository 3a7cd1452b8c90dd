package app

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// overviewSearch is the tag-aware search: a query kept to the passages
// holding an annotation with the chosen tag, by the chosen annotator
// ("unverified" + "margin" finds the unverified claims about margins).
type overviewSearch struct {
	app.Compo

	Iix *index.Index
	Ias []annotation.Annotation

	q    tagQuery
	hits []tagHit
	ran  bool
	err  string
}

func (c *overviewSearch) run(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.ran, c.err, c.hits = true, "", nil
	if c.Iix == nil {
		return
	}
	hits, err := tagSearch(c.Iix, c.Ias, c.q)
	if err != nil {
		c.err = err.Error()
		return
	}
	c.hits = hits
}

// Render implements app.Composer.
func (c *overviewSearch) Render() app.UI {
	tags := annotation.Tags()
	who := creators(c.Ias)
	value := func(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }
	return app.Section().ID("tag-search").Body(
		app.H2().Text("Search tagged passages"),
		app.Form().Class("tag-search").OnSubmit(c.run).Body(
			app.Input().ID("tag-search-q").Type("search").Placeholder("words, e.g. margin (empty: all)").
				Aria("label", "Search words").Value(c.q.Query).
				OnInput(func(ctx app.Context, e app.Event) { c.q.Query = value(ctx) }),
			app.Select().ID("tag-search-tag").Aria("label", "Tag").
				OnChange(func(ctx app.Context, e app.Event) { c.q.Tag = annotation.Tag(value(ctx)) }).Body(
				app.Option().Value("").Text("any tag").Selected(c.q.Tag == ""),
				app.Range(tags).Slice(func(i int) app.UI {
					return app.Option().Value(string(tags[i])).Text(string(tags[i])).Selected(c.q.Tag == tags[i])
				}),
			),
			app.Select().ID("tag-search-creator").Aria("label", "Annotator").
				OnChange(func(ctx app.Context, e app.Event) { c.q.Creator = value(ctx) }).Body(
				app.Option().Value("").Text("anyone").Selected(c.q.Creator == ""),
				app.Range(who).Slice(func(i int) app.UI {
					return app.Option().Value(who[i]).Text(orAnon(who[i])).Selected(c.q.Creator == who[i])
				}),
			),
			app.Button().Type("submit").Text("Search"),
		),
		app.If(c.err != "", func() app.UI { return app.P().ID("tag-search-error").Role("alert").Text("Search failed: " + c.err) }),
		app.If(c.ran && c.err == "", func() app.UI {
			return app.P().ID("tag-search-total").DataSet("total", len(c.hits)).Text(fmt.Sprintf("%d passages", len(c.hits)))
		}),
		app.Ol().Class("hits").Body(app.Range(c.hits).Slice(func(i int) app.UI {
			h := c.hits[i]
			pieces := highlight(h.Hit.Text, h.Hit.Matches)
			return app.Li().Class("hit").DataSet("doc", h.Hit.Doc).DataSet("passage", h.Hit.Passage).Body(
				app.A().Class("hit-title").Href(link(docURL(h.Hit.Doc, h.Hit.Passage, c.q.Query))).Text(h.Hit.Title),
				app.P().Class("hit-text").Body(app.Range(pieces).Slice(func(j int) app.UI {
					if pieces[j].Mark {
						return app.Mark().Text(pieces[j].Text)
					}
					return app.Text(pieces[j].Text)
				})),
				app.Ul().Class("hit-tags").Body(app.Range(h.Annotations).Slice(func(j int) app.UI {
					a := h.Annotations[j]
					return app.Li().Class("tag-" + string(a.Tag)).Text(string(a.Tag) + " by " + orAnon(a.Creator) + ": " + a.Anchor.Exact)
				})),
			)
		})),
	)
}
