// Command wasm is claimtag's browser program, built to web/app.wasm:
//
//	GOOS=js GOARCH=wasm go build -ldflags='-s -w' -o web/app.wasm ./app/wasm
package main

import (
	"github.com/claimtag/claimtag/app"
	"github.com/claimtag/claimtag/app/browser"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	// app.wasm is downloaded, compiled and instantiated: the start of the
	// app's timeline (make bench reads it).
	browser.Mark("claimtag-main")
	// What was typed into the prerendered page while app.wasm loaded is
	// taken over by the search page (app/search typed.go).
	app.Routes()
	goapp.RunWhenOnBrowser()
}
