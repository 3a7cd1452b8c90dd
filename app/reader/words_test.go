package reader

import (
	"testing"

	"github.com/claimtag/claimtag/app/workspace"
)

func TestPassageWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"sentence punctuation is left out, signs are kept", "Revenue grew 20%, (RMB2,703.7 million).", []string{"Revenue", "grew", "20%", "RMB2,703.7", "million"}},
		{"quotes and dashes alone are not words", "“Margins” — will fall…", []string{"Margins", "will", "fall"}},
		{"a narrow no-break space separates", "22\u202f%", []string{"22", "%"}},
		{"each Han character is a word", "金山云 grew", []string{"金", "山", "云", "grew"}},
		{"an empty passage has none", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := workspace.Passage{Start: 100, Text: tt.text}
			rs := []rune(tt.text)
			var got []string
			for _, w := range passageWords(p) {
				got = append(got, string(rs[w.Start-100:w.End-100]))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("word %d: got %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestWordKeys(t *testing.T) {
	// "Revenue grew 20%. Margins fall." then "" then "Next one."
	ps := []workspace.Passage{
		{ID: "p1", Start: 0, End: 31, Text: "Revenue grew 20%. Margins fall."},
		{ID: "p2", Start: 33, End: 33, Text: ""},
		{ID: "p3", Start: 35, End: 44, Text: "Next one."},
	}
	doc := []rune("Revenue grew 20%. Margins fall.\n\n\n\nNext one.")
	w := newWords(ps)
	text := func(k pick) string { sp := w.span(k); return string(doc[sp.Start:sp.End]) }
	type press struct {
		delta  int
		extend bool
	}
	tests := []struct {
		name    string
		from    [2]int // the span the first word is taken from
		last    bool
		presses []press
		want    string
		wantOK  bool
	}{
		{"the first word of a sentence", [2]int{0, 17}, false, nil, "Revenue", true},
		{"the last word of a sentence", [2]int{0, 17}, true, nil, "20%", true},
		{"l moves to the next word", [2]int{0, 17}, false, []press{{1, false}}, "grew", true},
		{"L extends word by word", [2]int{0, 17}, false, []press{{1, false}, {1, true}, {1, true}}, "grew 20%. Margins", true},
		{"H shrinks what L extended", [2]int{0, 17}, false, []press{{1, false}, {1, true}, {1, true}, {-1, true}}, "grew 20%", true},
		{"H before the anchor selects backwards", [2]int{18, 31}, false, []press{{-1, true}, {-1, true}}, "grew 20%. Margins", true},
		{"l past a passage's end goes on to the next with words", [2]int{18, 31}, true, []press{{1, false}}, "Next", true},
		{"h back from the next passage", [2]int{35, 44}, false, []press{{-1, false}}, "fall", true},
		{"L stops at the passage's end", [2]int{18, 31}, true, []press{{1, true}}, "fall", false},
		{"h stops at the document's start", [2]int{0, 17}, false, []press{{-1, false}}, "Revenue", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := w.at(tt.from[0], tt.from[1], tt.last)
			if !ok {
				t.Fatal("no word to start from")
			}
			for _, p := range tt.presses {
				k, ok = w.move(k, p.delta, p.extend)
			}
			if got := text(k); got != tt.want || ok != tt.wantOK {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestWordsCoverAMatch(t *testing.T) {
	ps := []workspace.Passage{{ID: "p1", Start: 0, End: 30, Text: "Gross margin rose to 22 %, up."}}
	w := newWords(ps)
	k, ok := w.cover(6, 12) // "margin"
	if sp := w.span(k); !ok || sp != (span{6, 12}) {
		t.Errorf("got %+v, %v; want the word margin", sp, ok)
	}
	k, ok = w.cover(21, 25) // "22 %"
	if sp := w.span(k); !ok || sp != (span{21, 25}) {
		t.Errorf("got %+v, %v; want both words of 22 %%", sp, ok)
	}
	if _, ok := w.cover(40, 45); ok {
		t.Error("got a pick outside the text, want none")
	}
}
