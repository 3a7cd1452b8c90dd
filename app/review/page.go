package review

import (
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// decideReview is the action of accepting or rejecting an imported
// annotation; its value is a decision.
const decideReview = "/review/decide"

// decision is the value of a decideReview action.
type decision struct {
	ID     string
	Status annotation.Status
}

// Page is "/review": importing other annotators' files, re-anchoring,
// resolving their disagreements, agreement and export. It renders the
// desk and calls its methods.
type Page struct {
	app.Compo
	frame

	ref       chrome.DeskRef // the desk, once published
	filter    desk.Filter
	reading   int    // files being read
	err       string // the last failed action
	more      int    // extra pages of groups shown
	stopDrops func()
}

// New returns the review page.
func New() *Page { return &Page{filter: desk.Filter{View: desk.ViewAll}} }

// OnMount subscribes to the session and the desk, and listens for dropped files.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnSession: func(ctx app.Context) { chrome.OpenDesk(ctx, p.Session()) }})
	ctx.ObserveState(chrome.StateDesk, &p.ref)
	ctx.GetState(chrome.StateDesk, &p.ref)
	chrome.OpenDesk(ctx, p.Session())
	ctx.Handle(decideReview, p.handleDecide)
	p.stopDrops = browser.WatchDrops(func(fs []browser.File) {
		ctx.Dispatch(func(ctx app.Context) { p.importFiles(ctx, fs) })
	})
}

// OnDismount stops listening for drops and keys.
func (p *Page) OnDismount() {
	if p.stopDrops != nil {
		p.stopDrops()
		p.stopDrops = nil
	}
	p.frame.OnDismount()
}

// OnNav sets the page title.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle("Review · claimtag") }

// Performance measures of an import, from the moment a file's bytes are
// read: until its annotations are imported and re-anchored, and until the
// page shows them (build BenchmarkReviewImport reads both).
const (
	measureReviewImport = "claimtag-review-import"
	measureReviewShown  = "claimtag-review-import-shown"
)

// ReadUpload reads f unless it is over the import limit. It blocks in the
// browser: call it from ctx.Async.
func ReadUpload(f browser.File) desk.Upload {
	if f.Size > desk.Limit {
		return desk.Upload{Name: f.Name, Err: fmt.Errorf("import %s: %d bytes, limit %d: %w", f.Name, f.Size, desk.Limit, arev.ErrTooLarge)}
	}
	data, err := f.Read()
	return desk.Upload{Name: f.Name, Data: data, Err: err}
}

// importFiles reads files in the background, then imports each on the UI
// goroutine (the desk queues itself to be saved) and publishes the desk.
func (p *Page) importFiles(ctx app.Context, files []browser.File) {
	if p.ref.D == nil {
		p.err = "The documents are still loading; import again in a moment."
		return
	}
	ref := p.ref
	for _, f := range files {
		p.reading++
		ctx.Async(func() {
			u := ReadUpload(f)
			start := time.Now()
			ctx.Dispatch(func(ctx app.Context) {
				p.reading--
				ref.D.Import(u)
				browser.Measure(measureReviewImport, start)
				chrome.PublishDesk(ctx, ref)
				// Defers run once the frame has re-rendered the page.
				ctx.Defer(func(app.Context) { browser.Measure(measureReviewShown, start) })
			})
		})
	}
}

// handleDecide applies a decision (the desk queues it to be saved) and
// publishes the desk.
func (p *Page) handleDecide(ctx app.Context, a app.Action) {
	dec, ok := a.Value.(decision)
	if !ok || p.ref.D == nil {
		return
	}
	p.err = ""
	if err := p.ref.D.Decide(dec.ID, dec.Status); err != nil {
		p.err = err.Error()
		return
	}
	chrome.PublishDesk(ctx, p.ref)
}

// download offers an export of the desk.
func (p *Page) download(which, format string) {
	data, err := p.ref.D.Export(which, format, chrome.BaseURL(), time.Now())
	if err == nil {
		err = chrome.Download(desk.ExportName(which, format), format, data)
	}
	p.err = ""
	if err != nil {
		p.err = "Export failed: " + err.Error()
	}
}

// copyAccepted adds the accepted annotations to the user's own, skipping
// those already there (one undo step per document).
func (p *Page) copyAccepted() {
	if s := p.Session(); s != nil {
		p.Say(s.WS.Adopt(p.ref.D.Accepted()).Message)
	}
}

// Render lays out the page inside the shared frame.
func (p *Page) Render() app.UI {
	return p.Frame("", app.H1().Class("page-title").Text("Review"), p.renderBody())
}

func (p *Page) renderBody() app.UI {
	d := p.ref.D
	if d == nil {
		msg := "Preparing the review…"
		if p.ref.Opening {
			msg = "Reading the saved review…"
		}
		return app.Main().ID("review").Body(app.P().Text(msg))
	}
	rows, counts := d.AnchorRows()
	annotators := d.Annotators()
	return app.Main().ID("review").Class("review").Body(
		app.If(p.err != "", func() app.UI { return app.P().ID("review-error").Class("banner error").Role("alert").Text(p.err) }),
		&chrome.SaveFailure{IState: chrome.StateDeskSaved, IID: "review-save-error", IWhat: "The review",
			IExport: func(app.Context) { p.download("reviewed", "json") }, IRetry: p.ref.Saver.Retry},
		app.If(d.Warning != "", func() app.UI {
			return app.P().ID("review-warning").Class("banner warn").Role("alert").Text(d.Warning)
		}),
		app.P().Class("hint").Body(app.Text("The review: "), &chrome.StatusLine{IState: chrome.StateDeskSaved, IID: "review-saved"}),
		&importSection{Ireports: d.Files, Ireading: p.reading, Ion: func(ctx app.Context, fs []browser.File) { p.importFiles(ctx, fs) }},
		&anchorsSection{Irows: rows, Icounts: counts, Ion: p.download},
		app.Section().ID("review-groups").Body(
			app.H2().Text("Annotations by span"),
			p.renderViewPicker(annotators),
			p.renderGroups(d),
		),
		app.Section().ID("review-export").Body(
			app.H2().Text("Reviewed set"),
			app.P().Text(fmt.Sprintf("%d accepted. The reviewed set is the accepted annotations, re-anchored on the current documents.",
				len(d.Accepted()))),
			app.Button().ID("export-reviewed-json").Text("Export reviewed (claimtag JSON)").
				OnClick(func(ctx app.Context, e app.Event) { p.download("reviewed", "json") }),
			app.Button().ID("export-reviewed-w3c").Text("Export reviewed (W3C Web Annotation)").
				OnClick(func(ctx app.Context, e app.Event) { p.download("reviewed", "w3c") }),
			app.Button().ID("copy-accepted").Text("Add accepted to my annotations").
				OnClick(func(ctx app.Context, e app.Event) { p.copyAccepted() }),
		),
		&agreementTable{Irows: agreementRows(d.Agreement())},
		app.P().Body(app.A().ID("to-overview").Href(chrome.Link("/overview")).Text("Overview: counts per document, unverified claims, tag-aware search →")),
	)
}

// renderViewPicker chooses all groups, one annotator's or the disagreements.
func (p *Page) renderViewPicker(annotators []string) app.UI {
	value := p.filter.View
	if value == desk.ViewAnnotator {
		value = desk.ViewAnnotator + ":" + p.filter.Annotator
	}
	return app.Div().Class("view-picker").Body(
		app.Label().For("review-view").Text("Show "),
		app.Select().ID("review-view").OnChange(func(ctx app.Context, e app.Event) {
			v := ctx.JSSrc().Get("value").String()
			p.filter, p.more = desk.Filter{View: v}, 0
			if len(v) > len(desk.ViewAnnotator) && v[:len(desk.ViewAnnotator)+1] == desk.ViewAnnotator+":" {
				p.filter = desk.Filter{View: desk.ViewAnnotator, Annotator: v[len(desk.ViewAnnotator)+1:]}
			}
		}).Body(
			app.Option().Value(desk.ViewAll).Text("all annotators").Selected(value == desk.ViewAll),
			app.Option().Value(desk.ViewDisagreements).Text("only disagreements").Selected(value == desk.ViewDisagreements),
			app.Range(annotators).Slice(func(i int) app.UI {
				v := desk.ViewAnnotator + ":" + annotators[i]
				return app.Option().Value(v).Text("only " + chrome.OrAnon(annotators[i])).Selected(value == v)
			}),
		),
	)
}

// groupsPage is how many groups the page shows before "Show more".
const groupsPage = 200

// renderGroups lists the groups of the current view, a page at a time.
func (p *Page) renderGroups(d *desk.Desk) app.UI {
	gs := d.Groups(p.filter)
	n := min(len(gs), groupsPage*(p.more+1))
	return app.Div().Body(
		&groupList{Igroups: gs[:n], Ititles: d.Info()},
		app.If(n < len(gs), func() app.UI {
			return app.Button().ID("more-groups").Text(fmt.Sprintf("Show more (%d of %d shown)", n, len(gs))).
				OnClick(func(ctx app.Context, e app.Event) { p.more++ })
		}),
	)
}
