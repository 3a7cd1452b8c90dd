// Package app is claimtag's user interface, a go-app PWA. Routes registers
// every page; app/wasm calls it before app.RunWhenOnBrowser and the build
// command calls it before generating the static site:
//
//	app.Routes()
//	goapp.RunWhenOnBrowser()
//
// The pages are grouped by folder, each a package: search ("/"), reader
// ("/doc"), review ("/review") and overview ("/overview"); chrome holds
// what they share (loading, the session, the frame, the keyboard,
// exports). Pages only render and call methods; the work is in pure
// packages that run under go test -race: workspace (the user's
// annotations, undo, re-anchoring, tabs), storage (the Saver and its
// Status), desk (the review), annotation and its anchoring and review
// packages. Browser APIs come from package app/browser alone.
//
// Imports point one way: app -> pages -> chrome -> workspace, desk,
// storage, browser, index; workspace and desk -> annotation and its
// subpackages; storage and annotation import nothing of claimtag.
package app
