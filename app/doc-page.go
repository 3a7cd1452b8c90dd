package app

import (
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// docPage is "/doc?id=DOC&p=PASSAGE&q=QUERY": a document's passages with
// every annotation inline, sentence navigation and tagging.
type docPage struct {
	app.Compo
	chrome

	id, target, q string
	doc           index.DocInfo
	found         bool
	passages      []index.Passage
	sents         []index.Sentence // every sentence, in order
	sentPassage   []string         // the passage of each sentence
	focusSent     int              // index into sents, -1 for none
	focusAnn      string
	scrolled      bool
}

func newDocPage() *docPage { return &docPage{focusSent: -1} }

func (p *docPage) OnPreRender(ctx app.Context) { p.readURL(ctx) }

func (p *docPage) OnMount(ctx app.Context) {
	p.onWorkspace = p.open
	p.mountChrome(ctx, p.onKey)
}

func (p *docPage) OnNav(ctx app.Context) {
	p.readURL(ctx)
	p.open(ctx)
}

func (p *docPage) readURL(ctx app.Context) {
	v := ctx.Page().URL().Query()
	if id := v.Get("id"); id != p.id {
		p.id, p.passages, p.focusSent, p.focusAnn, p.scrolled = id, nil, -1, "", false
	}
	p.target, p.q = v.Get("p"), v.Get("q")
}

// open loads the document's passages once the workspace is there, and
// scrolls the target passage into view after the first render.
func (p *docPage) open(ctx app.Context) {
	if !p.ready() {
		return
	}
	if p.passages == nil {
		p.doc, p.found = p.ws.ix.Document(p.id)
		p.passages = p.ws.ix.Passages(p.id)
		p.sents, p.sentPassage = nil, nil
		for _, ps := range p.passages {
			for _, s := range ps.Sentences {
				p.sents = append(p.sents, s)
				p.sentPassage = append(p.sentPassage, ps.ID)
			}
		}
		ctx.Page().SetTitle(p.doc.Title + " · claimtag")
	}
	if p.focusAnn != "" {
		if _, ok := p.ws.set.Get(p.focusAnn); !ok {
			p.focusAnn = ""
		}
		p.fillPanel(ctx)
	}
	if !p.scrolled && p.target != "" && len(p.passages) > 0 {
		p.scrolled = true
		target := "p-" + p.target
		ctx.Defer(func(app.Context) { scrollTo(target, "center") })
	}
}

func scrollTo(id, block string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": block})
	}
}

func (p *docPage) onKey(ctx app.Context, a keyAction, t annotation.Tag) {
	if !p.ready() || !p.found {
		return
	}
	switch a {
	case keyFocusSearch:
		ctx.Navigate(link(searchURL(p.q, "", "", "")))
	case keyNext, keyPrev:
		p.moveSentence(ctx, a == keyNext)
	case keyTag:
		p.tag(ctx, t)
	case keyRemove:
		if p.focusAnn != "" {
			p.report(p.ws.remove(p.focusAnn))
			p.focusAnn = ""
		}
	case keyUndo:
		p.ws.undo()
		p.open(ctx)
	case keyRedo:
		p.ws.redo()
		p.open(ctx)
	case keyNote:
		if p.focusAnn != "" {
			ctx.Defer(func(app.Context) { app.Window().GetElementByID("ann-note").Call("focus") })
		}
	case keyEscape:
		p.focusAnn = ""
		browser.ClearSelection()
	}
}

func (p *docPage) report(err error) {
	if err != nil {
		p.notice = err.Error()
	}
}

// moveSentence focuses the next or previous sentence, and the annotation
// that covers exactly that sentence, if any.
func (p *docPage) moveSentence(ctx app.Context, next bool) {
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
	s := p.sents[p.focusSent]
	p.focusAnn = ""
	for _, a := range p.ws.set.List(annotation.Filter{Doc: p.id}) {
		if a.Anchor.Start == s.Start && a.Anchor.End == s.End {
			p.focusAnn = a.ID
		}
	}
	p.fillPanel(ctx)
	id := "s-" + s.ID
	ctx.Defer(func(app.Context) { scrollTo(id, "nearest") })
}

// firstSentenceFrom returns the first sentence of passage pid, or 0.
func (p *docPage) firstSentenceFrom(pid string) int {
	for i, sp := range p.sentPassage {
		if sp == pid {
			return i
		}
	}
	return 0
}

// tag applies t: to the selected text if any, else it retags the focused
// annotation, else it tags the focused sentence.
func (p *docPage) tag(ctx app.Context, t annotation.Tag) {
	sel, hasSel := browser.CurrentSelection()
	var sp span
	ok := false
	if hasSel {
		sp, ok = selectionSpan(sel, p.ws.docRunes(p.id), p.passageText)
	}
	switch {
	case ok:
	case p.focusAnn != "":
		p.retag(p.focusAnn, t)
		return
	case p.focusSent >= 0:
		s := p.sents[p.focusSent]
		sp, ok = span{Passage: p.sentPassage[p.focusSent], Start: s.Start, End: s.End}, true
	default:
		p.notice = "Select some text, or press j to pick a sentence, then press 1–4."
		return
	}
	p.withCreator(ctx, func(ctx app.Context) {
		a, err := p.ws.newAnnotation(p.id, sp, t, p.creator, time.Now())
		if err == nil {
			err = p.ws.add(a)
		}
		if err != nil {
			p.report(err)
			return
		}
		p.focusAnn = a.ID
		p.fillPanel(ctx)
		browser.ClearSelection()
	})
}

func (p *docPage) retag(id string, t annotation.Tag) {
	a, ok := p.ws.set.Get(id)
	if !ok || a.Tag == t {
		return
	}
	a.Tag = t
	a.Modified = time.Now().UTC().Truncate(time.Second)
	p.report(p.ws.update(a))
}

func (p *docPage) passageText(id string) (string, bool) {
	for _, ps := range p.passages {
		if ps.ID == id {
			return ps.Text, true
		}
	}
	return "", false
}

func (p *docPage) Render() app.UI {
	header := app.Div().Class("doc-head").Body(
		app.A().ID("back").Href(link(searchURL(p.q, "", "", ""))).Text("← Search"),
		app.H1().ID("doc-title").Text(p.doc.Title),
		app.Span().Class("date").Text(p.doc.Date),
	)
	return p.renderChrome(p.id, header, p.renderBody())
}

func (p *docPage) renderBody() app.UI {
	if !p.found {
		return app.P().ID("doc-missing").Class("query-error").Text("There is no document “" + p.id + "” in this index.")
	}
	anns := p.ws.set.List(annotation.Filter{Doc: p.id})
	focusSent := ""
	if p.focusSent >= 0 {
		focusSent = p.sents[p.focusSent].ID
	}
	return app.Div().Class("reader").Body(
		p.renderLegend(),
		app.Article().ID("doc").DataSet("doc", p.id).Body(
			app.If(p.doc.Source != "", func() app.UI { return app.P().Class("source").Text(p.doc.Source) }),
			app.Range(p.passages).Slice(func(i int) app.UI {
				return p.renderPassage(p.passages[i], anns, focusSent)
			}),
		),
		p.renderPanel(),
	)
}

func (p *docPage) renderLegend() app.UI {
	return app.Div().ID("legend").Class("legend").Body(
		app.Range(annotation.Tags()).Slice(func(i int) app.UI {
			t := annotation.Tags()[i]
			return app.Button().Class("tag-btn").DataSet("tag", string(t)).Title("Tag the selection or sentence ("+t.Key()+")").
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { p.tag(ctx, t) }).
				Body(app.Kbd().Text(t.Key()), app.Text(" "+string(t)))
		}),
		app.Button().ID("undo").Text("Undo").Disabled(!p.ws.set.CanUndo()).
			OnClick(func(ctx app.Context, e app.Event) { p.ws.undo(); p.open(ctx) }),
		app.Button().ID("redo").Text("Redo").Disabled(!p.ws.set.CanRedo()).
			OnClick(func(ctx app.Context, e app.Event) { p.ws.redo(); p.open(ctx) }),
	)
}

// renderPassage renders a passage as text nodes in sentence spans, with a
// <mark data-tag> per annotated run. data-start lets the selection be
// mapped back to code points.
func (p *docPage) renderPassage(ps index.Passage, anns []annotation.Annotation, focusSent string) app.UI {
	segs := segmentPassage(ps, []rune(ps.Text), anns)
	var body []app.UI
	for i := 0; i < len(segs); {
		if segs[i].Sentence == "" {
			body = append(body, p.renderSegment(segs[i]))
			i++
			continue
		}
		j, sid := i, segs[i].Sentence
		var inner []app.UI
		for ; j < len(segs) && segs[j].Sentence == sid; j++ {
			inner = append(inner, p.renderSegment(segs[j]))
		}
		body = append(body, app.Span().ID("s-"+sid).Class("sentence", activeClass(sid == focusSent)).
			DataSet("sentence", sid).Body(inner...))
		i = j
	}
	tag := map[string]string{"h": "h2", "li": "li", "pre": "pre"}[ps.Kind]
	if tag == "" {
		tag = "p"
	}
	cls := "passage"
	if ps.ID == p.target {
		cls += " target"
	}
	return app.Elem(tag).ID("p-"+ps.ID).Class(cls).DataSet("passage", ps.ID).DataSet("start", ps.Start).Body(body...)
}

func (p *docPage) renderSegment(s segment) app.UI {
	if len(s.Anns) == 0 {
		return app.Text(s.Text)
	}
	id := s.Anns[0]
	focused := false
	for _, a := range s.Anns {
		focused = focused || a == p.focusAnn
	}
	cls := []string{}
	if focused {
		cls = append(cls, "focused")
	}
	if len(s.Anns) > 1 {
		cls = append(cls, "overlap")
	}
	return app.Mark().DataSet("tag", string(s.Tag)).DataSet("ann", id).Class(cls...).
		Title(string(s.Tag)).
		// The id comes from the element: go-app keeps a mark's first handler
		// across re-renders, so a captured id could be stale.
		OnClick(func(ctx app.Context, e app.Event) {
			p.focusAnn = ctx.JSSrc().Get("dataset").Get("ann").String()
			p.fillPanel(ctx)
		}).
		Text(s.Text)
}
