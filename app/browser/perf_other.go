//go:build !(js && wasm)

package browser

import "time"

// Measure records a performance measure in the browser; natively it does
// nothing.
func Measure(name string, start time.Time) {}

// Mark records a performance mark in the browser; natively it does nothing.
func Mark(name string) {}

// ForgetCached drops url from the browser's caches; natively it does nothing.
func ForgetCached(url string) {}
