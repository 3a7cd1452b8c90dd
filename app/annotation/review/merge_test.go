package review

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
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
	rv.Reanchor(c)
	return &rv, c
}

func groupIDs(gs []Group) string {
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

func TestGroups(t *testing.T) {
	rv, _ := reviewFixture(t)
	all := rv.Groups()
	tests := []struct {
		name string
		got  []Group
		want string
	}{
		{name: "all groups spans overlapping by half, orphans left out", got: all, want: "urn:b2 urn:c2 urn:a1+urn:b1+urn:c1"},
		{name: "the annotator view keeps one creator", got: ByAnnotator(all, "bob"), want: "urn:b2 urn:b1"},
		{name: "disagreements are groups with several tags", got: Disagreements(all), want: "urn:a1+urn:b1+urn:c1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIDs(tt.got); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := rv.Orphans(); len(got) != 1 || got[0].ID != "urn:a2" {
		t.Errorf("got orphans %v, want urn:a2", got)
	}
	if got, want := len(rv.Annotations()), 6; got != want {
		t.Errorf("got %d annotations, want %d (orphans are kept)", got, want)
	}
}

func TestReviewedExport(t *testing.T) {
	rv, c := reviewFixture(t)
	for _, id := range []string{"urn:a1", "urn:c1"} {
		if err := rv.Accept(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := rv.Reject("urn:b1"); err != nil {
		t.Fatal(err)
	}
	if err := rv.Accept("urn:none"); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
	exp := rv.Reviewed(c.Info("fp2"), testTime)
	b, err := exp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := annotation.ParseExport(b)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range back.Annotations {
		ids = append(ids, a.ID)
		if a.Status != annotation.Accepted {
			t.Errorf("%s: got status %q, want accepted", a.ID, a.Status)
		}
	}
	if got, want := strings.Join(ids, " "), "urn:a1 urn:c1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := back.Annotations[0].Anchor.Start, runeIndex(t, newReport, "Rates will drop"); got != want {
		t.Errorf("got re-anchored start %d, want %d", got, want)
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
