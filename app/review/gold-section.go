package review

import (
	"fmt"

	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderGold is the export section.
func (p *Page) renderGold(d *desk.Desk) app.UI {
	prog := d.Progress()
	kept := len(d.Decisions())
	button := func(id, label, format string) app.UI {
		return app.Button().ID(id).Text(label).OnClick(func(ctx app.Context, e app.Event) { p.exportGold(format) })
	}
	return app.Section().ID("gold").Aria("labelledby", "gold-title").Body(
		app.H2().ID("gold-title").Text("Gold file"),
		app.P().ID("gold-summary").Text(fmt.Sprintf("%s. The gold file holds each decided span (not those decided to be no claim) "+
			"with its final label, the reviewer, and every annotator's label as provenance; %d decisions in all, "+
			"undecided spans are left out.", prog, kept)),
		button("export-gold-json", "Download the gold file (claimtag JSON)", desk.GoldJSON),
		button("export-gold-w3c", "Download the gold file (W3C Web Annotation)", desk.GoldW3C),
		button("export-gold-csv", "Download a CSV (one row per span and annotator)", desk.GoldCSV),
		app.Button().ID("adopt-gold").Text("Add the decided spans to my annotations").
			OnClick(func(ctx app.Context, e app.Event) { p.adoptGold() }),
	)
}
