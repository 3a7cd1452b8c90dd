// Package apptest holds what the app's tests share: a small index built
// natively, a go-app test engine with a live context, and the review
// fixtures (one document, annotations by several annotators, their export
// files). Only tests import it.
package apptest

import (
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// harness is a component that keeps its context.
type harness struct {
	app.Compo
	ctx app.Context
}

func (h *harness) OnPreRender(ctx app.Context) { h.ctx = ctx }
func (h *harness) Render() app.UI              { return app.Div() }

// Engine returns a go-app test engine and a live context of it, for
// handlers, states and local storage (in memory natively).
func Engine(tb testing.TB) (app.TestEngine, app.Context) {
	tb.Helper()
	e := app.NewTestEngine()
	h := &harness{}
	if err := e.Load(h); err != nil {
		tb.Fatal(err)
	}
	e.ConsumeAll()
	return e, h.ctx
}

// Render loads c in a test engine and returns its HTML.
func Render(tb testing.TB, c app.Composer) string {
	tb.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		tb.Fatal(err)
	}
	e.ConsumeAll()
	return app.HTMLString(c)
}

// ReviewTime is when the review fixtures were made.
var ReviewTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// ReviewText is the one document of the review fixtures, in two passages.
const ReviewText = "Revenue grew 12% in Q1 thanks to cloud demand. Margins will improve next year as costs fall, the CFO said."

// ReviewCorpus returns the corpus of ReviewText, document "d1".
func ReviewCorpus() *review.Corpus {
	return review.NewCorpus(review.Document{ID: "d1", Title: "Report", Text: ReviewText,
		Passages: []review.Passage{{ID: "p1", Start: 0, End: 46}, {ID: "p2", Start: 47, End: len(ReviewText)}}})
}

// Tagged returns an annotation by creator tagging quote of ReviewText.
func Tagged(tb testing.TB, id, creator string, tag annotation.Tag, quote string) annotation.Annotation {
	tb.Helper()
	i := strings.Index(ReviewText, quote)
	if i < 0 {
		tb.Fatalf("no %q in the text", quote)
	}
	anc, err := annotation.NewAnchor("d1", "", ReviewText, i, i+len(quote))
	if err != nil {
		tb.Fatal(err)
	}
	return annotation.Annotation{ID: id, Tag: tag, Creator: creator, Created: ReviewTime, Modified: ReviewTime, Anchor: anc}
}

// ExportFile returns the claimtag export of as over ReviewCorpus.
func ExportFile(tb testing.TB, as ...annotation.Annotation) []byte {
	tb.Helper()
	b, err := annotation.NewExport(ReviewCorpus().Info("fp"), as, ReviewTime).Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TwoFiles returns ann's and bob's exports: they agree on the first
// passage's span (fact) and disagree on the second's (forecast, opinion).
func TwoFiles(tb testing.TB) (ann, bob []byte) {
	tb.Helper()
	return ExportFile(tb,
			Tagged(tb, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"),
			Tagged(tb, "urn:a2", "ann", annotation.Forecast, "Margins will improve next year")),
		ExportFile(tb,
			Tagged(tb, "urn:b1", "bob", annotation.Fact, "Revenue grew 12% in Q1"),
			Tagged(tb, "urn:b2", "bob", annotation.Opinion, "Margins will improve next year"))
}
