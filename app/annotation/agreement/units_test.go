package agreement

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

var testTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// span is an annotation by who of [start, end) of doc "d", tagged tag.
func span(who string, tag annotation.Tag, start, end int) annotation.Annotation {
	return annotation.Annotation{ID: fmt.Sprintf("%s-%d-%d-%s", who, start, end, tag), Tag: tag, Creator: who, Created: testTime,
		Anchor: annotation.Anchor{Doc: "d", Exact: strings.Repeat("x", end-start), Start: start, End: end}}
}

// describe lists units as "start-end:who,who".
func describe(units []Unit) string {
	var out []string
	for _, u := range units {
		var who []string
		for _, a := range u.Annotations {
			who = append(who, a.Creator)
		}
		out = append(out, fmt.Sprintf("%d-%d:%s", u.Anchor.Start, u.Anchor.End, strings.Join(who, ",")))
	}
	return strings.Join(out, " ")
}

func TestUnits(t *testing.T) {
	f := annotation.Fact
	tests := []struct {
		name string
		as   []annotation.Annotation
		want string
	}{
		{name: "identical spans make one unit", as: []annotation.Annotation{span("ann", f, 0, 10), span("bob", f, 0, 10)}, want: "0-10:ann,bob"},
		{name: "a span nested in a longer one matches it", as: []annotation.Annotation{span("ann", f, 0, 100), span("bob", f, 40, 50)},
			want: "0-100:ann,bob"},
		{name: "an overlap of exactly half the shorter span matches", as: []annotation.Annotation{span("ann", f, 0, 10), span("bob", f, 5, 25)},
			want: "0-10:ann,bob"},
		{name: "an overlap under half the shorter span does not", as: []annotation.Annotation{span("ann", f, 0, 10), span("bob", f, 6, 25)},
			want: "0-10:ann 6-25:bob"},
		{name: "touching spans do not match", as: []annotation.Annotation{span("ann", f, 0, 10), span("bob", f, 10, 20)},
			want: "0-10:ann 10-20:bob"},
		{name: "spans in different documents do not match", as: func() []annotation.Annotation {
			b := span("bob", f, 0, 10)
			b.Anchor.Doc = "e"
			return []annotation.Annotation{span("ann", f, 0, 10), b}
		}(), want: "0-10:ann 0-10:bob"},
		{name: "one annotator's two overlapping spans stay apart", as: []annotation.Annotation{span("ann", f, 0, 10), span("ann", f, 2, 10)},
			want: "0-10:ann 2-10:ann"},
		{name: "three annotators on one claim make one unit, on the span most chose",
			as:   []annotation.Annotation{span("ann", f, 0, 20), span("bob", f, 0, 20), span("cy", f, 2, 20)},
			want: "0-20:ann,bob,cy"},
		{name: "a long span joins the claim it fits best and leaves the other alone",
			// bob tagged two claims, ann the whole sentence: ann pairs with
			// the first claim (overlap/union 40/100) over the second (30/100).
			as:   []annotation.Annotation{span("ann", f, 0, 100), span("bob", f, 0, 40), span("bob", f, 70, 100)},
			want: "0-40:ann,bob 70-100:bob"},
		{name: "spans never chain: two that do not match stay apart even through a third",
			// ann [0,10) and cy [8,30) do not match (overlap 2 < 5); bob
			// [0,30) matches both. bob and cy fit best (22/30) and stay;
			// ann cannot join them.
			as:   []annotation.Annotation{span("ann", f, 0, 10), span("bob", f, 0, 30), span("cy", f, 8, 30)},
			want: "0-10:ann 0-30:bob,cy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(Units(tt.as)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUnitKeysAreUniqueAndStable(t *testing.T) {
	as := []annotation.Annotation{span("ann", annotation.Fact, 0, 10), span("ann", annotation.Opinion, 0, 10), span("bob", annotation.Fact, 20, 30)}
	first := Units(as)
	slices.Reverse(as)
	second := Units(as)
	var k1, k2 []string
	for i := range first {
		k1, k2 = append(k1, first[i].Key), append(k2, second[i].Key)
	}
	if !slices.Equal(k1, k2) || k1[0] == k1[1] {
		t.Errorf("got keys %v then %v, want the same unique keys", k1, k2)
	}
}

func TestUnitStates(t *testing.T) {
	f, o := annotation.Fact, annotation.Opinion
	tests := []struct {
		name         string
		as           []annotation.Annotation
		want         State
		wantMajority annotation.Tag
	}{
		{name: "two annotators with one label are unanimous", as: []annotation.Annotation{span("a", f, 0, 9), span("b", f, 0, 9)}, want: Unanimous, wantMajority: f},
		{name: "two labels are a disagreement without majority", as: []annotation.Annotation{span("a", f, 0, 9), span("b", o, 0, 9)}, want: Disagreement},
		{name: "two of three is a disagreement with a majority", as: []annotation.Annotation{span("a", f, 0, 9), span("b", o, 0, 9), span("c", o, 0, 9)},
			want: Disagreement, wantMajority: o},
		{name: "one annotator alone is single", as: []annotation.Annotation{span("a", f, 0, 9)}, want: Single, wantMajority: f},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := Units(tt.as)[0]
			if u.State() != tt.want || u.Majority() != tt.wantMajority {
				t.Errorf("got %s majority %q, want %s %q", u.State(), u.Majority(), tt.want, tt.wantMajority)
			}
		})
	}
}

// TestCompareByHand checks every figure against a hand computation.
//
// Twelve claims; ann and bob mark all twelve, cy the first ten, and bob
// one more span of his own (unit 13):
//
//	unit: 1 2 3 4 5 6 7 8 9 10 11 12 13
//	ann:  F F F F F O O O O U  F  O  .
//	bob:  F F F F O O O O F U  F  O  F
//	cy:   F F F O O O O U F U  .  .  .
//
// Cohen's kappa, (po - pe) / (1 - pe), pe = sum over labels of the two
// annotators' counts multiplied, over n squared:
//
//	ann/bob, n = 12: agree on 10 (not 5, 9), po = 0.83; counts F/O/U ann
//	6/5/1, bob 6/5/1: pe = (36+25+1)/144 = 0.43; kappa = 0.71.
//	ann/cy, n = 10: agree on 1-3, 6, 7, 10, po = 0.60; ann 5/4/1, cy
//	4/4/2: pe = (20+16+2)/100 = 0.38; kappa = 0.22/0.62 = 0.35.
//	bob/cy, n = 10: agree on 1-3, 5-7, 9, 10, po = 0.80; bob 5/4/1, cy
//	4/4/2: pe = 0.38; kappa = 0.42/0.62 = 0.68.
//
// Krippendorff's alpha: units 1-12 are pairable (13 has one value), n =
// 10*3 + 2*2 = 34 values. Units 4, 5, 8 and 9 each hold 2 unequal ordered
// pairs over m-1 = 2, i.e. 2 each: the off-diagonal coincidences sum to 8,
// observed agreement 1 - 8/34 = 0.76. Values: F 16, O 14, U 4; the
// off-diagonal expected sum is 34^2 - (256+196+16) = 688; alpha = 1 -
// 33*8/688 = 0.62.
func TestCompareByHand(t *testing.T) {
	F, O, U := annotation.Fact, annotation.Opinion, annotation.Unverified
	labels := map[string][]annotation.Tag{
		"ann": {F, F, F, F, F, O, O, O, O, U, F, O},
		"bob": {F, F, F, F, O, O, O, O, F, U, F, O, F},
		"cy":  {F, F, F, O, O, O, O, U, F, U},
	}
	var as []annotation.Annotation
	for who, ts := range labels {
		for i, tag := range ts {
			as = append(as, span(who, tag, i*100, i*100+50))
		}
	}
	r := Compare(as, Options{})
	if got := len(r.Units); got != 13 {
		t.Fatalf("got %d units, want 13", got)
	}
	want := map[string]struct{ n, po, kappa string }{
		"ann/bob": {"12", "0.83", "0.71"},
		"ann/cy":  {"10", "0.60", "0.35"},
		"bob/cy":  {"10", "0.80", "0.68"},
	}
	for _, p := range r.Pairs {
		w := want[p.A+"/"+p.B]
		got := struct{ n, po, kappa string }{fmt.Sprint(p.Kappa.N), two(p.Kappa.Observed), two(p.Kappa.Value)}
		if got != w || !p.Kappa.Defined {
			t.Errorf("%s/%s: got n %s po %s kappa %s (%s), want %+v", p.A, p.B, got.n, got.po, got.kappa, p.Kappa, w)
		}
	}
	if a := r.Alpha; !a.Defined || a.N != 12 || a.Values != 34 || two(a.Observed) != "0.76" || two(a.Value) != "0.62" {
		t.Errorf("got alpha %+v, want n 12, 34 values, observed 0.76, alpha 0.62", a)
	}
	// ann/bob: bob marked unit 13 alone.
	if p := r.Pairs[0]; p.OnlyA != 0 || p.OnlyB != 1 {
		t.Errorf("ann/bob: got only-ann %d only-bob %d, want 0 and 1", p.OnlyA, p.OnlyB)
	}
	// The disagreement list is the units the figures counted as unequal.
	var dis []int
	for _, u := range r.Disagreements() {
		dis = append(dis, u.Anchor.Start/100+1)
	}
	if want := []int{4, 5, 8, 9}; !slices.Equal(dis, want) {
		t.Errorf("got disagreements on units %v, want %v", dis, want)
	}
}

func TestCompareLabelsInUseOnly(t *testing.T) {
	F, O := annotation.Fact, annotation.Opinion
	var as []annotation.Annotation
	for i := range 10 {
		tag := F
		if i >= 6 {
			tag = O
		}
		as = append(as, span("ann", tag, i*10, i*10+5), span("bob", tag, i*10, i*10+5))
	}
	r := Compare(as, Options{})
	var tags []annotation.Tag
	for _, l := range r.Labels {
		tags = append(tags, l.Tag)
	}
	if !slices.Equal(tags, []annotation.Tag{F, O}) || !slices.Equal(r.Pairs[0].Confusion.Labels, tags) || len(r.Pairs[0].PerLabel) != 2 {
		t.Fatalf("got labels %v, confusion %v, per-label %d, want fact and opinion only", tags, r.Pairs[0].Confusion.Labels, len(r.Pairs[0].PerLabel))
	}
	if l := r.Labels[0]; l.Uses["ann"] != 6 || l.Uses["bob"] != 6 {
		t.Errorf("got fact uses %v, want 6 each", l.Uses)
	}
	if got := r.Pairs[0].Confusion.Counts; !slices.Equal(got[0], []int{6, 0}) || !slices.Equal(got[1], []int{0, 4}) {
		t.Errorf("got confusion %v, want [[6 0] [0 4]]", got)
	}
	if pl := r.Pairs[0].PerLabel[1]; pl.Both != 4 || pl.Neither != 6 || two(pl.Specific) != "1.00" || two(pl.Kappa.Value) != "1.00" {
		t.Errorf("got opinion %+v, want both 4, neither 6, specific and kappa 1.00", pl)
	}
}

func TestCompareTooFew(t *testing.T) {
	F, O := annotation.Fact, annotation.Opinion
	as := []annotation.Annotation{span("ann", F, 0, 5), span("bob", O, 0, 5), span("ann", F, 10, 15), span("bob", F, 10, 15)}
	r := Compare(as, Options{})
	p := r.Pairs[0]
	if p.Kappa.Defined || p.Kappa.N != 2 || p.Kappa.String() != "too few shared spans (n = 2, need 10)" || two(p.Kappa.Observed) != "0.50" {
		t.Errorf("got kappa %+v (%s), want too few shared spans with n 2 and observed 0.50", p.Kappa, p.Kappa)
	}
	if r.Alpha.Defined || !strings.HasPrefix(r.Alpha.String(), "too few shared spans") {
		t.Errorf("got alpha %s, want too few shared spans", r.Alpha)
	}
	r = Compare(as, Options{MinUnits: 2})
	if !r.Pairs[0].Kappa.Defined {
		t.Errorf("with MinUnits 2, got %s, want a kappa", r.Pairs[0].Kappa)
	}
}

func TestCompareOneLabelIsNotMeasurable(t *testing.T) {
	var as []annotation.Annotation
	for i := range 12 {
		as = append(as, span("ann", annotation.Fact, i*10, i*10+5), span("bob", annotation.Fact, i*10, i*10+5))
	}
	r := Compare(as, Options{})
	if k := r.Pairs[0].Kappa; k.Defined || two(k.Observed) != "1.00" || !strings.HasPrefix(k.Reason, "not measurable") {
		t.Errorf("got %+v, want not measurable with observed 1.00", k)
	}
	if r.Alpha.Defined || !strings.HasPrefix(r.Alpha.Reason, "not measurable") {
		t.Errorf("got alpha %+v, want not measurable", r.Alpha)
	}
}
