package review

import (
	"testing"

	"github.com/claimtag/claimtag/app/desk"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

var (
	reviewCorpus = apptest.ReviewCorpus
	tagged       = apptest.Tagged
	exportFile   = apptest.ExportFile
	render       = apptest.Render
)

// twoAnnotators imports ann's and bob's files: they agree on the first
// passage's span and disagree on the second's.
func twoAnnotators(tb testing.TB) *desk.Desk {
	tb.Helper()
	d := desk.New(reviewCorpus(), "fp")
	ann, bob := apptest.TwoFiles(tb)
	for _, u := range []desk.Upload{{Name: "ann.json", Data: ann}, {Name: "bob.json", Data: bob}} {
		if rep := d.Import(u); rep.Err != "" {
			tb.Fatal(rep.Err)
		}
	}
	return d
}
