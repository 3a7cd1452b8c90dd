package review

import (
	"fmt"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// importSection is the import section of the review page: a file picker,
// the drop hint and what each import did, rejected entries with reasons.
type importSection struct {
	app.Compo

	Ireports []desk.FileReport
	Ireading int
	Ion      func(app.Context, []browser.File) // called with the chosen files
}

// Render implements app.Composer.
func (c *importSection) Render() app.UI {
	return app.Section().ID("review-import").Body(
		app.H2().Text("Import"),
		app.P().Text("Import other annotators' exports, claimtag JSON or W3C Web Annotation. "+
			"They stay in this review, apart from your own annotations, until you accept them and add them to yours."),
		app.Div().ID("drop-zone").Class("drop-zone").Body(
			app.Label().For("review-files").Text("Choose files"),
			app.Input().ID("review-files").Type("file").Multiple(true).
				Accept(".json,.jsonld,application/json,application/ld+json").
				OnChange(func(ctx app.Context, e app.Event) {
					if fs := browser.InputFiles("review-files"); len(fs) > 0 && c.Ion != nil {
						c.Ion(ctx, fs)
					}
				}),
			app.P().Class("hint").Text("…or drop them anywhere on this page."),
		),
		app.If(c.Ireading > 0, func() app.UI {
			return app.P().ID("import-reading").Role("status").Text(fmt.Sprintf("Reading %d files…", c.Ireading))
		}),
		app.Ul().ID("import-reports").Body(app.Range(c.Ireports).Slice(func(i int) app.UI {
			return c.renderReport(c.Ireports[len(c.Ireports)-1-i]) // newest first
		})),
	)
}

func (c *importSection) renderReport(r desk.FileReport) app.UI {
	if r.Err != "" {
		return app.Li().Class("import-report failed").DataSet("file", r.Name).Body(
			app.Strong().Text(r.Name), app.Text(": not imported. "+r.Err))
	}
	return app.Li().Class("import-report").DataSet("file", r.Name).DataSet("added", r.Added).Body(
		app.Strong().Text(r.Name),
		app.Text(" ("+string(r.Format)+"): "+importSummary(r)),
		app.If(len(r.Rejected) > 0, func() app.UI {
			return app.Ul().Class("rejected").Body(app.Range(r.Rejected).Slice(func(i int) app.UI {
				x := r.Rejected[i]
				label := fmt.Sprintf("entry %d", x.Index+1)
				if x.ID != "" {
					label += " (" + x.ID + ")"
				}
				return app.Li().Text(label + ": " + x.Reason)
			}))
		}),
	)
}

// importSummary says in words what an import did.
func importSummary(r desk.FileReport) string {
	s := fmt.Sprintf("%d annotations read, %d new", r.Read, r.Added)
	if r.Unchanged > 0 {
		s += fmt.Sprintf(", %d already here", r.Unchanged)
	}
	if r.Updated > 0 {
		s += fmt.Sprintf(", %d updated", r.Updated)
	}
	if r.Older > 0 {
		s += fmt.Sprintf(", %d older than the version here (ignored)", r.Older)
	}
	if r.Duplicates > 0 {
		s += fmt.Sprintf(", %d repeated in the file", r.Duplicates)
	}
	if len(r.Rejected) > 0 {
		s += fmt.Sprintf(", %d rejected:", len(r.Rejected))
	} else {
		s += "."
	}
	return s
}
