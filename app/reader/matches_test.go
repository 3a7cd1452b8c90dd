package reader

import (
	"slices"
	"testing"

	"github.com/claimtag/claimtag/index"
)

// spans returns the spans [a0, b0), [a1, b1)… of its arguments.
func spans(ab ...int) []index.Span {
	var out []index.Span
	for i := 0; i+1 < len(ab); i += 2 {
		out = append(out, index.Span{Start: ab[i], End: ab[i+1]})
	}
	return out
}

func TestCleanMatches(t *testing.T) {
	got := cleanMatches(spans(30, 35, 2, 6, 2, 12, 8, 10, 40, 40, 95, 120), 100)
	want := spans(2, 12, 30, 35)
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v: sorted, a phrase over its words, no empty or out-of-range span", got, want)
	}
}

func TestMatchNavigation(t *testing.T) {
	ms := spans(10, 14, 50, 54, 90, 94)
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"the first match from the target passage", firstMatch(ms, 40), 1},
		{"the first match when the target is before all", firstMatch(ms, 0), 0},
		{"a match the target passage starts in counts", firstMatch(ms, 12), 0},
		{"back to the first when the target is after all", firstMatch(ms, 95), 0},
		{"none without matches", firstMatch(nil, 0), -1},
		{"next", stepMatch(0, 3, 1), 1},
		{"next after the last goes round", stepMatch(2, 3, 1), 0},
		{"previous before the first goes round", stepMatch(0, 3, -1), 2},
		{"next from none is the first", stepMatch(-1, 3, 1), 0},
		{"previous from none is the last", stepMatch(-1, 3, -1), 2},
		{"no step without matches", stepMatch(0, 0, 1), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %d, want %d", tt.got, tt.want)
			}
		})
	}
}

func TestMatchLabel(t *testing.T) {
	tests := []struct {
		i, n int
		want string
	}{
		{2, 12, "Match 3 of 12 for “margin”"},
		{-1, 1, "1 match for “margin”"},
		{-1, 4, "4 matches for “margin”"},
		{-1, 0, "No match for “margin” in this document"},
	}
	for _, tt := range tests {
		if got := matchLabel("margin", tt.i, tt.n); got != tt.want {
			t.Errorf("matchLabel(%d, %d) = %q, want %q", tt.i, tt.n, got, tt.want)
		}
	}
}
