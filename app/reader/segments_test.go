package reader

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest/provenance"
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

// testDoc is "Head. Revenue grew 20%. Margins will fall." with one passage
// p1 over both sentences (the head is left out).
var testDoc = []rune("Head. Revenue grew 20%. Margins will fall.")

func testPassage() workspace.Passage {
	return workspace.Passage{ID: "p1", Start: 6, End: 42, Text: string(testDoc[6:42]),
		Sentences: []workspace.Sentence{{ID: "s1", Start: 6, End: 23}, {ID: "s2", Start: 24, End: 42}}}
}

// at returns the code point span of the first s in testDoc.
func at(t *testing.T, s string) (int, int) {
	t.Helper()
	i := strings.Index(string(testDoc), s)
	if i < 0 {
		t.Fatalf("no %q in the test document", s)
	}
	n := len([]rune(string(testDoc)[:i]))
	return n, n + len([]rune(s))
}

func TestSegmentPassage(t *testing.T) {
	p := testPassage()
	text := []rune(p.Text)
	type seg struct {
		text, sentence string
		anns           []string
		repair, match  int
		picked         bool
	}
	ann := func(id string, tag annotation.Tag, s string) workspace.Item {
		a, b := at(t, s)
		return testAnn(t, id, tag, "d", testDoc, a, b)
	}
	sp := func(s string) index.Span { a, b := at(t, s); return index.Span{Start: a, End: b} }
	tests := []struct {
		name    string
		anns    []workspace.Item
		repairs []provenance.Repair
		matches []index.Span
		picked  span
		want    []seg
	}{
		{name: "no marks gives the sentences and the space between", want: []seg{
			{text: "Revenue grew 20%.", sentence: "s1"}, {text: " "}, {text: "Margins will fall.", sentence: "s2"}}},
		{name: "one sentence tagged", anns: []workspace.Item{ann("a", annotation.Fact, "Revenue grew 20%.")}, want: []seg{
			{text: "Revenue grew 20%.", sentence: "s1", anns: []string{"a"}}, {text: " "}, {text: "Margins will fall.", sentence: "s2"}}},
		{name: "overlapping spans list the longer first", anns: []workspace.Item{
			ann("short", annotation.Fact, "grew"), ann("long", annotation.Opinion, "Revenue grew 20%. Margins will fall.")}, want: []seg{
			{text: "Revenue ", sentence: "s1", anns: []string{"long"}},
			{text: "grew", sentence: "s1", anns: []string{"long", "short"}},
			{text: " 20%.", sentence: "s1", anns: []string{"long"}},
			{text: " ", anns: []string{"long"}},
			{text: "Margins will fall.", sentence: "s2", anns: []string{"long"}}}},
		{name: "a span reaching outside the passage is clipped", anns: []workspace.Item{testAnn(t, "a", annotation.Forecast, "d", testDoc, 0, 10)}, want: []seg{
			{text: "Reve", sentence: "s1", anns: []string{"a"}}, {text: "nue grew 20%.", sentence: "s1"}, {text: " "}, {text: "Margins will fall.", sentence: "s2"}}},
		{name: "repairs, matches and the selection cut the text too",
			anns:    []workspace.Item{ann("a", annotation.Fact, "grew 20%")},
			repairs: []provenance.Repair{{Start: 21, End: 22, From: "Ã¯", To: "%"}},
			matches: []index.Span{sp("Revenue"), sp("fall")},
			picked:  span{Start: 32, End: 41},
			want: []seg{
				{text: "Revenue", sentence: "s1", match: 1}, {text: " ", sentence: "s1"},
				{text: "grew 20", sentence: "s1", anns: []string{"a"}}, {text: "%", sentence: "s1", anns: []string{"a"}, repair: 1},
				{text: ".", sentence: "s1"}, {text: " "},
				{text: "Margins ", sentence: "s2"}, {text: "will ", sentence: "s2", picked: true},
				{text: "fall", sentence: "s2", match: 2, picked: true}, {text: ".", sentence: "s2"}}},
		{name: "marks outside the passage are left out",
			repairs: []provenance.Repair{{Start: 0, End: 1, From: "x", To: "H"}},
			matches: []index.Span{{Start: 2, End: 4}},
			want:    []seg{{text: "Revenue grew 20%.", sentence: "s1"}, {text: " "}, {text: "Margins will fall.", sentence: "s2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []seg
			joined := ""
			for _, s := range segmentPassage(p, text, newLayers(tt.anns, tt.repairs, tt.matches, tt.picked)) {
				got = append(got, seg{s.Text, s.Sentence, s.Anns, s.Repair, s.Match, s.Picked})
				joined += s.Text
			}
			if joined != p.Text {
				t.Errorf("segments join to %q, want the passage text %q", joined, p.Text)
			}
			if !slices.EqualFunc(got, tt.want, func(a, b seg) bool {
				return a.text == b.text && a.sentence == b.sentence && slices.Equal(a.anns, b.anns) &&
					a.repair == b.repair && a.match == b.match && a.picked == b.picked
			}) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// shape writes nodes as text: sentence(…), ann:ID(…), with * for a head.
func shape(ns []node) string {
	var b strings.Builder
	for _, n := range ns {
		if n.Kind == textNode {
			fmt.Fprintf(&b, "%q", n.Text)
			continue
		}
		name := map[nodeKind]string{sentenceNode: "s", annNode: "a", repairNode: "r", matchNode: "m", pickedNode: "sel"}[n.Kind]
		if n.ID != "" {
			name += ":" + n.ID
		}
		if n.Head {
			name += "*"
		}
		fmt.Fprintf(&b, "%s(%s)", name, shape(n.Kids))
	}
	return b.String()
}

func TestNestKeepsAnAnnotationWhole(t *testing.T) {
	p := testPassage()
	ann := func(id string, tag annotation.Tag, s string) workspace.Item {
		a, b := at(t, s)
		return testAnn(t, id, tag, "d", testDoc, a, b)
	}
	tests := []struct {
		name    string
		anns    []workspace.Item
		matches []index.Span
		want    string
	}{
		{"a short annotation nests inside a long one", []workspace.Item{ann("long", annotation.Opinion, "Revenue grew 20%."), ann("short", annotation.Fact, "grew")},
			nil, `s:s1(a:long*("Revenue "a:short*("grew")" 20%."))" "s:s2("Margins will fall.")`},
		{"a match inside an annotation does not split its mark", []workspace.Item{ann("a", annotation.Fact, "Revenue grew 20%.")},
			[]index.Span{{Start: 14, End: 18}}, `s:s1(a:a*("Revenue "m:0*("grew")" 20%."))" "s:s2("Margins will fall.")`},
		{"crossing annotations split the later one", []workspace.Item{ann("x", annotation.Fact, "Revenue grew"), ann("y", annotation.Forecast, "grew 20%")},
			nil, `s:s1(a:x*("Revenue "a:y*("grew"))a:y(" 20%")".")" "s:s2("Margins will fall.")`},
		{"an annotation over two sentences is one mark per sentence, the head in the first", []workspace.Item{ann("a", annotation.Fact, "20%. Margins")},
			nil, `s:s1("Revenue grew "a:a*("20%."))a:a(" ")s:s2(a:a("Margins")" will fall.")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := nest(segmentPassage(p, []rune(p.Text), newLayers(tt.anns, nil, tt.matches, span{})), map[key]bool{})
			if got := shape(ns); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNestHeadsAcrossPassages(t *testing.T) {
	doc := []rune("One two. Three four.")
	p1 := workspace.Passage{ID: "p1", Start: 0, End: 8, Text: "One two.", Sentences: []workspace.Sentence{{ID: "s1", Start: 0, End: 8}}}
	p2 := workspace.Passage{ID: "p2", Start: 9, End: 20, Text: "Three four.", Sentences: []workspace.Sentence{{ID: "s2", Start: 9, End: 20}}}
	ly := newLayers([]workspace.Item{testAnn(t, "a", annotation.Fact, "d", doc, 4, 14)}, nil, nil, span{})
	seen := map[key]bool{}
	got := shape(nest(segmentPassage(p1, []rune(p1.Text), ly), seen)) + " | " + shape(nest(segmentPassage(p2, []rune(p2.Text), ly), seen))
	want := `s:s1("One "a:a*("two.")) | s:s2(a:a("Three")" four.")`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
