package app

import (
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/overview"
	"github.com/claimtag/claimtag/app/reader"
	"github.com/claimtag/claimtag/app/review"
	"github.com/claimtag/claimtag/app/search"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Names shared with the build: the folder under /web/ holding the index in
// pieces, its manifest there, and the cache the service worker keeps the
// pieces in.
const (
	IndexDir     = chrome.IndexDir
	ManifestFile = chrome.ManifestFile
	PieceCache   = chrome.PieceCache
)

// Routes registers every page and global action handler. It is called by
// app/wasm before app.RunWhenOnBrowser and by the build before generating
// the static site; Pages lists the paths it registers.
func Routes() {
	app.Route("/", func() app.Composer { return search.New() })
	app.Route("/doc", func() app.Composer { return reader.New() })
	app.Route("/review", func() app.Composer { return review.New() })
	app.Route("/overview", func() app.Composer { return overview.New() })
	app.Handle(chrome.LoadIndex, chrome.HandleLoad)
	app.Handle(chrome.IndexOpened, handleIndexOpened)
}

// Pages lists the routed paths, for the static site generator and the
// service worker's cache.
func Pages() []string { return []string{"/", "/doc", "/review", "/overview"} }
