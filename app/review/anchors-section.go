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

// statusText describes a re-anchoring outcome for people.
var statusText = map[arev.Status]string{
	arev.Exact:         "in place",
	arev.Moved:         "moved (same quote elsewhere)",
	arev.Fuzzy:         "fuzzy (a close match)",
	arev.OtherDocument: "in another document",
	arev.Orphan:        "orphan (not found)",
}

// anchorsSection shows where re-anchoring put each imported annotation on
// the current documents, and lists the orphans with their quote and note.
type anchorsSection struct {
	app.Compo

	Irows   []desk.AnchorRow
	Icounts map[arev.Status]int
	Iexport func() // downloads the orphans
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
	return app.Section().ID("review-anchors").Aria("labelledby", "anchors-title").Body(
		app.H2().ID("anchors-title").Text("Re-anchoring"),
		app.P().Text("Each imported annotation is placed on the current documents by its quote: in place, moved (same quote "+
			"elsewhere), fuzzy (a close match), in another document (its source names no document here), or orphan (not found: "+
			"kept, never dropped, and left out of agreement and adjudication)."),
		app.Ul().ID("anchor-counts").Class("counts").Body(app.Range(desk.AnchorStatuses).Slice(func(i int) app.UI {
			st := desk.AnchorStatuses[i]
			return app.Li().Class("anchor-"+string(st)).DataSet("status", st).DataSet("count", c.Icounts[st]).
				Text(fmt.Sprintf("%s: %d", statusText[st], c.Icounts[st]))
		})),
		app.If(len(orphans) > 0, func() app.UI {
			return app.Div().ID("orphans").Body(
				app.H3().Text(fmt.Sprintf("Orphans (%d)", len(orphans))),
				app.P().Text("Their text is not in the documents. They stay in the review and in its saved copy; export them to fix them by hand."),
				app.If(len(orphansShown) < len(orphans), func() app.UI {
					return app.P().Text(fmt.Sprintf("The first %d are shown; the export has them all.", len(orphansShown)))
				}),
				app.Ul().Body(app.Range(orphansShown).Slice(func(i int) app.UI {
					r := orphansShown[i]
					return app.Li().Class("orphan").DataSet("id", r.ID).Body(
						app.Q().Text(r.Quote),
						app.Text(" — "+string(r.Tag)+", by "+chrome.OrAnon(r.Creator)+", on "+r.Title),
						app.If(r.Note != "", func() app.UI {
							return app.P().Class("note").Body(app.Span().Class("label").Text("Note: "), app.Text(r.Note))
						}),
					)
				})),
				app.Button().ID("export-orphans").Text("Export the orphans (claimtag JSON)").
					OnClick(func(ctx app.Context, e app.Event) {
						if c.Iexport != nil {
							c.Iexport()
						}
					}),
			)
		}),
		app.If(len(c.Irows) > 0, func() app.UI {
			return app.Details().Body(
				app.Summary().Text(fmt.Sprintf("Every imported annotation (%d)", len(c.Irows))),
				app.If(len(rows) < len(c.Irows), func() app.UI {
					return app.P().Text(fmt.Sprintf("The first %d are shown.", len(rows)))
				}),
				app.Table().ID("anchor-table").Body(
					app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Placed"), app.Th().Scope("col").Text("Label"),
						app.Th().Scope("col").Text("Annotator"), app.Th().Scope("col").Text("Document"), app.Th().Scope("col").Text("Quote"))),
					app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
						r := rows[i]
						return app.Tr().DataSet("id", r.ID).DataSet("status", r.Status).Body(
							app.Td().Text(statusText[r.Status]),
							app.Td().Text(string(r.Tag)),
							app.Td().Text(chrome.OrAnon(r.Creator)), app.Td().Text(r.Title), app.Td().Text(r.Quote))
					})),
				),
			)
		}),
	)
}
