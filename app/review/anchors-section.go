package review

import (
	"fmt"

	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// anchorRowsShown caps the rows of the table and of the orphan list.
const anchorRowsShown = 500

// anchorsSection shows where re-anchoring put each imported annotation on
// the current documents, and lists the orphans with their quote and note.
type anchorsSection struct {
	app.Compo

	Irows   []desk.AnchorRow
	Icounts map[arev.Status]int
	Ion     func(which, format string) // export request
}

// Render implements app.Composer.
func (c *anchorsSection) Render() app.UI {
	var orphans []desk.AnchorRow
	for _, r := range c.Irows {
		if r.Status == arev.Orphan {
			orphans = append(orphans, r)
		}
	}
	rows, orphansShown := c.Irows[:min(len(c.Irows), anchorRowsShown)], orphans[:min(len(orphans), anchorRowsShown)]
	return app.Section().ID("review-anchors").Body(
		app.H2().Text("Re-anchoring"),
		app.P().Text("Each imported annotation is placed on the current documents by its quote: exact (same place), "+
			"moved (same quote elsewhere), fuzzy (a close match), other-document, or orphan (not found; kept, never dropped)."),
		app.Ul().ID("anchor-counts").Class("counts").Body(app.Range(desk.AnchorStatuses).Slice(func(i int) app.UI {
			st := desk.AnchorStatuses[i]
			return app.Li().Class("anchor-"+string(st)).DataSet("status", st).DataSet("count", c.Icounts[st]).
				Text(fmt.Sprintf("%s: %d", st, c.Icounts[st]))
		})),
		app.If(len(c.Irows) > 0, func() app.UI {
			return app.Details().Body(
				app.Summary().Text(fmt.Sprintf("Every annotation (%d)", len(c.Irows))),
				app.If(len(rows) < len(c.Irows), func() app.UI {
					return app.P().Text(fmt.Sprintf("The first %d are shown.", len(rows)))
				}),
				app.Table().ID("anchor-table").Body(
					app.THead().Body(app.Tr().Body(app.Th().Text("status"), app.Th().Text("tag"),
						app.Th().Text("annotator"), app.Th().Text("document"), app.Th().Text("quote"))),
					app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
						r := rows[i]
						return app.Tr().DataSet("id", r.ID).DataSet("status", r.Status).Body(
							app.Td().Class("anchor-"+string(r.Status)).Text(string(r.Status)),
							app.Td().Class("tag-"+string(r.Tag)).Text(string(r.Tag)),
							app.Td().Text(chrome.OrAnon(r.Creator)), app.Td().Text(r.Title), app.Td().Text(r.Quote))
					})),
				),
			)
		}),
		app.If(len(orphans) > 0, func() app.UI {
			return app.Div().ID("orphans").Body(
				app.H3().Text(fmt.Sprintf("Orphans (%d)", len(orphans))),
				app.P().Text("Their text is no longer in the documents. They stay in the review and in its saved copy; export them to fix them by hand."),
				app.If(len(orphansShown) < len(orphans), func() app.UI {
					return app.P().Text(fmt.Sprintf("The first %d are shown; the export has them all.", len(orphansShown)))
				}),
				app.Ul().Body(app.Range(orphansShown).Slice(func(i int) app.UI {
					r := orphansShown[i]
					return app.Li().Class("orphan").DataSet("id", r.ID).Body(
						app.Q().Text(r.Quote),
						app.Span().Class("tag-"+string(r.Tag)).Text(" "+string(r.Tag)),
						app.Text(" by "+chrome.OrAnon(r.Creator)+" in "+r.Title),
						app.If(r.Note != "", func() app.UI { return app.P().Class("note").Text(r.Note) }),
					)
				})),
				app.Button().ID("export-orphans").Text("Export orphans (claimtag JSON)").
					OnClick(func(ctx app.Context, e app.Event) {
						if c.Ion != nil {
							c.Ion("orphans", "json")
						}
					}),
			)
		}),
	)
}
