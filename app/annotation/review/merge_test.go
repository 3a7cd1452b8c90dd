package review

import (
	"context"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/internal/annotest"
)

// reviewFixture imports three annotators' files onto the old report and
// re-anchors them onto the new one.
func reviewFixture(t *testing.T) (*Review, *Corpus) {
	t.Helper()
	files := [][]annotation.Annotation{
		{ann(t, "urn:a1", "ann", annotation.Forecast, "report", oldReport, "Rates will drop next year"),
			ann(t, "urn:a2", "ann", annotation.Fact, "report", oldReport, "Unemployment rose by 0.3 points")},
		{ann(t, "urn:b1", "bob", annotation.Opinion, "report", oldReport, "Rates will drop next year, analysts"),
			ann(t, "urn:b2", "bob", annotation.Unverified, "report", oldReport, "Exports to Asia doubled")},
		{ann(t, "urn:c1", "cat", annotation.Forecast, "report", oldReport, "will drop next year"),
			ann(t, "urn:c2", "cat", annotation.Fact, "report", oldReport, "Rates")}, // too short to group with a1
	}
	var rv Review
	for i, as := range files {
		res, err := Import("f"+itoa(i), exportOf(t, as...), DefaultLimit)
		if err != nil {
			t.Fatal(err)
		}
		rv.Add(res)
	}
	c := NewCorpus(Document{ID: "report", Title: "Report", Text: newReport})
	placeAll(t, &rv, c)
	return &rv, c
}

// placeAll places rv's annotations not placed yet on c, as the review desk
// does (ReanchorAll off the UI goroutine, then Place), and returns the
// placements.
func placeAll(tb testing.TB, rv *Review, c *Corpus) []Reanchored {
	tb.Helper()
	placed, err := ReanchorAll(context.Background(), rv.Unplaced(), c, nil)
	if err != nil {
		tb.Fatal(err)
	}
	rv.Place(placed)
	return placed
}

func ids(as []annotation.Annotation) string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return strings.Join(out, " ")
}

func TestReviewKeepsWhatWasImportedAndWhereItIsNow(t *testing.T) {
	rv, c := reviewFixture(t)
	tests := []struct {
		name      string
		got, want string
	}{
		{name: "every annotation is kept, orphans too", got: ids(rv.Annotations()), want: "urn:c2 urn:a1 urn:b1 urn:c1 urn:a2 urn:b2"},
		{name: "the placed ones are in the order of their new places", got: ids(rv.Placed()), want: "urn:b2 urn:c2 urn:a1 urn:b1 urn:c1"},
		{name: "the orphan is the deleted paragraph's", got: ids(rv.Orphans()), want: "urn:a2"},
		{name: "nothing waits to be placed", got: ids(rv.Unplaced()), want: ""},
		{name: "annotators are sorted", got: strings.Join(rv.Annotators(), " "), want: "ann bob cat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	a1, _ := rv.Get("urn:a1")
	p, ok := rv.Placement("urn:a1")
	if !ok || p.Result.Status != Moved || a1.Anchor.Start == p.Annotation.Anchor.Start ||
		p.Annotation.Anchor.Start != annotest.RuneIndex(t, newReport, "Rates will drop") {
		t.Errorf("got urn:a1 imported at %d, placed %+v, want it kept as imported and placed where it moved", a1.Anchor.Start, p)
	}
	// A newer version of an annotation replaces it and waits to be placed.
	newer := a1
	newer.Tag, newer.Modified = annotation.Opinion, testTime.Add(time.Hour)
	if st := rv.Add(ImportResult{Annotations: []annotation.Annotation{newer}}); st.Replaced != 1 || fmt.Sprint(st.Changed) != "[urn:a1]" {
		t.Errorf("got %+v, want urn:a1 replaced", st)
	}
	if got := ids(rv.Unplaced()); got != "urn:a1" {
		t.Errorf("got unplaced %q, want urn:a1", got)
	}
	// A placement of the old version is not taken.
	rv.Place([]Reanchored{p})
	if _, ok := rv.Placement("urn:a1"); ok {
		t.Error("a placement of the old version was taken")
	}
	placed, err := ReanchorAll(context.Background(), rv.Unplaced(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	rv.Place(placed)
	if p, ok := rv.Placement("urn:a1"); !ok || p.Annotation.Tag != annotation.Opinion {
		t.Errorf("got %+v, want the new version placed", p)
	}
}

func TestOverview(t *testing.T) {
	rv, c := reviewFixture(t)
	ov := NewOverview(rv.Annotations(), c)
	if got, want := len(ov.Docs), 1; got != want {
		t.Fatalf("got %d documents, want %d", got, want)
	}
	d := ov.Docs[0]
	if d.Doc != "report" || d.Title != "Report" || d.TaggedPassages != 1 {
		t.Errorf("got %+v, want report, Report, 1 tagged passage (the whole text)", d)
	}
	want := map[annotation.Tag]int{annotation.Fact: 2, annotation.Forecast: 2, annotation.Opinion: 1, annotation.Unverified: 1}
	for tag, n := range want {
		if d.Counts[tag] != n || ov.Totals[tag] != n {
			t.Errorf("%s: got %d (total %d), want %d", tag, d.Counts[tag], ov.Totals[tag], n)
		}
	}
	if len(ov.Unverified) != 1 || ov.Unverified[0].ID != "urn:b2" {
		t.Errorf("got unverified %v, want urn:b2", ov.Unverified)
	}
}

func TestSVGBarChart(t *testing.T) {
	svg := SVGBarChart(map[annotation.Tag]int{annotation.Fact: 3, annotation.Opinion: 1, `<script>&"`: 2})
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("got malformed SVG: %v\n%s", err, svg)
	}
	for _, bad := range []string{"<script", "http://", "https://", "href"} {
		if strings.Contains(strings.ReplaceAll(svg, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("got %q in SVG:\n%s", bad, svg)
		}
	}
	for _, want := range []string{">fact<", ">3<", "&lt;script&gt;&amp;&#34;", ">unverified<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("got no %q in SVG:\n%s", want, svg)
		}
	}
}
