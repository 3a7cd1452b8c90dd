package chrome

import (
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SaveFailure is the banner shown while the browser refuses to store
// changes: it says so plainly, with the reason, that the work is kept in
// this tab, and offers an export and a retry. It observes the state
// IState (a storage.Status) itself and renders nothing while saving works.
// It is not an alert: the Announcer reads the failure out once.
type SaveFailure struct {
	app.Compo

	IState  string            // StateSaved or StateDeskSaved
	IID     string            // the banner's id
	IWhat   string            // what is not saved: "Your annotations", "The review"
	IExport func(app.Context) // downloads an export of what is kept
	IRetry  func()            // writes the failed changes again

	status storage.Status
}

// OnMount subscribes to the status.
func (c *SaveFailure) OnMount(ctx app.Context) {
	ctx.ObserveState(c.IState, &c.status)
	ctx.GetState(c.IState, &c.status)
}

// Render implements app.Composer.
func (c *SaveFailure) Render() app.UI {
	if c.status.State != storage.Failed {
		return app.Div().Class("save-failure").Hidden(true)
	}
	return app.Div().ID(c.IID).Class("banner error").Body(
		app.Strong().Text(c.IWhat+" could not be saved in this browser. "),
		app.Span().Class("why").Title(c.status.Err).Text(c.status.Cause+". "),
		app.Text("The changes are kept in this tab until it closes: "),
		app.Button().Class("export-now").Type("button").Text("export them now").OnClick(func(ctx app.Context, e app.Event) {
			if c.IExport != nil {
				c.IExport(ctx)
			}
		}),
		app.Text(" "),
		app.Button().Class("retry-save").Type("button").Text("Try saving again").OnClick(func(ctx app.Context, e app.Event) {
			if c.IRetry != nil {
				c.IRetry()
			}
		}),
	)
}
