package app

import (
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

func TestKeyFor(t *testing.T) {
	tests := []struct {
		name                      string
		key                       string
		ctrl, shift, alt, editing bool
		want                      keyAction
		tag                       annotation.Tag
	}{
		{name: "slash focuses search", key: "/", want: keyFocusSearch},
		{name: "question mark shows help", key: "?", shift: true, want: keyHelp},
		{name: "j moves on", key: "j", want: keyNext},
		{name: "k moves back", key: "k", want: keyPrev},
		{name: "1 tags fact", key: "1", want: keyTag, tag: annotation.Fact},
		{name: "4 tags unverified", key: "4", want: keyTag, tag: annotation.Unverified},
		{name: "x removes", key: "x", want: keyRemove},
		{name: "Delete removes", key: "Delete", want: keyRemove},
		{name: "ctrl z undoes", key: "z", ctrl: true, want: keyUndo},
		{name: "ctrl shift Z redoes", key: "Z", ctrl: true, shift: true, want: keyRedo},
		{name: "ctrl y redoes", key: "y", ctrl: true, want: keyRedo},
		{name: "typing in a field is left alone", key: "1", editing: true, want: keyNone},
		{name: "ctrl z in a field is the field's undo", key: "z", ctrl: true, editing: true, want: keyNone},
		{name: "escape works in a field", key: "Escape", editing: true, want: keyEscape},
		{name: "ctrl 1 is not a tag", key: "1", ctrl: true, want: keyNone},
		{name: "other keys do nothing", key: "q", want: keyNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, tag := keyFor(tt.key, tt.ctrl, tt.shift, tt.alt, tt.editing)
			if got != tt.want || tag != tt.tag {
				t.Errorf("keyFor(%q) = %v %q, want %v %q", tt.key, got, tag, tt.want, tt.tag)
			}
		})
	}
}

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
