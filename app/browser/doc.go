// Package browser wraps the browser APIs claimtag needs beyond go-app:
// IndexedDB storage, streaming fetch with progress, file downloads, the
// text selection and a BroadcastChannel between tabs.
//
// It is the only package of claimtag that imports syscall/js. Each API has
// a js/wasm implementation (x_js.go) and a native fallback (x_other.go) that
// returns ErrUnsupported, so code using it compiles and tests natively:
//
//	store, err := browser.OpenIndexedDB("claimtag")
//	if err != nil {
//		store = browser.NewMemStore() // keep working in memory, tell the user
//	}
//	err = store.Put(ctx, id, record)
//
// Calls that wait for the browser (OpenIndexedDB, Store methods, Fetch) block
// until it answers, so call them from a goroutine (go-app's ctx.Async), never
// from an event handler.
package browser
