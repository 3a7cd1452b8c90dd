// Command wasm is claimtag's browser program, built to web/app.wasm:
//
//	GOOS=js GOARCH=wasm go build -ldflags='-s -w' -o web/app.wasm ./app/wasm
package main

import (
	"runtime/debug"

	"github.com/claimtag/claimtag/app"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	// app.wasm is downloaded, compiled and instantiated: the start of the
	// app's timeline (make bench reads it).
	browser.Mark("claimtag-main")
	// WebAssembly memory only grows: the heap's peak stays the page's
	// footprint for its life. A soft limit makes the collector work harder
	// before the heap grows past it (searches make short-lived garbage;
	// what stays is the index's tables, the pieces cache and the UI).
	debug.SetMemoryLimit(memoryLimit)
	// The index starts loading before go-app renders the first page.
	chrome.Preload()
	// What was typed into the prerendered page while app.wasm loaded is
	// taken over by the search page (app/search typed.go).
	app.Routes()
	goapp.RunWhenOnBrowser()
}

// memoryLimit is the Go heap size above which the collector runs as often
// as it must to stay under it (a soft limit: a larger live heap is allowed).
const memoryLimit = 96 << 20
