package reader

import (
	"fmt"
	"strconv"

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
