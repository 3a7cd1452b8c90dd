package reader

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxListedRepairs is how many repairs the disclosure lists; r and R step
// through all of them.
const maxListedRepairs = 200

// renderProvenance is the disclosure above the text saying how it was
// made from its file (encoding and why, characters dropped, repairs),
// with each repair listed: a button that goes to it.
func (p *Page) renderProvenance() app.UI {
	pv := p.doc.Provenance
	rs := p.repairs()
	listed := rs
	if len(listed) > maxListedRepairs {
		listed = listed[:maxListedRepairs]
	}
	changed := pv != nil && pv.Changed()
	return app.Details().ID("provenance").Class("provenance").DataSet("repairs", len(rs)).DataSet("changed", trueFalse(changed)).Body(
		app.Summary().Text(provenanceSummary(pv)),
		app.Ul().Class("facts").Body(app.Range(provenanceFacts(pv)).Slice(func(i int) app.UI {
			return app.Li().Text(provenanceFacts(pv)[i])
		})),
		app.If(len(rs) > 0, func() app.UI {
			return app.Div().Body(
				app.H2().Class("repairs-title").Text("Repaired text"),
				app.Ol().Class("repairs").Body(app.Range(listed).Slice(func(i int) app.UI {
					r := listed[i]
					return app.Li().Body(app.Button().Class("repair-link").DataSet("repair", i).
						Title("Go to it in the text").
						OnClick(func(ctx app.Context, e app.Event) {
							var at int
							fmt.Sscan(ctx.JSSrc().Get("dataset").Get("repair").String(), &at)
							p.focusRepair(ctx, at)
						}).
						Body(
							app.Span().Class("to").Text("“"+visible(r.To)+"”"),
							app.Text(" was "),
							app.Span().Class("from").Text("“"+visible(r.From)+"”"),
							app.If(r.Lossy, func() app.UI { return app.Span().Class("lossy").Text(" · best guess") }),
							app.If(r.Figures, func() app.UI { return app.Span().Class("figures").Text(" · touches figures") }),
						))
				})),
				app.If(len(rs) > len(listed), func() app.UI {
					return app.P().Text(fmt.Sprintf("And %d more: press r to step through them all.", len(rs)-len(listed)))
				}),
			)
		}),
	)
}
