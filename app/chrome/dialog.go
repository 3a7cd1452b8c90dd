package chrome

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The frame's modal dialogs, by element id.
const (
	helpDialog = "help"
	nameDialog = "creator-dialog"
)

// focusable selects what Tab can reach inside a dialog (disabled and
// hidden elements are filtered out when it is used).
const focusable = `a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])`

// wrapFocus says where Tab (back: Shift+Tab) moves the focus in a modal
// dialog holding n focusable elements, the focus being on element cur (-1:
// on none of them, e.g. on the dialog itself). wrap is false when the
// browser's own move stays inside (next is then meaningless); when true,
// the page moves the focus to next itself: from the last element to the
// first and back, so it never leaves the dialog. With nothing focusable
// (n == 0) next is -1 and the focus stays where it is.
func wrapFocus(n, cur int, back bool) (next int, wrap bool) {
	switch {
	case n <= 0:
		return -1, true
	case cur < 0 || cur >= n:
		if back {
			return n - 1, true
		}
		return 0, true
	case back && cur == 0:
		return n - 1, true
	case !back && cur == n-1:
		return 0, true
	}
	return 0, false
}

// modal renders a modal dialog as the WAI-ARIA Authoring Practices want
// it: a native <dialog> opened with showModal (the rest of the page is
// inert, Esc fires cancel), labelled by its heading, with Tab and
// Shift+Tab kept inside; openDialog moves the focus in and closeDialog
// gives it back to the element that opened it. The heading can take the
// focus (tabindex -1), for a dialog that is mostly text: it is then read
// from its start.
func (p *Page) modal(id, title string, body ...app.UI) app.HTMLDialog {
	return app.Dialog().ID(id).Class("modal").Aria("modal", "true").Aria("labelledby", id+"-title").
		On("cancel", func(ctx app.Context, e app.Event) {
			e.PreventDefault() // dismiss removes it, and restores the focus
			p.dismiss(ctx)
		}).
		On("keydown", func(ctx app.Context, e app.Event) {
			if e.Get("key").String() == "Tab" {
				trapTab(ctx.JSSrc(), e)
			}
		}).
		Body(append([]app.UI{app.H2().ID(id + "-title").TabIndex(-1).Text(title)}, body...)...)
}

// trapTab keeps Tab inside the dialog element dlg.
func trapTab(dlg app.Value, e app.Event) {
	all := dlg.Call("querySelectorAll", focusable)
	var els []app.Value
	for i := 0; i < all.Length(); i++ {
		el := all.Index(i)
		if el.Get("disabled").Truthy() || el.Call("getClientRects").Length() == 0 {
			continue
		}
		els = append(els, el)
	}
	active := app.Window().Get("document").Get("activeElement")
	cur := -1
	for i, el := range els {
		if el.Equal(active) {
			cur = i
		}
	}
	next, wrap := wrapFocus(len(els), cur, e.Get("shiftKey").Bool())
	if !wrap {
		return
	}
	e.PreventDefault()
	if next >= 0 {
		els[next].Call("focus")
	}
}

// openDialog shows dialog id modally, remembering what had the focus, and
// focuses the element focus (an id; "" for the dialog's first control).
func (p *Page) openDialog(ctx app.Context, id, focus string) {
	if p.dialog == id {
		return
	}
	if p.dialog == "" {
		p.opener = app.Window().Get("document").Get("activeElement")
	}
	p.dialog = id
	ctx.Defer(func(app.Context) {
		dlg := app.Window().GetElementByID(id)
		if !dlg.Truthy() {
			return
		}
		if !dlg.Get("open").Truthy() {
			dlg.Call("showModal")
		}
		target := dlg.Call("querySelector", focusable)
		if focus != "" {
			target = app.Window().GetElementByID(focus)
		}
		if target.Truthy() {
			target.Call("focus")
		}
	})
}

// closeDialog closes the open dialog and gives the focus back to the
// element that had it before, when it is still in the page.
func (p *Page) closeDialog(ctx app.Context) {
	if p.dialog == "" {
		return
	}
	p.dialog = ""
	opener := p.opener
	p.opener = nil
	ctx.Defer(func(app.Context) {
		if opener != nil && opener.Truthy() && opener.Get("isConnected").Truthy() {
			opener.Call("focus")
		}
	})
}

// dismiss closes the open dialog as Esc does: the name dialog is
// cancelled, the help closed.
func (p *Page) dismiss(ctx app.Context) {
	if p.dialog == nameDialog {
		p.cancelCreator(ctx)
		return
	}
	p.closeDialog(ctx)
}

// toggleHelp opens the shortcuts help, or closes it when open.
func (p *Page) toggleHelp(ctx app.Context) {
	if p.dialog == helpDialog {
		p.closeDialog(ctx)
		return
	}
	if p.dialog == "" {
		p.openDialog(ctx, helpDialog, helpDialog+"-title")
	}
}

func (p *Page) renderHelp() app.UI {
	return p.modal(helpDialog, "Keyboard shortcuts",
		app.Table().Class("shortcuts").Body(
			app.Caption().Class("visually-hidden").Text("Keys and what they do"),
			app.THead().Class("visually-hidden").Body(app.Tr().Body(
				app.Th().Scope("col").Text("Keys"), app.Th().Scope("col").Text("Action"))),
			app.TBody().Body(
				app.Range(shortcuts).Slice(func(i int) app.UI {
					return app.Tr().Body(app.Th().Scope("row").Body(app.Kbd().Text(shortcuts[i].Keys)), app.Td().Text(shortcuts[i].What))
				}),
			)),
		app.P().Text("Select any text with the mouse (or a long press on a touch screen), or pick a sentence with j and k, then press 1–4. "+
			"Tab reaches the tagged passages; Enter opens one. Undo and redo act on the document you are reading."),
		app.Div().Class("dialog-actions").Body(
			app.Button().ID("help-close").Type("button").Text("Close").OnClick(func(ctx app.Context, e app.Event) { p.closeDialog(ctx) }),
		),
	)
}

func (p *Page) renderCreatorDialog() app.UI {
	return p.modal(nameDialog, "Who is tagging?",
		app.Form().ID("creator-form").OnSubmit(p.saveCreator).Body(
			app.P().ID("creator-why").Text("Your name is stored with each annotation you make. You are asked once."),
			app.Label().For("creator-name").Text("Name"),
			app.Input().ID("creator-name").Type("text").Attr("autocomplete", "name").Required(true).
				Aria("describedby", "creator-why").Value(p.draft).
				OnInput(func(ctx app.Context, e app.Event) { p.draft = ctx.JSSrc().Get("value").String() }),
			app.Div().Class("dialog-actions").Body(
				app.Button().Type("submit").Text("Save"),
				app.Button().ID("creator-cancel").Type("button").Text("Cancel").
					OnClick(func(ctx app.Context, e app.Event) { p.cancelCreator(ctx) }),
			),
		),
	)
}
