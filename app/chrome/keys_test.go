package chrome

import (
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

func TestKeyFor(t *testing.T) {
	tests := []struct {
		name                      string
		key                       string
		ctrl, shift, alt, editing bool
		want                      Key
		tag                       annotation.Tag
	}{
		{name: "slash focuses search", key: "/", want: KeyFocusSearch},
		{name: "question mark shows help", key: "?", shift: true, want: KeyHelp},
		{name: "j moves on", key: "j", want: KeyNext},
		{name: "k moves back", key: "k", want: KeyPrev},
		{name: "1 tags fact", key: "1", want: KeyTag, tag: annotation.Fact},
		{name: "4 tags unverified", key: "4", want: KeyTag, tag: annotation.Unverified},
		{name: "x removes", key: "x", want: KeyRemove},
		{name: "Delete removes", key: "Delete", want: KeyRemove},
		{name: "ctrl z undoes", key: "z", ctrl: true, want: KeyUndo},
		{name: "ctrl shift Z redoes", key: "Z", ctrl: true, shift: true, want: KeyRedo},
		{name: "ctrl y redoes", key: "y", ctrl: true, want: KeyRedo},
		{name: "typing in a field is left alone", key: "1", editing: true, want: KeyNone},
		{name: "ctrl z in a field is the field's undo", key: "z", ctrl: true, editing: true, want: KeyNone},
		{name: "escape works in a field", key: "Escape", editing: true, want: KeyEscape},
		{name: "ctrl 1 is not a tag", key: "1", ctrl: true, want: KeyNone},
		{name: "l selects the next word", key: "l", want: KeyWordNext},
		{name: "shift H moves the selection's end back", key: "H", shift: true, want: KeyExtendPrev},
		{name: "M goes to the previous match", key: "M", shift: true, want: KeyMatchPrev},
		{name: "r goes to the next repair", key: "r", want: KeyRepairNext},
		{name: "o shows the original", key: "o", want: KeyOriginal},
		{name: "other keys do nothing", key: "q", want: KeyNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, tag := KeyFor(tt.key, tt.ctrl, tt.shift, tt.alt, tt.editing)
			if got != tt.want || tag != tt.tag {
				t.Errorf("KeyFor(%q) = %v %q, want %v %q", tt.key, got, tag, tt.want, tt.tag)
			}
		})
	}
}
