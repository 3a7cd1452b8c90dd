package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestLightStemFoldsInflectionsOnly(t *testing.T) {
	same := [][2]string{
		{"exception", "exceptions"}, {"query", "queries"}, {"class", "classes"}, {"sort", "sorting"},
		{"sort", "sorted"}, {"compute", "computing"}, {"stop", "stopped"}, {"python", "python's"},
		{"generator", "generators"}, {"dress", "dressed"},
	}
	for _, p := range same {
		if lightStem(p[0]) != lightStem(p[1]) {
			t.Errorf("lightStem(%q) = %q, lightStem(%q) = %q: want the same", p[0], lightStem(p[0]), p[1], lightStem(p[1]))
		}
	}
	apart := [][2]string{{"generator", "generate"}, {"generator", "general"}, {"collection", "collector"}, {"exception", "exceptional"}}
	for _, p := range apart {
		if lightStem(p[0]) == lightStem(p[1]) {
			t.Errorf("lightStem(%q) = lightStem(%q) = %q: want them apart", p[0], p[1], lightStem(p[0]))
		}
	}
}

func TestDeclares(t *testing.T) {
	tests := []struct {
		text, ident string
		want        bool
	}{
		{"exception KeyError", "KeyError", true},
		{"exception KeyError", "keyerror", true},
		{"class collections.Counter([iterable-or-mapping])", "Counter", true},
		{"os.path.join(path, *paths)", "os.path.join", true},
		{"enumerate(iterable, start=0)", "enumerate", true},
		{"async def main() -> None", "main", true},
		{"sorted(iterable, /, *, key=None, reverse=False) -> list", "sorted", true},
		{"KeyError", "KeyError", false},        // a name alone: a table cell, a heading
		{"Beyond sys.argv", "sys.argv", false}, // a capitalized word is prose
		{"Raises KeyError if missing", "KeyError", false},
		{"myKeyError(x)", "KeyError", false}, // another name ending in it
		{"exception email.errors.MessageError", "MessageError", true},
	}
	for _, tt := range tests {
		if got := declares(tt.text, tt.ident); got != tt.want {
			t.Errorf("declares(%q, %q) = %v, want %v", tt.text, tt.ident, got, tt.want)
		}
	}
}

func TestTitleNameAndOverlap(t *testing.T) {
	tests := []struct {
		title string
		name  []string
		query []string
		want  float64
	}{
		{"collections — Container datatypes", []string{"collections"}, []string{"collections"}, 1},
		{"collections.abc — Abstract Base Classes for Containers", []string{"collections", "abc"}, []string{"collections"}, 0.5},
		{"email.generator: Generating MIME documents", []string{"email", "generator"}, []string{"generator"}, 0.5},
		{"8. Errors and Exceptions", []string{"errors", "and", "exceptions"}, []string{"exception"}, 1.0 / 3},
		{"Sorting HOW TO", []string{"sorting", "how", "to"}, []string{"how", "to", "sort", "a", "dictionary"}, 0.6},
	}
	for _, tt := range tests {
		name := titleName(tt.title)
		if !slices.Equal(name, tt.name) {
			t.Errorf("titleName(%q) = %q, want %q", tt.title, name, tt.name)
		}
		if got := nameOverlap(name, tt.query); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("nameOverlap(%q, %q) = %v, want %v", name, tt.query, got, tt.want)
		}
	}
}

func TestIsDotted(t *testing.T) {
	for w, want := range map[string]bool{"os.path.join": true, "json.dumps": true, "sys.argv": true, "2.7": false, "e.g": false, "a..b": false, "word": false} {
		if got := isDotted(w); got != want {
			t.Errorf("isDotted(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestKthLargestAgreesWithSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 60; n++ {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(7)) // ties on purpose
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		for k := 1; k <= n; k++ {
			if got, want := kthLargest(slices.Clone(xs), k), sorted[n-k]; got != want {
				t.Fatalf("kthLargest(%v, %d) = %v, want %v", xs, k, got, want)
			}
		}
	}
}
