//go:build !(js && wasm)

package browser

// ServeBench installs the search-engine harness's window.runQuery in the
// browser; natively there is no window and it does nothing.
func ServeBench(info BenchInfo, answer func(q string) (BenchAnswer, error)) {}

// BenchFailed sets window.searchError in the browser; natively it does
// nothing.
func BenchFailed(msg string) {}
