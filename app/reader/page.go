package reader

import (
	"context"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// Page is "/doc?id=DOC&p=PASSAGE&q=QUERY": a document's passages with the
// user's annotations inline, sentence navigation and tagging, the
// annotation panel, and the annotations the current text no longer holds.
// It renders the workspace and calls its commands; it changes no record
// itself.
type Page struct {
	app.Compo
	frame

	id, target, q string
	doc           workspace.Document
	found         bool
	requested     string // the document whose contents are being read
	opened        string // the document whose contents are read
	contents      workspace.Contents
	runes         []rune
	openErr       string
	sents         []workspace.Sentence // every sentence, in order
	focusSent     int                  // index into sents, -1 for none
	focusAnn      string
	scrolled      bool
	stopHide      func()
}

// New returns the reader page.
func New() *Page { return &Page{focusSent: -1} }

// OnPreRender reads the URL, for the prerendered page.
func (p *Page) OnPreRender(ctx app.Context) { p.readURL(ctx) }

// OnMount subscribes to the session and the keyboard.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: p.open})
}

// OnNav opens the document of the URL.
func (p *Page) OnNav(ctx app.Context) {
	p.readURL(ctx)
	p.open(ctx)
}

// OnDismount commits the field being typed in and stops listening.
func (p *Page) OnDismount() {
	p.commitField()
	if s := p.Session(); s != nil {
		s.Flush()
	}
	if p.stopHide != nil {
		p.stopHide()
		p.stopHide = nil
	}
	p.frame.OnDismount()
}

func (p *Page) readURL(ctx app.Context) {
	v := ctx.Page().URL().Query()
	if id := v.Get("id"); id != p.id {
		p.id, p.requested, p.opened, p.focusSent, p.focusAnn, p.scrolled = id, "", "", -1, "", false
		p.contents, p.runes, p.sents = workspace.Contents{}, nil, nil
	}
	p.target, p.q = v.Get("p"), v.Get("q")
}

// open reads the document's contents in the background once the session
// is there, and scrolls the target passage into view after the first
// render. It runs again after every change of the session.
func (p *Page) open(ctx app.Context) {
	s := p.Session()
	if s == nil {
		return
	}
	if p.stopHide == nil {
		p.stopHide = s.OnHide(p.commitField)
	}
	if p.focusAnn != "" {
		if _, ok := s.WS.Get(p.focusAnn); !ok {
			p.focusAnn = ""
		}
		p.fillPanel(ctx)
	}
	if p.requested == p.id {
		return
	}
	p.requested = p.id
	p.doc, p.found = s.WS.Document(p.id)
	if !p.found {
		return
	}
	id := p.id
	ctx.Page().SetTitle(p.doc.Title + " · claimtag")
	ctx.Async(func() {
		c, err := s.WS.Open(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			if p.id != id {
				return
			}
			p.openErr = ""
			if err != nil {
				p.openErr = err.Error()
				p.requested = "" // try again at the next change
				return
			}
			p.opened = id
			p.contents, p.runes, p.sents = c, []rune(c.Text), nil
			for _, ps := range c.Passages {
				p.sents = append(p.sents, ps.Sentences...)
			}
			if !p.scrolled && p.target != "" {
				p.scrolled = true
				target := "p-" + p.target
				ctx.Defer(func(app.Context) { scrollTo(target, "center") })
			}
		})
	})
}

func scrollTo(id, block string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": block})
	}
}

// loaded reports whether the document is there to work on.
func (p *Page) loaded() bool {
	return p.Session() != nil && p.found && p.runes != nil && p.opened == p.id
}

func (p *Page) onKey(ctx app.Context, a chrome.Key, t annotation.Tag) {
	if a == chrome.KeyEscape {
		p.leaveField()
		p.focusAnn = ""
		browser.ClearSelection()
		return
	}
	if !p.loaded() {
		return
	}
	s := p.Session()
	switch a {
	case chrome.KeyFocusSearch:
		ctx.Navigate(chrome.Link(chrome.SearchURL(p.q, "", "", "")))
	case chrome.KeyNext, chrome.KeyPrev:
		p.moveSentence(ctx, a == chrome.KeyNext)
	case chrome.KeyTag:
		p.tag(ctx, t)
	case chrome.KeyRemove:
		p.remove(ctx)
	case chrome.KeyUndo:
		p.travel(ctx, s.WS.Undo(p.id))
	case chrome.KeyRedo:
		p.travel(ctx, s.WS.Redo(p.id))
	case chrome.KeyNote:
		if p.focusAnn != "" {
			ctx.Defer(func(app.Context) { app.Window().GetElementByID("ann-note").Call("focus") })
		}
	}
}

// travel shows what Undo or Redo did and where: the message, and the
// annotation it touched focused and scrolled into view.
func (p *Page) travel(ctx app.Context, out workspace.Outcome) {
	p.Say(out.Message)
	p.focusAnn = out.ID
	if out.ID == "" {
		return
	}
	p.fillPanel(ctx)
	sel := `#doc mark[data-ann="` + out.ID + `"]`
	ctx.Defer(func(app.Context) {
		if el := app.Window().Get("document").Call("querySelector", sel); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// moveSentence focuses the next or previous sentence, and the user's
// annotation that covers exactly that sentence, if any.
func (p *Page) moveSentence(ctx app.Context, next bool) {
	if len(p.sents) == 0 {
		return
	}
	switch {
	case p.focusSent < 0 && next:
		p.focusSent = p.firstSentenceFrom(p.target)
	case p.focusSent < 0:
		p.focusSent = len(p.sents) - 1
	case next:
		p.focusSent = min(p.focusSent+1, len(p.sents)-1)
	default:
		p.focusSent = max(p.focusSent-1, 0)
	}
	st := p.sents[p.focusSent]
	p.focusAnn = ""
	for _, a := range p.Session().WS.Placed(p.id) {
		if a.Anchor.Start == st.Start && a.Anchor.End == st.End {
			p.focusAnn = a.ID
		}
	}
	p.fillPanel(ctx)
	id := "s-" + st.ID
	ctx.Defer(func(app.Context) { scrollTo(id, "nearest") })
}

// firstSentenceFrom returns the first sentence of passage pid, or 0.
func (p *Page) firstSentenceFrom(pid string) int {
	n := 0
	for _, ps := range p.contents.Passages {
		if ps.ID == pid {
			return n
		}
		n += len(ps.Sentences)
	}
	return 0
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

// tag applies t: to the selected text if any, else it retags the focused
// annotation, else it tags the focused sentence. A selection outside the
// text changes nothing and says so.
func (p *Page) tag(ctx app.Context, t annotation.Tag) {
	if !p.loaded() {
		return
	}
	s := p.Session()
	sp, ok, outside := p.selection()
	switch {
	case outside:
		p.Say(outsideText)
		return
	case ok:
	case p.focusAnn != "":
		p.report(s.WS.Retag(p.focusAnn, t))
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
			p.fillPanel(ctx)
			browser.ClearSelection()
		}
	})
}

// remove removes the user's tag on the selected text when there is a
// selection, else the focused annotation.
func (p *Page) remove(ctx app.Context) {
	s := p.Session()
	sp, ok, outside := p.selection()
	switch {
	case outside:
		p.Say("The selection is not in the document's text, so nothing was removed.")
	case ok:
		p.report(s.WS.Untag(workspace.Span{Doc: p.id, Start: sp.Start, End: sp.End}))
		browser.ClearSelection()
	case p.focusAnn != "":
		id := p.focusAnn
		p.focusAnn = ""
		p.report(s.WS.Delete(id))
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

func (p *Page) passageText(id string) (string, bool) {
	for _, ps := range p.contents.Passages {
		if ps.ID == id {
			return ps.Text, true
		}
	}
	return "", false
}
