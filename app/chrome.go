package app

import (
	"fmt"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// chrome is what every page shares: loading, the header, banners, the help
// and creator dialogs, export and the status line. Pages embed it.
type chrome struct {
	load loadState
	ref  wsRef
	ws   *workspace // ref.W

	help        bool
	update      bool
	askCreator  bool
	creator     string
	draft       string
	afterAsk    func(app.Context)
	notice      string
	exportTag   string
	removeKeys  func()
	onWorkspace func(app.Context)
}

// mountChrome subscribes to loading and the workspace, starts loading and
// listens to the keyboard, calling onKey on the UI goroutine.
func (c *chrome) mountChrome(ctx app.Context, onKey func(app.Context, keyAction, annotation.Tag)) {
	ctx.ObserveState(stateLoad, &c.load)
	ctx.ObserveState(stateWorkspace, &c.ref).OnChange(func() {
		c.ws = c.ref.W
		if c.onWorkspace != nil {
			c.onWorkspace(ctx)
		}
	})
	ctx.GetState(stateLoad, &c.load)
	ctx.GetState(stateWorkspace, &c.ref)
	c.ws = c.ref.W
	c.creator = c.loadCreator(ctx)
	c.update = ctx.AppUpdateAvailable()
	startLoad(ctx, false)

	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		editing := false
		if t := e.Get("target"); t.Truthy() {
			switch name := strings.ToUpper(fmt.Sprint(t.Get("tagName").String())); name {
			case "INPUT", "TEXTAREA", "SELECT":
				editing = true
			default:
				editing = t.Get("isContentEditable").Truthy()
			}
		}
		a, tag := keyFor(e.Get("key").String(), e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
			e.Get("shiftKey").Bool(), e.Get("altKey").Bool(), editing)
		if a == keyNone {
			return nil
		}
		if a != keyEscape {
			e.Call("preventDefault")
		}
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case a == keyHelp:
				c.help = !c.help
			case a == keyEscape && (c.help || c.askCreator):
				c.help, c.askCreator = false, false
			default:
				onKey(ctx, a, tag)
			}
		})
		return nil
	})
	app.Window().Call("addEventListener", "keydown", fn)
	c.removeKeys = func() {
		app.Window().Call("removeEventListener", "keydown", fn)
		fn.Release()
	}
}

// OnDismount stops listening to the keyboard.
func (c *chrome) OnDismount() {
	if c.removeKeys != nil {
		c.removeKeys()
		c.removeKeys = nil
	}
}

// OnAppUpdate shows the update banner when a new build is installed.
func (c *chrome) OnAppUpdate(ctx app.Context) { c.update = ctx.AppUpdateAvailable() }

func (c *chrome) loadCreator(ctx app.Context) string {
	var name string
	if err := ctx.LocalStorage().Get(creatorKey, &name); err != nil {
		return ""
	}
	return name
}

// withCreator runs f once a creator name is known, asking for it first.
func (c *chrome) withCreator(ctx app.Context, f func(app.Context)) {
	if c.creator != "" {
		f(ctx)
		return
	}
	c.askCreator, c.afterAsk = true, f
	ctx.Defer(func(app.Context) { app.Window().GetElementByID("creator-name").Call("focus") })
}

func (c *chrome) saveCreator(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name := strings.TrimSpace(c.draft)
	if name == "" {
		return
	}
	c.creator, c.askCreator = name, false
	if err := ctx.LocalStorage().Set(creatorKey, name); err != nil {
		c.notice = "Your name could not be stored: " + err.Error()
	}
	if f := c.afterAsk; f != nil {
		c.afterAsk = nil
		f(ctx)
	}
}

// ready reports whether the workspace is loaded.
// handleLoad publishes the workspace just before the ready state.
func (c *chrome) ready() bool { return c.ws != nil }

// renderChrome lays out a page: header, banners, then body once loaded.
func (c *chrome) renderChrome(docID string, header, body app.UI) app.UI {
	return app.Div().Class("app").Body(
		app.Header().Class("top").Body(
			app.A().Class("brand").Href(link("/")).Text("claimtag"),
			app.A().ID("nav-review").Class("nav").Href(link("/review")).Text("Review"),
			app.A().ID("nav-overview").Class("nav").Href(link("/overview")).Text("Overview"),
			header,
			app.If(c.ready(), func() app.UI { return c.exportMenu(docID) }),
			app.Button().ID("help-button").Class("icon").Title("Keyboard shortcuts (?)").Text("?").
				OnClick(func(ctx app.Context, e app.Event) { c.help = !c.help }),
		),
		app.If(c.update, func() app.UI {
			return app.Div().ID("update-banner").Class("banner info").Body(
				app.Text("A new version of claimtag is available. "),
				app.Button().Text("Reload").OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
		app.If(c.ws != nil && c.ws.StoreErr != "", func() app.UI {
			return app.Div().ID("storage-error").Class("banner error").Body(
				app.Text(c.ws.StoreErr+". Your annotations are kept in this tab only until it closes: "),
				app.Button().Text("export them now").OnClick(func(ctx app.Context, e app.Event) {
					c.doExport(ctx, "json", annotation.Filter{})
				}),
			)
		}),
		app.If(c.ws != nil && c.ws.Warning != "", func() app.UI {
			return app.Div().Class("banner warn").Text(c.ws.Warning)
		}),
		app.If(c.notice != "", func() app.UI {
			return app.Div().ID("notice").Class("banner warn").Body(
				app.Text(c.notice+" "),
				app.Button().Text("OK").OnClick(func(ctx app.Context, e app.Event) { c.notice = "" }),
			)
		}),
		app.If(!c.ready(), func() app.UI { return c.renderLoading() }).Else(func() app.UI { return body }),
		app.If(c.help, func() app.UI { return c.renderHelp() }),
		app.If(c.askCreator, func() app.UI { return c.renderCreatorDialog() }),
		app.Footer().Class("status").Body(c.renderStatus()),
	)
}

func (c *chrome) renderLoading() app.UI {
	if c.load.Status == loadFailed {
		return app.Div().ID("load-error").Class("loading failed").Role("alert").Body(
			app.H2().Text(c.load.What),
			app.P().Class("why").Text(c.load.Err),
			app.P().Text("Check your connection, then try again. Annotations you made earlier are safe in this browser."),
			app.Button().ID("retry").Text("Retry").OnClick(func(ctx app.Context, e app.Event) { startLoad(ctx, true) }),
		)
	}
	label := "Loading the search index…"
	pct := c.load.percent()
	switch {
	case c.load.Status == loadOpening:
		label = "Opening the search index…"
	case pct >= 0:
		label = fmt.Sprintf("Loading the search index: %d%% (%s of %s)", pct, kb(c.load.Done), kb(c.load.Total))
	case c.load.Done > 0:
		label = fmt.Sprintf("Loading the search index: %s", kb(c.load.Done))
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

func (c *chrome) renderStatus() app.UI {
	state, text := "idle", "Loading…"
	if c.ws != nil {
		state = c.ws.saveState()
		n := c.ws.set.Len()
		switch state {
		case "failed":
			text = fmt.Sprintf("%d annotations; %d changes not saved", n, c.ws.Unsaved)
		case "saving":
			text = fmt.Sprintf("%d annotations; saving…", n)
		case "saved":
			text = fmt.Sprintf("%d annotations; all changes saved", n)
		default:
			text = fmt.Sprintf("%d annotations", n)
		}
	}
	return app.Span().ID("save-status").DataSet("save", state).Aria("live", "polite").Body(
		app.Text(text),
		app.If(c.creator != "", func() app.UI { return app.Span().Class("creator").Text(" · tagging as " + c.creator) }),
	)
}

func (c *chrome) renderHelp() app.UI {
	return app.Div().ID("help").Class("dialog").Role("dialog").Aria("label", "Keyboard shortcuts").Body(
		app.H2().Text("Keyboard shortcuts"),
		app.Table().Body(app.TBody().Body(
			app.Range(shortcuts).Slice(func(i int) app.UI {
				return app.Tr().Body(app.Th().Body(app.Kbd().Text(shortcuts[i].Keys)), app.Td().Text(shortcuts[i].What))
			}),
		)),
		app.P().Text("Select any text with the mouse, or pick a sentence with j and k, then press 1–4. Click a mark to edit its note."),
		app.Button().Text("Close").OnClick(func(ctx app.Context, e app.Event) { c.help = false }),
	)
}

func (c *chrome) renderCreatorDialog() app.UI {
	return app.Form().ID("creator-dialog").Class("dialog").OnSubmit(c.saveCreator).Body(
		app.H2().Text("Who is tagging?"),
		app.P().Text("Your name is stored with each annotation you make. You are asked once."),
		app.Label().For("creator-name").Text("Name"),
		app.Input().ID("creator-name").Type("text").AutoComplete(true).Value(c.draft).
			OnInput(func(ctx app.Context, e app.Event) { c.draft = ctx.JSSrc().Get("value").String() }),
		app.Button().Type("submit").Text("Save"),
	)
}
