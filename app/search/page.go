package search

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// frame is chrome.Page under an unexported name. go-app copies a routed
// component's exported fields from a fresh instance when a navigation
// renders the same page again (a new query on "/"): an exported embedded
// Page would lose the session each time.
type frame = chrome.Page

// Page is "/": the search box, filters and results grouped by document.
// The query and filters live in the URL (see Query). Every keystroke
// searches at once: the newer search cancels the older, and only the
// documents on screen are asked for.
type Page struct {
	app.Compo
	frame

	cur Query // what the results are for, the URL, and what the box holds

	res       *index.Result
	qerr      *index.QueryError
	err       string
	busy      bool           // a search is under way
	filling   bool           // the first screenful is shown, the rest is coming
	tagCounts map[string]int // passages each tag filter would show; nil until counted

	searched  string             // the key of the last search started
	seq       int                // bumped per search, to drop stale results
	cancel    context.CancelFunc // stops the search under way
	edited    time.Time          // the last keystroke, for the history
	removePop func()
	tagged    taggedCache
	listed    int // documents the browse list shows beyond the first browseStep
}

// New returns the search page.
func New() *Page { return &Page{} }

// OnPreRender reads the URL, for the prerendered page.
func (p *Page) OnPreRender(ctx app.Context) { p.readURL(ctx) }

// OnMount subscribes to the session, the keyboard and the browser's Back
// and Forward, and takes over what was typed before the app started.
func (p *Page) OnMount(ctx app.Context) {
	p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: p.onSession})
	pop := app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { p.OnNav(ctx) })
		return nil
	})
	app.Window().Call("addEventListener", "popstate", pop)
	p.removePop = func() {
		app.Window().Call("removeEventListener", "popstate", pop)
		pop.Release()
	}
	if t, ok := takeTyped(); ok && t.value != p.cur.Q {
		p.edit(ctx, t.value, false)
		if t.focused {
			ctx.Defer(func(app.Context) {
				box := app.Window().GetElementByID("search")
				box.Call("focus")
				box.Call("setSelectionRange", t.start, t.end)
			})
		}
	}
}

// OnDismount stops listening.
func (p *Page) OnDismount() {
	p.frame.OnDismount()
	if p.removePop != nil {
		p.removePop()
		p.removePop = nil
	}
	if p.cancel != nil {
		p.cancel()
	}
}

// OnNav shows the URL's search: a link followed, Back or Forward. (go-app
// skips a popstate to the address it last navigated to; the page's own
// popstate listener calls OnNav too, and a search already shown is not run
// again.)
func (p *Page) OnNav(ctx app.Context) {
	p.readURL(ctx)
	p.search(ctx, false)
}

func (p *Page) readURL(ctx app.Context) {
	q := ParseQuery(ctx.Page().URL().Query())
	if q.URL() != p.cur.URL() {
		p.cur = q
	}
}

// heading is the page's one h1, read by screen readers (the search box
// is what the eye sees) and shown as the tab title.
func (p *Page) heading() string {
	if p.cur.Q == "" {
		return "Search"
	}
	return "Search results for " + p.cur.Q
}

// onSession searches once the session is there. Later changes to the
// annotations change what a tag filter or tag: clause keeps, and the tag
// facets' counts.
func (p *Page) onSession(ctx app.Context) { p.search(ctx, p.searched != "") }

func (p *Page) onKey(ctx app.Context, a chrome.Key, _ annotation.Tag) {
	switch a {
	case chrome.KeyFocusSearch:
		app.Window().GetElementByID("search").Call("focus")
	case chrome.KeyEscape:
		app.Window().GetElementByID("search").Call("blur")
	}
}

func (p *Page) onInput(ctx app.Context, e app.Event) {
	p.edit(ctx, ctx.JSSrc().Get("value").String(), true)
}

// edit searches what the box holds now and puts it in the URL: a new
// history entry for a new query, the same entry while the query is being
// typed (see pushes).
func (p *Page) edit(ctx app.Context, text string, mayPush bool) {
	prev := p.cur.Q
	p.cur = Query{Q: text, Doc: p.cur.Doc, Date: p.cur.Date, Tag: p.cur.Tag}
	push := mayPush && pushes(prev, text, time.Since(p.edited))
	p.edited = time.Now()
	p.setURL(ctx, push)
	p.search(ctx, false)
}

// setURL puts the current query in the address bar. A push goes through
// go-app's navigation, so that it knows the address (it ignores a link to
// the address it last navigated to); a replace only rewrites the entry.
func (p *Page) setURL(ctx app.Context, push bool) {
	link := chrome.Link(p.cur.URL())
	if push {
		ctx.Navigate(link)
		if app.Window().URL().RequestURI() == link {
			return
		}
	}
	if u, err := url.Parse(link); err == nil {
		ctx.Page().ReplaceURL(u)
	}
}

func (p *Page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.edited = time.Time{} // the query is settled: the next edit is a new entry
}

// search runs the current query in the background, cancelling the one
// under way; force runs it even when it is the one shown (the annotations
// changed).
func (p *Page) search(ctx app.Context, force bool) {
	s := p.Session()
	if s == nil {
		return
	}
	key := p.cur.key()
	if key == p.searched && !force {
		return
	}
	p.searched = key
	if p.cancel != nil {
		p.cancel()
	}
	sctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.seq++
	seq, q := p.seq, p.cur
	tc := &p.tagged
	if q.Empty() {
		p.res, p.qerr, p.err, p.busy, p.filling = nil, nil, "", false, false
	} else {
		p.busy = true
	}
	ctx.Async(func() {
		if !q.Empty() {
			stages := q.stages()
			for i, sq := range stages {
				start := time.Now()
				res, err := run(sctx, s, tc, sq)
				if errors.Is(err, context.Canceled) {
					return
				}
				// The first screenful shown, the rest follows unless it
				// already holds every document.
				last := i == len(stages)-1 || err != nil || len(res.Groups) == len(res.Docs)
				if i == 0 {
					browser.Measure("claimtag-search", start)
				}
				ctx.Dispatch(func(ctx app.Context) {
					if seq != p.seq {
						return
					}
					p.show(res, err, !last)
					if i == 0 && res != nil && res.Total > 0 {
						browser.Mark("claimtag-first-result")
					}
				})
				if last {
					break
				}
			}
		}
		counts := countTags(sctx, s, tc, q)
		ctx.Dispatch(func(ctx app.Context) {
			if seq == p.seq && sctx.Err() == nil {
				p.tagCounts = counts
			}
		})
	})
}

// show keeps a search's result; more says the rest of it is coming (the
// page stays busy).
func (p *Page) show(res *index.Result, err error, more bool) {
	p.res, p.qerr, p.err, p.busy, p.filling = nil, nil, "", more, more
	if err != nil {
		if !errors.As(err, &p.qerr) {
			p.err = err.Error()
		}
		return
	}
	p.res = res
}

// more shows the next documents; morePassages the next passages of the
// one document searched.
func (p *Page) more(ctx app.Context) {
	p.cur.Groups = p.cur.groups() + groupsStep
	p.search(ctx, false)
}

func (p *Page) morePassages(ctx app.Context) {
	p.cur.PerGroup = p.cur.perGroup() + passagesStep
	p.search(ctx, false)
}

// Render lays out the page inside the shared frame.
func (p *Page) Render() app.UI {
	box := app.Div().Class("search-head").Body(&chrome.Title{IText: p.heading(), IHidden: true}, app.Form().Class("search").Role("search").OnSubmit(p.onSubmit).Body(
		app.Input().ID("search").Type("search").Name("q").Placeholder("Search the documents (press /)").
			Aria("label", "Search").AutoFocus(true).AutoComplete(false).Value(p.cur.Q).OnInput(p.onInput),
	))
	return p.Frame("", box, app.Div().Class("search-layout").Body(
		p.renderFilters(),
		app.Section().ID("results").Class("results").Aria("busy", strconv.FormatBool(p.busy)).Body(
			app.If(p.cur.Empty(), func() app.UI { return p.renderDocuments() }).Else(func() app.UI {
				return &results{IQuery: p.cur, IRes: p.res, IQueryErr: p.qerr, IErr: p.err, IFilling: p.filling,
					IMoreDocs: p.more, IMorePassages: p.morePassages}
			}),
		),
	))
}
