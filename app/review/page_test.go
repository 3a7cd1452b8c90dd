package review

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestReviewComponents(t *testing.T) {
	d := twoAnnotators(t)
	bad := desk.FileReport{Name: "m.json", Format: arev.FormatClaimtag, Read: 1, Added: 1,
		Rejected: []arev.Rejection{{Index: 1, ID: "urn:x", Reason: "invalid tag"}}}
	rows, counts := d.AnchorRows()
	tests := []struct {
		name string
		c    app.Composer
		want []string
	}{
		{name: "groups mark the disagreement and offer both decisions",
			c:    &groupList{Igroups: d.Groups(desk.Filter{View: desk.ViewDisagreements}), Ititles: d.Info()},
			want: []string{`data-disagreement="yes"`, "forecast / opinion", `class="accept"`, `class="reject"`, `data-id="urn:b2"`, "Report"}},
		{name: "no groups says why", c: &groupList{}, want: []string{`id="no-groups"`}},
		{name: "an import report lists rejected entries with the reason",
			c:    &importSection{Ireports: []desk.FileReport{bad, {Name: "x.json", Err: "unrecognized file"}}},
			want: []string{`id="review-files"`, "1 rejected", "entry 2 (urn:x): invalid tag", "x.json", "not imported. unrecognized file"}},
		{name: "re-anchoring counts each outcome", c: &anchorsSection{Irows: rows, Icounts: counts},
			want: []string{`data-count="4"`, "orphan: 0"}},
		{name: "agreement shows kappa, the confusion matrix and how spans map to passages",
			c:    &agreementTable{Irows: agreementRows(arev.Agreement(d.Placed(), d.Corpus()))},
			want: []string{"0.33", "ann × bob", "Rows: ann", `class="per-label"`, "covering most of it"}},
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
		r    desk.FileReport
		want string
	}{
		{name: "a new file counts what it added", r: desk.FileReport{Read: 2, Added: 2}, want: "2 annotations read, 2 new."},
		{name: "a second import says nothing is new", r: desk.FileReport{Read: 2, Unchanged: 2}, want: "2 annotations read, 0 new, 2 already here."},
		{name: "rejections end with a colon for the list", r: desk.FileReport{Read: 1, Added: 1, Rejected: make([]arev.Rejection, 1)},
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

func TestAgreementRows(t *testing.T) {
	d := twoAnnotators(t)
	rows := agreementRows(arev.Agreement(d.Placed(), d.Corpus()))
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	r := rows[0]
	// Passage p1: fact/fact; p2: forecast/opinion. po = 0.5, pe = 0.25, kappa = 1/3.
	tests := []struct {
		name      string
		got, want any
	}{
		{name: "the pair is named", got: r.A + "/" + r.B, want: "ann/bob"},
		{name: "both tagged two passages", got: r.N, want: 2},
		{name: "observed agreement is a percentage", got: r.Observed, want: "50%"},
		{name: "kappa has two decimals", got: r.Kappa, want: "0.33"},
		{name: "the confusion matrix has the disagreement", got: r.Matrix[1][2], want: 1},
		{name: "each label has a row", got: len(r.Labels), want: 4},
		{name: "fact is agreed on", got: r.Labels[0].Both, want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	if got := agreementRows([]arev.Pair{{A: "", B: "x"}}); got[0].Kappa != "–" || got[0].A != "(anonymous)" {
		t.Errorf("got %+v, want a dash and an anonymous name", got[0])
	}
}

func TestReadUploadRefusesLargeFiles(t *testing.T) {
	u := ReadUpload(browser.NewFile("big.json", make([]byte, desk.Limit+1)))
	if !errors.Is(u.Err, arev.ErrTooLarge) || u.Data != nil {
		t.Errorf("got %v and %d bytes, want ErrTooLarge and none", u.Err, len(u.Data))
	}
	d := desk.New(reviewCorpus(), "fp")
	if rep := d.Import(u); !strings.Contains(rep.Err, "too large") {
		t.Errorf("got report %q, want too large", rep.Err)
	}
}

func TestHandleDecideSavesAndPublishes(t *testing.T) {
	tests := []struct {
		name  string
		fail  error
		state storage.State
		saved string // the status of urn:a2 read back
	}{
		{name: "a decision is saved in the background and published", state: storage.Saved, saved: "accepted"},
		{name: "a refused write is shown and the decision kept in the tab", fail: errors.New("QuotaExceededError"),
			state: storage.Failed, saved: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ctx := apptest.Engine(t)
			store := storage.NewMemory()
			d := desk.New(reviewCorpus(), "fp")
			sv := storage.NewSaver(store, storage.Options{Order: desk.Records})
			d.SaveTo(sv, false)
			p := &Page{ref: chrome.DeskRef{D: d, Saver: sv}}
			p.importFiles(ctx, []browser.File{browser.NewFile("ann.json", exportFile(t,
				tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"),
				tagged(t, "urn:a2", "ann", annotation.Forecast, "Margins will improve next year")))})
			e.ConsumeAll()
			sv.Wait()
			store.SetFail(tt.fail)
			p.handleDecide(ctx, app.Action{Name: decideReview, Value: decision{ID: "urn:a2", Status: annotation.Accepted}})
			e.ConsumeAll()
			sv.Wait()
			var got chrome.DeskRef
			ctx.GetState(chrome.StateDesk, &got)
			if got.D != d || got.Rev != d.Rev {
				t.Errorf("got %+v published, want the desk at revision %d", got, d.Rev)
			}
			if st := sv.Status(); st.State != tt.state {
				t.Errorf("got %+v, want %s", st, tt.state)
			}
			store.SetFail(nil)
			recs, _ := store.All(context.Background())
			back, err := desk.Decode(recs)
			if err != nil {
				t.Fatal(err)
			}
			var status annotation.Status
			for _, a := range back.Annotations {
				if a.ID == "urn:a2" {
					status = a.Status
				}
			}
			if string(status) != tt.saved || len(back.Files) != 1 {
				t.Errorf("got saved status %q and %d reports, want %q and 1", status, len(back.Files), tt.saved)
			}
			p.handleDecide(ctx, app.Action{Name: decideReview, Value: decision{ID: "urn:none", Status: annotation.Accepted}})
			if !strings.Contains(p.err, "not found") {
				t.Errorf("got error %q, want not found", p.err)
			}
		})
	}
}
