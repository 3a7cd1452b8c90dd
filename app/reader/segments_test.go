package reader

import (
	"slices"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/workspace"
)

func testAnn(tb testing.TB, id string, tag annotation.Tag, doc string, text []rune, start, end int) workspace.Item {
	tb.Helper()
	anc, err := annotation.AnchorRunes(doc, "", text, start, end)
	if err != nil {
		tb.Fatal(err)
	}
	a := annotation.New(tag, anc, "tester", time.Unix(0, 0))
	a.ID = id
	return workspace.Item{Annotation: a, Status: anchoring.Exact}
}

func TestSegmentPassage(t *testing.T) {
	doc := []rune("Head. Revenue grew 20%. Margins will fall.")
	p := workspace.Passage{ID: "p1", Start: 6, End: 42, Text: string(doc[6:42]),
		Sentences: []workspace.Sentence{{ID: "s1", Start: 6, End: 23}, {ID: "s2", Start: 24, End: 42}}}
	text := []rune(p.Text)
	type seg struct {
		text, sentence string
		tag            annotation.Tag
		anns           []string
	}
	tests := []struct {
		name string
		anns []workspace.Item
		want []seg
	}{
		{"no annotations gives the sentences and the space between", nil, []seg{
			{"Revenue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"one sentence tagged", []workspace.Item{testAnn(t, "a", annotation.Fact, "d", doc, 6, 23)}, []seg{
			{"Revenue grew 20%.", "s1", annotation.Fact, []string{"a"}}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"overlapping spans show the shorter on top", []workspace.Item{
			testAnn(t, "long", annotation.Opinion, "d", doc, 6, 42), testAnn(t, "short", annotation.Fact, "d", doc, 14, 18)}, []seg{
			{"Revenue ", "s1", annotation.Opinion, []string{"long"}},
			{"grew", "s1", annotation.Fact, []string{"short", "long"}},
			{" 20%.", "s1", annotation.Opinion, []string{"long"}},
			{" ", "", annotation.Opinion, []string{"long"}},
			{"Margins will fall.", "s2", annotation.Opinion, []string{"long"}}}},
		{"a span reaching outside the passage is clipped", []workspace.Item{testAnn(t, "a", annotation.Forecast, "d", doc, 0, 10)}, []seg{
			{"Reve", "s1", annotation.Forecast, []string{"a"}}, {"nue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"other documents are ignored", []workspace.Item{testAnn(t, "a", annotation.Fact, "other", doc, 6, 23)}, []seg{
			{"Revenue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []seg
			joined := ""
			for _, s := range segmentPassage("d", p, text, tt.anns) {
				got = append(got, seg{s.Text, s.Sentence, s.Tag, s.Anns})
				joined += s.Text
			}
			if joined != p.Text {
				t.Errorf("segments join to %q, want the passage text %q", joined, p.Text)
			}
			if !slices.EqualFunc(got, tt.want, func(a, b seg) bool {
				return a.text == b.text && a.sentence == b.sentence && a.tag == b.tag && slices.Equal(a.anns, b.anns)
			}) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
