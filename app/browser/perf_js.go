//go:build js && wasm

package browser

import (
	"syscall/js"
	"time"
)

// Measure records the time since start as a performance measure named name,
// for the browser's performance tools and the benchmark (make bench).
func Measure(name string, start time.Time) {
	perf := js.Global().Get("performance")
	if !perf.Truthy() {
		return
	}
	d := float64(time.Since(start).Microseconds()) / 1000
	opts := js.Global().Get("Object").New()
	opts.Set("duration", d)
	opts.Set("end", perf.Call("now"))
	perf.Call("measure", name, opts)
}

// Mark records a performance mark named name, once: later calls do nothing.
func Mark(name string) {
	perf := js.Global().Get("performance")
	if !perf.Truthy() || perf.Call("getEntriesByName", name).Length() > 0 {
		return
	}
	perf.Call("mark", name)
}

// ForgetCached deletes url from every cache the service worker keeps, so
// that the next fetch goes to the network: a damaged copy must not outlive
// a retry. Errors are ignored; there may be no caches at all.
func ForgetCached(url string) {
	caches := js.Global().Get("caches")
	if !caches.Truthy() {
		return
	}
	keys, err := await(caches.Call("keys"))
	if err != nil {
		return
	}
	for i := 0; i < keys.Length(); i++ {
		c, err := await(caches.Call("open", keys.Index(i)))
		if err == nil {
			await(c.Call("delete", url))
		}
	}
}
