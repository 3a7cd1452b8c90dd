package app

import (
	"slices"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/index"
)

func testAnn(tb testing.TB, id string, tag annotation.Tag, doc string, text []rune, start, end int) annotation.Annotation {
	tb.Helper()
	anc, err := annotation.AnchorRunes(doc, "", text, start, end)
	if err != nil {
		tb.Fatal(err)
	}
	a := annotation.New(tag, anc, "tester", time.Unix(0, 0))
	a.ID = id
	return a
}

func TestSegmentPassage(t *testing.T) {
	doc := []rune("Head. Revenue grew 20%. Margins will fall.")
	p := index.Passage{ID: "p1", Doc: "d", Start: 6, End: 42, Text: string(doc[6:42]),
		Sentences: []index.Sentence{{ID: "s1", Start: 6, End: 23}, {ID: "s2", Start: 24, End: 42}}}
	text := []rune(p.Text)
	type seg struct {
		text, sentence string
		tag            annotation.Tag
		anns           []string
	}
	tests := []struct {
		name string
		anns []annotation.Annotation
		want []seg
	}{
		{"no annotations gives the sentences and the space between", nil, []seg{
			{"Revenue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"one sentence tagged", []annotation.Annotation{testAnn(t, "a", annotation.Fact, "d", doc, 6, 23)}, []seg{
			{"Revenue grew 20%.", "s1", annotation.Fact, []string{"a"}}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"overlapping spans show the shorter on top", []annotation.Annotation{
			testAnn(t, "long", annotation.Opinion, "d", doc, 6, 42), testAnn(t, "short", annotation.Fact, "d", doc, 14, 18)}, []seg{
			{"Revenue ", "s1", annotation.Opinion, []string{"long"}},
			{"grew", "s1", annotation.Fact, []string{"short", "long"}},
			{" 20%.", "s1", annotation.Opinion, []string{"long"}},
			{" ", "", annotation.Opinion, []string{"long"}},
			{"Margins will fall.", "s2", annotation.Opinion, []string{"long"}}}},
		{"a span reaching outside the passage is clipped", []annotation.Annotation{testAnn(t, "a", annotation.Forecast, "d", doc, 0, 10)}, []seg{
			{"Reve", "s1", annotation.Forecast, []string{"a"}}, {"nue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
		{"other documents are ignored", []annotation.Annotation{testAnn(t, "a", annotation.Fact, "other", doc, 6, 23)}, []seg{
			{"Revenue grew 20%.", "s1", "", nil}, {" ", "", "", nil}, {"Margins will fall.", "s2", "", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []seg
			joined := ""
			for _, s := range segmentPassage(p, text, tt.anns) {
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

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []index.Span
		want  []piece
	}{
		{"no spans is one plain piece", "abc", nil, []piece{{"abc", false}}},
		{"spans become marks", "EBITDA rose, EBITDA fell", spans(0, 6, 13, 19),
			[]piece{{"EBITDA", true}, {" rose, ", false}, {"EBITDA", true}, {" fell", false}}},
		{"offsets are code points", "金山云 cloud", spans(0, 3), []piece{{"金山云", true}, {" cloud", false}}},
		{"bad spans are skipped", "abc", spans(2, 9, 1, 1), []piece{{"abc", false}}},
		{"markup stays text", "<b>x</b>", spans(3, 4), []piece{{"<b>", false}, {"x", true}, {"</b>", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := highlight(tt.text, tt.spans); !slices.Equal(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// spans pairs up offsets: spans(0, 6, 13, 19) is [{0 6} {13 19}].
func spans(xs ...int) []index.Span {
	var out []index.Span
	for i := 0; i+1 < len(xs); i += 2 {
		out = append(out, index.Span{Start: xs[i], End: xs[i+1]})
	}
	return out
}
