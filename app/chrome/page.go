package chrome

import (
	"fmt"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Page is what every page shares: loading, the session, the header,
// banners, the help and name dialogs, export and the status line. A page
// embeds it under an unexported alias (go-app copies a routed component's
// exported fields from a fresh instance when it renders the same route
// again, which would drop the session), calls Mount from OnMount and
// Frame from Render:
//
//	type frame = chrome.Page
//	type page struct {
//		app.Compo
//		frame
//	}
//	func (p *page) OnMount(ctx app.Context) { p.Mount(ctx, chrome.Options{OnKey: p.onKey}) }
//	func (p *page) Render() app.UI          { return p.Frame("", header, body) }
type Page struct {
	load LoadState
	ref  Ref
	ctx  app.Context // the page's, from Mount: Say announces through it
	live bool        // ctx is set
	path string      // the page's path, for the navigation's aria-current

	dialog     string    // the open modal dialog's id, or ""
	opener     app.Value // what had the focus before it opened
	update     bool
	draft      string
	afterAsk   func(app.Context)
	message    string
	messageErr bool
	exportTag  string
	removeKeys func()
	opts       Options
}

// Options are a page's hooks into the shared Page.
type Options struct {
	// OnKey handles the keyboard actions the Page does not (all but help,
	// and Escape while a dialog is open), on the UI goroutine.
	OnKey func(ctx app.Context, k Key, t annotation.Tag)
	// OnSession runs when the session appears and after each change.
	OnSession func(ctx app.Context)
}

// Mount subscribes to loading and the session, starts loading and listens
// to the keyboard.
func (p *Page) Mount(ctx app.Context, o Options) {
	p.opts = o
	p.ctx, p.live = ctx, true
	p.path = ctx.Page().URL().Path
	ctx.ObserveState(StateLoad, &p.load)
	ctx.ObserveState(StateSession, &p.ref).OnChange(func() {
		if p.opts.OnSession != nil {
			p.opts.OnSession(ctx)
		}
	})
	ctx.GetState(StateLoad, &p.load)
	ctx.GetState(StateSession, &p.ref)
	p.update = ctx.AppUpdateAvailable()
	StartLoad(ctx, false)

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
		a, tag := KeyFor(e.Get("key").String(), e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
			e.Get("shiftKey").Bool(), e.Get("altKey").Bool(), editing)
		if a == KeyNone {
			return nil
		}
		if a != KeyEscape {
			e.Call("preventDefault")
		}
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case a == KeyHelp:
				p.toggleHelp(ctx)
			case a == KeyEscape && p.dialog != "":
				p.dismiss(ctx)
			case p.dialog != "":
				// a modal dialog is open: the page behind it does not act
			default:
				if a == KeyEscape {
					closeMenu() // and the page clears its focus too
				}
				if p.opts.OnKey != nil {
					p.opts.OnKey(ctx, a, tag)
				}
			}
		})
		return nil
	})
	app.Window().Call("addEventListener", "keydown", fn)
	p.removeKeys = func() {
		app.Window().Call("removeEventListener", "keydown", fn)
		fn.Release()
	}
	if p.ref.S != nil && p.opts.OnSession != nil {
		p.opts.OnSession(ctx)
	}
}

// OnDismount stops listening to the keyboard.
func (p *Page) OnDismount() {
	p.live = false
	if p.removeKeys != nil {
		p.removeKeys()
		p.removeKeys = nil
	}
}

// OnAppUpdate shows the update banner when a new build is installed.
func (p *Page) OnAppUpdate(ctx app.Context) { p.update = ctx.AppUpdateAvailable() }

// Session returns the session, or nil while loading.
func (p *Page) Session() *Session { return p.ref.S }

// Ready reports whether the session is loaded.
func (p *Page) Ready() bool { return p.ref.S != nil }

// Say shows msg in the page's message line (what the last command did)
// and has screen readers read it when idle (Announce).
func (p *Page) Say(msg string) {
	p.message, p.messageErr = msg, false
	if p.live {
		Announce(p.ctx, msg)
	}
}

// SayError shows msg in the message line as an error (a command that
// failed or changed nothing) and has screen readers read it at once
// (AnnounceError).
func (p *Page) SayError(msg string) {
	p.message, p.messageErr = msg, true
	if p.live {
		AnnounceError(p.ctx, msg)
	}
}

// Message returns what the message line shows.
func (p *Page) Message() string { return p.message }

// WithCreator runs f once the user's name is known, asking for it first.
func (p *Page) WithCreator(ctx app.Context, f func(app.Context)) {
	if s := p.Session(); s != nil && s.WS.Creator() != "" {
		f(ctx)
		return
	}
	p.afterAsk = f
	p.openDialog(ctx, nameDialog, "creator-name")
}

func (p *Page) saveCreator(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name := strings.TrimSpace(p.draft)
	if name == "" || p.Session() == nil {
		return
	}
	p.Session().WS.SetCreator(name)
	p.closeDialog(ctx)
	if err := ctx.LocalStorage().Set(CreatorKey, name); err != nil {
		p.SayError("Your name could not be stored: " + err.Error())
	}
	if f := p.afterAsk; f != nil {
		p.afterAsk = nil
		f(ctx)
	}
}

// cancelCreator closes the name dialog without a name: what waited for
// it is not done.
func (p *Page) cancelCreator(ctx app.Context) {
	if p.dialog != nameDialog {
		return
	}
	p.afterAsk = nil
	p.closeDialog(ctx)
	p.Say("Nothing was tagged: a name is needed first.")
}
