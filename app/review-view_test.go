package app

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
)

func groupIDs(gs []review.Group) string {
	var parts []string
	for _, g := range gs {
		var ids []string
		for _, a := range g.Annotations {
			ids = append(ids, a.ID)
		}
		parts = append(parts, strings.Join(ids, "+"))
	}
	return strings.Join(parts, " ")
}

func TestReviewGroups(t *testing.T) {
	d := twoAnnotators(t)
	tests := []struct {
		name string
		f    reviewFilter
		want string
	}{
		{name: "all shows every span with both annotators", f: reviewFilter{View: viewAll}, want: "urn:a1+urn:b1 urn:a2+urn:b2"},
		{name: "one annotator shows only theirs", f: reviewFilter{View: viewAnnotator, Annotator: "bob"}, want: "urn:b1 urn:b2"},
		{name: "disagreements keep spans with different tags", f: reviewFilter{View: viewDisagreements}, want: "urn:a2+urn:b2"},
		{name: "an unknown annotator shows nothing", f: reviewFilter{View: viewAnnotator, Annotator: "eve"}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIDs(d.groups(tt.f)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAgreementRows(t *testing.T) {
	d := twoAnnotators(t)
	rows := agreementRows(review.Agreement(d.placedAnnotations(), d.corpus))
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
	if got := agreementRows([]review.Pair{{A: "", B: "x"}}); got[0].Kappa != "–" || got[0].A != "(anonymous)" {
		t.Errorf("got %+v, want a dash and an anonymous name", got[0])
	}
}

func TestOverviewSet(t *testing.T) {
	d := twoAnnotators(t)
	if err := d.decide("urn:b2", annotation.Rejected); err != nil {
		t.Fatal(err)
	}
	own := []annotation.Annotation{
		tagged(t, "urn:me", "me", annotation.Unverified, "the CFO said"),
		tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"), // also imported
	}
	var ids []string
	for _, a := range d.overviewSet(own) {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "urn:a1 urn:b1 urn:a2 urn:me"; got != want {
		t.Errorf("got %q, want %q (rejected left out, each id once)", got, want)
	}
	var nilDesk *reviewDesk
	if got := nilDesk.overviewSet(own); len(got) != 2 {
		t.Errorf("got %d annotations without a review, want 2", len(got))
	}
}

func TestDecisionShowsInGroups(t *testing.T) {
	d := twoAnnotators(t)
	before := d.groups(reviewFilter{View: viewAll}) // memoized
	if err := d.decide("urn:b2", annotation.Rejected); err != nil {
		t.Fatal(err)
	}
	// Components re-render only when the groups they get differ from the
	// ones they had, so earlier results must not change in place.
	tests := []struct {
		name   string
		groups []review.Group
		want   annotation.Status
	}{
		{name: "groups asked before keep their old status", groups: before, want: annotation.Pending},
		{name: "groups asked again see the decision", groups: d.groups(reviewFilter{View: viewAll}), want: annotation.Rejected},
		{name: "another view sees the decision", groups: d.groups(reviewFilter{View: viewDisagreements}), want: annotation.Rejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := false
			for _, g := range tt.groups {
				for _, a := range g.Annotations {
					if a.ID == "urn:b2" {
						found = true
						if a.Status != tt.want {
							t.Errorf("got status %q, want %q", a.Status, tt.want)
						}
					}
				}
			}
			if !found {
				t.Error("got no urn:b2 in the groups")
			}
		})
	}
	if got, want := len(d.agreement()), 1; got != want {
		t.Errorf("got %d pairs, want %d", got, want)
	}
}

func TestBarChartNeedsNoInlineStyle(t *testing.T) {
	// The site's Content-Security-Policy (style-src 'self') blocks <style>
	// elements, and overview-docs inserts the chart as raw HTML.
	svg := review.SVGBarChart(map[annotation.Tag]int{annotation.Fact: 2})
	if strings.Contains(svg, "<style") || strings.Contains(svg, "style=") {
		t.Errorf("got inline style in %s", svg)
	}
}
