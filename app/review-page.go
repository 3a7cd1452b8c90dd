package app

import (
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decideReview is the action of accepting or rejecting an imported
// annotation; its value is a reviewDecision.
const decideReview = "/review/decide"

// reviewDecision is the value of a decideReview action.
type reviewDecision struct {
	ID     string
	Status annotation.Status
}

// reviewPage is "/review": importing other annotators' files,
// re-anchoring, resolving their disagreements, agreement and export.
type reviewPage struct {
	app.Compo
	chrome

	rs        deskState // the review workspace, once published
	filter    reviewFilter
	reading   int    // files being read
	err       string // the last failed action
	copied    string // what "copy accepted" did
	more      int    // extra pages of groups shown
	stopDrops func()
}

func newReviewPage() *reviewPage { return &reviewPage{filter: reviewFilter{View: viewAll}} }

// OnMount subscribes to the workspaces and listens for dropped files.
func (p *reviewPage) OnMount(ctx app.Context) {
	p.onWorkspace = func(ctx app.Context) { openReviewDesk(ctx, p.ws) }
	p.mountChrome(ctx, func(app.Context, keyAction, annotation.Tag) {})
	ctx.ObserveState(stateReview, &p.rs)
	ctx.GetState(stateReview, &p.rs)
	openReviewDesk(ctx, p.ws)
	ctx.Handle(decideReview, p.handleDecide)
	p.stopDrops = browser.WatchDrops(func(fs []browser.File) {
		ctx.Dispatch(func(ctx app.Context) { p.importFiles(ctx, fs) })
	})
}

// OnDismount stops listening for drops and keys.
func (p *reviewPage) OnDismount() {
	if p.stopDrops != nil {
		p.stopDrops()
		p.stopDrops = nil
	}
	p.chrome.OnDismount()
}

// OnNav sets the page title.
func (p *reviewPage) OnNav(ctx app.Context) { ctx.Page().SetTitle("Review · claimtag") }

// Performance measures of an import, from the moment a file's bytes are
// read: until its annotations are imported and re-anchored, and until the
// page shows them (build BenchmarkReviewImport reads both).
const (
	measureReviewImport = "claimtag-review-import"
	measureReviewShown  = "claimtag-review-import-shown"
)

// importFiles reads files in the background, then imports each on the UI
// goroutine, queues the workspace to be saved and publishes it.
func (p *reviewPage) importFiles(ctx app.Context, files []browser.File) {
	if p.rs.Desk == nil {
		p.err = "The documents are still loading; import again in a moment."
		return
	}
	d := p.rs.Desk
	for _, f := range files {
		p.reading++
		ctx.Async(func() {
			u := readUpload(f)
			start := time.Now()
			ctx.Dispatch(func(ctx app.Context) {
				p.reading--
				rep := d.importUpload(u)
				browser.Measure(measureReviewImport, start)
				if rep.Added+rep.Updated > 0 {
					d.saveAll()
				} else {
					d.saveFiles()
				}
				d.saveStarted(ctx)
				ctx.SetState(stateReview, deskState{Desk: d})
				// Defers run once the frame has re-rendered the page.
				ctx.Defer(func(app.Context) { browser.Measure(measureReviewShown, start) })
			})
		})
	}
}

// handleDecide applies a reviewDecision, queues it to be saved (a small
// record; the writer runs in the background) and publishes the workspace.
func (p *reviewPage) handleDecide(ctx app.Context, a app.Action) {
	dec, ok := a.Value.(reviewDecision)
	if !ok || p.rs.Desk == nil {
		return
	}
	p.err = ""
	if err := p.rs.Desk.decide(dec.ID, dec.Status); err != nil {
		p.err = err.Error()
		return
	}
	p.rs.Desk.saveDecisions()
	p.rs.Desk.saveStarted(ctx)
	ctx.SetState(stateReview, deskState{Desk: p.rs.Desk})
}

// download offers an export of the workspace.
func (p *reviewPage) download(which, format string) {
	data, err := p.rs.Desk.exportData(which, format, appBaseURL(), time.Now())
	if err == nil {
		mime := "application/json"
		if format == "w3c" {
			mime = "application/ld+json"
		}
		err = browser.Download(reviewExportName(which, format), mime, data)
	}
	p.err = ""
	if err != nil {
		p.err = "Export failed: " + err.Error()
	}
}

// copyAccepted adds the accepted annotations to the user's own set,
// skipping those already there.
func (p *reviewPage) copyAccepted() {
	n := 0
	for _, a := range p.rs.Desk.rv.Annotations() {
		if _, mine := p.ws.set.Get(a.ID); a.Status != annotation.Accepted || mine {
			continue
		}
		a.Status = annotation.Pending
		if err := p.ws.add(a); err != nil {
			p.err = err.Error()
			return
		}
		n++
	}
	p.copied = fmt.Sprintf("%d accepted annotations added to yours.", n)
}

// Render lays out the page inside the shared chrome.
func (p *reviewPage) Render() app.UI {
	return p.renderChrome("", app.H1().Class("page-title").Text("Review"), p.renderBody())
}

func (p *reviewPage) renderBody() app.UI {
	d := p.rs.Desk
	if d == nil {
		msg := "Preparing the review…"
		if p.rs.Opening {
			msg = "Reading the saved review…"
		}
		return app.Main().ID("review").Body(app.P().Text(msg))
	}
	rows, counts := d.anchorRows()
	annotators := d.rv.Annotators()
	return app.Main().ID("review").Class("review").Body(
		app.If(p.err != "", func() app.UI { return app.P().ID("review-error").Class("banner error").Role("alert").Text(p.err) }),
		app.If(d.SaveErr != "", func() app.UI {
			return app.P().ID("review-save-error").Class("banner warn").Role("alert").
				Text("The review is kept in this tab only: " + d.SaveErr + ". Export it to keep it.")
		}),
		app.If(d.Warning != "", func() app.UI {
			return app.P().ID("review-warning").Class("banner warn").Role("alert").Text(d.Warning)
		}),
		&reviewSaveStatus{},
		&reviewImport{Ireports: d.Files, Ireading: p.reading, Ion: func(ctx app.Context, fs []browser.File) { p.importFiles(ctx, fs) }},
		&reviewAnchors{Irows: rows, Icounts: counts, Ion: p.download},
		app.Section().ID("review-groups").Body(
			app.H2().Text("Annotations by span"),
			p.renderViewPicker(annotators),
			p.renderGroups(d),
		),
		app.Section().ID("review-export").Body(
			app.H2().Text("Reviewed set"),
			app.P().Text(fmt.Sprintf("%d accepted. The reviewed set is the accepted annotations, re-anchored on the current documents.",
				len(d.rv.Reviewed(d.info, time.Time{}).Annotations))),
			app.Button().ID("export-reviewed-json").Text("Export reviewed (claimtag JSON)").
				OnClick(func(ctx app.Context, e app.Event) { p.download("reviewed", "json") }),
			app.Button().ID("export-reviewed-w3c").Text("Export reviewed (W3C Web Annotation)").
				OnClick(func(ctx app.Context, e app.Event) { p.download("reviewed", "w3c") }),
			app.Button().ID("copy-accepted").Text("Add accepted to my annotations").
				OnClick(func(ctx app.Context, e app.Event) { p.copyAccepted() }),
			app.If(p.copied != "", func() app.UI { return app.P().ID("copied").Text(p.copied) }),
		),
		&agreementTable{Irows: agreementRows(d.agreement())},
		app.P().Body(app.A().ID("to-overview").Href(link("/overview")).Text("Overview: counts per document, unverified claims, tag-aware search →")),
	)
}

// renderViewPicker chooses all groups, one annotator's or the disagreements.
func (p *reviewPage) renderViewPicker(annotators []string) app.UI {
	value := p.filter.View
	if value == viewAnnotator {
		value = viewAnnotator + ":" + p.filter.Annotator
	}
	return app.Div().Class("view-picker").Body(
		app.Label().For("review-view").Text("Show "),
		app.Select().ID("review-view").OnChange(func(ctx app.Context, e app.Event) {
			v := ctx.JSSrc().Get("value").String()
			p.filter, p.more = reviewFilter{View: v}, 0
			if len(v) > len(viewAnnotator) && v[:len(viewAnnotator)+1] == viewAnnotator+":" {
				p.filter = reviewFilter{View: viewAnnotator, Annotator: v[len(viewAnnotator)+1:]}
			}
		}).Body(
			app.Option().Value(viewAll).Text("all annotators").Selected(value == viewAll),
			app.Option().Value(viewDisagreements).Text("only disagreements").Selected(value == viewDisagreements),
			app.Range(annotators).Slice(func(i int) app.UI {
				v := viewAnnotator + ":" + annotators[i]
				return app.Option().Value(v).Text("only " + orAnon(annotators[i])).Selected(value == v)
			}),
		),
	)
}

// groupsPage is how many groups the page shows before "Show more".
const groupsPage = 200

// renderGroups lists the groups of the current view, a page at a time.
func (p *reviewPage) renderGroups(d *reviewDesk) app.UI {
	gs := d.groups(p.filter)
	n := min(len(gs), groupsPage*(p.more+1))
	return app.Div().Body(
		&reviewGroups{Igroups: gs[:n], Ititles: d.info},
		app.If(n < len(gs), func() app.UI {
			return app.Button().ID("more-groups").Text(fmt.Sprintf("Show more (%d of %d shown)", n, len(gs))).
				OnClick(func(ctx app.Context, e app.Event) { p.more++ })
		}),
	)
}
