package desk

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
		f    Filter
		want string
	}{
		{name: "all shows every span with both annotators", f: Filter{View: ViewAll}, want: "urn:a1+urn:b1 urn:a2+urn:b2"},
		{name: "one annotator shows only theirs", f: Filter{View: ViewAnnotator, Annotator: "bob"}, want: "urn:b1 urn:b2"},
		{name: "disagreements keep spans with different tags", f: Filter{View: ViewDisagreements}, want: "urn:a2+urn:b2"},
		{name: "an unknown annotator shows nothing", f: Filter{View: ViewAnnotator, Annotator: "eve"}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIDs(d.Groups(tt.f)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOverviewSet(t *testing.T) {
	d := twoAnnotators(t)
	if err := d.Decide("urn:b2", annotation.Rejected); err != nil {
		t.Fatal(err)
	}
	own := []annotation.Annotation{
		tagged(t, "urn:me", "me", annotation.Unverified, "the CFO said"),
		tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"), // also imported
	}
	var ids []string
	for _, a := range d.OverviewSet(own) {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "urn:a1 urn:b1 urn:a2 urn:me"; got != want {
		t.Errorf("got %q, want %q (rejected left out, each id once)", got, want)
	}
	var nilDesk *Desk
	if got := nilDesk.OverviewSet(own); len(got) != 2 {
		t.Errorf("got %d annotations without a review, want 2", len(got))
	}
}

func TestDecisionShowsInGroups(t *testing.T) {
	d := twoAnnotators(t)
	before := d.Groups(Filter{View: ViewAll}) // memoized
	if err := d.Decide("urn:b2", annotation.Rejected); err != nil {
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
		{name: "groups asked again see the decision", groups: d.Groups(Filter{View: ViewAll}), want: annotation.Rejected},
		{name: "another view sees the decision", groups: d.Groups(Filter{View: ViewDisagreements}), want: annotation.Rejected},
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
	if got, want := len(d.Agreement()), 1; got != want {
		t.Errorf("got %d pairs, want %d", got, want)
	}
}
