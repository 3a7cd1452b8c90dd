package reader

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
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
