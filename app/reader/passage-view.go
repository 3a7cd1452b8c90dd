package reader

import (
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// chunkSize is how many passages a passagesView renders.
const chunkSize = 32

// passageNodes is a passage as the reader renders it.
type passageNodes struct {
	ID, Kind string
	Start    int
	Target   bool // the passage the URL points at
	Nodes    []node
}

// passagesView renders a run of passages from their nodes. It is a
// component so that go-app renders again only the runs whose nodes
// changed (it compares a component's fields before rendering it): a key
// that moves the focus re-renders one or two runs, not a document of
// thousands of passages. Runs rather than single passages, because each
// component costs go-app a little to mount.
type passagesView struct {
	app.Compo
	IPassages []passageNodes
}

// Render implements app.Composer.
func (v *passagesView) Render() app.UI {
	return app.Div().Class("passages").Body(app.Range(v.IPassages).Slice(func(i int) app.UI {
		return renderPassage(v.IPassages[i])
	}))
}

// renderPassage renders a passage; data-start lets the selection be mapped
// back to code points.
func renderPassage(ps passageNodes) app.UI {
	tag := map[string]string{"h": "h2", "li": "li", "pre": "pre"}[ps.Kind]
	if tag == "" {
		tag = "p"
	}
	cls := "passage"
	if ps.Target {
		cls += " target"
	}
	return app.Elem(tag).ID("p-"+ps.ID).Class(cls).DataSet("passage", ps.ID).DataSet("start", ps.Start).
		Body(renderNodes(ps.Nodes)...)
}

func renderNodes(ns []node) []app.UI {
	out := make([]app.UI, 0, len(ns))
	for _, n := range ns {
		out = append(out, renderNode(n))
	}
	return out
}

func renderNode(n node) app.UI {
	switch n.Kind {
	case sentenceNode:
		el := app.Span().ID("s-"+n.ID).Class("sentence", chrome.ActiveClass(n.On)).DataSet("sentence", n.ID)
		if n.On {
			el = el.TabIndex(-1)
		}
		return el.Body(renderNodes(n.Kids)...)
	case annNode:
		return renderMark(n)
	case repairNode:
		el := app.Span().Class("repair").DataSet("repair", n.ID).Title(n.Title)
		if n.Head {
			el = el.ID("r-"+n.ID).TabIndex(-1).DataSet("original", n.Original)
		}
		return el.Body(renderNodes(n.Kids)...)
	case matchNode:
		el := app.Span().Class("match", map[bool]string{true: "current"}[n.On]).DataSet("match", n.ID)
		if n.Head {
			el = el.ID("m-" + n.ID)
		}
		return el.Body(renderNodes(n.Kids)...)
	case pickedNode:
		return app.Span().Class("picked").Body(renderNodes(n.Kids)...)
	}
	return app.Text(n.Text)
}

// renderMark renders one element of an annotation: every element carries
// its id and tag; the first (the head) takes the focus with Tab and is
// described to screen readers by its tag and keys.
func renderMark(n node) app.UI {
	cls := []string{}
	if n.On {
		cls = append(cls, "focused")
	}
	title := n.Tag
	if n.Placement != "" {
		cls = append(cls, "unconfirmed")
		title += " (placed again after the document changed: check it)"
	}
	if n.Head {
		cls = append(cls, "head")
	} else {
		cls = append(cls, "tag-cont") // its sign is on the head only
	}
	m := app.Mark().DataSet("ann", n.ID).DataSet("tag", n.Tag).DataSet("placement", n.Placement).Class(cls...).Title(title)
	if n.Head {
		m = m.TabIndex(0).Aria("describedby", "desc-"+n.Tag)
	}
	return m.Body(renderNodes(n.Kids)...)
}
