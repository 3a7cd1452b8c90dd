package app

import (
	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// overviewPage is "/overview": tag counts per document, the unverified
// claims to check next and a tag-aware search, over the reviewed
// annotations (imported and not rejected) and the user's own.
type overviewPage struct {
	app.Compo
	chrome

	rs deskState // the review workspace, once published
}

func newOverviewPage() *overviewPage { return &overviewPage{} }

// OnMount subscribes to the workspaces.
func (p *overviewPage) OnMount(ctx app.Context) {
	p.onWorkspace = func(ctx app.Context) { openReviewDesk(ctx, p.ws) }
	p.mountChrome(ctx, func(app.Context, keyAction, annotation.Tag) {})
	ctx.ObserveState(stateReview, &p.rs)
	ctx.GetState(stateReview, &p.rs)
	openReviewDesk(ctx, p.ws)
}

// OnNav sets the page title.
func (p *overviewPage) OnNav(ctx app.Context) { ctx.Page().SetTitle("Overview · claimtag") }

// Render lays out the page inside the shared chrome.
func (p *overviewPage) Render() app.UI {
	return p.renderChrome("", app.H1().Class("page-title").Text("Overview"), p.renderBody())
}

func (p *overviewPage) renderBody() app.UI {
	if p.ws == nil || p.rs.Desk == nil {
		return app.Main().ID("overview").Body(app.P().Text("Preparing the overview…"))
	}
	as := p.rs.Desk.overviewSet(p.ws.set.List(annotation.Filter{}))
	return app.Main().ID("overview").Class("overview").Body(
		app.P().Text("Counts cover your own annotations and the imported ones not rejected (re-anchored on the current documents). "),
		&overviewDocs{Iov: review.NewOverview(as, p.rs.Desk.corpus)},
		&overviewSearch{Iix: p.ws.ix, Ias: as},
		app.P().Body(app.A().Href(link("/review")).Text("← Review imported annotations")),
	)
}
