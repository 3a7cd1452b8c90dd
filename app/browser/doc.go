// Package browser wraps the browser APIs claimtag needs beyond go-app:
// IndexedDB storage, streaming fetch with progress, file downloads, the
// text selection, a BroadcastChannel between tabs and the page being
// hidden or left.
//
// It is the only package of claimtag that imports syscall/js. Each API has
// a js/wasm implementation (a _js.go file named after it) and a native
// fallback (other.go, files_other.go, perf_other.go) that returns
// ErrUnsupported or does nothing, so code using it compiles and tests
// natively:
//
//	var store storage.Store
//	db, err := browser.OpenIndexedDB("claimtag")
//	if err != nil {
//		store = storage.Unavailable(err) // keep working in memory, tell the user
//	} else {
//		store = db // *IndexedDB implements storage.Store
//	}
//
// Calls that wait for the browser (OpenIndexedDB, Store methods, Fetch) block
// until it answers, so call them from a goroutine (go-app's ctx.Async), never
// from an event handler.
package browser
