package annotation

import (
	"slices"
	"testing"
)

func ids(as []Annotation) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestSelect(t *testing.T) {
	as := []Annotation{
		mustAnnotation(t, "urn:x:3", Opinion, "bob", 74, 98),
		mustAnnotation(t, "urn:x:1", Fact, "ann", 0, 31),
		mustAnnotation(t, "urn:x:2", Forecast, "ann", 33, 59),
	}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{name: "no filter lists all in document order", want: []string{"urn:x:1", "urn:x:2", "urn:x:3"}},
		{name: "a tag filter keeps that tag", filter: Filter{Tag: Forecast}, want: []string{"urn:x:2"}},
		{name: "a creator filter keeps that creator", filter: Filter{Creator: "ann"}, want: []string{"urn:x:1", "urn:x:2"}},
		{name: "an unknown document matches nothing", filter: Filter{Doc: "doc-9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Select(as, tt.filter)); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
