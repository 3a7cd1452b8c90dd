package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// Decoding turns a file's bytes into text the way a browser would, and says
// how it decided (provenance.Provenance.Encoding, Decided and Reason):
//
//  1. A byte order mark names the encoding: UTF-8, UTF-16LE or UTF-16BE.
//  2. Text without a BOM whose every other byte is NUL is UTF-16.
//  3. Otherwise NUL bytes or many control characters mean a binary file.
//  4. An HTML page's declared charset (<meta charset>, or <meta http-equiv>
//     with a charset in its content) is used, with the WHATWG label table of
//     golang.org/x/net/html/charset: "iso-8859-1" and "us-ascii" are
//     windows-1252, "gb2312" is gbk, a "utf-16" declaration in an
//     ASCII-compatible file is utf-8, exactly as browsers read them.
//  5. Valid UTF-8 is UTF-8.
//  6. UTF-8 with a few stray bytes (at most one per four valid multi-byte
//     characters) keeps its UTF-8 and reads the stray bytes as windows-1252.
//  7. Otherwise the bytes are guessed: an East Asian encoding when their
//     structure and character frequencies say so (see guessEncoding), else
//     windows-1252, the usual encoding of Western text and a superset of
//     Latin-1.
//
// Invalid sequences in a BOM's or a declaration's encoding become U+FFFD,
// as a browser shows them, and are counted in Provenance.Replaced.

var (
	bomUTF8    = []byte("\xEF\xBB\xBF")
	bomUTF16LE = []byte("\xFF\xFE")
	bomUTF16BE = []byte("\xFE\xFF")
)

// decode returns data as UTF-8 text with LF line ends and the decoding part
// of its provenance, or a skip error for binary data.
func decode(format string, data []byte) (string, provenance.Provenance, *skipError) {
	s, p, err := decodeBytes(format, data)
	if err != nil {
		return "", p, err
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), p, nil
}

func decodeBytes(format string, data []byte) (string, provenance.Provenance, *skipError) {
	p := provenance.Provenance{}
	binary := &skipError{ErrBinary, ErrBinary.Error()}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		s, bad := decodeUTF8(data[len(bomUTF8):])
		if isBinaryText(s) {
			return "", p, binary
		}
		p.Encoding, p.Decided, p.Reason, p.Replaced = "utf-8", provenance.BOM, "UTF-8 byte order mark", bad
		return s, p, nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		big := data[0] == 0xFE
		s, bad := decodeUTF16(data[2:], big)
		if isBinaryText(s) {
			return "", p, binary
		}
		p.Encoding, p.Decided, p.Replaced = utf16Name(big), provenance.BOM, bad
		p.Reason = "UTF-16 " + data16Order(big) + " byte order mark"
		return s, p, nil
	}
	if big, nuls, ok := utf16Pattern(data); ok {
		s, bad := decodeUTF16(data, big)
		if bad == 0 && !isBinaryText(s) {
			p.Encoding, p.Decided = utf16Name(big), provenance.Guessed
			p.Reason = fmt.Sprintf("guessed: no byte order mark, but %d%% of the %s bytes are NUL, as in %s text", nuls, data16Half(big), strings.ToUpper(utf16Name(big)))
			return s, p, nil
		}
	}
	if isBinary(data) {
		return "", p, binary
	}
	if format == "html" {
		if d, ok := declaredCharset(data); ok {
			s, bad := decodeWith(d.name, data)
			p.Encoding, p.Decided, p.Replaced = d.name, provenance.Declared, bad
			p.Reason = "declared by " + d.tag
			if d.late {
				p.Reason += " (after the first 1024 bytes)"
			}
			if d.label != d.name {
				p.Reason += fmt.Sprintf("; browsers read %q as %s", d.label, d.name)
			}
			return s, p, nil
		}
	}
	if utf8.Valid(data) {
		p.Encoding, p.Decided, p.Reason = "utf-8", provenance.Valid, "valid UTF-8"
		if isASCII(data) {
			p.Reason = "ASCII only"
		}
		return string(data), p, nil
	}
	st := utf8Stats(data)
	notUTF8 := fmt.Sprintf("not valid UTF-8 (first bad byte 0x%02X at offset %d)", data[st.firstBad], st.firstBad)
	if st.multi > 0 && st.bad*4 <= st.multi {
		p.Encoding, p.Decided, p.Fallback = "utf-8", provenance.Guessed, st.bad
		stray := "stray bytes"
		if st.bad == 1 {
			stray = "stray byte"
		}
		p.Reason = fmt.Sprintf("guessed: %s, but %d valid multi-byte characters against %d %s: UTF-8, with the %s read as windows-1252", notUTF8, st.multi, st.bad, stray, stray)
		return decodeUTF8Fallback(data), p, nil
	}
	g := guessEncoding(data)
	p.Encoding, p.Decided, p.Reason = g.name, provenance.Guessed, "guessed: "+notUTF8+"; "+g.reason
	s, bad := decodeWith(g.name, data)
	p.Replaced = bad
	return s, p, nil
}

func utf16Name(big bool) string {
	if big {
		return "utf-16be"
	}
	return "utf-16le"
}

func data16Order(big bool) string {
	if big {
		return "big-endian"
	}
	return "little-endian"
}

func data16Half(big bool) string {
	if big {
		return "even-numbered"
	}
	return "odd-numbered"
}

// isASCII reports whether data has only 7-bit bytes.
func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return true
}

// isBinary reports whether data contains NUL bytes or more than 10% control
// characters in its first 8 KiB.
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	head := data[:min(len(data), 8<<10)]
	ctl := 0
	for _, b := range head {
		if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v') || b == 0x7F {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

// isBinaryText applies isBinary's rule to decoded text: NUL, or more than
// 10% control characters among its first 8,192 characters.
func isBinaryText(s string) bool {
	n, ctl := 0, 0
	for _, r := range s {
		if r == 0 {
			return true
		}
		if n < 8<<10 {
			if (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v') || r == 0x7F {
				ctl++
			}
			n++
		}
	}
	return ctl*10 > n
}

// utf16Pattern reports whether data, without a BOM, looks like UTF-16: in
// its first 4 KiB at least 60% of the high bytes of each 16-bit unit are
// NUL (mostly ASCII text) and at most 10% of the low bytes. It returns the
// byte order and the NUL percentage.
func utf16Pattern(data []byte) (big bool, percent int, ok bool) {
	n := min(len(data), 4<<10) &^ 1
	if n < 4 {
		return false, 0, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case odd*10 >= units*6 && even*10 <= units:
		return false, odd * 100 / units, true
	case even*10 >= units*6 && odd*10 <= units:
		return true, even * 100 / units, true
	}
	return false, 0, false
}

// decodeUTF16 decodes UTF-16 without BOM; unpaired surrogates and a final
// odd byte become U+FFFD and are counted.
func decodeUTF16(data []byte, big bool) (string, int) {
	units := make([]uint16, len(data)/2)
	for i := range units {
		if big {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	var b strings.Builder
	b.Grow(len(data))
	bad := 0
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF {
				b.WriteRune(utf16.DecodeRune(rune(u), rune(units[i+1])))
				i++
				continue
			}
			b.WriteRune(utf8.RuneError)
			bad++
		default:
			b.WriteRune(rune(u))
		}
	}
	if len(data)%2 == 1 {
		b.WriteRune(utf8.RuneError)
		bad++
	}
	return b.String(), bad
}

// decodeUTF8 returns data with each invalid byte replaced by U+FFFD, and
// how many were replaced.
func decodeUTF8(data []byte) (string, int) {
	if utf8.Valid(data) {
		return string(data), 0
	}
	var b strings.Builder
	b.Grow(len(data) + 16)
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), bad
}

// utf8Counts describes how far data is from valid UTF-8.
type utf8Counts struct {
	multi    int // valid multi-byte sequences
	bad      int // bytes that start no valid sequence
	firstBad int // offset of the first bad byte
}

func utf8Stats(data []byte) utf8Counts {
	c := utf8Counts{firstBad: -1}
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if c.firstBad < 0 {
				c.firstBad = i
			}
			c.bad++
			i++
			continue
		}
		c.multi++
		i += n
	}
	return c
}

// decodeUTF8Fallback keeps the valid UTF-8 of data and reads every other
// byte as windows-1252.
func decodeUTF8Fallback(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + 16)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			b.WriteRune(cp1252[data[i]])
			i++
			continue
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// cp1252 is windows-1252 as the WHATWG Encoding Standard defines it: the
// five bytes x/text leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the
// C1 controls of the same value, as in browsers, not U+FFFD.
var cp1252 = func() (t [256]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(i))
		if t[i] == utf8.RuneError {
			t[i] = rune(i)
		}
	}
	return t
}()

// decodeWith decodes data with the encoding of a WHATWG name and counts
// the invalid sequences that became U+FFFD.
func decodeWith(name string, data []byte) (string, int) {
	switch name {
	case "utf-8":
		return decodeUTF8(data)
	case "utf-16le", "utf-16be":
		return decodeUTF16(data, name == "utf-16be")
	case "windows-1252":
		var b strings.Builder
		b.Grow(len(data) + len(data)/4)
		for _, c := range data {
			b.WriteRune(cp1252[c])
		}
		return b.String(), 0
	}
	var enc encoding.Encoding
	if name == "gbk" || name == "gb18030" {
		// The WHATWG gbk decoder is the gb18030 decoder: GBK pages may
		// hold four-byte GB18030 sequences and browsers read them.
		enc = simplifiedchinese.GB18030
	} else if e, _ := charset.Lookup(name); e != nil {
		enc = e
	} else {
		return decodeUTF8(data)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// x/text decoders replace invalid input rather than fail; be safe.
		return decodeUTF8(data)
	}
	return string(out), bytes.Count(out, []byte("\uFFFD"))
}
