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
	KeyWordNext   // the reader: select the next word
	KeyWordPrev   // … the previous word
	KeyExtendNext // … move the selection's end a word on
	KeyExtendPrev // … a word back
	KeyMatchNext  // … show the next match of the query
	KeyMatchPrev  // … the previous one
	KeyRepairNext // … go to the next repaired text
	KeyRepairPrev // … the previous one
	KeyOriginal   // … show the original of the repaired text at the focus
)

// shortcut is one line of the help dialog.
type shortcut struct{ Keys, What string }

// shortcuts lists every keyboard shortcut, as the help dialog shows them.
var shortcuts = []shortcut{
	{"/", "focus the search box"},
	{"j / k", "next / previous sentence"},
	{"l / h · L / H", "next / previous word · move the selection's end"},
	{"Tab · Enter", "next annotation · open it"},
	{"1", "tag the selection or sentence as fact; retag the focused annotation"},
	{"2", "… as forecast"},
	{"3", "… as opinion"},
	{"4", "… as unverified"},
	{"n", "edit the note of the focused annotation"},
	{"m / M · r / R · o", "search matches · repaired text · its original"},
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
	case "l":
		return KeyWordNext, ""
	case "h":
		return KeyWordPrev, ""
	case "L":
		return KeyExtendNext, ""
	case "H":
		return KeyExtendPrev, ""
	case "m":
		return KeyMatchNext, ""
	case "M":
		return KeyMatchPrev, ""
	case "r":
		return KeyRepairNext, ""
	case "R":
		return KeyRepairPrev, ""
	case "o":
		return KeyOriginal, ""
	}
	if t, ok := annotation.TagForKey(key); ok {
		return KeyTag, t
	}
	return KeyNone, ""
}
