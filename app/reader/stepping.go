package reader

import (
	"fmt"
	"strconv"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Stepping through the query's matches and the repaired text.

// stepMatch shows the next or previous match of the query and selects
// its words, so that 1–4 tag them and L and H extend them.
func (p *Page) stepMatch(ctx app.Context, delta int) {
	if len(p.matches) == 0 {
		if p.q != "" {
			p.shown = matchLabel(p.q, -1, 0) + "."
		}
		return
	}
	p.matchAt = stepMatch(p.matchAt, len(p.matches), delta)
	m := p.matches[p.matchAt]
	if k, ok := p.words.cover(m.Start, m.End); ok {
		p.setPick(ctx, k)
	}
	id := "#m-" + strconv.Itoa(p.matchAt)
	ctx.Defer(func(app.Context) {
		if el := app.Window().Get("document").Call("querySelector", id); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "center"})
		}
	})
}

// stepRepair focuses the next or previous repaired text and shows what
// the file had there.
func (p *Page) stepRepair(ctx app.Context, delta int) {
	rs := p.repairs()
	if len(rs) == 0 {
		p.shown = "Nothing in this document was repaired."
		return
	}
	at := -1
	switch {
	case p.repairAt >= 0 && p.repairAt < len(rs):
		at = rs[p.repairAt].Start
	case p.hasPick():
		at = p.picked.Start
	case p.focusSent >= 0:
		at = p.sents[p.focusSent].Start
	}
	if at < 0 && delta < 0 {
		at = len(p.runes) + 1
	}
	p.focusRepair(ctx, nextRepair(rs, at, delta))
}

// focusRepair gives repair i the focus and shows its original.
func (p *Page) focusRepair(ctx app.Context, i int) {
	rs := p.repairs()
	if i < 0 || i >= len(rs) {
		return
	}
	p.repairAt = i
	p.clearPick()
	if s := p.sentenceAt(rs[i].Start); s >= 0 {
		p.focusSent = s
	}
	p.shown = fmt.Sprintf("Repaired text %d of %d. %s", i+1, len(rs), repairText(rs[i]))
	p.focusElement("#r-"+strconv.Itoa(i), "center")
}

// showOriginal shows what the file had at the repaired text that has the
// focus, else at the repairs inside the selection, the focused annotation
// or the focused sentence.
func (p *Page) showOriginal() {
	rs := p.repairs()
	active := app.Window().Get("document").Get("activeElement")
	if active.Truthy() && active.Call("matches", "#doc .repair").Bool() {
		if i, err := strconv.Atoi(active.Get("dataset").Get("repair").String()); err == nil && i < len(rs) {
			p.repairAt = i
			p.shown = fmt.Sprintf("Repaired text %d of %d. %s", i+1, len(rs), repairText(rs[i]))
			return
		}
	}
	var from, to int
	switch id := p.focusedAnnotation(); {
	case p.hasPick():
		from, to = p.picked.Start, p.picked.End
	case id != "":
		it, _ := p.Session().WS.Get(id)
		from, to = it.Anchor.Start, it.Anchor.End
	case p.focusSent >= 0:
		from, to = p.sents[p.focusSent].Start, p.sents[p.focusSent].End
	default:
		p.shown = "Press r to go to the next repaired text, then o shows what the file had there."
		return
	}
	in := repairsAt(rs, from, to)
	if len(in) == 0 {
		p.shown = "Nothing was repaired here: the text is as in the file. Press r to go to the next repaired text."
		return
	}
	s := chrome.Count(len(in), "repair", "repairs") + " here. "
	for n, i := range in {
		if n == 5 {
			s += fmt.Sprintf("And %d more.", len(in)-5)
			break
		}
		s += repairText(rs[i]) + " "
	}
	p.shown = s
}
