package review

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestKappa(t *testing.T) {
	tests := []struct {
		name string
		m    [][]int
		want float64
		err  error
	}{
		// Wikipedia, "Cohen's kappa", worked example: 50 proposals, both yes 20,
		// A yes B no 5, A no B yes 10, both no 15; po = 0.7, pe = 0.5, kappa = 0.4.
		// https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example
		{name: "the Wikipedia worked example gives 0.4", m: [][]int{{20, 5}, {10, 15}}, want: 0.4},
		{name: "perfect agreement gives 1", m: [][]int{{3, 0}, {0, 7}}, want: 1},
		{name: "one shared category gives 1", m: [][]int{{5, 0}, {0, 0}}, want: 1},
		{name: "agreement at chance level gives 0", m: [][]int{{1, 1}, {1, 1}}, want: 0},
		{name: "an empty matrix is an error", m: [][]int{{0, 0}, {0, 0}}, err: ErrNoItems},
		{name: "a ragged matrix is an error", m: [][]int{{1}, {0, 1}}, err: ErrNoItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Kappa(tt.m)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || !near(got, tt.want) {
				t.Errorf("got %v, %v, want %v", got, err, tt.want)
			}
		})
	}
}

// TestAgreementWikipediaExample rebuilds the Wikipedia example as 50
// passages tagged by two annotators: "yes" is fact, "no" is opinion.
func TestAgreementWikipediaExample(t *testing.T) {
	var doc Document
	doc.ID = "d"
	var as []annotation.Annotation
	cells := []struct {
		a, b annotation.Tag
		n    int
	}{{annotation.Fact, annotation.Fact, 20}, {annotation.Fact, annotation.Opinion, 5},
		{annotation.Opinion, annotation.Fact, 10}, {annotation.Opinion, annotation.Opinion, 15}}
	text := ""
	for _, c := range cells {
		for range c.n {
			i := len(doc.Passages)
			start := len(text)
			text += "passage. "
			doc.Passages = append(doc.Passages, Passage{ID: itoa(i), Start: start, End: len(text)})
			for who, tag := range map[string]annotation.Tag{"ann": c.a, "bob": c.b} {
				as = append(as, annotation.Annotation{ID: who + itoa(i), Tag: tag, Creator: who, Created: testTime,
					Anchor: annotation.Anchor{Doc: "d", Exact: "passage", Start: start, End: start + 7}})
			}
		}
	}
	doc.Text = text
	pairs := Agreement(as, NewCorpus(doc))
	if len(pairs) != 1 {
		t.Fatalf("got %d pairs, want 1", len(pairs))
	}
	p := pairs[0]
	if p.A != "ann" || p.B != "bob" || p.N != 50 || !near(p.Observed, 0.7) || !near(p.Kappa, 0.4) {
		t.Errorf("got %s/%s n=%d po=%v kappa=%v, want ann/bob n=50 po=0.7 kappa=0.4", p.A, p.B, p.N, p.Observed, p.Kappa)
	}
	if got, want := p.Confusion[0][2], 5; got != want { // fact x opinion
		t.Errorf("got fact/opinion cell %d, want %d", got, want)
	}
	if got, want := p.PerLabel[annotation.Fact], (LabelAgreement{Both: 20, OnlyA: 5, OnlyB: 10, Neither: 15, Kappa: 0.4}); got.Both != want.Both ||
		got.OnlyA != want.OnlyA || got.OnlyB != want.OnlyB || got.Neither != want.Neither || !near(got.Kappa, want.Kappa) {
		t.Errorf("got fact agreement %+v, want %+v", got, want)
	}
}

func TestPassageLabels(t *testing.T) {
	text := "aaaa bbbb cccc dddd"
	c := NewCorpus(Document{ID: "d", Text: text, Passages: []Passage{{ID: "p1", Start: 0, End: 10}, {ID: "p2", Start: 10, End: 19}}})
	span := func(id string, tag annotation.Tag, start, end int, mod time.Time) annotation.Annotation {
		return annotation.Annotation{ID: id, Tag: tag, Created: testTime, Modified: mod,
			Anchor: annotation.Anchor{Doc: "d", Exact: string([]rune(text)[start:end]), Start: start, End: end}}
	}
	later := testTime.Add(time.Hour)
	as := []annotation.Annotation{
		span("small", annotation.Fact, 0, 4, testTime),        // 4 of p1
		span("large", annotation.Opinion, 2, 12, testTime),    // 8 of p1, 2 of p2
		span("tieOld", annotation.Forecast, 12, 16, testTime), // 4 of p2
		span("tieNew", annotation.Unverified, 15, 19, later),  // 4 of p2, newer
		span("other", annotation.Fact, 0, 1, testTime),        // on doc d too, smallest
	}
	as[4].Anchor.Doc = "unknown"
	got := PassageLabels(as, c)
	want := map[PassageKey]annotation.Tag{{"d", "p1"}: annotation.Opinion, {"d", "p2"}: annotation.Unverified}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("passage %v: got %q, want %q", k, got[k], w)
		}
	}
}
