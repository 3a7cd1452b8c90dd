package reader

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// onDocClick opens the annotation whose mark was clicked (the innermost,
// the shortest), shows the original of repaired text clicked (a tap has
// no hover), and drops a kept selection when the click leaves none.
func (p *Page) onDocClick(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if !target.Truthy() || !p.loaded() {
		return
	}
	p.shown = ""
	if !p.pickNative && p.keys == nil && p.hasPick() {
		p.clearPick()
	}
	if r := target.Call("closest", ".repair"); r.Truthy() {
		if i, err := strconv.Atoi(r.Get("dataset").Get("repair").String()); err == nil && i < len(p.repairs()) {
			p.repairAt = i
			p.shown = fmt.Sprintf("Repaired text %d of %d. %s", i+1, len(p.repairs()), repairText(p.repairs()[i]))
		}
	}
	if m := target.Call("closest", "mark[data-ann]"); m.Truthy() {
		p.show(ctx, m.Get("dataset").Get("ann").String())
	}
}

// onDocKey handles the keys that belong to the text's elements: Enter on
// a mark opens its annotation, Enter on repaired text shows its original,
// and the arrows (with Shift: the end only) move the selection word by
// word once a sentence or a selection is there.
func (p *Page) onDocKey(ctx app.Context, e app.Event) {
	if !p.loaded() || e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool() {
		ctx.PreventUpdate()
		return
	}
	target := e.Get("target")
	switch key := e.Get("key").String(); key {
	case "Enter":
		switch {
		case target.Call("matches", "mark[data-ann]").Bool():
			e.PreventDefault()
			p.shown = ""
			p.show(ctx, target.Get("dataset").Get("ann").String())
		case target.Call("matches", ".repair").Bool():
			e.PreventDefault()
			p.showOriginal()
		default:
			ctx.PreventUpdate()
		}
	case "ArrowRight", "ArrowLeft":
		if !p.hasPick() && p.focusSent < 0 {
			ctx.PreventUpdate()
			return
		}
		e.PreventDefault()
		delta := 1
		if key == "ArrowLeft" {
			delta = -1
		}
		p.shown = ""
		p.moveWord(ctx, delta, e.Get("shiftKey").Bool())
	default:
		ctx.PreventUpdate()
	}
}

// onFocusIn and onFocusOut follow which annotation's mark has the focus,
// for the legend's status line.
func (p *Page) onFocusIn(ctx app.Context, e app.Event) {
	id := ""
	if t := e.Get("target"); t.Truthy() && t.Call("matches", "mark[data-ann]").Bool() {
		id = t.Get("dataset").Get("ann").String()
	}
	if id == p.focusedMark {
		ctx.PreventUpdate()
		return
	}
	p.focusedMark = id
}

func (p *Page) onFocusOut(ctx app.Context, e app.Event) {
	if p.focusedMark == "" {
		ctx.PreventUpdate()
		return
	}
	if next := e.Get("relatedTarget"); next.Truthy() && next.Call("matches", "#doc mark[data-ann]").Bool() {
		ctx.PreventUpdate() // focusin follows
		return
	}
	p.focusedMark = ""
}
