package adjudicate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/agreement"
)

var testTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const testText = "Revenue rose 22% in Q2. Margins will widen next year. The strategy is brilliant. Sources say a deal is near."

// mark is who's annotation of quote in testText, tagged tag.
func mark(t testing.TB, who string, tag annotation.Tag, quote string) annotation.Annotation {
	t.Helper()
	i := strings.Index(testText, quote)
	if i < 0 {
		t.Fatalf("%q not in the test text", quote)
	}
	anc, err := annotation.NewAnchor("d", "p1", testText, i, i+len(quote)) // ASCII: bytes are code points
	if err != nil {
		t.Fatal(err)
	}
	return annotation.Annotation{ID: who + ":" + quote, Tag: tag, Creator: who, Created: testTime, Anchor: anc}
}

// testUnits: a disagreement (revenue), a unanimous span (margins), a
// single (brilliant) and another unanimous span (deal).
func testUnits(t testing.TB) []agreement.Unit {
	F, Fc, O, U := annotation.Fact, annotation.Forecast, annotation.Opinion, annotation.Unverified
	return agreement.Units([]annotation.Annotation{
		mark(t, "ann", F, "Revenue rose 22% in Q2"), mark(t, "bob", O, "Revenue rose 22% in Q2"),
		mark(t, "ann", Fc, "Margins will widen next year"), mark(t, "bob", Fc, "Margins will widen next year"),
		mark(t, "bob", O, "The strategy is brilliant"),
		mark(t, "ann", U, "a deal is near"), mark(t, "bob", U, "Sources say a deal is near"),
	})
}

func quotes(items []Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Unit.Anchor.Exact)
	}
	return strings.Join(out, " | ")
}

func TestQueueOrderPutsDisagreementsFirst(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	want := "Revenue rose 22% in Q2 | The strategy is brilliant | Margins will widen next year | Sources say a deal is near"
	if got := quotes(q.Items()); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := q.Progress().String(); got != "0 of 4 spans decided" {
		t.Errorf("got %q, want 0 of 4 spans decided", got)
	}
}

func TestQueueDecideUndoRedo(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	first, _ := q.Next("")
	ch, err := q.Decide(first.Unit.Key, annotation.Fact, " in the Q2 release ", "Rita", testTime)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Put) != 1 || ch.Put[0].Label != annotation.Fact || ch.Put[0].Note != "in the Q2 release" || ch.Put[0].Reviewer != "Rita" ||
		len(ch.Put[0].Sources) != 2 || ch.Put[0].Key != first.Unit.Key {
		t.Fatalf("got change %+v, want one fact decision by Rita with two sources", ch)
	}
	if got := q.Progress().String(); got != "1 of 4 spans decided" {
		t.Errorf("got %q", got)
	}
	if next, _ := q.Next(first.Unit.Key); next.Unit.Anchor.Exact != "The strategy is brilliant" {
		t.Errorf("got next %q, want the single span", next.Unit.Anchor.Exact)
	}
	// Re-deciding keeps the record's key and undo restores the first verdict.
	if _, err := q.Decide(first.Unit.Key, annotation.Opinion, "", "Rita", testTime); err != nil {
		t.Fatal(err)
	}
	ch, ok := q.Undo()
	if !ok || len(ch.Put) != 1 || ch.Put[0].Label != annotation.Fact {
		t.Errorf("undo: got %+v, want the fact decision back", ch)
	}
	ch, ok = q.Undo()
	if !ok || !slices.Equal(ch.Delete, []string{first.Unit.Key}) || q.Progress().Decided != 0 {
		t.Errorf("second undo: got %+v, progress %s, want the record deleted", ch, q.Progress())
	}
	if _, ok := q.Undo(); ok {
		t.Error("a third undo did something")
	}
	ch, ok = q.Redo()
	if !ok || len(ch.Put) != 1 || ch.Put[0].Label != annotation.Fact {
		t.Errorf("redo: got %+v", ch)
	}
}

func TestQueueErrors(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	key := q.Items()[0].Unit.Key
	tests := []struct {
		name string
		do   func() error
		want error
	}{
		{name: "an unknown span", do: func() error { _, err := q.Decide("0-1@nowhere", annotation.Fact, "", "Rita", testTime); return err }, want: ErrNoUnit},
		{name: "an unknown label", do: func() error { _, err := q.Decide(key, "rumour", "", "Rita", testTime); return err }, want: annotation.ErrInvalidTag},
		{name: "no reviewer name", do: func() error { _, err := q.Decide(key, annotation.Fact, "", " ", testTime); return err }, want: ErrInvalid},
		{name: "undeciding an undecided span", do: func() error { _, err := q.Undecide(key); return err }, want: ErrNoUnit},
		{name: "bulk accept without a reviewer", do: func() error { _, err := q.AcceptUnanimous("", testTime); return err }, want: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	if q.CanUndo() {
		t.Error("a refused operation entered the history")
	}
}

func TestAcceptUnanimousIsOneStep(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	ch, err := q.AcceptUnanimous("Rita", testTime)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ch.Put {
		got = append(got, fmt.Sprintf("%s=%s", d.Anchor.Exact, d.Label))
	}
	if want := []string{"Margins will widen next year=forecast", "Sources say a deal is near=unverified"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if p := q.Progress(); p.String() != "2 of 4 spans decided" {
		t.Errorf("got %s", p)
	}
	if ch, _ := q.AcceptUnanimous("Rita", testTime); !ch.Empty() {
		t.Errorf("a second bulk accept changed %+v", ch)
	}
	ch, _ = q.Undo()
	if len(ch.Delete) != 2 || q.Progress().Decided != 0 {
		t.Errorf("undo: got %+v, progress %s, want both records deleted", ch, q.Progress())
	}
}

func TestStoredDecisionsFindTheirUnits(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	for _, it := range q.Items() {
		if _, err := q.Decide(it.Unit.Key, annotation.Opinion, "", "Rita", testTime); err != nil {
			t.Fatal(err)
		}
	}
	stored := q.Decisions()
	// Records survive a round trip through their JSON.
	for i, d := range stored {
		b, err := d.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if stored[i], err = ParseDecision(b); err != nil {
			t.Fatal(err)
		}
	}
	// A third annotator marks the deal span as ann did: two of three now
	// chose the shorter span, so the unit has a new span and key; its
	// decision finds it by its source annotations.
	F, Fc, O, U := annotation.Fact, annotation.Forecast, annotation.Opinion, annotation.Unverified
	units := agreement.Units([]annotation.Annotation{
		mark(t, "ann", F, "Revenue rose 22% in Q2"), mark(t, "bob", O, "Revenue rose 22% in Q2"),
		mark(t, "ann", Fc, "Margins will widen next year"), mark(t, "bob", Fc, "Margins will widen next year"),
		mark(t, "ann", U, "a deal is near"), mark(t, "bob", U, "Sources say a deal is near"), mark(t, "cy", U, "a deal is near"),
	})
	q2 := NewQueue(units, stored)
	p := q2.Progress()
	if p.Total != 3 || p.Decided != 2 || p.Stale != 1 || p.String() != "2 of 3 spans decided, 1 to check again" {
		t.Errorf("got %+v (%s), want 2 decided and the deal span to check again", p, p)
	}
	if un := q2.Unplaced(); len(un) != 1 || un[0].Anchor.Exact != "The strategy is brilliant" {
		t.Errorf("got unplaced %+v, want the brilliant span's decision, kept", un)
	}
	if got := len(q2.Decisions()); got != 4 {
		t.Errorf("got %d decisions, want all 4 kept", got)
	}
	if next, ok := q2.Next(""); !ok || next.Unit.Anchor.Exact != "a deal is near" || !next.Stale || next.Decision.Key == next.Unit.Key {
		t.Errorf("got next %+v, want the stale deal span under its old record", next)
	}
	next, _ := q2.Next("")
	ch, err := q2.Decide(next.Unit.Key, annotation.Unverified, "", "Rita", testTime)
	if err != nil || len(ch.Put) != 1 || ch.Put[0].Key != next.Decision.Key || len(ch.Put[0].Sources) != 3 {
		t.Errorf("deciding again: got %+v, %v, want the same record with three sources", ch, err)
	}
	if p := q2.Progress(); p.String() != "3 of 3 spans decided" {
		t.Errorf("got %s", p)
	}
}

func TestGoldFromDecisions(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	items := q.Items()
	if _, err := q.Decide(items[0].Unit.Key, annotation.Fact, "per the filing", "Rita", testTime); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Drop(items[1].Unit.Key, "not a claim", "Rita", testTime); err != nil {
		t.Fatal(err)
	}
	if _, err := q.AcceptUnanimous("Sam", testTime); err != nil {
		t.Fatal(err)
	}
	f := q.Gold(annotation.CorpusInfo{Fingerprint: "fp"}, testTime)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range f.Spans {
		var prov []string
		for _, src := range s.Annotations {
			prov = append(prov, src.Annotator+":"+string(src.Label))
		}
		got = append(got, fmt.Sprintf("%s=%s by %s [%s]", s.Anchor.Exact, s.Label, s.Reviewer, strings.Join(prov, " ")))
	}
	want := []string{
		"Revenue rose 22% in Q2=fact by Rita [ann:fact bob:opinion]",
		"Margins will widen next year=forecast by Sam [ann:forecast bob:forecast]",
		"Sources say a deal is near=unverified by Sam [ann:unverified bob:unverified]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Equal(f.Annotators, []string{"ann", "bob"}) {
		t.Errorf("got annotators %v", f.Annotators)
	}
	// The gold file resumes as decisions on the same units.
	q2 := NewQueue(testUnits(t), FromGold(f))
	if p := q2.Progress(); p.Decided != 3 {
		t.Errorf("resumed from gold: got %s, want 3 decided (the dropped span is not in the gold file)", p)
	}
}

func FuzzParseDecision(f *testing.F) {
	q := NewQueue(testUnits(f), nil)
	ch, err := q.Decide(q.Items()[0].Unit.Key, annotation.Fact, "note", "Rita", testTime)
	if err != nil {
		f.Fatal(err)
	}
	b, _ := ch.Put[0].Marshal()
	f.Add(b)
	f.Add([]byte(`{"version":1,"key":"k","dropped":true,"label":"fact"}`))
	f.Add([]byte(`{"version":1,"key":"k","anchor":{"doc":"d","exact":"\udc00","start":0,"end":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDecision(data)
		if err != nil {
			return
		}
		b, err := d.Marshal()
		if err != nil {
			t.Fatalf("a parsed decision does not marshal: %v", err)
		}
		back, err := ParseDecision(b)
		if err != nil || back.Key != d.Key || back.Label != d.Label || back.Anchor != d.Anchor {
			t.Fatalf("round trip: got %+v, %v, want %+v", back, err, d)
		}
	})
}

func TestDecideSpanKeepsAnAnnotatorsBoundaries(t *testing.T) {
	q := NewQueue(testUnits(t), nil)
	var deal Item
	for _, it := range q.Items() {
		if strings.Contains(it.Unit.Anchor.Exact, "deal") {
			deal = it
		}
	}
	ann := deal.Unit.Annotations[0] // ann marked "a deal is near", the unit's span is bob's longer one
	ch, err := q.DecideSpan(deal.Unit.Key, ann.ID, annotation.Unverified, "", "Rita", testTime)
	if err != nil || ch.Put[0].Anchor != ann.Anchor || ch.Put[0].Key != deal.Unit.Key {
		t.Fatalf("got %+v, %v, want ann's span under the unit's key", ch, err)
	}
	if _, err := q.DecideSpan(deal.Unit.Key, "nobody", annotation.Fact, "", "Rita", testTime); !errors.Is(err, ErrNoUnit) {
		t.Errorf("got %v for an annotation not in the unit, want ErrNoUnit", err)
	}
	if g := q.Gold(annotation.CorpusInfo{}, testTime); len(g.Spans) != 1 || g.Spans[0].Anchor.Exact != "a deal is near" {
		t.Errorf("got gold %+v, want the chosen span", g.Spans)
	}
}
