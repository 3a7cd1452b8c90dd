package chrome

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Title is a page's one h1, which also names the browser tab ("Review ·
// claimtag"). Each page renders exactly one, in the header it passes to
// Frame:
//
//	p.Frame("", &chrome.Title{IText: "Review"}, body)
//	header := app.Div().Class("doc-head").Body(back, &chrome.Title{IText: doc.Title, IID: "doc-title"}, date)
//	box := app.Div().Body(&chrome.Title{IText: "Search", IHidden: true}, searchForm) // read, not shown
//
// The frame's own headings (dialogs, the load failure) are h2.
type Title struct {
	app.Compo

	IText   string // the heading
	IID     string // the h1's id; "page-title" when empty
	IHidden bool   // read by screen readers but not shown: for a page whose header shows something else

	set string // the tab title last set
}

// OnPreRender names the tab in the prerendered page.
func (c *Title) OnPreRender(ctx app.Context) { c.name(ctx) }

// OnMount names the tab.
func (c *Title) OnMount(ctx app.Context) { c.name(ctx) }

// OnUpdate names the tab again when the heading changed.
func (c *Title) OnUpdate(ctx app.Context) { c.name(ctx) }

func (c *Title) name(ctx app.Context) {
	t := TabTitle(c.IText)
	if t != c.set {
		c.set = t
		ctx.Page().SetTitle("%s", t)
	}
}

// TabTitle is the browser tab's title for a page whose h1 is heading.
func TabTitle(heading string) string {
	if heading == "" {
		return "claimtag"
	}
	return heading + " · claimtag"
}

// Render implements app.Composer.
func (c *Title) Render() app.UI {
	id := c.IID
	if id == "" {
		id = "page-title"
	}
	h := app.H1().ID(id).Class("page-title").Text(c.IText)
	if c.IHidden {
		h = h.Class("visually-hidden")
	}
	return h
}
