package overview

import (
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// Page is "/overview": tag counts per document, the unverified claims to
// check next and a tag-aware search, over the imported annotations placed
// on the current documents and the user's own.
type Page struct {
	app.Compo
	frame

	ref chrome.DeskRef // the review desk, once published
}

// New returns the overview page.
func New() *Page { return &Page{} }

// OnMount subscribes to the session and the desk.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnSession: func(ctx app.Context) { chrome.OpenDesk(ctx, p.Session()) }})
	ctx.ObserveState(chrome.StateDesk, &p.ref)
	ctx.GetState(chrome.StateDesk, &p.ref)
	chrome.OpenDesk(ctx, p.Session())
}

// OnNav sets the page title.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle("Overview · claimtag") }

// Render lays out the page inside the shared frame.
func (p *Page) Render() app.UI {
	return p.Frame("", app.H1().Class("page-title").Text("Overview"), p.renderBody())
}

func (p *Page) renderBody() app.UI {
	s := p.Session()
	if s == nil || p.ref.D == nil {
		return app.Div().ID("overview").Body(app.P().Text("Preparing the overview…"))
	}
	as := p.ref.D.OverviewSet(s.WS.Annotations())
	return app.Div().ID("overview").Class("overview").Body(
		app.P().Text("Counts cover your own annotations and every imported one placed on the current documents (each annotator's label; the review page settles them). "),
		&docsSection{Iov: arev.NewOverview(as, p.ref.D.Corpus())},
		&tagSearchSection{Iix: s.Index, Ias: as},
		app.P().Body(app.A().Href(chrome.Link("/review")).Text("← Review imported annotations")),
	)
}
