package review

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// agreementTable shows Cohen's kappa for each pair of annotators, their
// confusion matrix and the agreement on each label.
type agreementTable struct {
	app.Compo

	Irows []agreementRow
}

// Render implements app.Composer.
func (c *agreementTable) Render() app.UI {
	return app.Section().ID("agreement").Body(
		app.H2().Text("Agreement"),
		app.P().ID("agreement-note").Text(agreementNote),
		app.If(len(c.Irows) == 0, func() app.UI {
			return app.P().Text("Import files from at least two annotators to compare them.")
		}).Else(func() app.UI {
			return app.Div().Body(
				app.Table().ID("kappa").Body(
					app.THead().Body(app.Tr().Body(app.Th().Text("annotators"), app.Th().Text("shared passages"),
						app.Th().Text("observed agreement"), app.Th().Text("Cohen's kappa"))),
					app.TBody().Body(app.Range(c.Irows).Slice(func(i int) app.UI {
						r := c.Irows[i]
						return app.Tr().Class("pair").DataSet("a", r.A).DataSet("b", r.B).DataSet("kappa", r.Kappa).Body(
							app.Td().Text(r.A+" × "+r.B), app.Td().Text(fmt.Sprint(r.N)),
							app.Td().Text(r.Observed), app.Td().Class("kappa").Text(r.Kappa))
					})),
				),
				app.Range(c.Irows).Slice(func(i int) app.UI { return c.renderPair(c.Irows[i]) }),
			)
		}),
	)
}

func (c *agreementTable) renderPair(r agreementRow) app.UI {
	if r.N == 0 {
		return app.P().Class("pair-detail").Text(r.A + " and " + r.B + " tagged no passage in common.")
	}
	tags := annotation.Tags()
	return app.Details().Class("pair-detail").DataSet("a", r.A).DataSet("b", r.B).Body(
		app.Summary().Text(r.A+" × "+r.B+": confusion and per-label agreement"),
		app.Table().Class("confusion").Body(
			app.Caption().Text("Rows: "+r.A+"'s tag; columns: "+r.B+"'s tag"),
			app.THead().Body(app.Tr().Body(app.Th(), app.Range(tags).Slice(func(j int) app.UI {
				return app.Th().Text(string(tags[j]))
			}))),
			app.TBody().Body(app.Range(tags).Slice(func(i int) app.UI {
				return app.Tr().Body(app.Th().Text(string(tags[i])), app.Range(tags).Slice(func(j int) app.UI {
					cls := ""
					if i == j {
						cls = "diagonal"
					}
					return app.Td().Class(cls).Text(fmt.Sprint(r.Matrix[i][j]))
				}))
			})),
		),
		app.Table().Class("per-label").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("label"), app.Th().Text("both"), app.Th().Text("only "+r.A),
				app.Th().Text("only "+r.B), app.Th().Text("neither"), app.Th().Text("kappa"))),
			app.TBody().Body(app.Range(r.Labels).Slice(func(i int) app.UI {
				l := r.Labels[i]
				return app.Tr().DataSet("tag", l.Tag).Body(app.Td().Text(string(l.Tag)), app.Td().Text(fmt.Sprint(l.Both)),
					app.Td().Text(fmt.Sprint(l.OnlyA)), app.Td().Text(fmt.Sprint(l.OnlyB)),
					app.Td().Text(fmt.Sprint(l.Neither)), app.Td().Text(l.Kappa))
			})),
		),
	)
}
