package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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

func TestReviewComponents(t *testing.T) {
	d := twoAnnotators(t)
	bad := fileReport{Name: "m.json", Format: review.FormatClaimtag, Read: 1, Added: 1,
		Rejected: []review.Rejection{{Index: 1, ID: "urn:x", Reason: "invalid tag"}}}
	rows, counts := d.anchorRows()
	tests := []struct {
		name string
		c    app.Composer
		want []string
	}{
		{name: "groups mark the disagreement and offer both decisions",
			c:    &reviewGroups{Igroups: d.groups(reviewFilter{View: viewDisagreements}), Ititles: d.info},
			want: []string{`data-disagreement="yes"`, "forecast / opinion", `class="accept"`, `class="reject"`, `data-id="urn:b2"`, "Report"}},
		{name: "no groups says why", c: &reviewGroups{}, want: []string{`id="no-groups"`}},
		{name: "an import report lists rejected entries with the reason",
			c:    &reviewImport{Ireports: []fileReport{bad, {Name: "x.json", Err: "unrecognized file"}}},
			want: []string{`id="review-files"`, "1 rejected", "entry 2 (urn:x): invalid tag", "x.json", "not imported. unrecognized file"}},
		{name: "re-anchoring counts each outcome", c: &reviewAnchors{Irows: rows, Icounts: counts},
			want: []string{`data-count="4"`, "orphan: 0"}},
		{name: "agreement shows kappa, the confusion matrix and how spans map to passages",
			c:    &agreementTable{Irows: agreementRows(review.Agreement(d.placedAnnotations(), d.corpus))},
			want: []string{"0.33", "ann × bob", "Rows: ann", `class="per-label"`, "covering most of it"}},
		{name: "the overview draws our SVG and links unverified claims to their passage",
			c:    &overviewDocs{Iov: review.NewOverview([]annotation.Annotation{unverifiedP2(t)}, reviewCorpus())},
			want: []string{"<svg", ">unverified<", `href="/doc?id=d1&p=p2"`, `data-passages="1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := render(t, tt.c)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("got no %q in\n%s", w, html)
				}
			}
		})
	}
}

func TestImportSummary(t *testing.T) {
	tests := []struct {
		name string
		r    fileReport
		want string
	}{
		{name: "a new file counts what it added", r: fileReport{Read: 2, Added: 2}, want: "2 annotations read, 2 new."},
		{name: "a second import says nothing is new", r: fileReport{Read: 2, Unchanged: 2}, want: "2 annotations read, 0 new, 2 already here."},
		{name: "rejections end with a colon for the list", r: fileReport{Read: 1, Added: 1, Rejected: make([]review.Rejection, 1)},
			want: "1 annotations read, 1 new, 1 rejected:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importSummary(tt.r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// ctxHarness captures a live context.
type ctxHarness struct {
	app.Compo
	ctx app.Context
}

func (h *ctxHarness) OnPreRender(ctx app.Context) { h.ctx = ctx }
func (h *ctxHarness) Render() app.UI              { return app.Div() }

func TestHandleDecideSavesAndPublishes(t *testing.T) {
	tests := []struct {
		name    string
		fail    error
		saved   string // the status of urn:a2 read back
		saveErr string
	}{
		{name: "a decision is saved in the background and published", saved: "accepted"},
		{name: "a refused write is shown and the decision kept in the tab", fail: errors.New("QuotaExceededError"),
			saved: "", saveErr: "QuotaExceededError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, h := newHarness(t)
			store := browser.NewMemStore()
			d := openTestDesk(t, e, h, store, nil)
			p := &reviewPage{rs: deskState{Desk: d}}
			p.importFiles(h.ctx, []browser.File{browser.NewFile("ann.json", exportFile(t,
				tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"),
				tagged(t, "urn:a2", "ann", annotation.Forecast, "Margins will improve next year")))})
			e.ConsumeAll()
			store.Fail = tt.fail
			p.handleDecide(h.ctx, app.Action{Name: decideReview, Value: reviewDecision{ID: "urn:a2", Status: annotation.Accepted}})
			if got := d.saveStatus(); got != saveSaving {
				t.Errorf("got status %q before the writer ran, want saving", got)
			}
			e.ConsumeAll()
			if a, _ := d.rv.Get("urn:a2"); a.Status != annotation.Accepted {
				t.Errorf("got status %q, want accepted", a.Status)
			}
			var got deskState
			h.ctx.GetState(stateReview, &got)
			if got.Desk != d {
				t.Error("got the review unpublished, want it as stateReview")
			}
			if (tt.saveErr == "") != (d.SaveErr == "") || !strings.Contains(d.SaveErr, tt.saveErr) {
				t.Errorf("got save error %q, want %q", d.SaveErr, tt.saveErr)
			}
			store.Fail = nil
			back := openTestDesk(t, e, h, store, nil)
			if a, ok := back.rv.Get("urn:a2"); !ok || string(a.Status) != tt.saved {
				t.Errorf("got saved %v with status %q, want %q", ok, a.Status, tt.saved)
			}
			if len(back.Files) != 1 {
				t.Errorf("got %d saved reports, want 1", len(back.Files))
			}
			p.handleDecide(h.ctx, app.Action{Name: decideReview, Value: reviewDecision{ID: "urn:none", Status: annotation.Accepted}})
			if !strings.Contains(p.err, "not found") {
				t.Errorf("got error %q, want not found", p.err)
			}
		})
	}
}

func TestReviewSaveStatus(t *testing.T) {
	tests := []struct {
		s    saveStatus
		want string
	}{
		{saveIdle, `id="review-saved"`},
		{saveSaving, "Saving…"},
		{saveSaved, "Saved in this browser."},
		{saveFailed, "Not saved."},
		{saveNowhere, "Kept in this tab only."},
	}
	for _, tt := range tests {
		t.Run("status "+string(tt.s)+" is said", func(t *testing.T) {
			html := render(t, &reviewSaveStatus{status: tt.s})
			if !strings.Contains(html, tt.want) || tt.s != saveIdle && !strings.Contains(html, `data-state="`+string(tt.s)+`"`) {
				t.Errorf("got %s, want %q", html, tt.want)
			}
		})
	}
}

func unverifiedP2(t *testing.T) annotation.Annotation {
	a := tagged(t, "u1", "me", annotation.Unverified, "the CFO said")
	a.Anchor.Passage = "p2"
	return a
}
