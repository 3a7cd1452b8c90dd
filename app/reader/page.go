package reader

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// Page is "/doc?id=DOC&p=PASSAGE&q=QUERY": a document's passages with the
// user's annotations inline, the query's matches, the repaired text,
// sentence and word navigation and tagging, the annotation panel and
// list, and the annotations the current text no longer holds. It renders
// the workspace and calls its commands; it changes no record itself.
type Page struct {
	app.Compo
	frame

	ctx           app.Context // the page's own, for the list's callbacks
	id, target, q string
	doc           workspace.Document
	found         bool
	requested     string // the document whose contents are being read
	opened        string // the document whose contents are read
	contents      workspace.Contents
	runes         []rune
	words         *words
	openErr       string
	sents         []workspace.Sentence // every sentence, in order
	focusSent     int                  // index into sents, -1 for none
	focusAnn      string               // the annotation open in the panel
	focusedMark   string               // the annotation whose mark has the keyboard focus
	scrolled      bool
	stopHide      func()
	stopSelect    func()
	stopHeader    func()
	selSeq        int

	// The selection the tag keys act on when the browser has none: made
	// with the word keys (keys set), or the browser's last selection in
	// the text, kept when a tap on a tag button collapses it (native
	// while the browser still shows it, so the page does not draw it).
	picked     span
	keys       *pick
	pickNative bool

	// The query's matches in this document (issue: highlights in the
	// reader), the one shown, and what went wrong computing them.
	matches    []index.Span
	matchAt    int
	matchQ     string // the query the matches are asked for
	matchReady bool   // the matches of matchQ are there
	matchErr   string
	repairAt   int    // the repair focused last, -1 for none
	shown      string // what the last key showed (an original text, a hint); the next key clears it
}

// New returns the reader page.
func New() *Page { return &Page{focusSent: -1, matchAt: -1, repairAt: -1} }

// OnPreRender reads the URL, for the prerendered page.
func (p *Page) OnPreRender(ctx app.Context) { p.readURL(ctx) }

// OnMount subscribes to the session, the keyboard and the selection.
func (p *Page) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: p.open})
	p.listenSelection(ctx)
	p.watchHeader()
}

// watchHeader keeps the CSS variable --header-height at the height of the
// page's header, which wraps with a long title: the legend and the side
// column stick below it (web/app.css).
func (p *Page) watchHeader() {
	doc := app.Window().Get("document")
	header := doc.Call("querySelector", "header.top")
	ro := app.Window().Get("ResizeObserver")
	if !header.Truthy() || !ro.Truthy() {
		return
	}
	style := doc.Get("documentElement").Get("style")
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		style.Call("setProperty", "--header-height", strconv.Itoa(header.Get("offsetHeight").Int())+"px")
		return nil
	})
	obs := ro.New(fn)
	obs.Call("observe", header)
	p.stopHeader = func() {
		obs.Call("disconnect")
		fn.Release()
		style.Call("removeProperty", "--header-height")
	}
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
	for _, stop := range []*func(){&p.stopHide, &p.stopSelect, &p.stopHeader} {
		if *stop != nil {
			(*stop)()
			*stop = nil
		}
	}
	p.frame.OnDismount()
}

func (p *Page) readURL(ctx app.Context) {
	v := ctx.Page().URL().Query()
	if id := v.Get("id"); id != p.id {
		p.id, p.requested, p.opened, p.focusSent, p.focusAnn, p.focusedMark, p.scrolled = id, "", "", -1, "", "", false
		p.contents, p.runes, p.sents, p.words = workspace.Contents{}, nil, nil, nil
		p.matches, p.matchAt, p.matchQ, p.matchReady, p.matchErr, p.repairAt, p.shown = nil, -1, "", false, "", -1, ""
		p.clearPick()
	}
	if q := v.Get("q"); q != p.q {
		p.q, p.matches, p.matchAt, p.matchQ, p.matchReady, p.matchErr = q, nil, -1, "", false, ""
	}
	if t := v.Get("p"); t != p.target {
		p.target, p.scrolled = t, false
		if p.matchReady {
			p.matchAt = firstMatch(p.matches, p.passageStart(t))
		}
	}
}

// passageStart returns where passage id starts in the text, 0 if unknown.
func (p *Page) passageStart(id string) int {
	for _, ps := range p.contents.Passages {
		if ps.ID == id {
			return ps.Start
		}
	}
	return 0
}

// open reads the document's contents in the background once the session
// is there, and scrolls the target passage into view after the first
// render; then it finds the query's matches. It runs again after every
// change of the session.
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
		p.fillPanel()
	}
	p.findMatches(ctx)
	if p.loaded() && !p.scrolled && p.target != "" {
		p.scrolled = true
		target := "p-" + p.target
		ctx.Defer(func(app.Context) { scrollTo(target, "center") })
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
			p.words = newWords(c.Passages)
			for _, ps := range c.Passages {
				p.sents = append(p.sents, ps.Sentences...)
			}
			if !p.scrolled && p.target != "" {
				p.scrolled = true
				target := "p-" + p.target
				ctx.Defer(func(app.Context) { scrollTo(target, "center") })
			}
			p.findMatches(ctx)
		})
	})
}

// findMatches asks the index, in the background, where the URL's query
// matches the open document, once per query and document.
func (p *Page) findMatches(ctx app.Context) {
	s := p.Session()
	if s == nil || !p.loaded() || p.q == "" || p.matchQ == p.q {
		return
	}
	id, q, n := p.id, p.q, len(p.runes)
	p.matchQ, p.matchReady = q, false
	// A tag: clause matches the passages holding the user's annotations of
	// that tag, as on the search page.
	req := index.Request{Query: q, Tags: chrome.TagSpans(s.WS)}
	start := p.passageStart(p.target)
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ms, err := s.Index.Highlights(c, req, id)
		ctx.Dispatch(func(ctx app.Context) {
			if p.id != id || p.q != q {
				return
			}
			p.matchErr, p.matchReady = "", true
			if err != nil {
				p.matchErr = err.Error()
				return
			}
			p.matches = cleanMatches(ms, n)
			p.matchAt = firstMatch(p.matches, start)
		})
	})
}

func scrollTo(id, block string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": block})
	}
}

// focusMark gives the keyboard focus to annotation id's mark once the
// page has rendered, scrolled into view (block: "nearest", "center" or
// "start"). The keys act on it from now on, before the focus moves: a key
// pressed before the next frame must not act on the element focused
// before.
func (p *Page) focusMark(id, block string) {
	p.focusedMark = id
	p.focus(markSel(id), block)
}

// focusElement gives the keyboard focus to the first element matching sel
// once the page has rendered; the keys no longer act on a mark.
func (p *Page) focusElement(sel, block string) {
	p.focusedMark = ""
	p.focus(sel, block)
}

// focus runs on the page's own context: the context of the element that
// asked (a dialog's form, say) may be gone by the time the page renders.
func (p *Page) focus(sel, block string) {
	if p.ctx.Src() == nil {
		return // not mounted: nothing to focus
	}
	p.ctx.Defer(func(app.Context) {
		el := app.Window().Get("document").Call("querySelector", sel)
		if !el.Truthy() {
			return
		}
		if !el.Equal(app.Window().Get("document").Get("activeElement")) {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
		el.Call("scrollIntoView", map[string]any{"block": block})
	})
}

// markSel selects the mark of annotation id that takes the focus.
func markSel(id string) string { return `#doc mark.head[data-ann="` + id + `"]` }

// loaded reports whether the document is there to work on.
func (p *Page) loaded() bool {
	return p.Session() != nil && p.found && p.runes != nil && p.opened == p.id
}

// sentenceAt returns the index of the sentence holding offset at, or of
// the first one after it; -1 when there is none.
func (p *Page) sentenceAt(at int) int {
	i, _ := slices.BinarySearchFunc(p.sents, at, func(s workspace.Sentence, at int) int {
		if s.End <= at {
			return -1
		}
		return 1
	})
	if i >= len(p.sents) {
		return -1
	}
	return i
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

func (p *Page) passageText(id string) (string, bool) {
	for _, ps := range p.contents.Passages {
		if ps.ID == id {
			return ps.Text, true
		}
	}
	return "", false
}
