package app

import (
	"reflect"
	"testing"

	"github.com/claimtag/claimtag/index"
)

func TestCoveredDates(t *testing.T) {
	tests := []struct {
		name string
		in   []index.Facet
		want []index.Facet
	}{
		{"a month covers its days",
			[]index.Facet{{Value: "2026-03-10", Count: 44}, {Value: "2026-05-30", Count: 9}, {Value: "2026-03", Count: 5}},
			[]index.Facet{{Value: "2026-03", Count: 49}, {Value: "2026-03-10", Count: 44}, {Value: "2026-05-30", Count: 9}}},
		{"unrelated dates keep their counts",
			[]index.Facet{{Value: "2025-08", Count: 3}, {Value: "2026-03", Count: 3}},
			[]index.Facet{{Value: "2025-08", Count: 3}, {Value: "2026-03", Count: 3}}},
		{"no facets give none", nil, []index.Facet{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := coveredDates(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("coveredDates(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
