//go:build !(js && wasm)

package browser

// KeepTyped hands text typed into the prerendered page over to the app in
// the browser; natively there is no page and it does nothing.
func KeepTyped() {}
