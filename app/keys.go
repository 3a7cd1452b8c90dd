package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
)

// keyAction is what a key press does.
type keyAction int

// The key actions; shortcuts lists their keys for the help dialog.
const (
	keyNone keyAction = iota
	keyFocusSearch
	keyHelp
	keyEscape
	keyNext
	keyPrev
	keyTag
	keyRemove
	keyUndo
	keyRedo
	keyNote
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
	{"x / Delete", "remove the focused annotation"},
	{"Ctrl+Z", "undo"},
	{"Ctrl+Shift+Z / Ctrl+Y", "redo"},
	{"Esc", "close a dialog, clear the focus"},
	{"?", "show this help"},
}

// keyFor maps a keydown (KeyboardEvent.key and modifiers) to an action.
// While the user types in a field (editing) only Escape does anything, so
// typing and the field's own undo work. tag is set for keyTag.
func keyFor(key string, ctrl, shift, alt, editing bool) (a keyAction, tag annotation.Tag) {
	if key == "Escape" {
		return keyEscape, ""
	}
	if editing || alt {
		return keyNone, ""
	}
	if ctrl {
		switch strings.ToLower(key) {
		case "z":
			if shift {
				return keyRedo, ""
			}
			return keyUndo, ""
		case "y":
			return keyRedo, ""
		}
		return keyNone, ""
	}
	switch key {
	case "/":
		return keyFocusSearch, ""
	case "?":
		return keyHelp, ""
	case "j":
		return keyNext, ""
	case "k":
		return keyPrev, ""
	case "x", "Delete":
		return keyRemove, ""
	case "n":
		return keyNote, ""
	}
	if t, ok := annotation.TagForKey(key); ok {
		return keyTag, t
	}
	return keyNone, ""
}

// fuzzyQuery rewrites q with every plain word made fuzzy, for the "no
// results" suggestion. It returns "" when there is nothing to rewrite.
// Like Elasticsearch's AUTO fuzziness, a word of up to five letters allows
// one edit (word~) and a longer one two (word~2): swapped letters, the
// commonest typo, are two edits, and "Kingsfot~" would not find Kingsoft.
func fuzzyQuery(q string) string {
	q = strings.ReplaceAll(q, `"`, " ")
	var out []string
	changed := false
	for _, w := range strings.Fields(q) {
		core := strings.TrimLeft(w, "+-")
		plain := core != ""
		for _, r := range core {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				plain = false
				break
			}
		}
		if plain {
			w += "~"
			if utf8.RuneCountInString(core) > 5 {
				w += "2"
			}
			changed = true
		}
		out = append(out, w)
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}
