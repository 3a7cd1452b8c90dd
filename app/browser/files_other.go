//go:build !(js && wasm)

package browser

// InputFiles returns the files chosen in a file input; natively there are none.
func InputFiles(id string) []File { return nil }

// WatchDrops calls onFiles with the files dropped on the page; natively
// nothing is ever dropped and stop does nothing.
func WatchDrops(onFiles func([]File)) (stop func()) { return func() {} }
