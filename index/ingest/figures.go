package ingest

import (
	"strings"
	"unicode"
)

// A repair must never change a figure silently: digits, decimal and
// thousands separators, currency symbols and percent signs carry the facts
// users tag. touchesFigures compares the figure signature of the damaged
// and the repaired text, each between the same neighbours, and flags the
// repair (Repair.Figures) when they differ.

// isPercent reports whether r is a percent, per-mille or per-ten-thousand sign.
func isPercent(r rune) bool {
	switch r {
	case '%', '‰', '‱', '٪', '﹪', '％':
		return true
	}
	return false
}

// figureSignature keeps the runes of rs that carry a figure's value: digits,
// currency symbols, percent signs, and any rune between two digits (a
// decimal or thousands separator, a dash), spaces folded to ' '.
func figureSignature(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		switch {
		case unicode.IsDigit(r), unicode.Is(unicode.Sc, r), isPercent(r):
			b.WriteRune(r)
		case i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			if isSpace(r) {
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// touchesFigures reports whether replacing from by text[a:z] changes the
// figure signature, with the repaired text's neighbours on both sides.
func touchesFigures(text []rune, a, z int, from string) bool {
	with := func(mid []rune) string {
		rs := make([]rune, 0, len(mid)+2)
		if a > 0 {
			rs = append(rs, text[a-1])
		}
		rs = append(rs, mid...)
		if z < len(text) {
			rs = append(rs, text[z])
		}
		return figureSignature(rs)
	}
	return with([]rune(from)) != with(text[a:z])
}
