package chrome

import (
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// exportName returns the file name of an export of format ("json" or
// "w3c") filtered by f.
func exportName(format string, f annotation.Filter) string {
	parts := []string{"claimtag-annotations"}
	if f.Doc != "" {
		parts = append(parts, safeName(f.Doc))
	}
	if f.Tag != "" {
		parts = append(parts, string(f.Tag))
	}
	if format == "w3c" {
		return strings.Join(parts, "-") + ".w3c.jsonld"
	}
	return strings.Join(parts, "-") + ".json"
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// ExportData encodes the user's annotations matching f (placed or not) in
// format ("json": the project's own format; "w3c": a W3C
// AnnotationCollection under base).
func ExportData(w *workspace.Workspace, format, base string, f annotation.Filter, now time.Time) ([]byte, error) {
	exp := w.Export(f, now)
	if format == "w3c" {
		return annotation.W3C(exp, base)
	}
	return exp.Marshal()
}

// Download offers a download of data as name, of MIME type mime for the
// format ("json" or "w3c").
func Download(name, format string, data []byte) error {
	mime := "application/json"
	if format == "w3c" {
		mime = "application/ld+json"
	}
	return browser.Download(name, mime, data)
}

// doExport downloads an export; the current tag choice narrows f.
func (p *Page) doExport(ctx app.Context, format string, f annotation.Filter) {
	s := p.Session()
	if s == nil {
		return
	}
	if p.exportTag != "" {
		f.Tag = annotation.Tag(p.exportTag)
	}
	data, err := ExportData(s.WS, format, BaseURL(), f, time.Now())
	if err == nil {
		err = Download(exportName(format, f), format, data)
	}
	if err != nil {
		p.SayError("Export failed: " + err.Error())
	}
}

// exportMenu renders the export buttons; docID adds "this document" ones.
func (p *Page) exportMenu(docID string) app.UI {
	button := func(id, label, format string, f annotation.Filter) app.UI {
		return app.Button().ID(id).Type("button").Text(label).OnClick(func(ctx app.Context, e app.Event) { p.doExport(ctx, format, f) })
	}
	return app.Details().ID("export").Class("menu").Body(
		app.Summary().Text("Export"),
		app.Div().Class("menu-body").Body(
			app.Label().For("export-tag").Text("Tag"),
			app.Select().ID("export-tag").OnChange(func(ctx app.Context, e app.Event) {
				p.exportTag = ctx.JSSrc().Get("value").String()
			}).Body(
				app.Option().Value("").Text("all tags").Selected(p.exportTag == ""),
				app.Range(annotation.Tags()).Slice(func(i int) app.UI {
					t := string(annotation.Tags()[i])
					return app.Option().Value(t).Text(t).Selected(p.exportTag == t)
				}),
			),
			button("export-json", "All documents (claimtag JSON)", "json", annotation.Filter{}),
			button("export-w3c", "All documents (W3C Web Annotation)", "w3c", annotation.Filter{}),
			app.If(docID != "", func() app.UI {
				return app.Div().Body(
					button("export-doc-json", "This document (claimtag JSON)", "json", annotation.Filter{Doc: docID}),
					button("export-doc-w3c", "This document (W3C Web Annotation)", "w3c", annotation.Filter{Doc: docID}),
				)
			}),
		),
	)
}

// closeMenu closes the export menu when it is open (Esc, as for any
// disclosure menu), giving the focus to its button when it was inside.
func closeMenu() {
	menu := app.Window().GetElementByID("export")
	if !menu.Truthy() || !menu.Get("open").Truthy() {
		return
	}
	inside := menu.Call("contains", app.Window().Get("document").Get("activeElement")).Truthy()
	menu.Set("open", false)
	if summary := menu.Call("querySelector", "summary"); inside && summary.Truthy() {
		summary.Call("focus")
	}
}
