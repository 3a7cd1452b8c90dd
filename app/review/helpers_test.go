package review

import (
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

var reviewTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// reviewText is the one document of the review tests, in two passages.
const reviewText = "Revenue grew 12% in Q1 thanks to cloud demand. Margins will improve next year as costs fall, the CFO said."

func reviewCorpus() *arev.Corpus {
	return arev.NewCorpus(arev.Document{ID: "d1", Title: "Report", Text: reviewText,
		Passages: []arev.Passage{{ID: "p1", Start: 0, End: 46}, {ID: "p2", Start: 47, End: len(reviewText)}}})
}

// tagged returns an annotation by creator tagging quote of reviewText.
func tagged(tb testing.TB, id, creator string, tag annotation.Tag, quote string) annotation.Annotation {
	tb.Helper()
	i := strings.Index(reviewText, quote)
	if i < 0 {
		tb.Fatalf("no %q in the text", quote)
	}
	anc, err := annotation.NewAnchor("d1", "", reviewText, i, i+len(quote))
	if err != nil {
		tb.Fatal(err)
	}
	return annotation.Annotation{ID: id, Tag: tag, Creator: creator, Created: reviewTime, Modified: reviewTime, Anchor: anc}
}

// exportFile returns the claimtag export of as.
func exportFile(tb testing.TB, as ...annotation.Annotation) []byte {
	tb.Helper()
	b, err := annotation.NewExport(reviewCorpus().Info("fp"), as, reviewTime).Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// twoAnnotators imports ann's and bob's files: they agree on the first
// passage's span and disagree on the second's.
func twoAnnotators(tb testing.TB) *desk.Desk {
	tb.Helper()
	d := desk.New(reviewCorpus(), "fp")
	for _, u := range []desk.Upload{
		{Name: "ann.json", Data: exportFile(tb,
			tagged(tb, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"),
			tagged(tb, "urn:a2", "ann", annotation.Forecast, "Margins will improve next year"))},
		{Name: "bob.json", Data: exportFile(tb,
			tagged(tb, "urn:b1", "bob", annotation.Fact, "Revenue grew 12% in Q1"),
			tagged(tb, "urn:b2", "bob", annotation.Opinion, "Margins will improve next year"))},
	} {
		if rep := d.Import(u); rep.Err != "" {
			tb.Fatal(rep.Err)
		}
	}
	return d
}

// render loads c in a test engine and returns its HTML.
func render(t *testing.T, c app.Composer) string {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return app.HTMLString(c)
}

// ctxHarness captures a live context.
type ctxHarness struct {
	app.Compo
	ctx app.Context
}

func (h *ctxHarness) OnPreRender(ctx app.Context) { h.ctx = ctx }
func (h *ctxHarness) Render() app.UI              { return app.Div() }

// newHarness returns a test engine with a live context.
func newHarness(t *testing.T) (app.TestEngine, *ctxHarness) {
	t.Helper()
	e := app.NewTestEngine()
	h := &ctxHarness{}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return e, h
}
