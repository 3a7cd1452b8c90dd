//go:build js && wasm

package browser

import "syscall/js"

// KeepTyped hands what the user typed into the prerendered page, while
// app.wasm was loading, over to the app. go-app v10 replaces the
// prerendered body with the elements it mounts, so the text typed into a
// field and the caret would be lost. KeepTyped, called before
// app.RunWhenOnBrowser, notes each field with an id whose value differs
// from the prerendered one; once go-app has mounted its own field of that
// id (its first mount runs before the browser gets control back), it puts
// the value there, fires an input event as typing does (so the
// component's handler takes the text), and gives back the focus and the
// selection.
func KeepTyped() {
	doc := js.Global().Get("document")
	fields := doc.Call("querySelectorAll", "input[id], textarea[id]")
	type typed struct {
		old        js.Value // the prerendered field
		id, value  string
		focused    bool
		start, end js.Value
	}
	var kept []typed
	active := doc.Get("activeElement")
	for i := 0; i < fields.Length(); i++ {
		f := fields.Index(i)
		v := f.Get("value").String()
		if v == f.Get("defaultValue").String() {
			continue
		}
		kept = append(kept, typed{old: f, id: f.Get("id").String(), value: v, focused: f.Equal(active),
			start: f.Get("selectionStart"), end: f.Get("selectionEnd")})
	}
	if len(kept) == 0 {
		return
	}
	tries := 0
	var restore js.Func
	restore = js.FuncOf(func(js.Value, []js.Value) any {
		// Wait (up to 2 s) for go-app to replace the fields; a field it
		// kept in place keeps its text and only needs the input event.
		tries++
		for _, k := range kept {
			if f := doc.Call("getElementById", k.id); f.Equal(k.old) && tries < 100 {
				js.Global().Call("setTimeout", restore, 20)
				return nil
			}
		}
		defer restore.Release()
		for _, k := range kept {
			f := doc.Call("getElementById", k.id)
			if !f.Truthy() {
				continue
			}
			if f.Get("value").String() != k.value {
				f.Set("value", k.value)
			}
			f.Call("dispatchEvent", js.Global().Get("Event").New("input", map[string]any{"bubbles": true}))
			if k.focused {
				f.Call("focus")
				if k.start.Type() == js.TypeNumber && k.end.Type() == js.TypeNumber {
					f.Call("setSelectionRange", k.start, k.end)
				}
			}
		}
		return nil
	})
	js.Global().Call("setTimeout", restore, 0)
}
