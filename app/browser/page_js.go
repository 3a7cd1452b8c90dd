//go:build js && wasm

package browser

import "syscall/js"

// OnHide calls f when the page is hidden or left: on pagehide (a reload,
// a navigation, the tab closing) and when visibilitychange makes it
// hidden (another tab, a minimized window; a mobile browser may then
// discard the page without a pagehide). f runs synchronously inside the
// event, before the browser goes on unloading, so it may only do
// synchronous work (read the DOM, write local storage); it must not wait
// for anything. stop removes the listeners.
func OnHide(f func()) (stop func()) {
	doc := js.Global().Get("document")
	hide := js.FuncOf(func(js.Value, []js.Value) any {
		f()
		return nil
	})
	vis := js.FuncOf(func(js.Value, []js.Value) any {
		if doc.Get("visibilityState").String() == "hidden" {
			f()
		}
		return nil
	})
	js.Global().Call("addEventListener", "pagehide", hide)
	doc.Call("addEventListener", "visibilitychange", vis)
	return func() {
		js.Global().Call("removeEventListener", "pagehide", hide)
		doc.Call("removeEventListener", "visibilitychange", vis)
		hide.Release()
		vis.Release()
	}
}

// SetText sets the text of the element with id, if there is one, in
// place: its first text node takes text, so that the UI, which rendered
// that node, keeps it and may set it again; an element with no text
// node gets one. It is for a line that changes often and alone (the
// offline save's percentage, chrome.SaveOffline): go-app re-renders
// every enclosing component, the whole page, for each change of a
// component's state.
func SetText(id, text string) {
	doc := js.Global().Get("document")
	el := doc.Call("getElementById", id)
	if !el.Truthy() {
		return
	}
	for n := el.Get("firstChild"); n.Truthy(); n = n.Get("nextSibling") {
		if n.Get("nodeType").Int() == 3 { // Node.TEXT_NODE
			n.Set("nodeValue", text)
			return
		}
	}
	el.Call("appendChild", doc.Call("createTextNode", text))
}

// FocusWhenThere focuses the element matching selector once the page has
// rendered it: it looks at each animation frame, for about a second. A
// handler whose element goes away with the update it causes (a "Show
// more" button after the last step) cannot wait for the update with
// go-app's ctx.Defer, which is dropped with the element.
func FocusWhenThere(selector string) {
	tries := 0
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		tries++
		if el := js.Global().Get("document").Call("querySelector", selector); el.Truthy() {
			el.Call("focus")
		} else if tries < 60 {
			js.Global().Call("requestAnimationFrame", f)
			return nil
		}
		f.Release()
		return nil
	})
	js.Global().Call("requestAnimationFrame", f)
}

// RegisterWorker registers the site's service worker now, if the page has
// not yet (see RegisterWorkerFunc); a page without the function does
// nothing.
func RegisterWorker() {
	if fn := js.Global().Get(RegisterWorkerFunc); fn.Type() == js.TypeFunction {
		fn.Invoke()
	}
}
