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
		&chrome.Title{IText: p.doc.Title, IID: "doc-title"},
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
	var passages []app.UI
	var run []passageNodes
	for i, ps := range p.contents.Passages {
		nodes := nest(segmentPassage(ps, []rune(ps.Text), ly), seen)
		p.decorate(nodes, ly, info)
		run = append(run, passageNodes{ID: ps.ID, Kind: ps.Kind, Start: ps.Start, Target: ps.ID == p.target, Nodes: nodes})
		if len(run) == chunkSize || i == len(p.contents.Passages)-1 {
			passages = append(passages, &passagesView{IPassages: run})
			run = nil
		}
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

// decorate sets what the page shows on each node: an annotation's tag,
// placement and whether it is open, the focused sentence, the current
// match, a repair's description and original.
func (p *Page) decorate(ns []node, ly *layers, info map[string]workspace.Item) {
	for i := range ns {
		n := &ns[i]
		switch n.Kind {
		case sentenceNode:
			n.On = p.focusSent >= 0 && p.focusSent < len(p.sents) && p.sents[p.focusSent].ID == n.ID
		case annNode:
			a := info[n.ID]
			n.Tag, n.On = string(a.Tag), a.ID == p.focusAnn
			if a.Confirm {
				n.Placement = string(a.Status)
			}
		case repairNode:
			if i, err := strconv.Atoi(n.ID); err == nil && i < len(ly.Repairs) {
				n.Title, n.Original = repairText(ly.Repairs[i]), visible(ly.Repairs[i].From)
			}
		case matchNode:
			n.On = n.ID == strconv.Itoa(p.matchAt)
		}
		p.decorate(n.Kids, ly, info)
	}
}
