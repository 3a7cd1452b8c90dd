package overview

import (
	"fmt"

	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// docsSection shows, per document with annotations, how many passages are
// tagged and a bar chart of the tags, then the unverified claims, each
// linking to its passage in the reader.
type docsSection struct {
	app.Compo

	Iov arev.Overview
}

// Render implements app.Composer.
func (c *docsSection) Render() app.UI {
	var docs []arev.DocOverview
	for _, d := range c.Iov.Docs {
		if d.TaggedPassages > 0 || len(d.Counts) > 0 {
			docs = append(docs, d)
		}
	}
	un := c.Iov.Unverified
	return app.Div().Body(
		app.Section().ID("overview-docs").Body(
			app.H2().Text("Per document"),
			app.If(len(docs) == 0, func() app.UI { return app.P().Text("No annotations yet.") }),
			app.Range(docs).Slice(func(i int) app.UI {
				d := docs[i]
				title := d.Title
				if title == "" {
					title = d.Doc
				}
				total := 0
				for _, n := range d.Counts {
					total += n
				}
				return app.Div().Class("doc-overview").DataSet("doc", d.Doc).DataSet("passages", d.TaggedPassages).Body(
					app.H3().Body(app.A().Href(chrome.Link(chrome.DocURL(d.Doc, "", ""))).Text(title)),
					app.P().Text(fmt.Sprintf("%d tagged passages, %d annotations", d.TaggedPassages, total)),
					// SVGBarChart is ours: it escapes every label and references nothing remote.
					app.Div().Class("chart").Body(app.Raw(arev.SVGBarChart(d.Counts))),
				)
			}),
		),
		app.Section().ID("unverified").Body(
			app.H2().Text(fmt.Sprintf("Unverified claims to check (%d)", len(un))),
			app.Ol().Body(app.Range(un).Slice(func(i int) app.UI {
				a := un[i]
				return app.Li().Class("unverified").DataSet("id", a.ID).Body(
					app.A().Href(chrome.Link(chrome.DocURL(a.Anchor.Doc, a.Anchor.Passage, ""))).Body(app.Q().Text(a.Anchor.Exact)),
					app.Text(" by "+chrome.OrAnon(a.Creator)),
					app.If(a.Note != "", func() app.UI { return app.P().Class("note").Text(a.Note) }),
				)
			})),
		),
	)
}
