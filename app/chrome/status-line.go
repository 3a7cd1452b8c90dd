package chrome

import (
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// StatusLine says where the latest change is: "Saving…", "Saved at
// 15:04:05" or "Not saved: reason". It observes the state IState (which
// holds a storage.Status) itself, so that a write finishing re-renders
// this line and not the page. Browser tests read data-state. It is not a
// live region: the Announcer reads saves and failures out, once each.
type StatusLine struct {
	app.Compo

	IState string // StateSaved or StateDeskSaved
	IID    string // the element's id

	status storage.Status
}

// OnMount subscribes to the status.
func (c *StatusLine) OnMount(ctx app.Context) {
	ctx.ObserveState(c.IState, &c.status)
	ctx.GetState(c.IState, &c.status)
}

// Render implements app.Composer.
func (c *StatusLine) Render() app.UI {
	state := c.status.State
	if state == "" {
		state = storage.Idle
	}
	text := c.status.Text()
	if state == storage.Idle {
		text = "nothing changed yet"
	}
	return app.Span().ID(c.IID).Class("save-state", "save-"+string(state)).DataSet("state", string(state)).Text(text)
}
