package chrome

import (
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
)

// Key is what a key press does.
type Key int

// The key actions; shortcuts lists their keys for the help dialog.
const (
	KeyNone Key = iota
	KeyFocusSearch
	KeyHelp
	KeyEscape
	KeyNext
	KeyPrev
	KeyTag
	KeyRemove
	KeyUndo
	KeyRedo
	KeyNote
)

// shortcut is one line of the help dialog.
type shortcut struct{ Keys, What string }

// shortcuts lists every keyboard shortcut, as the help dialog shows them.
var shortcuts = []shortcut{
	{"/", "focus the search box"},
	{"j / k", "next / previous sentence"},
	{"1", "tag the selection or sentence as fact"},
	{"2", "… as forecast"},
	{"3", "… as opinion"},
	{"4", "… as unverified"},
	{"n", "edit the note of the focused annotation"},
	{"x / Delete", "remove the focused annotation (with a selection: your tag on it)"},
	{"Ctrl+Z", "undo, in this document"},
	{"Ctrl+Shift+Z / Ctrl+Y", "redo, in this document"},
	{"Esc", "leave the note (it is saved), close a dialog, clear the focus"},
	{"?", "show this help"},
}

// KeyFor maps a keydown (KeyboardEvent.key and modifiers) to an action.
// While the user types in a field (editing) only Escape does anything, so
// typing and the field's own undo work. tag is set for KeyTag.
func KeyFor(key string, ctrl, shift, alt, editing bool) (a Key, tag annotation.Tag) {
	if key == "Escape" {
		return KeyEscape, ""
	}
	if editing || alt {
		return KeyNone, ""
	}
	if ctrl {
		switch strings.ToLower(key) {
		case "z":
			if shift {
				return KeyRedo, ""
			}
			return KeyUndo, ""
		case "y":
			return KeyRedo, ""
		}
		return KeyNone, ""
	}
	switch key {
	case "/":
		return KeyFocusSearch, ""
	case "?":
		return KeyHelp, ""
	case "j":
		return KeyNext, ""
	case "k":
		return KeyPrev, ""
	case "x", "Delete":
		return KeyRemove, ""
	case "n":
		return KeyNote, ""
	}
	if t, ok := annotation.TagForKey(key); ok {
		return KeyTag, t
	}
	return KeyNone, ""
}
