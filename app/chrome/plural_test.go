package chrome

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "annotation", "annotations", "0 annotations"},
		{1, "annotation", "annotations", "1 annotation"},
		{2, "annotation", "annotations", "2 annotations"},
		{-1, "change", "changes", "-1 changes"},
		{1, "passage matches", "passages match", "1 passage matches"},
		{21, "passage matches", "passages match", "21 passages match"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Count(tt.n, tt.one, tt.many); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := Plural(1, "was", "were") + " " + Plural(3, "was", "were"); got != "was were" {
		t.Errorf("got %q, want %q", got, "was were")
	}
}
