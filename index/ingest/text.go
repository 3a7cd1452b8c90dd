package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isSpace reports whether r counts as whitespace: every Unicode space,
// tab and line break.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

// isInvisible reports whether r is removed by normalization: C0 and C1
// controls, zero-width and bidi formatting characters, soft hyphens.
func isInvisible(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xFEFF || r == 0x00AD:
		return true
	}
	return false
}

// dropped counts the characters normalize removed.
type dropped struct{ controls, invisible int }

// normalize cleans the text of one passage: whitespace (including line
// breaks) becomes single spaces, invisible characters are removed (and
// counted in d, when not nil), the ends are trimmed and the result is NFC.
// pos maps every rune offset of s (0..len) to the rune offset in the result
// where it ended up.
func normalize(s string, d *dropped) (string, []int) {
	in := []rune(s)
	pos := make([]int, len(in)+1)
	out := make([]rune, 0, len(in))
	for i, r := range in {
		pos[i] = len(out)
		switch {
		case isSpace(r):
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ')
			}
		case isInvisible(r):
			if d != nil {
				if r < 0x20 || (r >= 0x7F && r <= 0x9F) {
					d.controls++
				} else {
					d.invisible++
				}
			}
		default:
			out = append(out, r)
		}
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	pos[len(in)] = len(out)
	for i := range pos {
		pos[i] = min(pos[i], len(out))
	}
	t := string(out)
	if norm.NFC.IsNormalString(t) {
		return t, pos
	}
	// Compose segment by segment so offsets can be mapped.
	m := make([]int, len(out)+1)
	var b strings.Builder
	ri, n := 0, 0
	for bi := 0; bi < len(t); {
		j := norm.NFC.NextBoundaryInString(t[bi:], true)
		if j <= 0 {
			j = len(t) - bi
		}
		seg := t[bi : bi+j]
		c := norm.NFC.String(seg)
		for k := utf8.RuneCountInString(seg); k > 0; k-- {
			m[ri] = n
			ri++
		}
		n += utf8.RuneCountInString(c)
		b.WriteString(c)
		bi += j
	}
	m[len(out)] = n
	for i := range pos {
		pos[i] = m[pos[i]]
	}
	return b.String(), pos
}

// maxWrapped is the longest line, in code points, of hard-wrapped text.
const maxWrapped = 150

// parseText splits plain text into blocks: blank-line separated blocks
// when the text has blank lines and is hard-wrapped, else one block per
// non-empty line.
func parseText(s string) parsed {
	lines := strings.Split(s, "\n")
	isBlank := func(l string) bool { return strings.TrimFunc(l, isSpace) == "" }
	first, last := -1, -1
	for i, l := range lines {
		if !isBlank(l) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	// Blank-line separated blocks are paragraphs of hard-wrapped lines,
	// unless some line is too long to be wrapped: then every line is a
	// paragraph and blank lines only separate sections.
	hasBlank, wrapped := false, true
	for i := first + 1; first >= 0 && i < last; i++ {
		hasBlank = hasBlank || isBlank(lines[i])
	}
	for _, l := range lines {
		wrapped = wrapped && utf8.RuneCountInString(l) <= maxWrapped
	}
	hasBlank = hasBlank && wrapped
	var pd parsed
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			t := strings.Join(cur, " ")
			pd.blocks = append(pd.blocks, block{textKind(t, len(cur)), t})
			cur = nil
		}
	}
	for _, l := range lines {
		if isBlank(l) {
			flush()
			continue
		}
		cur = append(cur, l)
		if !hasBlank {
			flush()
		}
	}
	flush()
	return pd
}

// textKind guesses the kind of a plain text block: a short single line
// with a letter, no final sentence punctuation and not a date is a heading.
func textKind(t string, lines int) string {
	t, _ = normalize(t, nil)
	if lines != 1 || utf8.RuneCountInString(t) >= 80 || t == "" {
		return "p"
	}
	if strings.ContainsAny(t[len(t)-1:], ".,;!") || strings.IndexFunc(t, unicode.IsLetter) < 0 {
		return "p"
	}
	if d, whole := findDate(t); d != "" && whole {
		return "p"
	}
	return "h"
}
