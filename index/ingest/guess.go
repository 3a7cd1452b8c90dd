package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// The encoding guess for bytes that are not UTF-8 and declare nothing.
//
// It is written here rather than taken from a detector library: the Go
// ports of ICU's and Mozilla's detectors (saintfish/chardet, gogs/chardet)
// are unmaintained, return a confidence but no reason, and their
// single-byte language models pick ISO-8859-x variants for short Western
// text that browsers read as windows-1252. The rule below is small and
// says why it chose:
//
// East Asian multi-byte encodings are told apart by their byte structure
// and by where their characters fall. Each of them puts its most frequent
// characters in a known block (GB2312 level 1 for GBK, the "frequently
// used" block of Big5, kana and JIS level 1 for Shift_JIS and EUC-JP,
// KS X 1001 Hangul for EUC-KR). An encoding fits when the sample decodes
// without invalid sequences and at least 70% of its multi-byte characters
// are common ones; the best fit wins. Western text never fits: its
// non-ASCII bytes stand alone between ASCII letters, which no multi-byte
// encoding can read as common characters. Otherwise the text is read as
// windows-1252.

// guessSample is how many leading bytes the guess looks at.
const guessSample = 64 << 10

// guess is the result of guessEncoding.
type guess struct {
	name   string // WHATWG name
	reason string
}

// eastAsian is one candidate of the guess.
type eastAsian struct {
	name string
	// scan walks the bytes and counts multi-byte characters and the common
	// ones; kana counts Japanese kana (EUC-JP needs some to be chosen over
	// GBK, whose level 1 overlaps its kanji).
	scan func(b []byte) (chars, common, kana int)
}

var eastAsians = []eastAsian{
	{"gbk", scanWith(gbkChar)},
	{"big5", scanWith(big5Char)},
	{"shift_jis", scanWith(shiftJISChar)},
	{"euc-jp", scanWith(eucJPChar)},
	{"euc-kr", scanWith(eucKRChar)},
}

// fit is one candidate's score on the sample.
type fit struct {
	name                string
	chars, common, kana int
	invalid             int     // invalid sequences and private-use characters
	score               float64 // common / chars
	text                string  // the sample decoded
}

// guessEncoding guesses the encoding of data, which is not valid UTF-8.
func guessEncoding(data []byte) guess {
	sample := data
	if len(sample) > guessSample {
		// Cut at a line end: no multi-byte encoding uses 0x0A inside a character.
		if i := bytes.LastIndexByte(sample[:guessSample], '\n'); i > 0 {
			sample = sample[:i+1]
		} else {
			sample = sample[:guessSample]
		}
	}
	var best *fit
	var fits []fit
	for _, c := range eastAsians {
		f := fit{name: c.name}
		f.chars, f.common, f.kana = c.scan(sample)
		if f.chars > 0 {
			f.score = float64(f.common) / float64(f.chars)
		}
		out, bad := decodeWith(c.name, sample)
		f.invalid, f.text = bad+countPrivateUse(out), out
		fits = append(fits, f)
	}
	spaced := spacedRatio(sample)
	for i := range fits {
		f := &fits[i]
		ok := f.chars >= 2 && f.invalid*100 <= f.chars && f.score >= 0.7
		if f.name == "euc-jp" && f.kana*10 < f.chars {
			ok = false
		}
		if !ok {
			continue
		}
		if best == nil || f.score > best.score+0.02 || (f.score >= best.score-0.02 && breaksTie(f, best, spaced)) {
			best = f
		}
	}
	if best != nil {
		name := best.name
		if name == "gbk" && hasGB18030Four(data) {
			name = "gb18030"
		}
		return guess{name, fmt.Sprintf("the bytes read as %s: %d of %d multi-byte characters are common ones (%.0f%%)",
			name, best.common, best.chars, best.score*100)}
	}
	reason := "read as windows-1252, the usual encoding of Western text (a superset of Latin-1)"
	var top *fit
	for i := range fits {
		if fits[i].chars >= 2 && fits[i].invalid == 0 && (top == nil || fits[i].score > top.score) {
			top = &fits[i]
		}
	}
	if top != nil && top.score >= 0.3 {
		reason += fmt.Sprintf("; the closest East Asian fit, %s, has only %.0f%% common characters", top.name, top.score*100)
	}
	return guess{"windows-1252", reason}
}

// breaksTie reports whether f should win over best when they score the
// same. The encodings that pair bytes 0xA1-0xFE overlap: Hangul (EUC-KR)
// and kana (EUC-JP) sit where GB2312 and Big5 put common hanzi. Korean puts
// spaces between words, Chinese does not; EUC-JP only fits with kana.
func breaksTie(f, best *fit, spaced float64) bool {
	chinese := best.name == "gbk" || best.name == "big5"
	switch f.name {
	case "euc-kr":
		// Without spaces (a short name), the most frequent syllables and
		// hanzi decide: "대한민국" read as GBK is "措茄刮惫", none of them
		// among the most frequent hanzi.
		return chinese && (spaced >= 0.1 || frequent(f.text, topHangul) > frequent(best.text, topHanzi))
	case "euc-jp":
		return chinese
	}
	return false
}

// topHangul and topHanzi are among the hundred most frequent Korean
// syllables and Chinese characters (simplified, with the traditional forms
// of the most frequent ones).
const (
	topHangul = "이다의는에하고을기가지한사로리서대를자수도정으일시인아어전해부국제나장주게상그들보구적만성원동것내연과여우민습니학라경요무신소화오세비조유계위중행공금생개업간없회방결면실명선물문통관미식차발단용모영산감"
	topHanzi  = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日" +
		"這個們來為國說時會對過發後裡當動進現開與長機業實經麼學體點"
)

// frequent counts the runes of s that are in top.
func frequent(s, top string) int {
	n := 0
	for _, r := range s {
		if r >= 0x80 && strings.ContainsRune(top, r) {
			n++
		}
	}
	return n
}

// countPrivateUse counts the private-use characters of s: user-defined
// areas that no real text of these encodings uses.
func countPrivateUse(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Co, r) {
			n++
		}
	}
	return n
}

// spacedRatio returns the share of non-ASCII characters (approximated by
// runs of non-ASCII bytes) that are followed by a space and more non-ASCII.
func spacedRatio(b []byte) float64 {
	runs, spaced := 0, 0
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			continue
		}
		runs++
		for i < len(b) && b[i] >= 0x80 {
			i++
		}
		if i+1 < len(b) && b[i] == ' ' && b[i+1] >= 0x80 {
			spaced++
		}
	}
	if runs == 0 {
		return 0
	}
	return float64(spaced) / float64(runs)
}

// hasGB18030Four reports whether data holds four-byte GB18030 sequences.
func hasGB18030Four(data []byte) bool {
	for i := 0; i+3 < len(data); i++ {
		b := data[i]
		if b < 0x81 || b == 0xFF {
			continue
		}
		if t := data[i+1]; t >= 0x30 && t <= 0x39 {
			if data[i+2] >= 0x81 && data[i+2] <= 0xFE && data[i+3] >= 0x30 && data[i+3] <= 0x39 {
				return true
			}
			continue
		}
		i++ // skip the trail byte of a two-byte character
	}
	return false
}

func between(b, lo, hi byte) bool { return b >= lo && b <= hi }

// scanWith returns the scan of an encoding whose characters char reads:
// ASCII bytes are skipped; at any other byte, char says how many bytes the
// character there takes (b holds the rest of the text, at least one
// byte), whether it is a common one, and whether it is kana.
func scanWith(char func(b []byte) (n int, common, kana bool)) func(b []byte) (chars, common, kana int) {
	return func(b []byte) (chars, common, kana int) {
		for i := 0; i < len(b); {
			if b[i] < 0x80 {
				i++
				continue
			}
			chars++
			n, c, k := char(b[i:])
			if c {
				common++
			}
			if k {
				kana++
			}
			i += n
		}
		return
	}
}

// gbkChar: lead 0x81-0xFE, trail 0x40-0xFE, or four bytes with a digit
// second (GB18030); common are GB2312 level 1 hanzi (0xB0A1-0xD7FE) and
// its punctuation rows (0xA1A1-0xA3FE); kana its rows 0xA4 and 0xA5.
func gbkChar(b []byte) (n int, common, kana bool) {
	c := b[0]
	if c == 0x80 || c == 0xFF || len(b) < 2 {
		return 1, false, false
	}
	t := b[1]
	if between(t, 0x30, 0x39) {
		return 4, false, false
	}
	return 2, t >= 0xA1 && t <= 0xFE && (between(c, 0xB0, 0xD7) || between(c, 0xA1, 0xA3)), c == 0xA4 || c == 0xA5
}

// big5Char: lead 0x81-0xFE, trail 0x40-0x7E or 0xA1-0xFE; common are the
// frequently used hanzi (0xA440-0xC67E) and symbols (0xA140-0xA3BF).
func big5Char(b []byte) (n int, common, kana bool) {
	c := b[0]
	if c == 0x80 || c == 0xFF || len(b) < 2 {
		return 1, false, false
	}
	t := b[1]
	if !between(t, 0x40, 0x7E) && !between(t, 0xA1, 0xFE) {
		return 1, false, false
	}
	return 2, between(c, 0xA4, 0xC5) || (c == 0xC6 && t <= 0x7E) || between(c, 0xA1, 0xA3), false
}

// shiftJISChar: single-byte half-width katakana 0xA1-0xDF, lead 0x81-0x9F
// or 0xE0-0xFC; common are punctuation (0x81), kana and full-width
// letters (0x824F-0x8396) and JIS level 1 kanji (0x889F-0x9872).
func shiftJISChar(b []byte) (n int, common, kana bool) {
	c := b[0]
	if between(c, 0xA1, 0xDF) || !(between(c, 0x81, 0x9F) || between(c, 0xE0, 0xFC)) || len(b) < 2 {
		return 1, false, false
	}
	t := b[1]
	switch {
	case c == 0x81, c == 0x82 && t >= 0x4F, c == 0x83 && t <= 0x96:
		return 2, true, c != 0x81 && !(c == 0x82 && t < 0x9F)
	case between(c, 0x89, 0x97), c == 0x88 && t >= 0x9F, c == 0x98 && t <= 0x72:
		return 2, true, false
	}
	return 2, false, false
}

// eucJPChar: 0x8E + one byte (half-width kana), 0x8F + two bytes (JIS X
// 0212), 0xA1-0xFE pairs; common are punctuation (0xA1), hiragana (0xA4),
// katakana (0xA5) and JIS level 1 kanji (0xB0-0xCF).
func eucJPChar(b []byte) (n int, common, kana bool) {
	switch c := b[0]; {
	case c == 0x8E:
		return 2, false, false
	case c == 0x8F:
		return 3, false, false
	case between(c, 0xA1, 0xFE) && len(b) >= 2:
		return 2, c == 0xA1 || c == 0xA4 || c == 0xA5 || between(c, 0xB0, 0xCF), c == 0xA4 || c == 0xA5
	}
	return 1, false, false
}

// eucKRChar: lead 0x81-0xFE, trail 0x41-0xFE (the UHC extension); common
// are KS X 1001 Hangul (0xB0A1-0xC8FE) and symbols (0xA1A1-0xA3FE).
func eucKRChar(b []byte) (n int, common, kana bool) {
	c := b[0]
	if c == 0x80 || c == 0xFF || len(b) < 2 {
		return 1, false, false
	}
	t := b[1]
	return 2, t >= 0xA1 && t <= 0xFE && (between(c, 0xB0, 0xC8) || between(c, 0xA1, 0xA3)), false
}
