package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// reviewSaveStatus says whether the review's latest change is saved in
// this browser. It observes stateReviewSaved itself, so that a write
// finishing re-renders this line and not the review page.
type reviewSaveStatus struct {
	app.Compo

	status saveStatus
}

// OnMount subscribes to the save status.
func (c *reviewSaveStatus) OnMount(ctx app.Context) {
	ctx.ObserveState(stateReviewSaved, &c.status)
	ctx.GetState(stateReviewSaved, &c.status)
}

// Render implements app.Composer.
func (c *reviewSaveStatus) Render() app.UI {
	return app.P().ID("review-saved").Class("hint").Role("status").DataSet("state", string(c.status)).Text(saveStatusText(c.status))
}

// saveStatusText describes s to the reviewer.
func saveStatusText(s saveStatus) string {
	switch s {
	case saveSaving:
		return "Saving…"
	case saveSaved:
		return "Saved in this browser."
	case saveFailed:
		return "Not saved."
	case saveNowhere:
		return "Kept in this tab only."
	}
	return ""
}
