package reader

import (
	"fmt"
	"strconv"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The keyboard, as the WAI-ARIA Authoring Practices would have it: Tab
// reaches each annotation's first mark (its head), Enter opens it in the
// panel, and the tag keys, x and n act on the annotation that has the
// focus. j and k pick a sentence (and give it the focus, so a screen
// reader reads it); l and h then select a word, L and H move the end of
// the selection word by word (arrows and Shift+arrows do the same while
// the focus is in the text), and 1–4 tag what is selected. m and M step
// through the query's matches, r and R through the repaired text, and o
// shows what the file had there.

// onKey handles the page's keys (chrome.KeyFor maps them).
func (p *Page) onKey(ctx app.Context, a chrome.Key, t annotation.Tag) {
	if a == chrome.KeyEscape {
		p.escape(ctx)
		return
	}
	if !p.loaded() {
		return
	}
	s := p.Session()
	if a != chrome.KeyOriginal {
		p.shown = ""
	}
	switch a {
	case chrome.KeyFocusSearch:
		ctx.Navigate(chrome.Link(chrome.SearchURL(p.q, "", "", "")))
	case chrome.KeyNext, chrome.KeyPrev:
		p.moveSentence(ctx, a == chrome.KeyNext)
	case chrome.KeyWordNext, chrome.KeyWordPrev, chrome.KeyExtendNext, chrome.KeyExtendPrev:
		delta := 1
		if a == chrome.KeyWordPrev || a == chrome.KeyExtendPrev {
			delta = -1
		}
		p.moveWord(ctx, delta, a == chrome.KeyExtendNext || a == chrome.KeyExtendPrev)
	case chrome.KeyTag:
		p.tag(ctx, t)
	case chrome.KeyRemove:
		p.remove(ctx)
	case chrome.KeyUndo:
		p.travel(ctx, s.WS.Undo(p.id))
	case chrome.KeyRedo:
		p.travel(ctx, s.WS.Redo(p.id))
	case chrome.KeyNote:
		id := p.focusedAnnotation()
		if id == "" {
			id = p.focusAnn
		}
		if id == "" {
			p.shown = "Nothing to write a note on: Tab to an annotation, or tag a selection, then press n."
			return
		}
		p.focusAnn = id
		p.fillPanel()
		ctx.Defer(func(app.Context) {
			if el := app.Window().GetElementByID(noteField); el.Truthy() {
				el.Call("focus")
			}
		})
	case chrome.KeyMatchNext, chrome.KeyMatchPrev:
		delta := 1
		if a == chrome.KeyMatchPrev {
			delta = -1
		}
		p.stepMatch(ctx, delta)
	case chrome.KeyRepairNext, chrome.KeyRepairPrev:
		delta := 1
		if a == chrome.KeyRepairPrev {
			delta = -1
		}
		p.stepRepair(ctx, delta)
	case chrome.KeyOriginal:
		p.showOriginal()
	}
}

// escape leaves the note field (what it holds is kept), closes the panel,
// drops the selection and what the last key showed. The focus goes back
// from the panel to the annotation's mark.
func (p *Page) escape(ctx app.Context) {
	id := p.focusAnn
	inPanel := false
	if active := app.Window().Get("document").Get("activeElement"); active.Truthy() {
		inPanel = active.Call("closest", "#ann-panel").Truthy()
	}
	p.leaveField()
	p.focusAnn, p.shown = "", ""
	p.clearPick()
	browser.ClearSelection()
	if inPanel && id != "" {
		p.focusMark(id, "nearest")
	}
}

// focusedAnnotation returns the annotation whose mark has the keyboard
// focus (or is about to get it: see focusMark), or whose line in the
// annotation list has it.
func (p *Page) focusedAnnotation() string {
	id := p.focusedMark
	if id == "" {
		active := app.Window().Get("document").Get("activeElement")
		if active.Truthy() && active.Call("matches", "#ann-list .ann-item").Bool() {
			id = active.Get("dataset").Get("ann").String()
		}
	}
	if id == "" {
		return ""
	}
	if _, ok := p.Session().WS.Get(id); !ok {
		return ""
	}
	return id
}

// show opens annotation id in the panel.
func (p *Page) show(ctx app.Context, id string) {
	p.leaveField()
	p.focusAnn = id
	p.fillPanel()
}

// jump opens annotation id and gives its mark the focus, scrolled into
// view; one that is not placed has its line below the text focused.
func (p *Page) jump(ctx app.Context, id string) {
	it, ok := p.Session().WS.Get(id)
	if !ok {
		return
	}
	p.show(ctx, id)
	if !it.Placed() {
		p.focusElement(`.not-placed-item[data-ann="`+id+`"]`, "center")
		return
	}
	if i := p.sentenceAt(it.Anchor.Start); i >= 0 {
		p.focusSent = i
	}
	p.focusMark(id, "center")
}

// travel shows what Undo or Redo did and where: the message, and the
// annotation it touched focused and scrolled into view.
func (p *Page) travel(ctx app.Context, out workspace.Outcome) {
	p.Say(out.Message)
	p.focusAnn = out.ID
	if out.ID == "" {
		return
	}
	p.fillPanel()
	p.focusMark(out.ID, "nearest")
}

// moveSentence focuses the next or previous sentence, and the user's
// annotation that covers exactly that sentence, if any. It starts from
// the selection, the annotation that has the focus, or the target passage.
func (p *Page) moveSentence(ctx app.Context, next bool) {
	if len(p.sents) == 0 {
		return
	}
	from := p.focusSent
	if p.hasPick() {
		from = p.sentenceAt(p.picked.Start)
	} else if id := p.focusedAnnotation(); id != "" {
		if it, ok := p.Session().WS.Get(id); ok && it.Placed() {
			from = p.sentenceAt(it.Anchor.Start)
		}
	}
	switch {
	case from < 0 && next:
		p.focusSent = p.firstSentenceFrom(p.target)
	case from < 0:
		p.focusSent = len(p.sents) - 1
	case next:
		p.focusSent = min(from+1, len(p.sents)-1)
	default:
		p.focusSent = max(from-1, 0)
	}
	p.clearPick()
	st := p.sents[p.focusSent]
	p.focusAnn = ""
	for _, a := range p.Session().WS.Placed(p.id) {
		if a.Anchor.Start == st.Start && a.Anchor.End == st.End {
			p.focusAnn = a.ID
		}
	}
	p.fillPanel()
	p.focusElement("#s-"+st.ID, "nearest")
}

// moveWord handles l, h, L and H (and the arrows): the first press
// selects the first (l, L) or last (h, H) word of the sentence picked
// with j, of the current match, or of the annotation that has the focus;
// the next ones move the selection by a word, or its end only (extend).
func (p *Page) moveWord(ctx app.Context, delta int, extend bool) {
	var k pick
	var ok bool
	switch {
	case p.keys != nil:
		k, ok = p.words.move(*p.keys, delta, extend)
		if !ok {
			p.shown = "The selection is at the end of its paragraph."
			if !extend {
				p.shown = "There are no more words that way."
			}
			return
		}
	case p.hasPick():
		if k, ok = p.words.cover(p.picked.Start, p.picked.End); ok {
			k, _ = p.words.move(k, delta, extend)
		}
	case p.focusedAnnotation() != "":
		it, _ := p.Session().WS.Get(p.focusedAnnotation())
		k, ok = p.words.at(it.Anchor.Start, it.Anchor.End, delta < 0)
	case p.focusSent >= 0:
		st := p.sents[p.focusSent]
		k, ok = p.words.at(st.Start, st.End, delta < 0)
	case p.matchAt >= 0:
		m := p.matches[p.matchAt]
		k, ok = p.words.cover(m.Start, m.End)
	}
	if !ok {
		p.shown = "Press j to pick a sentence first; then l and h pick words in it, and L and H move the end of the selection."
		return
	}
	p.setPick(ctx, k)
}

// setPick makes k the keyboard's selection, drawn in the text, with the
// focus on its sentence.
func (p *Page) setPick(ctx app.Context, k pick) {
	browser.ClearSelection()
	p.keys, p.picked, p.pickNative = &k, p.words.span(k), false
	if i := p.sentenceAt(p.picked.Start); i >= 0 {
		p.focusSent = i
		p.focusElement("#s-"+p.sents[i].ID, "nearest")
	}
}

// hasPick reports whether there is a selection for the tag keys besides
// the browser's.
func (p *Page) hasPick() bool { return p.picked.End > p.picked.Start }

func (p *Page) clearPick() { p.picked, p.keys, p.pickNative = span{}, nil, false }

// outsideText is what a tag key says about a selection outside the text.
const outsideText = "The selection is not in the document's text, so nothing was tagged: select words of the document, then press 1–4."

// selection returns the page's text selection as a span of the document:
// ok is false when there is none, and outside is set when there is one
// but it does not lie in the document's text.
func (p *Page) selection() (sp span, ok, outside bool) {
	if !browser.HasSelection() {
		return span{}, false, false
	}
	sel, inText := browser.CurrentSelection()
	if !inText {
		return span{}, false, true
	}
	sp, ok = selectionSpan(sel, p.runes, p.passageText)
	return sp, ok, !ok
}

// tag applies t: to the selected text if any (the browser's, else the
// keyboard's), else it retags the annotation that has the focus or is
// open, else it tags the focused sentence. A selection outside the text
// changes nothing and says so. The new or retagged annotation's mark gets
// the focus.
func (p *Page) tag(ctx app.Context, t annotation.Tag) {
	if !p.loaded() {
		return
	}
	s := p.Session()
	sp, ok, outside := p.selection()
	switch {
	case outside && !p.hasPick():
		p.Say(outsideText)
		return
	case ok:
	case p.hasPick():
		sp = p.picked
	case p.focusedAnnotation() != "" || p.focusAnn != "":
		id := p.focusedAnnotation()
		if id == "" {
			id = p.focusAnn
		}
		if p.report(s.WS.Retag(id, t)) {
			p.focusMark(id, "nearest")
		}
		return
	case p.focusSent >= 0:
		st := p.sents[p.focusSent]
		sp = span{Start: st.Start, End: st.End}
	default:
		p.Say("Select some text, or press j to pick a sentence, then press 1–4.")
		return
	}
	p.WithCreator(ctx, func(ctx app.Context) {
		out, err := s.WS.Tag(workspace.Span{Doc: p.id, Start: sp.Start, End: sp.End}, t)
		if p.report(out, err) {
			p.focusAnn = out.ID
			p.clearPick()
			p.fillPanel()
			browser.ClearSelection()
			p.focusMark(out.ID, "nearest")
		}
	})
}

// remove removes the user's tag on the selected text when there is a
// selection, else the annotation that has the focus or is open; the focus
// goes to the sentence it began in.
func (p *Page) remove(ctx app.Context) {
	s := p.Session()
	sp, ok, outside := p.selection()
	if !ok && !outside && p.hasPick() {
		sp, ok = p.picked, true
	}
	switch {
	case outside:
		p.Say("The selection is not in the document's text, so nothing was removed.")
	case ok:
		p.report(s.WS.Untag(workspace.Span{Doc: p.id, Start: sp.Start, End: sp.End}))
		browser.ClearSelection()
	default:
		id := p.focusedAnnotation()
		if id == "" {
			id = p.focusAnn
		}
		if id == "" {
			return
		}
		it, _ := s.WS.Get(id)
		if p.focusAnn == id {
			p.focusAnn = ""
		}
		if p.report(s.WS.Delete(id)) && it.Placed() {
			if i := p.sentenceAt(it.Anchor.Start); i >= 0 {
				p.focusSent = i
				p.focusElement("#s-"+p.sents[i].ID, "nearest")
			}
		}
	}
}

// report says what a command did, or why it failed; ok is false on failure.
func (p *Page) report(out workspace.Outcome, err error) (ok bool) {
	if err != nil {
		p.Say("Nothing changed: " + err.Error() + ".")
		return false
	}
	p.Say(out.Message)
	return true
}

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
	s := plural(len(in), "repair", "repairs") + " here. "
	for n, i := range in {
		if n == 5 {
			s += fmt.Sprintf("And %d more.", len(in)-5)
			break
		}
		s += repairText(rs[i]) + " "
	}
	p.shown = s
}
