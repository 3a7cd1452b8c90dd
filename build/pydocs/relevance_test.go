package pydocs

import (
	"os"
	"strings"
	"testing"
)

// floors are the first-hit-right and top-3 counts the ranking reached on the
// golden judgments: a change that loses any fails. Raise them when the
// ranking improves; never tune the ranking to one query.
var floors = map[string]struct{ first, top3 int }{
	"bench":   {40, 47},
	"extra":   {67, 72},
	"holdout": {49, 54},
}

// TestRelevanceStaysAtItsFloors builds the python-docs corpus (Debian's
// python3.11-doc, which .ci/run installs) and checks first-hit-right and
// top-3 on the golden judgments. Without the package it is skipped, except
// in CI.
func TestRelevanceStaysAtItsFloors(t *testing.T) {
	if _, err := os.Stat(DefaultSource); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs python3.11-doc for the relevance test: %v", err)
		}
		t.Skipf("python3.11-doc is not installed (%v)", err)
	}
	rel, err := Relevance(DefaultSource, nil)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	rel.WriteTable(&table)
	for set, want := range floors {
		first, top3, n := rel.Score(set, "")
		if first < want.first || top3 < want.top3 {
			t.Errorf("%s: got first hit right %d and top 3 %d of %d, want at least %d and %d", set, first, top3, n, want.first, want.top3)
		}
	}
	if t.Failed() {
		t.Log("\n" + table.String())
	}
}
