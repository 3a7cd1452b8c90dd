package reader

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panel's fields, by id.
const (
	noteField     = "ann-note"
	evidenceField = "ann-evidence"
)

// fillPanel puts the focused annotation's note and evidence into the
// panel's fields once the page has re-rendered. go-app sets a field's
// value only when its value attribute changes, and drops an empty one, so
// a field would keep what was typed for the annotation shown before it (or
// before an undo). The field being typed in is left alone.
func (p *Page) fillPanel() {
	if p.ctx.Src() == nil {
		return // not mounted: no panel yet
	}
	p.ctx.Defer(func(app.Context) {
		s := p.Session()
		if s == nil {
			return
		}
		a, ok := s.WS.Get(p.focusAnn)
		if !ok {
			return
		}
		active := app.Window().Get("document").Get("activeElement")
		for id, v := range map[string]string{noteField: a.Note, evidenceField: a.Evidence} {
			if el := app.Window().GetElementByID(id); el.Truthy() && !el.Equal(active) && el.Get("value").String() != v {
				el.Set("value", v)
			}
		}
	})
}

// commitField gives the workspace what the panel's fields hold, should a
// keystroke not have reached it yet. It reads only the page's elements
// (the panel names its annotation in data-ann), so it may run inside the
// page's hide event, outside the UI goroutine.
func (p *Page) commitField() {
	s := p.Session()
	if s == nil {
		return
	}
	panel := app.Window().GetElementByID("ann-panel")
	if !panel.Truthy() {
		return
	}
	id := panel.Get("dataset").Get("ann")
	if !id.Truthy() {
		return
	}
	a, ok := s.WS.Get(id.String())
	if !ok {
		return
	}
	if el := app.Window().GetElementByID(noteField); el.Truthy() {
		if v := el.Get("value").String(); v != a.Note {
			s.WS.Note(a.ID, v)
		}
	}
	if el := app.Window().GetElementByID(evidenceField); el.Truthy() {
		if v := el.Get("value").String(); v != a.Evidence {
			s.WS.Evidence(a.ID, v)
		}
	}
}

// leaveField ends the typing in the panel: what the fields hold is kept,
// the typing session is one undo step, and it is written at once.
func (p *Page) leaveField() {
	p.commitField()
	if s := p.Session(); s != nil {
		s.Flush()
	}
}

// typed is the handler of the panel's fields: each keystroke goes to the
// workspace, which coalesces the typing into one undo step and one write.
// The annotation comes from the field's data-ann: go-app keeps an
// element's first handler when a re-render brings one from the same code.
func (p *Page) typed(field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := p.Session()
		if s == nil {
			return
		}
		id, v := ctx.JSSrc().Get("dataset").Get("ann").String(), ctx.JSSrc().Get("value").String()
		var err error
		if field == noteField {
			_, err = s.WS.Note(id, v)
		} else {
			_, err = s.WS.Evidence(id, v)
		}
		if err != nil {
			p.Say("Nothing changed: " + err.Error() + ".")
			return
		}
		ctx.PreventUpdate() // the field shows what was typed; the document need not re-render
	}
}

// renderPanel shows the open annotation: its quote, tag, note and, for a
// fact, its evidence, where re-anchoring put it when it did, and buttons
// to remove it and to close the panel. On a narrow screen it is a sheet
// at the bottom of the window (web/app.css).
func (p *Page) renderPanel(s *chrome.Session) app.UI {
	a, ok := s.WS.Get(p.focusAnn)
	if !ok || !a.Placed() {
		placed, lost := len(s.WS.Placed(p.id)), len(s.WS.NotPlaced(p.id))
		count := chrome.Count(placed, "annotation", "annotations") + " in this document."
		if lost > 0 {
			count = fmt.Sprintf("%s on this text, %d not placed (listed below it).", chrome.Count(placed, "annotation", "annotations"), lost)
		}
		return app.Aside().ID("ann-panel").Class("panel empty").Aria("label", "Annotation").Body(
			app.P().Text(count),
			app.P().Text("Select text, or press j / k to pick a sentence and l / h to pick words in it, then 1–4 to tag it. "+
				"Tab goes from annotation to annotation; Enter opens one. Press ? for every shortcut."),
		)
	}
	return app.Aside().ID("ann-panel").Class("panel").DataSet("ann", a.ID).DataSet("tag", string(a.Tag)).Aria("label", "Annotation").Body(
		app.Div().Class("panel-head").Body(
			app.H2().Body(app.Span().Class("tag-chip").DataSet("tag", string(a.Tag)).Text(string(a.Tag)), app.Text(" annotation")),
			app.Button().ID("ann-close").Class("icon").Aria("label", "Close the annotation (Esc)").Title("Close (Esc)").Text("×").
				OnClick(func(ctx app.Context, e app.Event) {
					id := p.focusAnn
					p.leaveField()
					p.focusAnn = ""
					p.focusMark(id, "nearest")
				}),
		),
		app.Blockquote().Class("quote").Text(a.Anchor.Exact),
		app.If(a.Confirm, func() app.UI { return p.renderPlacement(a) }),
		app.Div().Class("tag-choice").Role("group").Aria("label", "Tag").Body(app.Range(annotation.Tags()).Slice(func(i int) app.UI {
			t := annotation.Tags()[i]
			return app.Button().Class("tag-btn", chrome.ActiveClass(t == a.Tag)).DataSet("tag", string(t)).Aria("pressed", trueFalse(t == a.Tag)).
				OnClick(func(ctx app.Context, e app.Event) {
					p.leaveField()
					p.report(p.Session().WS.Retag(p.focusAnn, annotation.Tag(ctx.JSSrc().Get("dataset").Get("tag").String())))
				}).
				Body(app.Kbd().Text(t.Key()), app.Text(" "+string(t)))
		})),
		app.Label().For(noteField).Text("Note (n)"),
		app.Textarea().ID(noteField).DataSet("ann", a.ID).Rows(3).Text(a.Note).
			OnInput(p.typed(noteField)).OnBlur(func(ctx app.Context, e app.Event) { p.leaveField() }),
		app.If(a.Tag == annotation.Fact, func() app.UI {
			return app.Div().Body(
				app.Label().For(evidenceField).Text("Evidence: a link or citation"),
				app.Input().ID(evidenceField).DataSet("ann", a.ID).Type("text").Value(a.Evidence).
					OnInput(p.typed(evidenceField)).OnBlur(func(ctx app.Context, e app.Event) { p.leaveField() }),
			)
		}),
		app.P().Class("meta").Textf("By %s, %s", chrome.OrAnon(a.Creator), a.Created.Local().Format("2 Jan 2006 15:04")),
		app.Button().ID("ann-remove").Text("Remove (x)").
			OnClick(func(ctx app.Context, e app.Event) { p.remove(ctx) }),
	)
}

// renderPlacement shows where re-anchoring put an annotation and what it
// was on, with a button to confirm the new place.
func (p *Page) renderPlacement(a workspace.Item) app.UI {
	how := map[string]string{
		"moved":          "its text was found at another place",
		"fuzzy":          fmt.Sprintf("a close match of its text was found (match score %.0f%%)", 100*a.Score),
		"other-document": "its text was found in this document, not the one it was made on",
	}[string(a.Status)]
	was := ""
	if a.Was != nil {
		was = a.Was.Exact
	}
	return app.Div().ID("ann-placement").Class("placement").DataSet("status", string(a.Status)).Body(
		app.P().Text("The document changed since you tagged this: "+how+"."),
		app.If(was != "" && was != a.Anchor.Exact, func() app.UI {
			return app.P().Body(app.Text("You tagged: "), app.Q().Class("was").Text(was))
		}),
		app.Button().ID("ann-confirm").Text("Confirm this place").OnClick(func(ctx app.Context, e app.Event) {
			p.report(p.Session().WS.Confirm(p.focusAnn))
		}),
	)
}

// trueFalse spells a flag for an ARIA state ("true" or "false"; a bool
// would be written as a bare attribute when prerendered).
func trueFalse(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
