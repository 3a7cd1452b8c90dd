package reader

import (
	"testing"

	"github.com/claimtag/claimtag/app/browser"
)

func TestCPOffset(t *testing.T) {
	tests := []struct {
		name string
		text string
		u16  int
		want int
	}{
		{"ascii counts one unit per character", "hello", 3, 3},
		{"negative clamps to zero", "hello", -2, 0},
		{"past the end clamps to the length", "hello", 99, 5},
		{"two-byte UTF-8 is one unit", "€uro", 2, 2},
		{"an astral character is two units", "a😀b", 3, 2},
		{"inside a surrogate pair counts the character", "a😀b", 2, 2},
		{"CJK is one unit each", "金山云", 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cpOffset(tt.text, tt.u16); got != tt.want {
				t.Errorf("cpOffset(%q, %d) = %d, want %d", tt.text, tt.u16, got, tt.want)
			}
		})
	}
}

func TestSelectionSpan(t *testing.T) {
	// Document: "Rev 😀 up.\n\nNext para." with passages p1 [0,9) and p2 [11,21).
	doc := []rune("Rev 😀 up.\n\nNext para.")
	texts := map[string]string{"p1": "Rev 😀 up.", "p2": "Next para."}
	lookup := func(id string) (string, bool) { s, ok := texts[id]; return s, ok }
	ep := func(p string, start, u16 int) browser.Endpoint {
		return browser.Endpoint{Passage: p, Start: start, U16: u16}
	}
	tests := []struct {
		name   string
		sel    browser.Selection
		want   span
		wantOK bool
	}{
		{"a word inside one passage", browser.Selection{From: ep("p1", 0, 0), To: ep("p1", 0, 3)}, span{0, 3}, true},
		{"after an astral character", browser.Selection{From: ep("p1", 0, 7), To: ep("p1", 0, 9)}, span{6, 8}, true},
		{"across passages", browser.Selection{From: ep("p1", 0, 4), To: ep("p2", 11, 4)}, span{4, 15}, true},
		{"a backwards selection", browser.Selection{From: ep("p2", 11, 4), To: ep("p1", 0, 4)}, span{4, 15}, true},
		{"whitespace is trimmed", browser.Selection{From: ep("p1", 0, 3), To: ep("p1", 0, 7)}, span{4, 5}, true},
		{"only whitespace is empty", browser.Selection{From: ep("p1", 0, 3), To: ep("p1", 0, 4)}, span{}, false},
		{"an unknown passage fails", browser.Selection{From: ep("zz", 0, 0), To: ep("p1", 0, 3)}, span{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := selectionSpan(tt.sel, doc, lookup)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
