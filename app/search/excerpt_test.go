package search

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
)

func TestExcerptKeepsTheMatchesAndTheirMarks(t *testing.T) {
	long := strings.Repeat("filler words here ", 40) // 720 code points
	tests := []struct {
		name      string
		text      string
		spans     []index.Span
		cutBefore bool
		cutAfter  bool
	}{
		{"a short passage is whole", "Gross margin fell.", []index.Span{{Start: 0, End: 5}}, false, false},
		{"a match far in starts the excerpt a little before it", long + "the gross margin fell to 12.8% " + long,
			[]index.Span{{Start: 724, End: 729}, {Start: 730, End: 736}}, true, true},
		{"a match at the start keeps the start", "gross margin " + long, []index.Span{{Start: 0, End: 5}}, false, true},
		{"a match at the end keeps the end", long + "gross margin", []index.Span{{Start: 720, End: 725}}, true, false},
		{"no match shows the start", long, nil, false, true},
		{"matches far apart are each shown, joined by …", "gross " + long + "margin " + long,
			[]index.Span{{Start: 0, End: 5}, {Start: 726, End: 732}}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, spans := excerpt(tt.text, tt.spans)
			if n := len([]rune(got)); n > excerptRunes+12 {
				t.Errorf("excerpt of %d code points, want at most about %d", n, excerptRunes)
			}
			if strings.HasPrefix(got, "… ") != tt.cutBefore || strings.HasSuffix(got, " …") != tt.cutAfter {
				t.Errorf("excerpt %q: cut before %v, after %v; want %v, %v", got, strings.HasPrefix(got, "…"), strings.HasSuffix(got, "…"), tt.cutBefore, tt.cutAfter)
			}
			if len(spans) != len(tt.spans) {
				t.Fatalf("%d spans kept, want %d", len(spans), len(tt.spans))
			}
			rs, orig := []rune(got), []rune(tt.text)
			for i, s := range spans {
				if g, w := string(rs[s.Start:s.End]), string(orig[tt.spans[i].Start:tt.spans[i].End]); g != w {
					t.Errorf("span %d marks %q, want %q", i, g, w)
				}
			}
		})
	}
}

// FuzzExcerpt checks that any text and spans give an excerpt whose spans
// mark the same words as in the text, never out of range.
func FuzzExcerpt(f *testing.F) {
	f.Add(strings.Repeat("word ", 100)+"gross margin", 500, 505, 10, 14)
	f.Add("short", 0, 5, 2, 1)
	f.Add(strings.Repeat("é ", 300), 0, 1, 599, 600)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		rs := []rune(text)
		var spans []index.Span
		for _, s := range []index.Span{{Start: a, End: b}, {Start: c, End: d}} {
			if s.Start >= 0 && s.End <= len(rs) && s.Start < s.End && (len(spans) == 0 || s.Start >= spans[0].End) {
				spans = append(spans, s)
			}
		}
		got, kept := excerpt(text, spans)
		out := []rune(got)
		for _, s := range kept {
			if s.Start < 0 || s.End > len(out) || s.Start >= s.End {
				t.Fatalf("span %v out of the excerpt's %d code points", s, len(out))
			}
			found := false
			for _, o := range spans {
				found = found || string(rs[o.Start:o.End]) == string(out[s.Start:s.End])
			}
			if !found {
				t.Fatalf("span %v marks %q, which no span of the text marks", s, string(out[s.Start:s.End]))
			}
		}
	})
}
