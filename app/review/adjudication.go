package review

import (
	"errors"
	"fmt"
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

// decide gives the current span its final label t, or decides it is no
// claim when t is "" (with the note typed), then shows the next undecided
// span.
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
