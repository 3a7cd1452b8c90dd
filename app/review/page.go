package review

import (
	"context"
	"fmt"
	"time"

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

// Page is "/review": importing other annotators' files, re-anchoring,
// agreement, adjudicating their spans into a gold file and exporting it.
// It renders the desk and calls its methods.
type Page struct {
	app.Compo
	frame

	ref chrome.DeskRef // the desk, once published
	err string         // the last failed action

	// The import under way and the files waiting for it.
	pending  []browser.File
	progress *importProgress
	cancel   context.CancelFunc

	// The adjudication: the span shown, and the note typed for it.
	current   string // unit key
	noteKey   string // the span noteDraft is about
	noteDraft string

	stopDrops func()
	stopKeys  func()
}

// New returns the review page.
func New() *Page { return &Page{} }

// OnMount subscribes to the session and the desk, and listens for dropped
// files and the arrow keys.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: func(ctx app.Context) { chrome.OpenDesk(ctx, p.Session()) }})
	ctx.ObserveState(chrome.StateDesk, &p.ref)
	ctx.GetState(chrome.StateDesk, &p.ref)
	chrome.OpenDesk(ctx, p.Session())
	p.stopDrops = browser.WatchDrops(func(fs []browser.File) {
		ctx.Dispatch(func(ctx app.Context) { p.importFiles(ctx, fs) })
	})
	p.stopKeys = p.listenArrows(ctx)
}

// OnDismount stops listening, and stops an import under way: its report
// says it was cancelled.
func (p *Page) OnDismount() {
	for _, stop := range []*func(){&p.stopDrops, &p.stopKeys} {
		if *stop != nil {
			(*stop)()
			*stop = nil
		}
	}
	if p.cancel != nil {
		p.cancel()
	}
	p.pending = nil
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
		return desk.Upload{Name: f.Name, Err: arev.TooLarge(f.Name, f.Size, desk.Limit)}
	}
	data, err := f.Read()
	return desk.Upload{Name: f.Name, Data: data, Err: err}
}

// Yielding: in the browser the import runs on the one thread the page
// has, so it pauses now and then for the page to show its progress and
// take a click on Cancel.
const (
	yieldEvery = 250 * time.Millisecond
	yieldFor   = 25 * time.Millisecond // more than a frame of go-app's engine
)

// importFiles queues files to import, one after the other.
func (p *Page) importFiles(ctx app.Context, files []browser.File) {
	if p.ref.D == nil {
		p.err = "The documents are still loading; import again in a moment."
		return
	}
	p.pending = append(p.pending, files...)
	if p.progress == nil {
		p.importNext(ctx)
	}
}

// importNext reads and places the next waiting file in the background,
// showing its progress, then adds it to the desk on the UI goroutine (the
// desk queues itself to be saved) and goes on with the next.
func (p *Page) importNext(ctx app.Context) {
	if len(p.pending) == 0 || p.ref.D == nil {
		p.progress, p.cancel = nil, nil
		return
	}
	f := p.pending[0]
	p.pending = p.pending[1:]
	work, cancel := context.WithCancel(context.Background())
	p.progress, p.cancel = &importProgress{File: f.Name, Waiting: len(p.pending)}, cancel
	ref, corpus := p.ref, p.ref.D.Corpus()
	ctx.Async(func() {
		u := ReadUpload(f)
		start := time.Now()
		lastYield := start
		prep := desk.Prepare(work, corpus, u, func(ph desk.Phase, done, total int) {
			if done > 0 && time.Since(lastYield) < yieldEvery {
				return
			}
			ctx.Dispatch(func(ctx app.Context) {
				if p.progress != nil && p.progress.File == f.Name {
					p.progress.Phase, p.progress.Done, p.progress.Total = ph, done, total
				}
			})
			time.Sleep(yieldFor)
			lastYield = time.Now()
		})
		ctx.Dispatch(func(ctx app.Context) {
			// Cancel may have been pressed after the work ended and before
			// this ran: the user asked for nothing to be added.
			if prep.Err == nil && work.Err() != nil {
				prep = desk.Prepared{Name: prep.Name, Err: work.Err()}
			}
			cancel()
			ref.D.Commit(prep)
			browser.Measure(measureReviewImport, start)
			chrome.PublishDesk(ctx, ref)
			// Defers run once the frame has re-rendered the page.
			ctx.Defer(func(app.Context) { browser.Measure(measureReviewShown, start) })
			p.importNext(ctx)
		})
	})
}

// cancelImport stops the import under way (its report says so) and drops
// the files waiting.
func (p *Page) cancelImport(ctx app.Context) {
	if p.cancel == nil || p.progress == nil {
		return
	}
	p.cancel()
	p.progress.Cancelling = true
	if n := len(p.pending); n > 0 {
		p.Say(fmt.Sprintf("Import cancelled; %d waiting files were not imported.", n))
	}
	p.pending = nil
}

// download offers data as name, or says why not.
func (p *Page) download(name, mime string, data []byte, err error) {
	if err == nil {
		err = browser.Download(name, mime, data)
	}
	p.err = ""
	if err != nil {
		p.err = "Export failed: " + err.Error()
	}
}

// exportGold downloads the gold file in format (desk.GoldJSON, GoldW3C,
// GoldCSV).
func (p *Page) exportGold(format string) {
	data, err := p.ref.D.ExportGold(format, chrome.BaseURL(), time.Now())
	name, mime := desk.GoldName(format)
	p.download(name, mime, data, err)
}

// exportOrphans downloads the annotations not placed.
func (p *Page) exportOrphans() {
	data, err := p.ref.D.ExportOrphans("json", chrome.BaseURL(), time.Now())
	p.download("claimtag-orphans.json", "application/json", data, err)
}

// adoptGold adds the decided spans to the user's own annotations,
// skipping those already there (one undo step per document).
func (p *Page) adoptGold() {
	if s := p.Session(); s != nil {
		p.Say(s.WS.Adopt(p.ref.D.GoldAnnotations(time.Now())).Message)
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
			msg = "Reading the saved review and placing it on the documents…"
		}
		return app.Div().ID("review").Body(app.P().Role("status").Text(msg))
	}
	rows, counts := d.AnchorRows()
	return app.Div().ID("review").Class("review").Body(
		app.If(p.err != "", func() app.UI { return app.P().ID("review-error").Class("banner error").Role("alert").Text(p.err) }),
		&chrome.SaveFailure{IState: chrome.StateDeskSaved, IID: "review-save-error", IWhat: "The review",
			IExport: func(app.Context) { p.exportGold(desk.GoldJSON) }, IRetry: p.ref.Saver.Retry},
		app.If(d.Warning != "", func() app.UI {
			return app.P().ID("review-warning").Class("banner warn").Role("alert").Text(d.Warning)
		}),
		app.P().Class("hint").Body(app.Text("The review is kept in this browser: "),
			&chrome.StatusLine{IState: chrome.StateDeskSaved, IID: "review-saved"}),
		app.Nav().Class("toc").Aria("label", "Sections of the review").Body(app.Ul().Body(
			app.Li().Body(app.A().Href("#review-import").Text("Import")),
			app.Li().Body(app.A().Href("#review-anchors").Text("Re-anchoring")),
			app.Li().Body(app.A().Href("#agreement").Text("Agreement")),
			app.Li().Body(app.A().Href("#adjudication").Text("Adjudication")),
			app.Li().Body(app.A().Href("#gold").Text("Gold file")),
		)),
		app.P().ID("review-total").Text(fmt.Sprintf("%d annotations imported from %d annotators: %d placed on the documents, %d orphans.",
			d.Len(), len(d.Annotators()), d.Len()-counts[arev.Orphan], counts[arev.Orphan])),
		&importSection{Ireports: d.Files, Iprogress: p.progress,
			Ion: func(ctx app.Context, fs []browser.File) { p.importFiles(ctx, fs) }, Icancel: p.cancelImport},
		&anchorsSection{Irows: rows, Icounts: counts, Iexport: p.exportOrphans},
		&agreementSection{Iv: viewAgreement(d.Agreement())},
		p.renderAdjudication(d),
		p.renderGold(d),
		app.P().Body(app.A().ID("to-overview").Href(chrome.Link("/overview")).Text("Overview: counts per document, unverified claims, tag-aware search →")),
	)
}
