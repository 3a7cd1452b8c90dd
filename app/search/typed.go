package search

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// typed is what the user typed into the prerendered page's search box
// before the app started: the static page is usable at once, and the app
// picks up the query, the focus and the caret where the user left them.
type typed struct {
	value      string
	focused    bool
	start, end int // the selection, in UTF-16 units as the DOM counts
}

// preTyped is read once, by the first search page that mounts.
var preTyped *typed

// init reads the prerendered box. It runs when the wasm starts, before
// go-app replaces the prerendered body with the app's, which drops the
// box's value and focus (pkg/app/engine.go Load); nothing later can read
// them. Natively (tests, the prerenderer) there is no box.
func init() {
	if !app.IsClient {
		return
	}
	box := app.Window().GetElementByID("search")
	if !box.Truthy() {
		return
	}
	t := &typed{value: box.Get("value").String()}
	if t.value == "" {
		return
	}
	t.focused = app.Window().Get("document").Get("activeElement").Equal(box)
	t.start, t.end = box.Get("selectionStart").Int(), box.Get("selectionEnd").Int()
	preTyped = t
}

// takeTyped returns what was typed before the app started, once.
func takeTyped() (*typed, bool) {
	t := preTyped
	preTyped = nil
	return t, t != nil
}
