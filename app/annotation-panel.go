package app

import (
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fillPanel puts the focused annotation's note and evidence into the
// panel's fields once the page has re-rendered. go-app sets a field's value
// only when its value attribute changes, and drops an empty one, so a
// field would keep what was typed for the annotation shown before it (or
// before an undo). The field being typed in is left alone.
func (p *docPage) fillPanel(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		a, ok := p.ws.set.Get(p.focusAnn)
		if !ok {
			return
		}
		active := app.Window().Get("document").Get("activeElement")
		for id, v := range map[string]string{"ann-note": a.Note, "ann-evidence": a.Evidence} {
			if el := app.Window().GetElementByID(id); el.Truthy() && !el.Equal(active) && el.Get("value").String() != v {
				el.Set("value", v)
			}
		}
	})
}

// renderPanel shows the focused annotation: its quote, tag, note and, for
// a fact, its evidence, with a remove button.
func (p *docPage) renderPanel() app.UI {
	a, ok := p.ws.set.Get(p.focusAnn)
	if !ok {
		n := len(p.ws.set.List(annotation.Filter{Doc: p.id}))
		return app.Aside().ID("ann-panel").Class("panel empty").Body(
			app.P().Textf("%d annotations in this document.", n),
			app.P().Text("Select text or press j / k to pick a sentence, then 1–4 to tag it. Click a mark to edit it. Press ? for every shortcut."),
		)
	}
	// Handlers read the focused annotation when they run: go-app keeps an
	// element's first handler when a re-render brings one from the same
	// code, so a captured annotation would be the first one ever shown.
	edit := func(f func(*annotation.Annotation, string)) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			cur, ok := p.ws.set.Get(p.focusAnn)
			if !ok {
				return
			}
			before := cur
			f(&cur, strings.TrimSpace(ctx.JSSrc().Get("value").String()))
			if cur.SameContent(before) {
				return
			}
			cur.Modified = time.Now().UTC().Truncate(time.Second)
			p.report(p.ws.update(cur))
		}
	}
	return app.Aside().ID("ann-panel").Class("panel").DataSet("ann", a.ID).DataSet("tag", string(a.Tag)).Body(
		app.H3().Text("Annotation"),
		app.Blockquote().Class("quote").Text(a.Anchor.Exact),
		app.Div().Class("tag-choice").Body(app.Range(annotation.Tags()).Slice(func(i int) app.UI {
			t := annotation.Tags()[i]
			return app.Button().Class("tag-btn", activeClass(t == a.Tag)).DataSet("tag", string(t)).
				OnClick(func(ctx app.Context, e app.Event) { p.retag(p.focusAnn, t) }).
				Body(app.Kbd().Text(t.Key()), app.Text(" "+string(t)))
		})),
		app.Label().For("ann-note").Text("Note (n)"),
		app.Textarea().ID("ann-note").Rows(3).Text(a.Note).
			OnChange(edit(func(a *annotation.Annotation, v string) { a.Note = v })),
		app.If(a.Tag == annotation.Fact, func() app.UI {
			return app.Div().Body(
				app.Label().For("ann-evidence").Text("Evidence: a link or citation"),
				app.Input().ID("ann-evidence").Type("text").Value(a.Evidence).
					OnChange(edit(func(a *annotation.Annotation, v string) { a.Evidence = v })),
			)
		}),
		app.P().Class("meta").Textf("By %s, %s", a.Creator, a.Created.Local().Format("2 Jan 2006 15:04")),
		app.Button().ID("ann-remove").Text("Remove (x)").
			OnClick(func(ctx app.Context, e app.Event) {
				p.report(p.ws.remove(p.focusAnn))
				p.focusAnn = ""
			}),
	)
}
