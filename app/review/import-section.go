package review

import (
	"fmt"
	"strings"

	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// importProgress is where the import under way is.
type importProgress struct {
	File        string
	Phase       desk.Phase
	Done, Total int
	Waiting     int  // files after this one
	Cancelling  bool // Cancel was pressed; the worker stops at its next check
}

// Text says it in words: "Placing ann.json on the documents: 640 of 2,000".
func (p importProgress) Text() string {
	switch {
	case p.Cancelling:
		return "Cancelling the import of " + p.File + "…"
	case p.Phase == desk.Placing:
		return fmt.Sprintf("Placing %s on the documents: %s of %s annotations", p.File, thousands(p.Done), thousands(p.Total))
	case p.Phase == desk.Reading && p.Total > 0:
		return fmt.Sprintf("Reading %s: %s of %s entries", p.File, thousands(p.Done), thousands(p.Total))
	}
	return "Reading " + p.File + "…"
}

// percent is how far the current file is, reading counting for a tenth.
func (p importProgress) percent() int {
	if p.Total == 0 {
		return 0
	}
	f := float64(p.Done) / float64(p.Total)
	if p.Phase == desk.Placing {
		return 10 + int(90*f)
	}
	return int(10 * f)
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// importSection is the import section of the review page: a file picker,
// the drop hint, the progress of the import under way with Cancel, and
// what each import did: imported, re-anchored, orphaned, rejected (each
// rejected entry with its reason).
type importSection struct {
	app.Compo

	Ireports  []desk.FileReport
	Iprogress *importProgress // nil when no import is under way
	Ion       func(app.Context, []browser.File)
	Icancel   func(app.Context)
}

// Render implements app.Composer.
func (c *importSection) Render() app.UI {
	return app.Section().ID("review-import").Aria("labelledby", "import-title").Body(
		app.H2().ID("import-title").Text("Import"),
		app.P().Text("Import other annotators' files: claimtag exports and gold files, W3C Web Annotations (claimtag, Recogito "+
			"and other tools; labels in tagging or classifying bodies) and Hypothesis exports or API search results. "+
			"They stay in this review, apart from your own annotations. Importing a file again adds nothing."),
		app.Div().ID("drop-zone").Class("drop-zone").Body(
			app.Label().For("review-files").Text("Choose files to import"),
			app.Input().ID("review-files").Type("file").Multiple(true).
				Accept(".json,.jsonld,application/json,application/ld+json").
				OnChange(func(ctx app.Context, e app.Event) {
					if fs := browser.InputFiles("review-files"); len(fs) > 0 && c.Ion != nil {
						c.Ion(ctx, fs)
					}
					ctx.JSSrc().Set("value", "") // choosing the same file again imports it again
				}),
			app.P().Class("hint").Text("…or drop them anywhere on this page."),
		),
		c.renderProgress(),
		app.Ul().ID("import-reports").Class("reports").Body(app.Range(c.Ireports).Slice(func(i int) app.UI {
			return renderReport(c.Ireports[len(c.Ireports)-1-i]) // newest first
		})),
	)
}

func (c *importSection) renderProgress() app.UI {
	p := c.Iprogress
	if p == nil {
		return app.Div().ID("import-progress").Role("status")
	}
	return app.Div().ID("import-progress").Role("status").Class("progress").DataSet("phase", p.Phase).
		DataSet("done", p.Done).DataSet("total", p.Total).Body(
		app.Label().For("import-bar").ID("import-label").Text(p.Text()),
		app.Progress().ID("import-bar").Max(100).Value(p.percent()),
		app.If(p.Waiting > 0, func() app.UI {
			return app.P().Class("hint").Text(fmt.Sprintf("%d more files waiting.", p.Waiting))
		}),
		app.Button().ID("import-cancel").Text("Cancel import").Disabled(p.Cancelling).OnClick(func(ctx app.Context, e app.Event) {
			if c.Icancel != nil {
				c.Icancel(ctx)
			}
		}),
	)
}

// renderReport is one file's report.
func renderReport(r desk.FileReport) app.UI {
	if r.Err != "" {
		return app.Li().Class("import-report failed").DataSet("file", r.Name).Body(
			app.Strong().Text(r.Name), app.Text(": not imported. "+r.Err))
	}
	return app.Li().Class("import-report").DataSet("file", r.Name).DataSet("format", r.Format).DataSet("read", r.Read).
		DataSet("added", r.Added).DataSet("imported", r.Imported()).DataSet("reanchored", r.Reanchored()).
		DataSet("orphaned", r.Orphaned()).DataSet("rejected", len(r.Rejected)).DataSet("decisions", r.Decisions).Body(
		app.Strong().Text(r.Name),
		app.Text(" ("+formatName(r.Format)+"): "+importSummary(r)),
		app.If(len(r.Rejected) > 0, func() app.UI {
			return app.Ul().Class("rejected").Aria("label", "Rejected entries of "+r.Name).Body(
				app.Range(r.Rejected).Slice(func(i int) app.UI {
					x := r.Rejected[i]
					label := fmt.Sprintf("Entry %d", x.Index+1)
					if x.ID != "" {
						label += " (" + x.ID + ")"
					}
					return app.Li().Text(label + ": " + x.Reason)
				}))
		}),
		app.If(len(r.Warnings) > 0, func() app.UI {
			return app.Ul().Class("warnings").Aria("label", "Warnings about "+r.Name).Body(
				app.Range(r.Warnings).Slice(func(i int) app.UI { return app.Li().Text(r.Warnings[i]) }))
		}),
	)
}

// formatName names a file format for people.
func formatName(f review.Format) string {
	switch f {
	case review.FormatClaimtag:
		return "claimtag export"
	case review.FormatGold:
		return "claimtag gold file"
	case review.FormatW3C:
		return "W3C Web Annotations"
	case review.FormatHypothesis:
		return "Hypothesis"
	}
	return string(f)
}

// importSummary says in words what an import did: "16 read: 16 imported
// (12 in place, 3 re-anchored, 1 orphaned), 0 rejected.", or for a gold
// file, the decisions it restored.
func importSummary(r desk.FileReport) string {
	if r.Format == review.FormatGold {
		s := fmt.Sprintf("%d spans read: %d decisions restored", r.Read, r.Decisions)
		if r.Unchanged > 0 {
			s += fmt.Sprintf(", %d already decided the same way", r.Unchanged)
		}
		if r.Older > 0 {
			s += fmt.Sprintf(", %d decided again here since (kept)", r.Older)
		}
		s += fmt.Sprintf(", %d rejected", len(r.Rejected))
		if len(r.Rejected) > 0 {
			return s + ":"
		}
		return s + "."
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("%d imported", r.Imported()))
	if r.Imported() > 0 {
		parts[0] += fmt.Sprintf(" (%d in place, %d re-anchored, %d orphaned)",
			r.Placed[review.Exact], r.Reanchored(), r.Orphaned())
	}
	if r.Unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d already here", r.Unchanged))
	}
	if r.Updated > 0 {
		parts = append(parts, fmt.Sprintf("%d of them newer versions", r.Updated))
	}
	if r.Older > 0 {
		parts = append(parts, fmt.Sprintf("%d older than the version here (ignored)", r.Older))
	}
	if r.Duplicates > 0 {
		parts = append(parts, fmt.Sprintf("%d repeated in the file", r.Duplicates))
	}
	parts = append(parts, fmt.Sprintf("%d rejected", len(r.Rejected)))
	s := fmt.Sprintf("%d read: %s", r.Read, strings.Join(parts, ", "))
	if len(r.Rejected) > 0 {
		return s + ":"
	}
	return s + "."
}
