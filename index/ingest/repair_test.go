package ingest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
)

// The repair property: a mojibake repair never changes a digit, a decimal
// or thousands separator, a currency symbol or a percent sign without
// flagging it (Repair.Figures). It is checked over the seed corpus, over
// generated mojibake and by FuzzRepair, with its own figure rule:

// figuresOf returns the figure characters of rs: digits, currency symbols,
// percent signs, and whatever sits between two digits, spaces as ' '.
func figuresOf(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		between := i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
		switch {
		case unicode.IsDigit(r), unicode.In(r, unicode.Sc), strings.ContainsRune("%‰‱٪﹪％", r):
			b.WriteRune(r)
		case between && (unicode.IsSpace(r) || unicode.In(r, unicode.Zs)):
			b.WriteRune(' ')
		case between:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkRepairsFlagFigures checks every repair of doc: the flag is set
// exactly when the figures around it change.
func checkRepairsFlagFigures(tb testing.TB, doc *Document) {
	tb.Helper()
	rs := []rune(doc.Text)
	for _, r := range doc.Repairs {
		ctx := func(mid []rune) []rune {
			var out []rune
			if r.Start > 0 {
				out = append(out, rs[r.Start-1])
			}
			out = append(out, mid...)
			if r.End < len(rs) {
				out = append(out, rs[r.End])
			}
			return out
		}
		changed := figuresOf(ctx([]rune(r.From))) != figuresOf(ctx(rs[r.Start:r.End]))
		if changed != r.Figures {
			tb.Errorf("%s: repair %+v: figures changed %v, flagged %v", doc.Path, r, changed, r.Figures)
		}
	}
}

// asciiDigits returns the ASCII digits of s in order: repairs never touch
// ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func TestSeedRepairsKeepFigures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		checkRepairsFlagFigures(t, doc)
		if got, want := asciiDigits(doc.Text), asciiDigits(string(data)); got != want {
			t.Errorf("%s: the digits changed", doc.Path)
		}
	}
}

// Pieces of generated text: words, figures in many notations, and
// punctuation whose UTF-8 bytes mojibake damages.
var (
	genWords   = []string{"revenue", "café", "Größe", "naïve", "Zoë", "résumé", "Łódź", "São", "año", "Kingsoft", "Q2", "EBITDA", "à", "côté"}
	genFigures = []string{"37.2%", "1,234.56", "1.234,56", "1\u00a0234,56\u00a0€", "1\u202f000", "€1.5bn", "£3", "¥100", "₹5", "US$0.50",
		"12.5\u202f%", "2‰", "1’000", "–3.2%", "12–18", "½", "¾", "٣٫١٤", "１２３", "RMB2,703.7", "0.8×", "+5pp", "$-1"}
	genPunct = []string{"’", "“", "”", "—", "–", "…", "•", "\u00a0", "\u202f", ", ", ". ", " ", " ", " "}
)

// genText returns a random clean text of words, figures and punctuation.
func genText(r *rand.Rand) string {
	var b strings.Builder
	for n := 3 + r.IntN(25); n > 0; n-- {
		switch r.IntN(3) {
		case 0:
			b.WriteString(genWords[r.IntN(len(genWords))])
		case 1:
			b.WriteString(genFigures[r.IntN(len(genFigures))])
		default:
			b.WriteString(genPunct[r.IntN(len(genPunct))])
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// damage reads the UTF-8 of s through a single-byte code page, the way
// mojibake is made: mode 0 Windows-1252 (WHATWG), 1 Latin-1, 2 ISO-8859-2
// with its C1 controls lost (like seed 002), 3 Windows-1250 with the bytes
// it lacks lost, 4 Windows-1252 with the bytes it lacks lost.
func damage(s string, mode int) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch mode {
		case 0:
			b.WriteRune(cp1252[c])
		case 1:
			b.WriteRune(rune(c))
		case 2:
			if r := charmap.ISO8859_2.DecodeByte(c); c < 0x80 || c >= 0xA0 {
				b.WriteRune(r)
			}
		case 3:
			if r := charmap.Windows1250.DecodeByte(c); r != '\uFFFD' {
				b.WriteRune(r)
			}
		default:
			if r := charmap.Windows1252.DecodeByte(c); r != '\uFFFD' {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// checkRepairProperty damages clean text and checks the repaired document.
func checkRepairProperty(t *testing.T, clean string, mode int) {
	t.Helper()
	damaged := damage(clean, mode)
	doc, err := Parse("g.txt", []byte(damaged))
	if err != nil {
		return // e.g. empty after cleaning
	}
	checkDocument(t, doc)
	checkRepairsFlagFigures(t, doc)
	// Repairs are the only changes: putting each one's original back gives
	// the damaged text (as normalization leaves it).
	rs := []rune(doc.Text)
	var back strings.Builder
	at := 0
	for _, rp := range doc.Repairs {
		back.WriteString(string(rs[at:rp.Start]) + rp.From)
		at = rp.End
	}
	back.WriteString(string(rs[at:]))
	// (A repaired space absorbs a space next to it: compare without spaces.)
	got, _ := normalize(back.String(), nil)
	if want, _ := normalize(damaged, nil); visible(got) != visible(want) {
		t.Errorf("mode %d: the text changed outside its repairs:\ngot  %q\nwant %q", mode, got, want)
	}
	want, _ := normalize(clean, nil)
	if asciiDigits(doc.Text) != asciiDigits(damaged) {
		t.Errorf("mode %d: the ASCII digits of %q changed in %q", mode, damaged, doc.Text)
	}
	if mode <= 1 && doc.Text != want {
		// Every byte survived: the repair is exact.
		t.Errorf("mode %d: got %q, want the exact original %q", mode, doc.Text, want)
	}
}

func TestGeneratedMojibakeRepairsKeepFigures(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		checkRepairProperty(t, genText(r), i%5)
		if t.Failed() {
			break
		}
	}
}

func FuzzRepair(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20; i++ {
		f.Add(genText(r), uint8(i%5))
	}
	f.Add("Revenue 1\u202f000\u00a0€, up 12–18\u202f%", uint8(2))
	// Found by fuzzing: a repaired space next to a space, a repaired
	// combining mark, a byte windows-1252 leaves undefined.
	f.Add("00000000000000\u2000 00", uint8(1))
	f.Add("0\u0300 cafe\u0301", uint8(1))
	f.Add("“quoted” and Ý", uint8(0))
	f.Fuzz(func(t *testing.T, clean string, mode uint8) {
		// One line of text with something for mojibake to damage.
		if !strings.ContainsFunc(clean, func(r rune) bool { return r >= 0x80 }) || strings.ContainsAny(clean, "\x00\r\n\v\f\u0085\u2028\u2029") {
			return
		}
		checkRepairProperty(t, strings.ToValidUTF8(clean, ""), int(mode%5))
	})
}
