package search

import "testing"

func TestBrowseShown(t *testing.T) {
	tests := []struct {
		name        string
		docs, extra int
		want        int
	}{
		{"a small corpus is listed whole", 4, 0, 4},
		{"exactly one step", browseStep, 0, browseStep},
		{"a large corpus: the first step", 497, 0, browseStep},
		{"one more step", 497, browseStep, 2 * browseStep},
		{"the last step shows what is left", 57, browseStep, 57},
		{"more asked than there is", 57, 10 * browseStep, 57},
		{"a negative count is no count", 497, -3, browseStep},
		{"no documents", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := browseShown(tt.docs, tt.extra); got != tt.want {
				t.Errorf("browseShown(%d, %d) = %d, want %d", tt.docs, tt.extra, got, tt.want)
			}
		})
	}
}
