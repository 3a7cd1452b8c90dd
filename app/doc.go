// Package app is claimtag's user interface: go-app components that load the
// index snapshot, search it, show documents and let a person tag spans of
// them as fact, forecast, opinion or unverified.
//
// Routes registers every page; app/wasm calls it before
// app.RunWhenOnBrowser and the build command calls it before generating the
// static site:
//
//	app.Routes()
//	goapp.RunWhenOnBrowser()
//
// Pages render and react; the work lives in plain types and functions that
// run natively: workspace (the index, the annotation set and its store),
// segmentPassage (where marks go), selectionSpan (a DOM selection to code
// point offsets), highlight and fuzzyQuery (search results) and keyFor (the
// keyboard map). Browser APIs come from package app/browser.
package app
