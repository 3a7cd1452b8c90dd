package reader

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index/ingest/provenance"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Render lays out the page inside the shared frame. It reads the
// document's contents from the page and the annotations from the
// workspace, both in memory: nothing here waits for the corpus.
func (p *Page) Render() app.UI {
	header := app.Div().Class("doc-head").Body(
		app.A().ID("back").Href(chrome.Link(chrome.SearchURL(p.q, "", "", ""))).Text("← Search"),
		app.H1().ID("doc-title").Text(p.doc.Title),
		app.Span().Class("date").Text(p.doc.Date),
	)
	return p.Frame(p.id, header, p.renderBody())
}

// repairs returns the open document's repaired text, in text order.
func (p *Page) repairs() []provenance.Repair {
	if p.doc.Provenance == nil {
		return nil
	}
	return p.doc.Provenance.Repairs
}

func (p *Page) renderBody() app.UI {
	s := p.Session()
	switch {
	case s == nil:
		return app.Div()
	case !p.found:
		return app.P().ID("doc-missing").Class("query-error").Text("There is no document “" + p.id + "” in this index.")
	case p.openErr != "":
		return app.P().ID("doc-error").Class("query-error").Role("alert").Text("This document could not be read: " + p.openErr)
	case !p.loaded():
		return app.P().ID("doc-loading").Role("status").Text("Opening the document…")
	}
	placed := s.WS.Placed(p.id)
	lost := s.WS.NotPlaced(p.id)
	drawn := span{}
	if !p.pickNative {
		drawn = p.picked
	}
	ly := newLayers(placed, p.repairs(), p.matches, drawn)
	info := map[string]workspace.Item{}
	for _, a := range placed {
		info[a.ID] = a
	}
	seen := map[key]bool{}
	passages := make([]app.UI, 0, len(p.contents.Passages))
	for _, ps := range p.contents.Passages {
		passages = append(passages, p.renderPassage(ps, nest(segmentPassage(ps, []rune(ps.Text), ly), seen), ly, info))
	}
	shown, ok := s.WS.Get(p.focusAnn)
	open := ok && shown.Placed()
	return app.Div().Class("reader", map[bool]string{true: "sheet-open"}[open]).Body(
		app.Div().Class("reader-main").Body(
			p.renderLegend(s, placed, lost),
			p.renderPlacementNote(s, placed),
			p.renderProvenance(),
			app.Article().ID("doc").DataSet("doc", p.id).
				OnClick(p.onDocClick).OnKeyDown(p.onDocKey).On("focusin", p.onFocusIn).On("focusout", p.onFocusOut).
				Body(
					app.If(p.doc.Source != "", func() app.UI { return app.P().Class("source").Text(p.doc.Source) }),
					app.Div().Body(passages...),
				),
			p.renderNotPlaced(s),
		),
		app.Div().Class("reader-side").Body(
			p.renderPanel(s),
			&annList{IDoc: p.id, IFocus: p.focusAnn, IOnJump: p.jumpFromList},
		),
		// What a screen reader says of a mark after its text.
		app.Div().Hidden(true).Body(app.Range(annotation.Tags()).Slice(func(i int) app.UI {
			t := annotation.Tags()[i]
			return app.Span().ID("desc-" + string(t)).Text(string(t) + " annotation. Enter opens it; 1 to 4 retag it, n writes a note, x removes it.")
		})),
	)
}

// jumpFromList is the annotation list's callback: it runs on the page.
func (p *Page) jumpFromList(_ app.Context, id string) {
	p.ctx.Dispatch(func(ctx app.Context) { p.jump(ctx, id) })
}

func (p *Page) renderLegend(s *chrome.Session, placed, lost []workspace.Item) app.UI {
	counts := map[annotation.Tag]int{}
	for _, group := range [][]workspace.Item{placed, lost} {
		for _, a := range group {
			counts[a.Tag]++
		}
	}
	total := len(placed) + len(lost)
	return app.Div().ID("legend").Class("legend").Body(
		app.Div().Class("legend-row").Body(
			app.Range(annotation.Tags()).Slice(func(i int) app.UI {
				t := annotation.Tags()[i]
				return app.Button().Class("tag-btn").DataSet("tag", string(t)).DataSet("count", counts[t]).
					Title(fmt.Sprintf("Tag the selection or sentence as %s (%s); %s in this document", t, t.Key(), plural(counts[t], string(t), string(t)))).
					OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
					OnClick(func(ctx app.Context, e app.Event) {
						p.tag(ctx, annotation.Tag(ctx.JSSrc().Get("dataset").Get("tag").String()))
					}).
					Body(
						app.Span().Class("tag-icon").Aria("hidden", "true").Text(tagIcon(t)),
						app.Kbd().Text(t.Key()),
						app.Text(" "+string(t)+" "),
						app.Span().Class("count").Text(counts[t]),
					)
			}),
			app.Button().ID("ann-count").Title("Go to the list of this document's annotations").
				OnClick(func(ctx app.Context, e app.Event) { p.focusElement("#ann-list", "start") }).
				Text(plural(total, "annotation", "annotations")),
			app.Button().ID("undo").Text("Undo").Title("Undo the last change in this document (Ctrl+Z)").Disabled(!s.WS.CanUndo(p.id)).
				OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Undo(p.id)) }),
			app.Button().ID("redo").Text("Redo").Title("Redo in this document (Ctrl+Shift+Z)").Disabled(!s.WS.CanRedo(p.id)).
				OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Redo(p.id)) }),
		),
		p.renderMatchNav(),
		app.P().ID("reader-status").Class("readout").Role("status").Aria("live", "polite").Text(p.readout()),
	)
}

// renderMatchNav shows where the reader is among the query's matches,
// with buttons to step through them and one to stop showing them.
func (p *Page) renderMatchNav() app.UI {
	if p.q == "" {
		return app.Div().ID("matches").Hidden(true)
	}
	label := matchLabel(p.q, p.matchAt, len(p.matches))
	switch {
	case p.matchErr != "":
		label = "The search “" + p.q + "” cannot be shown here: " + p.matchErr
	case !p.matchReady:
		label = "Finding “" + p.q + "”…"
	}
	none := len(p.matches) == 0
	step := func(delta int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			p.shown = ""
			p.stepMatch(ctx, delta)
		}
	}
	return app.Div().ID("matches").Class("match-nav").DataSet("count", len(p.matches)).DataSet("at", p.matchAt).Body(
		app.Span().ID("match-count").Aria("live", "polite").Text(label),
		app.Button().ID("match-prev").Aria("label", "Previous match (M)").Title("Previous match (M)").Disabled(none).OnClick(step(-1)).
			Body(app.Span().Aria("hidden", "true").Text("‹"), app.Span().Class("wide-only").Text(" Previous")),
		app.Button().ID("match-next").Aria("label", "Next match (m)").Title("Next match (m)").Disabled(none).OnClick(step(1)).
			Body(app.Span().Class("wide-only").Text("Next "), app.Span().Aria("hidden", "true").Text("›")),
		app.A().ID("match-clear").Href(chrome.Link(chrome.DocURL(p.id, p.target, ""))).Title("Stop highlighting the search").Text("Clear"),
	)
}

// readout says what the keys act on now, and what the last key showed:
// the legend's status line, which a screen reader announces.
func (p *Page) readout() string {
	s := p.Session()
	describe := func(id string) (annotation.Tag, string, bool) {
		it, ok := s.WS.Get(id)
		return it.Tag, shorten(it.Anchor.Exact, 80), ok
	}
	switch {
	case p.shown != "":
		return p.shown
	case p.hasPick():
		text := string(p.runes[p.picked.Start:p.picked.End])
		return fmt.Sprintf("Selected “%s” (%s): 1–4 tag it; l / h select the next / previous word, L / H move its end; Esc clears it.",
			shorten(text, 80), plural(len(passageWords(workspace.Passage{Start: p.picked.Start, Text: text})), "word", "words"))
	}
	if id := p.focusedMark; id != "" {
		if t, q, ok := describe(id); ok {
			return fmt.Sprintf("%s annotation “%s”: Enter opens it; 1–4 retag it, n writes a note, x removes it.", capital(string(t)), q)
		}
	}
	if t, q, ok := describe(p.focusAnn); ok {
		return fmt.Sprintf("Open: %s annotation “%s”: 1–4 retag it, n writes a note, x removes it, Esc closes it.", string(t), q)
	}
	if p.focusSent >= 0 && p.focusSent < len(p.sents) {
		return fmt.Sprintf("Sentence %d of %d: 1–4 tag it; l / h select a word in it.", p.focusSent+1, len(p.sents))
	}
	return "Select text, or press j to pick a sentence, then 1–4 to tag it. Tab goes from annotation to annotation."
}

// capital returns s with its first letter in upper case.
func capital(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// renderPlacementNote says, when the document changed since the user
// tagged it, that some annotations were placed again and wait for a look.
func (p *Page) renderPlacementNote(s *chrome.Session, placed []workspace.Item) app.UI {
	n := 0
	for _, it := range placed {
		if it.Confirm {
			n++
		}
	}
	if n == 0 {
		return app.Div().ID("placement-note").Hidden(true)
	}
	return app.Div().ID("placement-note").Class("banner info").DataSet("count", n).Body(
		app.Text(fmt.Sprintf("This document changed since you tagged it: %s placed again on the new text "+
			"(dotted underline). Open one to compare it with what you tagged, then confirm. ",
			map[bool]string{true: "1 of your annotations was", false: fmt.Sprintf("%d of your annotations were", n)}[n == 1])),
		app.Button().ID("confirm-all").Text("Confirm all").OnClick(func(ctx app.Context, e app.Event) {
			p.Say(p.Session().WS.ConfirmAll(p.id).Message)
		}),
	)
}

// renderPassage renders a passage's nodes. data-start lets the selection
// be mapped back to code points.
func (p *Page) renderPassage(ps workspace.Passage, nodes []node, ly *layers, info map[string]workspace.Item) app.UI {
	tag := map[string]string{"h": "h2", "li": "li", "pre": "pre"}[ps.Kind]
	if tag == "" {
		tag = "p"
	}
	cls := "passage"
	if ps.ID == p.target {
		cls += " target"
	}
	return app.Elem(tag).ID("p-"+ps.ID).Class(cls).DataSet("passage", ps.ID).DataSet("start", ps.Start).
		Body(p.renderNodes(nodes, ly, info)...)
}

func (p *Page) renderNodes(ns []node, ly *layers, info map[string]workspace.Item) []app.UI {
	out := make([]app.UI, 0, len(ns))
	for _, n := range ns {
		out = append(out, p.renderNode(n, ly, info))
	}
	return out
}

func (p *Page) renderNode(n node, ly *layers, info map[string]workspace.Item) app.UI {
	kids := func() []app.UI { return p.renderNodes(n.Kids, ly, info) }
	switch n.Kind {
	case sentenceNode:
		active := p.focusSent >= 0 && p.focusSent < len(p.sents) && p.sents[p.focusSent].ID == n.ID
		el := app.Span().ID("s-"+n.ID).Class("sentence", chrome.ActiveClass(active)).DataSet("sentence", n.ID)
		if active {
			el = el.TabIndex(-1)
		}
		return el.Body(kids()...)
	case annNode:
		return p.renderMark(n, info[n.ID], kids())
	case repairNode:
		i, _ := strconv.Atoi(n.ID)
		r := ly.Repairs[i]
		el := app.Span().Class("repair").DataSet("repair", i).Title(repairText(r))
		if n.Head {
			el = el.ID("r-"+n.ID).TabIndex(-1).DataSet("original", visible(r.From))
		}
		return el.Body(kids()...)
	case matchNode:
		i, _ := strconv.Atoi(n.ID)
		el := app.Span().Class("match", map[bool]string{true: "current"}[i == p.matchAt]).DataSet("match", i)
		if n.Head {
			el = el.ID("m-" + n.ID)
		}
		return el.Body(kids()...)
	case pickedNode:
		return app.Span().Class("picked").Body(kids()...)
	}
	return app.Text(n.Text)
}

// renderMark renders one element of annotation a: every element carries
// its id and tag; the first (the head) takes the focus with Tab and is
// described to screen readers by its tag and keys.
func (p *Page) renderMark(n node, a workspace.Item, kids []app.UI) app.UI {
	cls := []string{}
	if a.ID == p.focusAnn {
		cls = append(cls, "focused")
	}
	title := string(a.Tag)
	placement := ""
	if a.Confirm {
		cls = append(cls, "unconfirmed")
		title += " (placed again after the document changed: check it)"
		placement = string(a.Status)
	}
	if n.Head {
		cls = append(cls, "head")
	}
	m := app.Mark().DataSet("ann", a.ID).DataSet("tag", string(a.Tag)).DataSet("placement", placement).Class(cls...).Title(title)
	if n.Head {
		m = m.TabIndex(0).Aria("describedby", "desc-"+string(a.Tag))
	}
	return m.Body(kids...)
}

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
