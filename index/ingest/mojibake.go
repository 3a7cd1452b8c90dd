package ingest

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mojibake is UTF-8 text that was decoded through a single-byte code page:
// "é" (C3 A9) reads "Ã©" in Windows-1252. When every byte survived, encoding
// the damaged run back through that code page recovers the text exactly. When
// the code page had no character for some bytes (ISO-8859-2 has none for
// 0x80-0x9F), those bytes were dropped and the text can only be guessed.

// decodePages are tried, in order, to reverse a damaged run exactly.
var decodePages = []*charmap.Charmap{charmap.Windows1252, charmap.Windows1250, charmap.ISO8859_1, charmap.ISO8859_2}

// guessPages are tried, in order, to read a lone continuation byte.
var guessPages = []*charmap.Charmap{charmap.ISO8859_2, charmap.Windows1250, charmap.Windows1252, charmap.ISO8859_1}

// encodeByte returns the byte that r stands for in cm. For windows-1252 it
// follows the WHATWG table, where the five bytes x/text leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same value:
// "”" (E2 80 9D) read by a browser as windows-1252 is "â€" and U+009D.
func encodeByte(cm *charmap.Charmap, r rune) (byte, bool) {
	if b, ok := cm.EncodeRune(r); ok {
		return b, true
	}
	if cm == charmap.Windows1252 && r < 0x100 && cp1252[r] == r && r >= 0x80 {
		return byte(r), true
	}
	return 0, false
}

// span is one repair, in rune offsets of the repaired string.
type span struct {
	start, end int
	inEnd      int // rune offset after the damaged text in the input
	from       string
	lossy      bool
}

// contByte returns the UTF-8 continuation byte (0x80-0xBF) that r stood for
// in one of the guess code pages.
func contByte(r rune) (byte, bool) {
	if r < 0x80 {
		return 0, false
	}
	for _, cm := range guessPages {
		if b, ok := encodeByte(cm, r); ok && b >= 0x80 && b <= 0xBF {
			return b, true
		}
	}
	return 0, false
}

// mojibakeEvidence reports whether s shows strong evidence of mojibake: at
// least two of "â", "Ã", "Ă" (0xC3 in ISO-8859-2) or "Â" followed by a
// character that stands for a UTF-8 continuation byte, or "Â ".
func mojibakeEvidence(s string) bool {
	n := 0
	prev := rune(0)
	for _, r := range s {
		if prev == 'â' || prev == 'Ã' || prev == 'Ă' || prev == 'Â' {
			if _, ok := contByte(r); ok || (prev == 'Â' && r == ' ') {
				n++
			}
		}
		prev = r
	}
	return n >= 2
}

// decodeAt decodes the runes at rs[i:] as the bytes of one UTF-8 sequence
// read through a code page, returning the rune and how many runes it used.
func decodeAt(rs []rune, i int) (rune, int, bool) {
	for _, cm := range decodePages {
		b0, ok := encodeByte(cm, rs[i])
		if !ok || b0 < 0xC2 || b0 > 0xF4 {
			continue
		}
		n := 2
		if b0 >= 0xF0 {
			n = 4
		} else if b0 >= 0xE0 {
			n = 3
		}
		if i+n > len(rs) {
			continue
		}
		buf := []byte{b0}
		for k := 1; k < n; k++ {
			b, ok := encodeByte(cm, rs[i+k])
			if !ok || b < 0x80 || b > 0xBF {
				break
			}
			buf = append(buf, b)
		}
		if len(buf) != n {
			continue
		}
		if r, size := utf8.DecodeRune(buf); r != utf8.RuneError && size == n {
			return r, n, true
		}
	}
	return 0, 0, false
}

// runDecodes reports whether the whole non-ASCII run starting at rs[i]
// decodes exactly.
func runDecodes(rs []rune, i int) bool {
	for i < len(rs) && rs[i] >= 0x80 {
		_, n, ok := decodeAt(rs, i)
		if !ok {
			return false
		}
		i += n
	}
	return true
}

// repairMojibake repairs s. Runs that decode exactly are always repaired
// (partially decodable runs only when lossy is set); with lossy set, lone
// damaged characters are also replaced by best guesses.
func repairMojibake(s string, lossy bool) (string, []span) {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < 0x80
	}
	if ascii {
		return s, nil
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	var spans []span
	add := func(i, n int, to string, isLossy bool) {
		start := len(out)
		out = append(out, []rune(to)...)
		if k := len(spans) - 1; k >= 0 && spans[k].end == start && spans[k].inEnd == i {
			spans[k].end, spans[k].inEnd = len(out), i+n
			spans[k].from += string(rs[i : i+n])
			spans[k].lossy = spans[k].lossy || isLossy
			return
		}
		spans = append(spans, span{start, len(out), i + n, string(rs[i : i+n]), isLossy})
	}
	runOK := false
	for i := 0; i < len(rs); {
		r := rs[i]
		if r < 0x80 {
			out = append(out, r)
			i++
			continue
		}
		if i == 0 || rs[i-1] < 0x80 {
			runOK = lossy || runDecodes(rs, i)
		}
		if runOK {
			if d, n, ok := decodeAt(rs, i); ok {
				add(i, n, string(d), false)
				i += n
				continue
			}
		}
		if lossy {
			if to, n, ok := guessAt(rs, i, out); ok {
				add(i, n, to, true)
				i += n
				continue
			}
		}
		out = append(out, r)
		i++
	}
	return string(out), spans
}

// guessAt guesses what the damaged character at rs[i] stood for, given the
// repaired text so far. It returns the replacement and how many runes it
// replaces.
func guessAt(rs []rune, i int, out []rune) (string, int, bool) {
	switch rs[i] {
	case 'â':
		if i+1 < len(rs) {
			if b, ok := contByte(rs[i+1]); ok {
				switch {
				case b >= 0xA0: // E2 80 xx or E2 82 xx with the middle byte dropped
					return string(droppedMiddle(b)), 2, true
				case b == 0x80: // E2 80 9D with the 0x9D dropped: a closing quote
					return `"`, 2, true
				default:
					return "", 2, true
				}
			}
		}
		return guessLone(rs, i, out), 1, true
	case 'Â':
		if i+1 >= len(rs) || !unicode.IsLetter(rs[i+1]) {
			return "", 1, true
		}
	}
	return "", 0, false
}

// droppedMiddle guesses the character of E2 ?? b whose middle byte was
// lost: punctuation (E2 80 b, U+2020-U+203F) or a currency symbol (E2 82 b,
// U+20A0-U+20BF). Punctuation is the rule, but a guess never makes an
// invisible character where a visible symbol fits the same bytes: "âŹ" is
// "€" (U+20AC), not U+202C.
func droppedMiddle(b byte) rune {
	punct, money := rune(0x2000+int(b)-0x80), rune(0x2080+int(b)-0x80)
	if unicode.Is(unicode.Sc, money) && (isInvisible(punct) || unicode.In(punct, unicode.Zl, unicode.Zp)) {
		return money
	}
	return punct
}

// guessLone guesses a lone "â", the lead byte of a three-byte sequence
// whose other bytes were dropped, from its neighbours.
func guessLone(rs []rune, i int, out []rune) string {
	prev := rune(' ')
	if len(out) > 0 {
		prev = out[len(out)-1]
	}
	next := rune(' ')
	if i+1 < len(rs) {
		next = rs[i+1]
		if next == 'â' && i+2 < len(rs) {
			if b, ok := contByte(rs[i+2]); ok && b >= 0xA0 {
				next = rune(0x2000 + int(b) - 0x80)
			}
		}
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	switch {
	case unicode.IsDigit(prev) && unicode.IsDigit(next):
		return "–"
	case word(prev) && word(next):
		if unicode.IsLetter(next) && contraction(rs[i+1:]) {
			return "'"
		}
		return "-"
	case isSpace(prev) && isSpace(next):
		return "—"
	case !word(prev) && word(next), word(prev) && !word(next):
		return `"`
	}
	return ""
}

// contraction reports whether rs starts with the end of a contraction or
// possessive ("s", "t", "d", "m", "ll", "re", "ve") followed by a non-letter.
func contraction(rs []rune) bool {
	for _, suf := range []string{"s", "t", "d", "m", "ll", "re", "ve"} {
		n := len(suf)
		if len(rs) >= n && string(rs[:n]) == suf && (len(rs) == n || !unicode.IsLetter(rs[n])) {
			return true
		}
	}
	return false
}
