package reader

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// annList is the list of a document's annotations, as Hypothesis's
// sidebar has it: every annotation in text order with its tag (sign and
// name, not only colour), quote, note and state (saved, saving…, not
// saved, not placed, needs confirming), a filter by tag, and Enter or a
// click jumping to the annotation's mark. It follows the session and the
// saver's status itself, so that a write finishing re-renders the list and
// not the document.
type annList struct {
	app.Compo
	IDoc    string                           // the document
	IFocus  string                           // the annotation open in the panel
	IOnJump func(ctx app.Context, id string) // what Enter or a click on a line does

	ref    chrome.Ref
	status storage.Status
	filter annotation.Tag
}

// OnMount subscribes to the session and the saver's status.
func (l *annList) OnMount(ctx app.Context) {
	ctx.ObserveState(chrome.StateSession, &l.ref)
	ctx.ObserveState(chrome.StateSaved, &l.status)
	ctx.GetState(chrome.StateSession, &l.ref)
	ctx.GetState(chrome.StateSaved, &l.status)
}

// Render implements app.Composer.
func (l *annList) Render() app.UI {
	s := l.ref.S
	if s == nil {
		return app.Section().ID("ann-list").Class("ann-list")
	}
	unsaved := map[string]bool{}
	if l.status.Unsaved > 0 {
		for _, u := range s.Saver.Unsaved() {
			unsaved[u.Key] = true
		}
	}
	all := entries(s.WS.Placed(l.IDoc), s.WS.NotPlaced(l.IDoc), unsaved, l.status.State)
	counts := tagCounts(all)
	shown := only(all, l.filter)
	filter := func(t annotation.Tag, label string, n int) app.UI {
		name := string(t)
		if t == "" {
			name = "all" // go-app leaves an empty data attribute out
		}
		return app.Button().Class("filter").DataSet("filter", name).Aria("pressed", trueFalse(l.filter == t)).
			Text(fmt.Sprintf("%s %d", label, n)).
			OnClick(func(ctx app.Context, e app.Event) {
				l.filter = annotation.Tag(ctx.JSSrc().Get("dataset").Get("filter").String())
				if l.filter == "all" {
					l.filter = ""
				}
			})
	}
	return app.Section().ID("ann-list").Class("ann-list").TabIndex(-1).Aria("labelledby", "ann-list-title").Body(
		app.H2().ID("ann-list-title").Text("Annotations ("+fmt.Sprint(len(all))+")"),
		app.Div().Class("filters").Role("group").Aria("label", "Show the annotations tagged").Body(
			filter("", "All", len(all)),
			app.Range(annotation.Tags()).Slice(func(i int) app.UI {
				t := annotation.Tags()[i]
				return filter(t, tagIcon(t)+" "+string(t), counts[t])
			}),
		),
		app.If(len(shown) == 0, func() app.UI {
			msg := "No annotations yet." // how to make one: the panel beside it and the legend say it
			if len(all) > 0 {
				msg = "None tagged " + string(l.filter) + "."
			}
			return app.P().Class("empty").Text(msg)
		}).Else(func() app.UI {
			return app.Ol().Class("ann-items").Body(app.Range(shown).Slice(func(i int) app.UI {
				return l.renderEntry(shown[i])
			}))
		}),
	)
}

func (l *annList) renderEntry(e entry) app.UI {
	state := ""
	for i, s := range e.States {
		if i > 0 {
			state += " · "
		}
		state += s
	}
	return app.Li().Body(
		app.Button().Class("ann-item", chrome.ActiveClass(e.ID == l.IFocus)).DataSet("ann", e.ID).DataSet("tag", string(e.Tag)).
			DataSet("state", state).
			OnClick(func(ctx app.Context, ev app.Event) {
				if l.IOnJump != nil {
					l.IOnJump(ctx, ctx.JSSrc().Get("dataset").Get("ann").String())
				}
			}).
			Body(
				app.Span().Class("tag-chip").DataSet("tag", string(e.Tag)).Text(string(e.Tag)),
				app.Span().Class("item-quote").Text("“"+shorten(e.Quote, 140)+"”"),
				app.If(e.Note != "", func() app.UI { return app.Span().Class("item-note").Text("Note: " + shorten(e.Note, 140)) }),
				app.Span().Class("item-state").Text(state),
			),
	)
}
