// Command wasm is claimtag's browser program, built to web/app.wasm:
//
//	GOOS=js GOARCH=wasm go build -ldflags='-s -w' -o web/app.wasm ./app/wasm
package main

import (
	"github.com/claimtag/claimtag/app"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	app.Routes()
	goapp.RunWhenOnBrowser()
}
