//go:build !(js && wasm)

package desk

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/gold"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

// fixtureFiles are two W3C files whose labels are in classifying bodies
// and a Hypothesis client export, made on the default corpus (see
// app/annotation/review/fixtures_test.go for how each was written).
var fixtureFiles = []string{"ann.w3c.jsonld", "bob.w3c.json", "cara.hypothesis.json"}

// fixtureDesk imports the fixture files into a fresh desk over the
// default corpus, as a reviewer's fresh profile would.
func fixtureDesk(t *testing.T) (*Desk, []FileReport) {
	t.Helper()
	d := New(apptest.DefaultCorpus(t), "fp")
	var reps []FileReport
	for _, name := range fixtureFiles {
		reps = append(reps, d.Import(Upload{Name: name, Data: apptest.ReviewFixture(t, name)}))
	}
	return d, reps
}

func TestFixturesOnTheDesk(t *testing.T) {
	d, reps := fixtureDesk(t)
	read, orphans := 0, 0
	for _, r := range reps {
		if r.Err != "" || len(r.Rejected) != 0 || r.Imported() != r.Read {
			t.Errorf("%s: got %+v, want every entry imported", r.Name, r)
		}
		read += r.Read
		orphans += r.Orphaned()
	}
	if read != 48 || orphans != 1 {
		t.Errorf("got %d read, %d orphaned, want 48 and 1", read, orphans)
	}
	if o := d.Orphans(); len(o) != 1 || !strings.Contains(o[0].Note, "transcript is not in the corpus") {
		t.Errorf("got orphans %+v, want Cara's with its note", o)
	}

	// The hand computation is in TestFixturesAgreementByHand: kappa
	// (po - pe) / (1 - pe) per pair over the spans both marked, and
	// Krippendorff's alpha 1 - (n - 1) * 12 / 1486 over 46 values.
	r := d.Agreement()
	var got []string
	for _, p := range r.Pairs {
		got = append(got, fmt.Sprintf("%s/%s %s", p.A, p.B, p.Kappa))
	}
	want := []string{"Ann/Cara 0.80 (n = 14, observed 0.86)", "Ann/bob 0.56 (n = 16, observed 0.69)", "Cara/bob 0.50 (n = 14, observed 0.64)"}
	if !slices.Equal(got, want) {
		t.Errorf("got kappas %q, want %q", got, want)
	}
	if got := r.Alpha.String(); got != "0.64 (n = 16, observed 0.74)" {
		t.Errorf("got alpha %s", got)
	}

	// Adjudicate: bulk accept, then the majority label for the rest.
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	if n, err := d.AcceptUnanimous("Rita", now); n != 10 || err != nil {
		t.Fatalf("got %d accepted, %v, want 10", n, err)
	}
	if got := d.Progress().String(); got != "10 of 17 spans decided" {
		t.Errorf("got %q", got)
	}
	for it, ok := d.Next(""); ok; it, ok = d.Next(it.Unit.Key) {
		label := it.Unit.Majority()
		if label == "" {
			label = it.Unit.Annotations[0].Tag
		}
		if err := d.Decide(it.Unit.Key, label, "majority", "Rita", now); err != nil {
			t.Fatal(err)
		}
	}
	if p := d.Progress(); !p.Done() || p.String() != "17 of 17 spans decided" {
		t.Errorf("got %s", p)
	}

	// The gold file imports back: into a desk holding the annotators'
	// files it resumes the adjudication; into the same desk it changes
	// nothing. Its W3C form imports as the reviewer's annotations.
	goldJSON, err := d.ExportGold(GoldJSON, "", now)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := fixtureDesk(t)
	if rep := fresh.Import(Upload{Name: "claimtag-gold.json", Data: goldJSON}); rep.Err != "" || rep.Decisions != 17 || rep.Format != review.FormatGold {
		t.Errorf("gold into a fresh desk: got %+v, want 17 decisions restored", rep)
	}
	if got := fresh.Progress().String(); got != "17 of 17 spans decided" {
		t.Errorf("resumed: got %q", got)
	}
	if again := fresh.Import(Upload{Name: "claimtag-gold.json", Data: goldJSON}); again.Decisions != 0 || again.Unchanged != 17 {
		t.Errorf("gold twice: got %+v, want nothing new", again)
	}
	if back, err := fresh.ExportGold(GoldJSON, "", now); err != nil || !bytes.Equal(back, goldJSON) {
		t.Errorf("the resumed desk exports another gold file (%v):\n%s", err, back)
	}
	alone := New(d.Corpus(), "fp")
	alone.Import(Upload{Name: "claimtag-gold.json", Data: goldJSON})
	if back, _ := alone.ExportGold(GoldJSON, "", now); !bytes.Equal(back, goldJSON) {
		t.Error("a desk holding only the gold file does not export it again")
	}
	w3c, err := d.ExportGold(GoldW3C, "http://127.0.0.1:8000/", now)
	if err != nil {
		t.Fatal(err)
	}
	if rep := New(d.Corpus(), "fp").Import(Upload{Name: "claimtag-gold.w3c.jsonld", Data: w3c}); rep.Err != "" || rep.Added != 17 || rep.Placed[review.Exact] != 17 {
		t.Errorf("gold W3C: got %+v, want 17 spans placed exactly", rep)
	}
	b, err := d.ExportGold(GoldCSV, "", now)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+14*3+2*2+1 || !slices.Equal(rows[0], gold.CSVHeader) {
		t.Fatalf("got %d rows, header %q, want a header and 47 rows (one per span and annotator)", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if row[6] == "" || row[7] != "Rita" || row[10] == "" || row[11] == "" {
			t.Errorf("got row %q, want a final label, the reviewer, an annotator and their label", row)
		}
	}
	if as := d.GoldAnnotations(now); len(as) != 17 || as[0].Creator != "Rita" || as[0].Status != annotation.Accepted {
		t.Errorf("got gold annotations %+v", as[:min(1, len(as))])
	}
}
