package overview

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tagSearchSection is the tag-aware search: a query kept to the passages
// holding an annotation with the chosen tag, by the chosen annotator
// ("unverified" + "margin" finds the unverified claims about margins).
type tagSearchSection struct {
	app.Compo

	Iix chrome.Searcher
	Ias []annotation.Annotation

	q     tagQuery // as the form has it
	shown tagQuery // the search whose hits are shown
	hits  []tagHit
	total int // passages that match in all
	ran   bool
	err   string
	seq   int // bumped per search, to drop stale results
}

// run searches in the background and shows the latest search's first
// page of hits.
func (c *tagSearchSection) run(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.fetch(ctx, c.q, 0)
}

// more shows the next page of the hits shown, whatever the form holds now.
func (c *tagSearchSection) more(ctx app.Context, e app.Event) { c.fetch(ctx, c.shown, len(c.hits)) }

// fetch searches for q's hits from from on, in the background; the first
// page replaces the hits, the next ones add to them.
func (c *tagSearchSection) fetch(ctx app.Context, q tagQuery, from int) {
	if c.Iix == nil {
		return
	}
	c.seq++
	seq, ix, as := c.seq, c.Iix, c.Ias
	ctx.Async(func() {
		res, err := tagSearch(ix, as, q, from)
		ctx.Dispatch(func(app.Context) {
			if seq != c.seq {
				return
			}
			c.ran, c.err, c.total, c.shown = true, "", res.Total, q
			if from == 0 {
				c.hits = nil
			}
			c.hits = append(c.hits, res.Hits...)
			if err != nil {
				c.hits, c.total, c.err = nil, 0, err.Error()
			}
		})
	})
}

// Render implements app.Composer.
func (c *tagSearchSection) Render() app.UI {
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
					return app.Option().Value(who[i]).Text(chrome.OrAnon(who[i])).Selected(c.q.Creator == who[i])
				}),
			),
			app.Button().Type("submit").Text("Search"),
		),
		app.If(c.err != "", func() app.UI { return app.P().ID("tag-search-error").Role("alert").Text("Search failed: " + c.err) }),
		app.If(c.ran && c.err == "", func() app.UI {
			text := fmt.Sprintf("%d passages match", c.total)
			if len(c.hits) < c.total {
				text += fmt.Sprintf("; the first %d are shown", len(c.hits))
			}
			return app.P().ID("tag-search-total").Role("status").DataSet("total", c.total).Text(text + ".")
		}),
		app.Ol().Class("hits").Body(app.Range(c.hits).Slice(func(i int) app.UI {
			h := c.hits[i]
			return app.Li().Class("hit").DataSet("doc", h.Hit.Doc).DataSet("passage", h.Hit.Passage).Body(
				app.A().Class("hit-title").Href(chrome.Link(chrome.DocURL(h.Hit.Doc, h.Hit.Passage, c.q.Query))).Text(h.Hit.Title),
				chrome.HitText(h.Hit.Text, h.Hit.Matches),
				app.Ul().Class("hit-tags").Body(app.Range(h.Annotations).Slice(func(j int) app.UI {
					a := h.Annotations[j]
					return app.Li().Class("tag-" + string(a.Tag)).Text(string(a.Tag) + " by " + chrome.OrAnon(a.Creator) + ": " + a.Anchor.Exact)
				})),
			)
		})),
		app.If(len(c.hits) < c.total, func() app.UI {
			return app.Button().ID("tag-search-more").Text(fmt.Sprintf("Show %d more", min(tagSearchPage, c.total-len(c.hits)))).OnClick(c.more)
		}),
	)
}
