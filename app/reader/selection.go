package reader

import (
	"unicode"

	"github.com/claimtag/claimtag/app/browser"
)

// cpOffset converts an offset of u16 UTF-16 code units into text to code
// points, clamped to text. A position inside a surrogate pair counts the
// whole character.
func cpOffset(text string, u16 int) int {
	if u16 <= 0 {
		return 0
	}
	n, units := 0, 0
	for _, r := range text {
		if units >= u16 {
			break
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		n++
	}
	return n
}

// span is a code point range [Start, End) of a document's text.
type span struct {
	Start, End int
}

// selectionSpan maps a DOM selection to code points of the document whose
// text is docText, given each passage's text (passageText). Whitespace at
// either end is left out. ok is false for an unknown passage or an empty
// span.
func selectionSpan(sel browser.Selection, docText []rune, passageText func(id string) (string, bool)) (span, bool) {
	from, ok1 := endpointOffset(sel.From, passageText)
	to, ok2 := endpointOffset(sel.To, passageText)
	if !ok1 || !ok2 {
		return span{}, false
	}
	if to < from {
		from, to = to, from
	}
	from, to = max(from, 0), min(to, len(docText))
	for from < to && unicode.IsSpace(docText[from]) {
		from++
	}
	for to > from && unicode.IsSpace(docText[to-1]) {
		to--
	}
	if from >= to {
		return span{}, false
	}
	return span{Start: from, End: to}, true
}

func endpointOffset(e browser.Endpoint, passageText func(string) (string, bool)) (int, bool) {
	t, ok := passageText(e.Passage)
	if !ok {
		return 0, false
	}
	return e.Start + cpOffset(t, e.U16), true
}
