package desk

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

func TestOverviewSet(t *testing.T) {
	d := twoAnnotators(t)
	own := []annotation.Annotation{
		tagged(t, "urn:me", "me", annotation.Unverified, "the CFO said"),
		tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"), // also imported
	}
	var ids []string
	for _, a := range d.OverviewSet(own) {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "urn:a1 urn:b1 urn:a2 urn:b2 urn:me"; got != want {
		t.Errorf("got %q, want %q (each id once)", got, want)
	}
	var nilDesk *Desk
	if got := nilDesk.OverviewSet(own); len(got) != 2 {
		t.Errorf("got %d annotations without a review, want 2", len(got))
	}
}
