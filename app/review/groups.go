package review

import (
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// groupList lists spans with every annotator's tag on each, and lets
// the reviewer accept or reject each annotation (a decideReview action).
type groupList struct {
	app.Compo

	Igroups []arev.Group
	Ititles annotation.CorpusInfo
}

// Render implements app.Composer.
func (c *groupList) Render() app.UI {
	if len(c.Igroups) == 0 {
		return app.P().ID("no-groups").Text("Nothing to show: import files, or choose another view.")
	}
	return app.Ol().ID("groups").Class("groups").Body(app.Range(c.Igroups).Slice(func(i int) app.UI {
		return c.renderGroup(c.Igroups[i])
	}))
}

func (c *groupList) renderGroup(g arev.Group) app.UI {
	title := c.Ititles.Title(g.Doc)
	if title == "" {
		title = g.Doc
	}
	var tags []string
	for _, t := range g.Tags() {
		tags = append(tags, string(t))
	}
	quote := ""
	passage := ""
	if len(g.Annotations) > 0 {
		quote, passage = g.Annotations[0].Anchor.Exact, g.Annotations[0].Anchor.Passage
	}
	return app.Li().Class("group").DataSet("doc", g.Doc).DataSet("disagreement", chrome.YesNo(g.Disagreement())).Body(
		app.P().Class("group-head").Body(
			app.A().Href(chrome.Link(chrome.DocURL(g.Doc, passage, ""))).Text(title),
			app.If(g.Disagreement(), func() app.UI {
				return app.Strong().Class("disagreement").Text(" disagreement: " + strings.Join(tags, " / "))
			}),
		),
		app.Blockquote().Class("quote").Text(quote),
		app.Ul().Class("group-annotations").Body(app.Range(g.Annotations).Slice(func(i int) app.UI {
			return c.renderAnnotation(g.Annotations[i], quote)
		})),
	)
}

// onAccept and onReject read the annotation id from the button's data-id:
// go-app keeps an element's first handler when a re-render gives it an
// equal one (same code), so a handler closing over the annotation would
// act on whatever annotation the element first showed.
func (c *groupList) onAccept(ctx app.Context, e app.Event) { decideFrom(ctx, annotation.Accepted) }

func (c *groupList) onReject(ctx app.Context, e app.Event) { decideFrom(ctx, annotation.Rejected) }

func decideFrom(ctx app.Context, s annotation.Status) {
	if id := ctx.JSSrc().Get("dataset").Get("id"); id.Truthy() {
		ctx.NewActionWithValue(decideReview, decision{ID: id.String(), Status: s})
	}
}

func (c *groupList) renderAnnotation(a annotation.Annotation, quote string) app.UI {
	status := string(a.Status)
	if status == "" {
		status = "pending"
	}
	return app.Li().Class("review-annotation status-"+status).DataSet("id", a.ID).DataSet("creator", a.Creator).
		DataSet("tag", a.Tag).DataSet("status", status).Body(
		app.Span().Class("tag tag-"+string(a.Tag)).Text(string(a.Tag)),
		app.Text(" by "+chrome.OrAnon(a.Creator)+" "),
		app.Span().Class("decision").Text("("+status+")"),
		app.If(a.Anchor.Exact != quote, func() app.UI { return app.Q().Class("own-quote").Text(a.Anchor.Exact) }),
		app.If(a.Note != "", func() app.UI { return app.P().Class("note").Text(a.Note) }),
		app.Button().Class("accept").DataSet("id", a.ID).Disabled(a.Status == annotation.Accepted).
			Text("Accept").OnClick(c.onAccept),
		app.Button().Class("reject").DataSet("id", a.ID).Disabled(a.Status == annotation.Rejected).
			Text("Reject").OnClick(c.onReject),
	)
}
