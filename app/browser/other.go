//go:build !(js && wasm)

package browser

import (
	"context"
	"fmt"
)

// IndexedDB is a store of records by key in IndexedDB; natively there is
// none and every method fails with ErrUnsupported.
type IndexedDB struct{}

// OpenIndexedDB opens the IndexedDB database name; natively it fails with
// ErrUnsupported.
func OpenIndexedDB(name string) (*IndexedDB, error) {
	return nil, fmt.Errorf("open indexeddb %s: %w", name, ErrUnsupported)
}

// Put fails with ErrUnsupported.
func (s *IndexedDB) Put(context.Context, string, []byte) error { return ErrUnsupported }

// Delete fails with ErrUnsupported.
func (s *IndexedDB) Delete(context.Context, string) error { return ErrUnsupported }

// All fails with ErrUnsupported.
func (s *IndexedDB) All(context.Context) (map[string][]byte, error) { return nil, ErrUnsupported }

// Fetch reads url; natively it fails with ErrUnsupported.
func Fetch(url string, total int64, progress func(done, total int64)) ([]byte, error) {
	return nil, fmt.Errorf("fetch %s: %w", url, ErrUnsupported)
}

// Download offers data as a file; natively it fails with ErrUnsupported.
func Download(name, mimeType string, data []byte) error {
	return fmt.Errorf("download %s: %w", name, ErrUnsupported)
}

// CurrentSelection returns the page's text selection; natively there is none.
func CurrentSelection() (Selection, bool) { return Selection{}, false }

// HasSelection reports whether the page has a text selection; natively
// there is none.
func HasSelection() bool { return false }

// ClearSelection empties the page's text selection; natively it does nothing.
func ClearSelection() {}

// Channel is a BroadcastChannel; natively it delivers nothing.
type Channel struct{}

// OpenChannel opens the BroadcastChannel name and calls receive with every
// message another tab posts; natively it fails with ErrUnsupported.
func OpenChannel(name string, receive func(msg string)) (*Channel, error) {
	return nil, fmt.Errorf("broadcast channel %s: %w", name, ErrUnsupported)
}

// Post sends msg to the other tabs. A nil Channel posts nothing.
func (c *Channel) Post(msg string) {}

// OnHide calls f when the page is hidden or left; natively never.
func OnHide(f func()) (stop func()) { return func() {} }

// SetText sets an element's text in the browser; natively there is none.
func SetText(id, text string) {}

// FocusWhenThere focuses an element in the browser; natively there is none.
func FocusWhenThere(selector string) {}

// RegisterWorker does nothing natively: there is no service worker.
func RegisterWorker() {}
