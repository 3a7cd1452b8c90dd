package reader

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The commands of the page: tagging, removing, opening and going to an
// annotation, and undo's travels.

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
