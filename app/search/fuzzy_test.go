package search

import "testing"

func TestFuzzyQuery(t *testing.T) {
	tests := []struct{ name, q, want string }{
		{"every word gets a tilde", "ebit margin", "ebit~ margin~2"},
		{"phrases lose their quotes", `"gross margin"`, "gross~ margin~2"},
		{"operators stay", "+ebitda -loss", "+ebitda~2 -loss~"},
		{"words longer than five letters allow two edits", "Kingsfot", "Kingsfot~2"},
		{"fields and fuzzy words are not plain words", "title:cloud rev~", ""},
		{"nothing to rewrite gives empty", "date:2026 x*", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fuzzyQuery(tt.q)
			if got != tt.want {
				t.Errorf("fuzzyQuery(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}
