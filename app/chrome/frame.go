package chrome

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Frame lays out a page in landmarks: a skip link; the banner (the
// navigation, header, the export menu and the help button); the main
// region with the banners, then body once the session is loaded (the
// loading progress until then); the footer with the status line and the
// live regions (Announcer); and the open modal dialog. header holds the
// page's one h1 (see Title). docID, when set, adds "this document"
// exports.
func (p *Page) Frame(docID string, header, body app.UI) app.UI {
	s := p.Session()
	return app.Div().Class("app").Body(
		app.A().ID("skip-link").Class("skip-link").Href("#main").Text("Skip to the content").
			OnClick(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				e.Call("stopPropagation") // not a navigation for go-app
				app.Window().GetElementByID("main").Call("focus")
			}),
		app.Header().Class("top").Body(
			app.Nav().Class("site-nav").Aria("label", "Pages").Body(
				p.navLink("nav-home", "brand", "/", "claimtag"),
				p.navLink("nav-review", "nav", "/review", "Review"),
				p.navLink("nav-overview", "nav", "/overview", "Overview"),
			),
			app.Div().Class("top-page").Body(header),
			app.Div().Class("top-tools").Body(
				app.If(s != nil, func() app.UI { return p.exportMenu(docID) }),
				app.Button().ID("help-button").Class("icon").Type("button").Title("Keyboard shortcuts (?)").
					Aria("label", "Keyboard shortcuts (?)").Aria("haspopup", "dialog").Text("?").
					OnClick(func(ctx app.Context, e app.Event) { p.toggleHelp(ctx) }),
			),
		),
		app.Main().ID("main").TabIndex(-1).Body(
			p.renderBanners(s),
			app.If(s == nil, func() app.UI { return p.renderLoading() }).Else(func() app.UI { return body }),
		),
		app.Footer().Class("status").Body(
			p.renderStatus(s),
			&Announcer{},
		),
		// Last, so that opening a dialog moves nothing before it: go-app
		// matches children by position, and would rebuild what follows
		// (the live regions would lose what they say).
		app.If(p.dialog == helpDialog, func() app.UI { return p.renderHelp() }),
		app.If(p.dialog == nameDialog, func() app.UI { return p.renderCreatorDialog() }),
	)
}

// renderBanners renders the banners above the page in one element, so
// that one appearing does not shift the page's body (go-app matches
// children by position and would rebuild it, losing the focus).
func (p *Page) renderBanners(s *Session) app.UI {
	return app.Div().ID("banners").Body(
		app.If(p.update, func() app.UI {
			return app.Div().ID("update-banner").Class("banner info").Body(
				app.Text("A new version of claimtag is available. "),
				app.Button().Type("button").Text("Reload").OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
		app.If(s != nil, func() app.UI {
			return &SaveFailure{IState: StateSaved, IID: "storage-error", IWhat: "Your annotations",
				IExport: func(ctx app.Context) { p.doExport(ctx, "json", annotation.Filter{}) },
				IRetry:  s.Saver.Retry}
		}),
		app.If(s != nil && s.Warning != "", func() app.UI {
			return app.Div().ID("storage-warning").Class("banner warn").Text(s.Warning)
		}),
		app.If(s != nil, func() app.UI { return p.renderNotices(s) }),
		app.If(p.message != "", func() app.UI {
			cls := "info"
			if p.messageErr {
				cls = "error"
			}
			// Not a live region: Say announces through the Announcer.
			return app.Div().ID("message").Class("banner", cls).Body(
				app.Text(p.message+" "),
				app.Button().Class("dismiss").Type("button").Text("OK").
					OnClick(func(ctx app.Context, e app.Event) { p.message = "" }),
			)
		}),
	)
}

// navLink is a link of the navigation, marked as the current page when it
// is one.
func (p *Page) navLink(id, class, path, text string) app.UI {
	a := app.A().ID(id).Class(class).Href(Link(path)).Text(text)
	if p.path != "" && p.path == Link(path) {
		a = a.Aria("current", "page")
	}
	return a
}

// renderNotices lists what other tabs did to the user's edits, each with
// a dismiss button that reads its index from the element (go-app keeps
// an element's first handler).
func (p *Page) renderNotices(s *Session) app.UI {
	ns := s.Notices()
	if len(ns) == 0 {
		return app.Div().ID("notices")
	}
	return app.Div().ID("notices").Body(app.Range(ns).Slice(func(i int) app.UI {
		return app.Div().Class("banner warn notice").Role("alert").Body(
			app.Text(ns[i]+" "),
			app.Button().Class("dismiss").DataSet("i", i).Text("OK").OnClick(func(ctx app.Context, e app.Event) {
				var at int
				fmt.Sscan(ctx.JSSrc().Get("dataset").Get("i").String(), &at)
				s.Dismiss(at)
			}),
		)
	}))
}

func (p *Page) renderLoading() app.UI {
	if p.load.Status == LoadFailed {
		return app.Div().ID("load-error").Class("loading failed").Role("alert").Body(
			app.H2().Text(p.load.What),
			app.P().Class("why").Text(p.load.Err),
			app.P().ID("load-hint").Text(p.load.Hint+" Annotations you made earlier are safe in this browser."),
			app.Button().ID("retry").Text("Retry").OnClick(func(ctx app.Context, e app.Event) { StartLoad(ctx, true) }),
		)
	}
	label := "Loading the search index…"
	pct := p.load.percent()
	switch {
	case p.load.Status == LoadOpening:
		label = "Opening the search index…"
	case pct >= 0:
		label = fmt.Sprintf("Loading the search index: %d%% (%s of %s)", pct, kb(p.load.Done), kb(p.load.Total))
	case p.load.Done > 0:
		label = fmt.Sprintf("Loading the search index: %s", kb(p.load.Done))
	}
	return app.Div().ID("loading").Class("loading").Role("status").Body(
		app.P().ID("load-label").Text(label),
		app.Progress().ID("load-progress").Aria("labelledby", "load-label").Max(100).Value(max(pct, 0)),
	)
}

func kb(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// renderStatus is the footer: how many annotations, where the latest
// change is (StatusLine follows the saver itself), and who is tagging.
func (p *Page) renderStatus(s *Session) app.UI {
	if s == nil {
		return app.Span().ID("count").Text("Loading…")
	}
	creator := s.WS.Creator()
	return app.Div().Class("status-line").Body(
		app.Span().ID("count").Text(Count(s.WS.Len(), "annotation", "annotations")),
		app.Text(" · "),
		&StatusLine{IState: StateSaved, IID: "save-status"},
		app.If(creator != "", func() app.UI { return app.Span().Class("creator").Text(" · tagging as " + creator) }),
		&OfflineStatus{},
	)
}
