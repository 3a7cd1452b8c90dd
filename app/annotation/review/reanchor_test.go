package review

import (
	"testing"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/internal/annotest"
)

// The algorithm is package anchoring's; these tests check that Reanchor
// and Apply, which the review's callers use, still give its results on a
// Corpus.

const (
	p1 = "Première partie : l'inflation a baissé à 2,1 % en mars. "
	p2 = "Rates will drop next year, analysts say. "
	p3 = "The minister called it the best policy in a decade. "
	p4 = "Unemployment rose by 0.3 points in the north. "
	p5 = "Exports to Asia doubled since 2019, customs data show. "

	oldReport = p1 + p2 + p3 + p4 + p5
	// newReport: words inserted before p2, p5 moved up, a word changed in p3, p4 deleted.
	newReport = p1 + p5 + "According to a new survey, " + p2 +
		"The minister called it the finest policy in a decade. "
	annex = "Annex: méthodologie. Annex table 3 lists the sources. End."
)

func TestReanchor(t *testing.T) {
	corpus := NewCorpus(
		Document{ID: "report", Text: newReport},
		Document{ID: "annex", Text: annex},
	)
	longOld := "The minister called it the best policy in a decade"
	longNew := "The minister called it the finest policy in a decade"
	tests := []struct {
		name       string
		anchor     annotation.Anchor
		wantStatus Status
		wantDoc    string
		wantExact  string // found text; its position is computed in wantDoc
	}{
		{name: "an untouched passage stays exact", anchor: annotest.AnchorOn(t, "report", oldReport, "l'inflation a baissé à 2,1 %"),
			wantStatus: Exact, wantDoc: "report", wantExact: "l'inflation a baissé à 2,1 %"},
		{name: "words inserted before the span move it", anchor: annotest.AnchorOn(t, "report", oldReport, "Rates will drop next year"),
			wantStatus: Moved, wantDoc: "report", wantExact: "Rates will drop next year"},
		{name: "a moved passage is found by its quote", anchor: annotest.AnchorOn(t, "report", oldReport, "Exports to Asia doubled since 2019"),
			wantStatus: Moved, wantDoc: "report", wantExact: "Exports to Asia doubled since 2019"},
		{name: "a word changed inside a short quote matches fuzzily", anchor: annotest.AnchorOn(t, "report", oldReport, "the best policy in a decade"),
			wantStatus: Fuzzy, wantDoc: "report", wantExact: "the finest policy in a decade"},
		{name: "a word changed inside a long quote matches fuzzily", anchor: annotest.AnchorOn(t, "report", oldReport, longOld),
			wantStatus: Fuzzy, wantDoc: "report", wantExact: longNew},
		{name: "a deleted passage is an orphan", anchor: annotest.AnchorOn(t, "report", oldReport, "Unemployment rose by 0.3 points"),
			wantStatus: Orphan, wantDoc: "report", wantExact: "Unemployment rose by 0.3 points"},
		{name: "an unknown document id is searched for in all documents", anchor: annotest.AnchorOn(t, "old-annex", annex, "Annex table 3 lists the sources"),
			wantStatus: OtherDocument, wantDoc: "annex", wantExact: "Annex table 3 lists the sources"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reanchor(tt.anchor, corpus)
			if got.Status != tt.wantStatus || got.Doc != tt.wantDoc || got.Exact != tt.wantExact {
				t.Fatalf("got %s in %s %q, want %s in %s %q", got.Status, got.Doc, got.Exact, tt.wantStatus, tt.wantDoc, tt.wantExact)
			}
			wantStart, wantEnd := tt.anchor.Start, tt.anchor.End
			if got.Status != Orphan {
				text := map[string]string{"report": newReport, "annex": annex}[got.Doc]
				wantStart = annotest.RuneIndex(t, text, tt.wantExact)
				wantEnd = wantStart + utf8.RuneCountInString(tt.wantExact)
			}
			if got.Start != wantStart || got.End != wantEnd {
				t.Errorf("got span [%d,%d), want [%d,%d)", got.Start, got.End, wantStart, wantEnd)
			}
			if got.Status == Orphan && got.Score != 0 || got.Status != Orphan && (got.Score < MinScore || got.Score > 1) {
				t.Errorf("got score %.3f for status %s", got.Score, got.Status)
			}
		})
	}
}

func TestReanchorPrefersBestContext(t *testing.T) {
	old := "alpha says yes. beta says yes. gamma says yes."
	a := annotest.AnchorOn(t, "d", old, "beta says yes")
	a.Exact, a.Start = "says yes", a.Start+5
	a.Prefix = "alpha says yes. beta "
	text := "intro. alpha says yes. beta says yes. gamma says yes."
	got := Reanchor(a, NewCorpus(Document{ID: "d", Text: text}))
	if want := annotest.RuneIndex(t, text, "says yes. gamma"); got.Status != Moved || got.Start != want {
		t.Errorf("got %s at %d, want moved at %d", got.Status, got.Start, want)
	}
}

func TestApplyRebuildsAnchor(t *testing.T) {
	corpus := NewCorpus(Document{ID: "report", Text: newReport, Passages: []Passage{
		{ID: "p1", Start: 0, End: utf8.RuneCountInString(p1)},
		{ID: "p5", Start: utf8.RuneCountInString(p1), End: utf8.RuneCountInString(newReport)},
	}})
	a := annotation.Annotation{ID: "x", Tag: annotation.Fact, Anchor: annotest.AnchorOn(t, "report", oldReport, "Exports to Asia")}
	got := corpus.Apply(a, Reanchor(a.Anchor, corpus))
	want, _ := annotation.NewAnchor("report", "p5", newReport, utf8.RuneCountInString(p1), utf8.RuneCountInString(p1)+15)
	if got.Anchor != want {
		t.Errorf("got %+v, want %+v", got.Anchor, want)
	}
}
