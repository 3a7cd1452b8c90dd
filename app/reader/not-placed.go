package reader

import (
	"fmt"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderNotPlaced lists the annotations made on this document whose text
// the current version no longer holds: their quote, tag and note. They
// are kept, and in every export, until the user removes them.
func (p *Page) renderNotPlaced(s *chrome.Session) app.UI {
	items := s.WS.NotPlaced(p.id)
	if len(items) == 0 {
		return app.Section().ID("not-placed").Hidden(true)
	}
	return app.Section().ID("not-placed").Class("not-placed").DataSet("count", len(items)).Body(
		app.H2().Text(fmt.Sprintf("Not placed (%d)", len(items))),
		app.P().Text("This document changed since these were made, and their text was not found in it. "+
			"They are kept, and every export includes them, until you remove them."),
		app.Ul().Body(app.Range(items).Slice(func(i int) app.UI {
			a := items[i]
			why := ""
			if a.Status == "" {
				why = " (not checked yet: the document could not be read)"
			}
			return app.Li().Class("not-placed-item").TabIndex(-1).DataSet("ann", a.ID).DataSet("tag", string(a.Tag)).Body(
				app.Q().Class("quote").Text(a.Anchor.Exact),
				app.Text(" "), app.Span().Class("tag-chip").DataSet("tag", string(a.Tag)).Text(string(a.Tag)),
				app.Text(" by "+chrome.OrAnon(a.Creator)+why),
				app.If(a.Note != "", func() app.UI { return app.P().Class("note").Text(a.Note) }),
				app.If(a.Evidence != "", func() app.UI { return app.P().Class("evidence").Text("Evidence: " + a.Evidence) }),
				app.Button().Class("remove-not-placed").DataSet("ann", a.ID).Text("Remove").
					OnClick(func(ctx app.Context, e app.Event) {
						p.report(p.Session().WS.Delete(ctx.JSSrc().Get("dataset").Get("ann").String()))
					}),
			)
		})),
	)
}
