package chrome

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Frame lays out a page: the header (with header inside it), banners,
// then body once the session is loaded (the loading progress until then),
// the dialogs and the status line. docID, when set, adds "this document"
// exports.
func (p *Page) Frame(docID string, header, body app.UI) app.UI {
	s := p.Session()
	return app.Div().Class("app").Body(
		app.Header().Class("top").Body(
			app.A().Class("brand").Href(Link("/")).Text("claimtag"),
			app.A().ID("nav-review").Class("nav").Href(Link("/review")).Text("Review"),
			app.A().ID("nav-overview").Class("nav").Href(Link("/overview")).Text("Overview"),
			header,
			app.If(s != nil, func() app.UI { return p.exportMenu(docID) }),
			app.Button().ID("help-button").Class("icon").Title("Keyboard shortcuts (?)").Text("?").
				OnClick(func(ctx app.Context, e app.Event) { p.help = !p.help }),
		),
		app.If(p.update, func() app.UI {
			return app.Div().ID("update-banner").Class("banner info").Body(
				app.Text("A new version of claimtag is available. "),
				app.Button().Text("Reload").OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
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
			return app.Div().ID("message").Class("banner info").Role("status").Aria("live", "polite").Body(
				app.Text(p.message+" "),
				app.Button().Class("dismiss").Text("OK").OnClick(func(ctx app.Context, e app.Event) { p.message = "" }),
			)
		}),
		app.If(s == nil, func() app.UI { return p.renderLoading() }).Else(func() app.UI { return body }),
		app.If(p.help, func() app.UI { return p.renderHelp() }),
		app.If(p.askCreator, func() app.UI { return p.renderCreatorDialog() }),
		app.Footer().Class("status").Body(p.renderStatus(s)),
	)
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
			app.P().Text("Check your connection, then try again. Annotations you made earlier are safe in this browser."),
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
		app.Progress().ID("load-progress").Max(100).Value(max(pct, 0)),
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
		app.Span().ID("count").Text(fmt.Sprintf("%d annotations", s.WS.Len())),
		app.Text(" · "),
		&StatusLine{IState: StateSaved, IID: "save-status"},
		app.If(creator != "", func() app.UI { return app.Span().Class("creator").Text(" · tagging as " + creator) }),
		&OfflineStatus{},
	)
}

func (p *Page) renderHelp() app.UI {
	return app.Div().ID("help").Class("dialog").Role("dialog").Aria("label", "Keyboard shortcuts").Body(
		app.H2().Text("Keyboard shortcuts"),
		app.Table().Body(app.TBody().Body(
			app.Range(shortcuts).Slice(func(i int) app.UI {
				return app.Tr().Body(app.Th().Body(app.Kbd().Text(shortcuts[i].Keys)), app.Td().Text(shortcuts[i].What))
			}),
		)),
		app.P().Text("Select any text with the mouse, or pick a sentence with j and k, then press 1–4. Click a mark to edit its note. "+
			"Undo and redo act on the document you are reading."),
		app.Button().Text("Close").OnClick(func(ctx app.Context, e app.Event) { p.help = false }),
	)
}

func (p *Page) renderCreatorDialog() app.UI {
	return app.Form().ID("creator-dialog").Class("dialog").OnSubmit(p.saveCreator).Body(
		app.H2().Text("Who is tagging?"),
		app.P().Text("Your name is stored with each annotation you make. You are asked once."),
		app.Label().For("creator-name").Text("Name"),
		app.Input().ID("creator-name").Type("text").AutoComplete(true).Value(p.draft).
			OnInput(func(ctx app.Context, e app.Event) { p.draft = ctx.JSSrc().Get("value").String() }),
		app.Button().Type("submit").Text("Save"),
	)
}
