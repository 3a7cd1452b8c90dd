package chrome

import (
	"slices"
	"testing"

	"github.com/claimtag/claimtag/index"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []index.Span
		want  []Piece
	}{
		{"no spans is one plain piece", "abc", nil, []Piece{{"abc", false}}},
		{"spans become marks", "EBITDA rose, EBITDA fell", spans(0, 6, 13, 19),
			[]Piece{{"EBITDA", true}, {" rose, ", false}, {"EBITDA", true}, {" fell", false}}},
		{"offsets are code points", "金山云 cloud", spans(0, 3), []Piece{{"金山云", true}, {" cloud", false}}},
		{"bad spans are skipped", "abc", spans(2, 9, 1, 1), []Piece{{"abc", false}}},
		{"markup stays text", "<b>x</b>", spans(3, 4), []Piece{{"<b>", false}, {"x", true}, {"</b>", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Highlight(tt.text, tt.spans); !slices.Equal(got, tt.want) {
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
