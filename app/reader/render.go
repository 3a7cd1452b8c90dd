package reader

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
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
	focusSent := ""
	if p.focusSent >= 0 && p.focusSent < len(p.sents) {
		focusSent = p.sents[p.focusSent].ID
	}
	return app.Div().Class("reader").Body(
		p.renderLegend(s),
		app.Div().Class("reader-main").Body(
			p.renderPlacementNote(s, placed),
			app.Article().ID("doc").DataSet("doc", p.id).Body(
				app.If(p.doc.Source != "", func() app.UI { return app.P().Class("source").Text(p.doc.Source) }),
				app.Range(p.contents.Passages).Slice(func(i int) app.UI {
					return p.renderPassage(p.contents.Passages[i], placed, focusSent)
				}),
			),
			p.renderNotPlaced(s),
		),
		p.renderPanel(s),
	)
}

func (p *Page) renderLegend(s *chrome.Session) app.UI {
	return app.Div().ID("legend").Class("legend").Body(
		app.Range(annotation.Tags()).Slice(func(i int) app.UI {
			t := annotation.Tags()[i]
			return app.Button().Class("tag-btn").DataSet("tag", string(t)).Title("Tag the selection or sentence ("+t.Key()+")").
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) {
					p.tag(ctx, annotation.Tag(ctx.JSSrc().Get("dataset").Get("tag").String()))
				}).
				Body(app.Kbd().Text(t.Key()), app.Text(" "+string(t)))
		}),
		app.Button().ID("undo").Text("Undo").Title("Undo the last change in this document (Ctrl+Z)").Disabled(!s.WS.CanUndo(p.id)).
			OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Undo(p.id)) }),
		app.Button().ID("redo").Text("Redo").Title("Redo in this document (Ctrl+Shift+Z)").Disabled(!s.WS.CanRedo(p.id)).
			OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Redo(p.id)) }),
	)
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
		app.Text(fmt.Sprintf("This document changed since you tagged it: %d of your annotations %s placed again on the new text "+
			"(dotted underline). Click one to compare it with what you tagged, then confirm. ", n, map[bool]string{true: "was", false: "were"}[n == 1])),
		app.Button().ID("confirm-all").Text("Confirm all").OnClick(func(ctx app.Context, e app.Event) {
			p.Say(p.Session().WS.ConfirmAll(p.id).Message)
		}),
	)
}

// renderPassage renders a passage as text nodes in sentence spans, with a
// <mark data-tag> per annotated run. data-start lets the selection be
// mapped back to code points.
func (p *Page) renderPassage(ps workspace.Passage, anns []workspace.Item, focusSent string) app.UI {
	segs := segmentPassage(p.id, ps, []rune(ps.Text), anns)
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
		body = append(body, app.Span().ID("s-"+sid).Class("sentence", chrome.ActiveClass(sid == focusSent)).
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

func (p *Page) renderSegment(s segment) app.UI {
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
	title := string(s.Tag)
	if s.Placement != "" {
		cls = append(cls, "unconfirmed")
		title += " (placed again after the document changed: check it)"
	}
	return app.Mark().DataSet("tag", string(s.Tag)).DataSet("ann", id).DataSet("placement", string(s.Placement)).Class(cls...).
		Title(title).
		// The id comes from the element: go-app keeps a mark's first handler
		// across re-renders, so a captured id could be stale.
		OnClick(func(ctx app.Context, e app.Event) {
			p.leaveField()
			p.focusAnn = ctx.JSSrc().Get("dataset").Get("ann").String()
			p.fillPanel(ctx)
		}).
		Text(s.Text)
}
