package review

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The adjudication: the queue of spans, disagreements first, and the span
// being decided, driven by the keyboard (1-4 set the final label, j/k or
// the arrows move, x clears, n goes to the note, Ctrl+Z undoes) or the
// buttons. Decisions go to the desk, which saves each as its own record.

// noteField is the id of the reviewer's note field.
const noteField = "decision-note"

// keyHelp lists the adjudication keys, as the page shows them.
var keyHelp = []struct{ Keys, What string }{
	{"1 2 3 4", "final label: fact, forecast, opinion, unverified (then the next undecided span)"},
	{"j / k or ↓ / ↑", "next / previous span"},
	{"n", "write a note for this span (Esc leaves the note, which is kept)"},
	{"x", "clear this span's decision"},
	{"Ctrl+Z / Ctrl+Shift+Z", "undo / redo a decision"},
}

// listenArrows moves through the queue with the down and up arrows, as
// with j and k, unless a field, a list or a menu has the focus. It returns
// a function that stops listening.
func (p *Page) listenArrows(ctx app.Context) func() {
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		key := e.Get("key").String()
		if key != "ArrowDown" && key != "ArrowUp" || e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() {
			return nil
		}
		if t := e.Get("target"); t.Truthy() {
			switch strings.ToUpper(t.Get("tagName").String()) {
			case "INPUT", "TEXTAREA", "SELECT", "SUMMARY":
				return nil
			}
			if t.Get("isContentEditable").Truthy() {
				return nil
			}
		}
		if p.ref.D == nil || p.ref.D.Progress().Total == 0 {
			return nil
		}
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) { p.move(ctx, key == "ArrowDown") })
		return nil
	})
	app.Window().Call("addEventListener", "keydown", fn)
	return func() {
		app.Window().Call("removeEventListener", "keydown", fn)
		fn.Release()
	}
}

// onKey handles the shared keys on this page.
func (p *Page) onKey(ctx app.Context, k chrome.Key, t annotation.Tag) {
	if k == chrome.KeyEscape {
		p.leaveNote(ctx)
		return
	}
	if p.ref.D == nil || p.ref.D.Progress().Total == 0 {
		return
	}
	switch k {
	case chrome.KeyNext, chrome.KeyPrev:
		p.move(ctx, k == chrome.KeyNext)
	case chrome.KeyTag:
		p.decide(ctx, t)
	case chrome.KeyRemove:
		p.undecide(ctx)
	case chrome.KeyNote:
		ctx.Defer(func(app.Context) { app.Window().GetElementByID(noteField).Call("focus") })
	case chrome.KeyUndo:
		p.undo(ctx, true)
	case chrome.KeyRedo:
		p.undo(ctx, false)
	}
}

// currentItem returns the span shown (see currentOf).
func (p *Page) currentItem(d *desk.Desk) (adjudicate.Item, bool) { return currentOf(d, p.current) }

// show makes the span with key the current one, with its note in the
// note field.
func (p *Page) show(ctx app.Context, key string) {
	p.current = key
	note := ""
	if it, ok := p.ref.D.Item(key); ok && it.Decision != nil {
		note = it.Decision.Note
	}
	p.noteKey, p.noteDraft = key, note
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(noteField); el.Truthy() && el.Get("value").String() != note {
			el.Set("value", note)
		}
		if el := app.Window().Get("document").Call("querySelector", `#queue tr[aria-current="true"]`); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// move shows the next or previous span in queue order.
func (p *Page) move(ctx app.Context, next bool) {
	if key, ok := neighbor(p.ref.D, p.current, next); ok {
		p.show(ctx, key)
	}
}

// reviewer runs f with the reviewer's name, asking for it once.
func (p *Page) reviewer(ctx app.Context, f func(ctx app.Context, name string)) {
	p.WithCreator(ctx, func(ctx app.Context) { f(ctx, p.Session().WS.Creator()) })
}

// decide gives the current span its final label (with the note typed),
// then shows the next undecided span.
func (p *Page) decide(ctx app.Context, t annotation.Tag) {
	cur, ok := p.currentItem(p.ref.D)
	if !ok {
		return
	}
	key, note := cur.Unit.Key, p.noteFor(cur.Unit.Key)
	p.reviewer(ctx, func(ctx app.Context, name string) {
		next, err := settle(p.ref.D, key, t, note, name, time.Now())
		p.apply(ctx, err)
		p.show(ctx, next)
	})
}

// drop decides the current span is no claim, then shows the next
// undecided span.
func (p *Page) drop(ctx app.Context) {
	cur, ok := p.currentItem(p.ref.D)
	if !ok {
		return
	}
	key, note := cur.Unit.Key, p.noteFor(cur.Unit.Key)
	p.reviewer(ctx, func(ctx app.Context, name string) {
		next, err := settle(p.ref.D, key, "", note, name, time.Now())
		p.apply(ctx, err)
		p.show(ctx, next)
	})
}

// undecide clears the current span's decision.
func (p *Page) undecide(ctx app.Context) {
	cur, ok := p.currentItem(p.ref.D)
	if !ok || cur.Decision == nil {
		return
	}
	p.apply(ctx, p.ref.D.Undecide(cur.Unit.Key))
	p.show(ctx, cur.Unit.Key)
}

// acceptUnanimous decides every undecided unanimous span with its label.
func (p *Page) acceptUnanimous(ctx app.Context) {
	p.reviewer(ctx, func(ctx app.Context, name string) {
		n, err := p.ref.D.AcceptUnanimous(name, time.Now())
		p.apply(ctx, err)
		if err == nil {
			p.Say(fmt.Sprintf("Accepted %d unanimous spans with their annotators' label. Undo takes them back.", n))
		}
	})
}

// undo undoes (or redoes) the latest decision and says so.
func (p *Page) undo(ctx app.Context, back bool) {
	msg, done := travel(p.ref.D, back)
	p.Say(msg)
	if done {
		p.apply(ctx, nil)
		p.show(ctx, p.current)
	}
}

// apply shows err, or publishes the changed desk.
func (p *Page) apply(ctx app.Context, err error) {
	p.err = ""
	if err != nil {
		p.err = "The decision was not taken: " + err.Error()
		if errors.Is(err, adjudicate.ErrNoUnit) {
			p.err = "That span is gone (the imports changed); pick another."
		}
		return
	}
	chrome.PublishDesk(ctx, p.ref)
}

// noteFor returns the note typed for the span with key.
func (p *Page) noteFor(key string) string {
	if p.noteKey == key {
		return p.noteDraft
	}
	return ""
}

// leaveNote saves the note of a decided span when it changed, and leaves
// the note field.
func (p *Page) leaveNote(ctx app.Context) {
	d := p.ref.D
	if d == nil {
		return
	}
	if cur, ok := p.currentItem(d); ok && cur.Decided() && p.noteKey == cur.Unit.Key && p.noteDraft != cur.Decision.Note {
		dec := *cur.Decision
		note := p.noteDraft
		p.reviewer(ctx, func(ctx app.Context, name string) {
			if dec.Dropped {
				p.apply(ctx, d.Drop(cur.Unit.Key, note, name, time.Now()))
			} else {
				p.apply(ctx, d.Decide(cur.Unit.Key, dec.Label, note, name, time.Now()))
			}
		})
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().Get("document").Get("activeElement"); el.Truthy() && el.Get("id").String() == noteField {
			el.Call("blur")
		}
	})
}

// onPick shows the span whose key the clicked button holds in data-key
// (go-app keeps an element's first handler when a re-render gives it an
// equal one, so a handler closing over the span would act on the first).
func (p *Page) onPick(ctx app.Context, e app.Event) {
	if k := ctx.JSSrc().Get("dataset").Get("key"); k.Truthy() {
		p.show(ctx, k.String())
	}
}

// onLabel decides the current span with the label the clicked button holds.
func (p *Page) onLabel(ctx app.Context, e app.Event) {
	if t := ctx.JSSrc().Get("dataset").Get("tag"); t.Truthy() {
		p.decide(ctx, annotation.Tag(t.String()))
	}
}

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
	v := viewSpan(cur, at+1, d.Info())
	lo, hi := windowAround(at, len(items))
	var rows []spanView
	for i := lo; i < hi; i++ {
		rows = append(rows, viewSpan(items[i], i+1, d.Info()))
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
				OnClick(func(ctx app.Context, e app.Event) { p.drop(ctx) }),
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

// renderGold is the export section.
func (p *Page) renderGold(d *desk.Desk) app.UI {
	prog := d.Progress()
	kept := len(d.Decisions())
	button := func(id, label, format string) app.UI {
		return app.Button().ID(id).Text(label).OnClick(func(ctx app.Context, e app.Event) { p.exportGold(format) })
	}
	return app.Section().ID("gold").Aria("labelledby", "gold-title").Body(
		app.H2().ID("gold-title").Text("Gold file"),
		app.P().ID("gold-summary").Text(fmt.Sprintf("%s. The gold file holds each decided span (not those decided to be no claim) "+
			"with its final label, the reviewer, and every annotator's label as provenance; %d decisions in all, "+
			"undecided spans are left out.", prog, kept)),
		button("export-gold-json", "Download the gold file (claimtag JSON)", desk.GoldJSON),
		button("export-gold-w3c", "Download the gold file (W3C Web Annotation)", desk.GoldW3C),
		button("export-gold-csv", "Download a CSV (one row per span and annotator)", desk.GoldCSV),
		app.Button().ID("adopt-gold").Text("Add the decided spans to my annotations").
			OnClick(func(ctx app.Context, e app.Event) { p.adoptGold() }),
	)
}
