package review

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// agreementSection shows how far the annotators agree: Krippendorff's
// alpha over everyone, Cohen's kappa for each pair with its confusion
// matrix and per-label figures, each with its n and observed agreement,
// all from the spans the adjudication queue lists.
type agreementSection struct {
	app.Compo

	Iv agreementView
}

// Render implements app.Composer.
func (c *agreementSection) Render() app.UI {
	v := c.Iv
	return app.Section().ID("agreement").Aria("labelledby", "agreement-title").Body(
		app.H2().ID("agreement-title").Text("Agreement"),
		app.P().ID("agreement-rule").Text(unitRule),
		app.P().Text(fmt.Sprintf("Each figure comes with n, the spans it is computed over, and the observed agreement (the share of "+
			"pairs of labels that agree). Below %d shared spans a figure says “too few shared spans” instead of a number. "+
			"The adjudication queue below lists the same spans.", v.MinUnits)),
		app.If(len(v.Annotators) < 2, func() app.UI {
			return app.P().ID("agreement-empty").Text("Import files from at least two annotators to compare them.")
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().ID("agreement-units").Text(fmt.Sprintf("%d spans, %d with a disagreement, marked by %d annotators: %s.",
					v.Units, v.Disagree, len(v.Annotators), strings.Join(v.Annotators, ", "))),
				c.renderAlpha(),
				c.renderPairs(),
				app.Range(v.Pairs).Slice(func(i int) app.UI { return c.renderPair(v.Pairs[i]) }),
				c.renderLabels(),
			)
		}),
	)
}

// renderAlpha is Krippendorff's alpha over every annotator.
func (c *agreementSection) renderAlpha() app.UI {
	a := c.Iv.Alpha
	return app.P().ID("alpha").DataSet("value", a.Value).DataSet("n", a.N).DataSet("observed", a.Observed).Body(
		app.Strong().Text("Krippendorff's alpha"),
		app.Text(fmt.Sprintf(" (nominal labels, missing ones allowed), all %d annotators: ", len(c.Iv.Annotators))),
		app.Span().Class("figure").Text(a.Text),
		app.If(a.Defined, func() app.UI {
			return app.Text(fmt.Sprintf(" over n = %d spans marked by two or more, observed agreement %s.", a.N, a.Observed))
		}),
	)
}

// renderPairs is the table of Cohen's kappa per pair.
func (c *agreementSection) renderPairs() app.UI {
	ps := c.Iv.Pairs
	return app.Table().ID("kappa").Body(
		app.Caption().Text("Cohen's kappa for each pair of annotators, over the spans both marked"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Annotators"),
			app.Th().Scope("col").Text("Shared spans (n)"),
			app.Th().Scope("col").Text("Marked by one only"),
			app.Th().Scope("col").Text("Observed agreement"),
			app.Th().Scope("col").Text("Cohen's kappa"),
		)),
		app.TBody().Body(app.Range(ps).Slice(func(i int) app.UI {
			p := ps[i]
			return app.Tr().Class("pair").DataSet("a", p.A).DataSet("b", p.B).DataSet("kappa", p.Kappa.Value).DataSet("n", p.Kappa.N).
				DataSet("observed", p.Kappa.Observed).Body(
				app.Th().Scope("row").Text(p.A+" × "+p.B),
				app.Td().Class("n").Text(fmt.Sprint(p.Kappa.N)),
				app.Td().Text(fmt.Sprintf("%d by %s, %d by %s", p.OnlyA, p.A, p.OnlyB, p.B)),
				app.Td().Class("observed").Text(p.Kappa.Observed),
				app.Td().Class("kappa").Text(p.Kappa.Text),
			)
		})),
	)
}

// renderPair is one pair's confusion matrix and per-label figures.
func (c *agreementSection) renderPair(p pairView) app.UI {
	if len(p.Labels) == 0 {
		return app.P().Class("pair-detail").Text(p.A + " and " + p.B + " marked no span in common.")
	}
	return app.Details().Class("pair-detail").DataSet("a", p.A).DataSet("b", p.B).Body(
		app.Summary().Text(p.A+" × "+p.B+": confusion matrix and each label"),
		app.Table().Class("confusion").Body(
			app.Caption().Text("Spans both marked: rows are "+p.A+"'s label, columns "+p.B+"'s; the diagonal is agreement"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(p.A+" \\ "+p.B),
				app.Range(p.Labels).Slice(func(j int) app.UI { return app.Th().Scope("col").Text(string(p.Labels[j])) }),
			)),
			app.TBody().Body(app.Range(p.Labels).Slice(func(i int) app.UI {
				return app.Tr().Body(
					app.Th().Scope("row").Text(string(p.Labels[i])),
					app.Range(p.Labels).Slice(func(j int) app.UI {
						cell := app.Td().Text(fmt.Sprint(p.Matrix[i][j]))
						if i == j {
							cell = app.Td().Class("diagonal").Body(app.Strong().Text(fmt.Sprint(p.Matrix[i][j])))
						}
						return cell
					}),
				)
			})),
		),
		app.Table().Class("per-label").Body(
			app.Caption().Text("Each label against the others, for the labels these two used"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Label"), app.Th().Scope("col").Text("Both"),
				app.Th().Scope("col").Text("Only "+p.A), app.Th().Scope("col").Text("Only "+p.B),
				app.Th().Scope("col").Text("Neither"), app.Th().Scope("col").Text("Specific agreement"),
				app.Th().Scope("col").Text("Kappa"),
			)),
			app.TBody().Body(app.Range(p.PerLabel).Slice(func(i int) app.UI {
				l := p.PerLabel[i]
				return app.Tr().DataSet("tag", l.Tag).Body(
					app.Th().Scope("row").Text(string(l.Tag)), app.Td().Text(fmt.Sprint(l.Both)),
					app.Td().Text(fmt.Sprint(l.OnlyA)), app.Td().Text(fmt.Sprint(l.OnlyB)),
					app.Td().Text(fmt.Sprint(l.Neither)), app.Td().Text(l.Specific), app.Td().Text(l.Kappa.Text))
			})),
		),
	)
}

// renderLabels is each label in use, over every annotator.
func (c *agreementSection) renderLabels() app.UI {
	v := c.Iv
	return app.Table().ID("labels").Body(
		app.Caption().Text("Each label in use: how many spans each annotator gave it, and alpha for it against the others"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Label"),
			app.Range(v.Annotators).Slice(func(i int) app.UI { return app.Th().Scope("col").Text(v.Annotators[i]) }),
			app.Th().Scope("col").Text("Alpha"),
		)),
		app.TBody().Body(app.Range(v.Labels).Slice(func(i int) app.UI {
			l := v.Labels[i]
			return app.Tr().DataSet("tag", l.Tag).Body(
				app.Th().Scope("row").Text(string(l.Tag)),
				app.Range(l.Uses).Slice(func(j int) app.UI { return app.Td().Text(fmt.Sprint(l.Uses[j])) }),
				app.Td().Text(l.Alpha.Text),
			)
		})),
	)
}
