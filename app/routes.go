package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers every page and global action handler. It is called by
// app/wasm before app.RunWhenOnBrowser and by the build before generating
// the static site; Pages lists the paths it registers.
func Routes() {
	app.Route("/", func() app.Composer { return newSearchPage() })
	app.Route("/doc", func() app.Composer { return newDocPage() })
	app.Route("/review", func() app.Composer { return newReviewPage() })
	app.Route("/overview", func() app.Composer { return newOverviewPage() })
	app.Handle(loadIndex, handleLoad)
}

// Pages lists the routed paths, for the static site generator and the
// service worker's cache.
func Pages() []string { return []string{"/", "/doc", "/review", "/overview"} }
