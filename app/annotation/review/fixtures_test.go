package review_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/annotation/gold"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// importFixtures imports the three annotators' files into a fresh review,
// as a reviewer's fresh profile would, and re-anchors them.
func importFixtures(t *testing.T) (*review.Review, *review.Corpus, []review.ImportResult, []review.Reanchored) {
	t.Helper()
	c := apptest.DefaultCorpus(t)
	var rv review.Review
	var results []review.ImportResult
	for _, name := range []string{"ann.w3c.jsonld", "bob.w3c.json", "cara.hypothesis.json"} {
		res, err := review.ImportWith(context.Background(), name, readFixture(t, name), review.Options{Limit: review.DefaultLimit, Corpus: c})
		if err != nil {
			t.Fatal(err)
		}
		rv.Add(res)
		results = append(results, res)
	}
	return &rv, c, results, review.PlaceAll(t, &rv, c)
}

func TestFixturesImportWithEveryEntryPlacedButOneOrphan(t *testing.T) {
	_, _, results, placed := importFixtures(t)
	want := []struct {
		format   review.Format
		entries  int
		creators string
	}{
		{review.FormatW3C, 16, "Ann"},
		{review.FormatW3C, 17, "bob"}, // 16 annotations, one of them with two targets
		{review.FormatHypothesis, 15, "Cara"},
	}
	for i, res := range results {
		if res.Format != want[i].format || len(res.Annotations) != want[i].entries || len(res.Rejected) != 0 || len(res.Warnings) != 0 {
			t.Errorf("%s: got format %s, %d annotations, rejected %v, warnings %v; want %s, %d, none",
				res.Name, res.Format, len(res.Annotations), res.Rejected, res.Warnings, want[i].format, want[i].entries)
		}
		for _, a := range res.Annotations {
			if a.Creator != want[i].creators {
				t.Errorf("%s: annotation %s by %q, want %q", res.Name, a.ID, a.Creator, want[i].creators)
			}
		}
	}
	counts := map[review.Status]int{}
	var orphans []annotation.Annotation
	for _, p := range placed {
		counts[p.Result.Status]++
		if p.Result.Status == review.Orphan {
			orphans = append(orphans, p.Annotation)
		}
	}
	// Ann's positions are code points of the document (exact); Bob's
	// quotes come without positions and Cara's positions are the web
	// page's (moved); Cara read one document on its original site (found by
	// its quote in another document than the unknown source).
	wantCounts := map[review.Status]int{review.Exact: 16, review.Moved: 30, review.OtherDocument: 1, review.Orphan: 1}
	if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
		t.Errorf("got re-anchoring %v, want %v", counts, wantCounts)
	}
	if len(orphans) != 1 || orphans[0].Note != orphanNote || orphans[0].Tag != annotation.Unverified {
		t.Errorf("got orphans %+v, want Cara's unverified guidance quote with its note", orphans)
	}
}

func TestFixturesImportTwiceAddsNothing(t *testing.T) {
	rv, c, _, _ := importFixtures(t)
	n := len(rv.Annotations())
	for _, name := range []string{"ann.w3c.jsonld", "bob.w3c.json", "cara.hypothesis.json"} {
		res, err := review.ImportWith(context.Background(), name, readFixture(t, name), review.Options{Corpus: c})
		if err != nil {
			t.Fatal(err)
		}
		if st := rv.Add(res); st.Added != 0 {
			t.Errorf("%s again: got %+v, want nothing added", name, st)
		}
	}
	if got := len(rv.Annotations()); got != n {
		t.Errorf("got %d annotations, want %d", got, n)
	}
}

// placedAnnotations returns the annotations re-anchoring placed.
func placedAnnotations(placed []review.Reanchored) []annotation.Annotation {
	var out []annotation.Annotation
	for _, p := range placed {
		if p.Result.Status != review.Orphan {
			out = append(out, p.Annotation)
		}
	}
	return out
}

// TestFixturesAgreementByHand checks the figures of the three files
// against a hand computation. The labels per span (fixtureSpans), F fact,
// C forecast, O opinion, U unverified, "." not marked:
//
//	span  1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17
//	Ann   F C O F U F O C F F  U  O  F  C  O  O  .
//	Bob   F C C F C F O C F F  F  O  U  C  O  F  F
//	Cara  F O O F U F O C F .  U  O  F  C  .  F  .
//
// Cohen's kappa = (po - pe) / (1 - pe), pe the sum over labels of the two
// annotators' counts multiplied, over n squared:
//
//	Ann/Bob, n = 16 (1-16): agree on 11 (not 3, 5, 11, 13, 16): po =
//	11/16 = 0.69. Counts F/C/O/U: Ann 6/3/5/2, Bob 7/5/3/1. pe = (42 +
//	15 + 15 + 2) / 256 = 0.29. kappa = (0.6875 - 0.2891) / 0.7109 = 0.56.
//	Ann/Cara, n = 14 (not 10, 15): agree on 12 (not 2, 16): po = 0.86.
//	Ann 5/3/4/2, Cara 6/2/4/2. pe = (30 + 6 + 16 + 4) / 196 = 0.29.
//	kappa = (0.8571 - 0.2857) / 0.7143 = 0.80.
//	Bob/Cara, n = 14: agree on 9 (not 2, 3, 5, 11, 13): po = 0.64. Bob
//	6/5/2/1, Cara 6/2/4/2. pe = (36 + 10 + 8 + 2) / 196 = 0.29. kappa =
//	(0.6429 - 0.2857) / 0.7143 = 0.50.
//
// Krippendorff's alpha: spans 1-16 are pairable (17 has one label): 14
// spans of three labels and two of two, n = 46 values. The six spans with
// one dissent among three (2, 3, 5, 11, 13, 16) each hold 4 unequal
// ordered pairs over m - 1 = 2: the off-diagonal coincidences sum to 12,
// observed agreement 1 - 12/46 = 0.74. Values: F 19, C 10, O 12, U 5; the
// off-diagonal expected sum is 46^2 - (361 + 100 + 144 + 25) = 1486;
// alpha = 1 - 45 * 12 / 1486 = 0.64.
func TestFixturesAgreementByHand(t *testing.T) {
	_, _, _, placed := importFixtures(t)
	r := agreement.Compare(placedAnnotations(placed), agreement.Options{})
	if got := len(r.Units); got != 17 {
		t.Fatalf("got %d units, want 17 spans", got)
	}
	want := map[string]string{
		"Ann/Cara": "0.80 (n = 14, observed 0.86)",
		"Ann/bob":  "0.56 (n = 16, observed 0.69)",
		"Cara/bob": "0.50 (n = 14, observed 0.64)",
	}
	for _, p := range r.Pairs {
		if got := p.Kappa.String(); got != want[p.A+"/"+p.B] {
			t.Errorf("%s/%s: got kappa %s, want %s", p.A, p.B, got, want[p.A+"/"+p.B])
		}
	}
	if got := r.Alpha.String(); got != "0.64 (n = 16, observed 0.74)" || r.Alpha.Values != 46 {
		t.Errorf("got alpha %s over %d values, want 0.64 (n = 16, observed 0.74) over 46", got, r.Alpha.Values)
	}
	var dis []string
	for _, u := range r.Disagreements() {
		dis = append(dis, u.Anchor.Exact[:min(12, len(u.Anchor.Exact))])
	}
	if len(dis) != 6 {
		t.Errorf("got %d disagreements %q, want the six spans with a dissent", len(dis), dis)
	}
}

func TestFixturesAdjudicateToGoldAndBack(t *testing.T) {
	_, c, _, placed := importFixtures(t)
	units := agreement.Compare(placedAnnotations(placed), agreement.Options{}).Units
	q := adjudicate.NewQueue(units, nil)
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	if _, err := q.AcceptUnanimous("Rita", now); err != nil {
		t.Fatal(err)
	}
	if got := q.Progress().String(); got != "10 of 17 spans decided" { // spans 1, 4, 6-10, 12, 14, 15
		t.Errorf("after bulk accept: got %q, want 10 of 17 spans decided", got)
	}
	for {
		it, ok := q.Next("")
		if !ok {
			break
		}
		label := it.Unit.Majority()
		if label == "" {
			label = it.Unit.Annotations[0].Tag
		}
		if _, err := q.Decide(it.Unit.Key, label, "majority", "Rita", now); err != nil {
			t.Fatal(err)
		}
	}
	if p := q.Progress(); !p.Done() || p.String() != "17 of 17 spans decided" {
		t.Errorf("got %s, want all decided", p)
	}
	g := q.Gold(c.Info("fp"), now)
	b, err := g.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// The gold file imports back as a reviewed set.
	res, err := review.ImportWith(context.Background(), "gold.json", b, review.Options{Corpus: c})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != review.FormatGold || !res.Reviewed || len(res.Annotations) != 17 || len(res.Rejected) != 0 {
		t.Fatalf("gold import: got %s reviewed=%v, %d annotations, rejected %v", res.Format, res.Reviewed, len(res.Annotations), res.Rejected)
	}
	for i, s := range res.Gold {
		if s.ID != res.Annotations[i].ID || len(s.Annotations) == 0 {
			t.Errorf("gold span %d: got %s with %d sources, want annotation %s's span with its provenance", i, s.ID, len(s.Annotations), res.Annotations[i].ID)
		}
	}
	if p := adjudicate.NewQueue(units, adjudicate.FromGold(gold.File{Spans: res.Gold})).Progress(); !p.Done() {
		t.Errorf("the imported gold file resumes as %s, want every span decided", p)
	}
	// A span repeated with another label is rejected: the first one's
	// decision is the one kept.
	first := g.Spans[0]
	again := first
	again.Label = annotation.Opinion
	if first.Label == again.Label {
		again.Label = annotation.Fact
	}
	var file map[string]any // Marshal refuses a repeated span: splice it in
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(again)
	if err != nil {
		t.Fatal(err)
	}
	file["spans"] = append(file["spans"].([]any), json.RawMessage(raw))
	if b, err = json.Marshal(file); err != nil {
		t.Fatal(err)
	}
	res2, err := review.ImportWith(context.Background(), "gold.json", b, review.Options{Corpus: c})
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Rejected) != 1 || len(res2.Gold) != len(res2.Annotations) || res2.Gold[0].ID != first.ID || res2.Gold[0].Label != first.Label {
		t.Errorf("gold file with span %s repeated as %s: got rejected %v, first span %s %s, want the repeat rejected and the first kept as %s",
			first.ID, again.Label, res2.Rejected, res2.Gold[0].ID, res2.Gold[0].Label, first.Label)
	}
	var rv review.Review
	rv.Add(res)
	for _, p := range review.PlaceAll(t, &rv, c) {
		if p.Result.Status != review.Exact || p.Annotation.Status != annotation.Accepted || p.Annotation.Creator != "Rita" {
			t.Errorf("gold span %s: got %s, status %q by %q, want exact, accepted, by Rita", p.Annotation.ID, p.Result.Status, p.Annotation.Status, p.Annotation.Creator)
		}
	}
	// Every span carries every annotator's label.
	rows := g.Rows()
	if got, want := len(rows), 14*3+2*2+1; got != want { // 14 spans with three annotators, 2 with two, 1 with one
		t.Errorf("got %d CSV rows, want one per span and annotator, %d", got, want)
	}
	var csv bytes.Buffer
	if err := gold.WriteCSV(&csv, rows); err != nil {
		t.Fatal(err)
	}
	back, err := gold.ReadCSV(&csv)
	if err != nil || len(back) != len(rows) {
		t.Errorf("CSV read back: %d rows, %v", len(back), err)
	}
	// And the W3C form reads back too.
	w, err := gold.W3C(g, "http://127.0.0.1:8000/")
	if err != nil {
		t.Fatal(err)
	}
	wres, err := review.ImportWith(context.Background(), "gold.w3c.jsonld", w, review.Options{Corpus: c})
	if err != nil || len(wres.Annotations) != 17 || len(wres.Rejected) != 0 {
		t.Errorf("gold W3C import: %d annotations, rejected %v, %v", len(wres.Annotations), wres.Rejected, err)
	}
}

func TestOtherFixturesSayWhyEachEntryIsRefused(t *testing.T) {
	c := apptest.DefaultCorpus(t)
	tests := []struct {
		name         string
		format       review.Format
		accepted     []string // creator:tag@doc
		rejected     map[int]string
		wantWarnings int
	}{
		{name: "dan.hypothesis-search.json", format: review.FormatHypothesis, accepted: []string{"dan:forecast@002_811ec14697f2496f"},
			rejected:     map[int]string{1: "page note", 2: "reply to Gd0aBcDeFgHiJkLmNoPqRs", 3: "no label", 4: "two labels", 5: "field /text: invalid UTF-8"},
			wantWarnings: 1},
		{name: "lena.recogito.json", format: review.FormatW3C,
			accepted: []string{"lena:opinion@003_b8f8d3d2afcff4c0", "lena:unverified@002_811ec14697f2496f"},
			rejected: map[int]string{1: "no label"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := review.ImportWith(context.Background(), tt.name, readFixture(t, tt.name), review.Options{Corpus: c})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range res.Annotations {
				got = append(got, fmt.Sprintf("%s:%s@%s", a.Creator, a.Tag, a.Anchor.Doc))
			}
			if res.Format != tt.format || !slices.Equal(got, tt.accepted) {
				t.Errorf("got %s %v, want %s %v", res.Format, got, tt.format, tt.accepted)
			}
			if len(res.Rejected) != len(tt.rejected) {
				t.Errorf("got rejected %+v, want %d", res.Rejected, len(tt.rejected))
			}
			for _, r := range res.Rejected {
				if want, ok := tt.rejected[r.Index]; !ok || !strings.Contains(r.Reason, want) || r.ID == "" {
					t.Errorf("entry %d (%s): got reason %q, want %q", r.Index, r.ID, r.Reason, want)
				}
			}
			if len(res.Warnings) != tt.wantWarnings {
				t.Errorf("got warnings %q, want %d", res.Warnings, tt.wantWarnings)
			}
		})
	}
}

func TestImportProgressAndCancel(t *testing.T) {
	data := readFixture(t, "ann.w3c.jsonld")
	var calls [][2]int
	res, err := review.ImportWith(context.Background(), "ann", data, review.Options{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if err != nil || len(res.Annotations) != 16 {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[0] != [2]int{0, 16} || calls[len(calls)-1] != [2]int{16, 16} {
		t.Errorf("got progress %v, want it from 0 to 16 of 16", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := review.ImportWith(ctx, "ann", data, review.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the import cancelled", err)
	}
}
