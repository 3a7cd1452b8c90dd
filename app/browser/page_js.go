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
