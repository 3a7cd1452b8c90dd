package review

import (
	"fmt"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The adjudication section: the progress, bulk accept and undo, the span
// being decided and a page of the queue. Its handlers are in
// adjudication.go.

// renderAdjudication is the adjudication section.
func (p *Page) renderAdjudication(d *desk.Desk) app.UI {
	prog := d.Progress()
	items := d.Items()
	section := app.Section().ID("adjudication").Aria("labelledby", "adjudication-title")
	if len(items) == 0 {
		return section.Body(
			app.H2().ID("adjudication-title").Text("Adjudication"),
			app.P().Text("Nothing to adjudicate yet: import annotators' files first."),
		)
	}
	cur, _ := p.currentItem(d)
	at := slices.IndexFunc(items, func(it adjudicate.Item) bool { return it.Unit.Key == cur.Unit.Key })
	v := viewSpan(cur, at+1, d.Title)
	lo, hi := windowAround(at, len(items))
	var rows []spanView
	for i := lo; i < hi; i++ {
		rows = append(rows, viewSpan(items[i], i+1, d.Title))
	}
	unanimous := d.Unanimous()
	return section.Body(
		app.H2().ID("adjudication-title").Text("Adjudication"),
		app.P().Text("Settle each span: give it the final label, or say it is no claim. Disagreements come first, then spans "+
			"one annotator marked, then unanimous ones. Decisions are saved as you take them."),
		app.Div().Class("adjudication-bar").Body(
			app.P().ID("adjudication-progress").Role("status").DataSet("decided", prog.Decided).DataSet("total", prog.Total).
				Text(prog.String()),
			app.Progress().ID("adjudication-bar").Aria("labelledby", "adjudication-progress").Max(max(1, prog.Total)).Value(prog.Decided),
			app.Button().ID("accept-unanimous").Disabled(unanimous == 0).
				Text(fmt.Sprintf("Accept the %d unanimous spans", unanimous)).
				Title("Each undecided span all its annotators gave one label gets that label").
				OnClick(func(ctx app.Context, e app.Event) { p.acceptUnanimous(ctx) }),
			app.Button().ID("decision-undo").Disabled(!d.CanUndo()).Text("Undo").
				OnClick(func(ctx app.Context, e app.Event) { p.undo(ctx, true) }),
			app.Button().ID("decision-redo").Disabled(!d.CanRedo()).Text("Redo").
				OnClick(func(ctx app.Context, e app.Event) { p.undo(ctx, false) }),
		),
		p.renderCurrent(v, len(items)),
		app.Details().Class("keys").Open(true).Body(
			app.Summary().Text("Keys"),
			app.Table().Body(
				app.Caption().Text("Keyboard shortcuts of the adjudication"),
				app.TBody().Body(app.Range(keyHelp).Slice(func(i int) app.UI {
					return app.Tr().Body(app.Th().Scope("row").Body(app.Kbd().Text(keyHelp[i].Keys)), app.Td().Text(keyHelp[i].What))
				})),
			),
		),
		p.renderQueue(rows, lo, hi, len(items), cur.Unit.Key),
	)
}

// renderCurrent is the span being decided: the quote in context, every
// annotator's label, the decision and the buttons to take it.
func (p *Page) renderCurrent(v spanView, total int) app.UI {
	return app.Div().ID("current-span").Class("current-span").DataSet("key", v.Key).DataSet("state", v.State).
		DataSet("decided", chrome.YesNo(v.Decided)).DataSet("final", v.Final).Body(
		app.H3().ID("current-title").Text(fmt.Sprintf("Span %d of %d: %s", v.Pos, total, v.StateText)),
		app.P().Class("meta").Body(
			app.Text("In "),
			app.A().Href(chrome.Link(chrome.DocURL(v.Doc, v.Passage, ""))).Text(v.Title),
		),
		app.Blockquote().Class("quote in-context").Body(
			app.If(v.Prefix != "", func() app.UI { return app.Span().Class("context").Text("…" + v.Prefix) }),
			app.Mark().Class("span-quote").Text(v.Exact),
			app.If(v.Suffix != "", func() app.UI { return app.Span().Class("context").Text(v.Suffix + "…") }),
		),
		app.Table().Class("labels").Body(
			app.Caption().Text("Each annotator's label"),
			app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Annotator"), app.Th().Scope("col").Text("Label"),
				app.Th().Scope("col").Text("Their span and note"))),
			app.TBody().Body(app.Range(v.Labels).Slice(func(i int) app.UI {
				l := v.Labels[i]
				return app.Tr().Class("annotator-label").DataSet("annotator", l.Annotator).DataSet("tag", l.Tag).Body(
					app.Th().Scope("row").Text(l.Annotator),
					app.Td().Body(app.Span().Class("tag tag-"+string(l.Tag)).Text(string(l.Tag))),
					app.Td().Body(
						app.If(l.Quote != "", func() app.UI { return app.Q().Text(l.Quote) }),
						app.If(l.Note != "", func() app.UI { return app.P().Class("note").Text("Note: " + l.Note) }),
					),
				)
			})),
		),
		app.P().ID("current-decision").Class("decision").Body(
			app.Strong().Text("Final label: "), app.Text(v.Decision),
		),
		app.Div().Class("final-labels").Role("group").Aria("label", "Final label").Body(
			app.Range(annotation.Tags()).Slice(func(i int) app.UI {
				t := annotation.Tags()[i]
				chosen := v.Decided && !v.Dropped && v.Final == t
				return app.Button().Class("tag-btn final").DataSet("tag", t).Aria("pressed", chosen).
					Title(fmt.Sprintf("Final label %s (key %d)", t, i+1)).OnClick(p.onLabel).Body(
					app.Kbd().Text(fmt.Sprint(i+1)), app.Text(" "+string(t)))
			}),
			app.Button().ID("drop-span").Aria("pressed", v.Decided && v.Dropped).Text("Not a claim").
				OnClick(func(ctx app.Context, e app.Event) { p.decide(ctx, "") }),
			app.Button().ID("clear-decision").Disabled(!v.Decided && !v.Stale).Text("Clear").
				OnClick(func(ctx app.Context, e app.Event) { p.undecide(ctx) }),
		),
		app.Label().For(noteField).Text("Reviewer's note (kept with the decision)"),
		app.Textarea().ID(noteField).DataSet("key", v.Key).Rows(2).Text(p.noteFor(v.Key)).
			OnInput(func(ctx app.Context, e app.Event) {
				p.noteKey, p.noteDraft = ctx.JSSrc().Get("dataset").Get("key").String(), ctx.JSSrc().Get("value").String()
			}).
			OnChange(func(ctx app.Context, e app.Event) { p.leaveNote(ctx) }),
		app.Div().Class("moves").Body(
			app.Button().ID("prev-span").Disabled(v.Pos <= 1).Text("← Previous (k)").
				OnClick(func(ctx app.Context, e app.Event) { p.move(ctx, false) }),
			app.Button().ID("next-span").Disabled(v.Pos >= total).Text("Next (j) →").
				OnClick(func(ctx app.Context, e app.Event) { p.move(ctx, true) }),
		),
	)
}

// renderQueue is the page of the queue holding the current span.
func (p *Page) renderQueue(rows []spanView, lo, hi, total int, current string) app.UI {
	return app.Div().Class("queue").Body(
		app.Table().ID("queue").Body(
			app.Caption().Text(fmt.Sprintf("The queue: spans %d–%d of %d", lo+1, hi, total)),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("#"), app.Th().Scope("col").Text("Agreement"),
				app.Th().Scope("col").Text("Quote"), app.Th().Scope("col").Text("Labels"),
				app.Th().Scope("col").Text("Final label"),
			)),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				r := rows[i]
				quote := r.Exact
				if n := []rune(quote); len(n) > 90 {
					quote = string(n[:90]) + "…"
				}
				row := app.Tr().Class("queue-item").DataSet("key", r.Key).DataSet("state", r.State).
					DataSet("decided", chrome.YesNo(r.Decided)).DataSet("final", r.Final)
				mark := ""
				if r.Key == current {
					row = row.Aria("current", "true")
					mark = "▶ "
				}
				return row.Body(
					app.Td().Text(mark+fmt.Sprint(r.Pos)),
					app.Td().Text(r.StateText),
					app.Td().Body(app.Button().Class("link pick").DataSet("key", r.Key).OnClick(p.onPick).Text(quote)),
					app.Td().Text(r.Summary()),
					app.Td().Text(r.Decision),
				)
			})),
		),
		app.If(total > queueWindow, func() app.UI {
			return app.P().Class("hint").Text("Move with j and k (or the arrows) to page through the queue.")
		}),
	)
}
