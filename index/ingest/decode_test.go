package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// encode returns s in enc; the test fails if s has no encoding in it.
func encode(tb testing.TB, enc encoding.Encoding, s string) string {
	tb.Helper()
	b, err := enc.NewEncoder().String(s)
	if err != nil {
		tb.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// utf16Bytes returns s as UTF-16 in the given byte order, without BOM.
func utf16Bytes(s string, big bool) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			b.WriteByte(byte(u >> 8))
			b.WriteByte(byte(u))
		} else {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
	}
	return b.String()
}

func TestDecodingChoice(t *testing.T) {
	long := strings.Repeat("<!-- padding to push the declaration past the prescan window -->\n", 20)
	tests := []struct {
		name, path, data  string
		encoding, decided string
		text              string // the document text, when checked
		reason            string // a part of the reason, when checked
	}{
		{"A UTF-8 BOM is stripped and named.", "a.txt", "\xEF\xBB\xBFcafé", "utf-8", provenance.BOM, "café", "UTF-8 byte order mark"},
		{"UTF-16LE with a BOM is decoded, not called binary.", "a.txt", "\xFF\xFE" + utf16Bytes("Kingsoft Cloud’s café", false), "utf-16le", provenance.BOM, "Kingsoft Cloud’s café", "little-endian"},
		{"UTF-16BE with a BOM is decoded.", "a.md", "\xFE\xFF" + utf16Bytes("# Tōkyō 東京\n\nText.", true), "utf-16be", provenance.BOM, "Tōkyō 東京\n\nText.", "big-endian"},
		{"UTF-16 with a BOM wins over a meta declaration.", "a.html", "\xFF\xFE" + utf16Bytes(`<meta charset="gbk"><p>ok é</p>`, false), "utf-16le", provenance.BOM, "ok é", ""},
		{"UTF-16LE without a BOM is recognized by its NUL bytes.", "a.txt", utf16Bytes("Plain old text, no BOM: é.", false), "utf-16le", provenance.Guessed, "Plain old text, no BOM: é.", "NUL"},
		{"UTF-16BE without a BOM is recognized by its NUL bytes.", "a.txt", utf16Bytes("Plain old text, no BOM: é.", true), "utf-16be", provenance.Guessed, "Plain old text, no BOM: é.", "NUL"},
		{"A meta charset is used.", "a.html", `<meta charset="windows-1252"><p>` + encode(t, charmap.Windows1252, "€5 — “ok”") + `</p>`, "windows-1252", provenance.Declared, "€5 — “ok”", `declared by <meta charset="windows-1252">`},
		{"An http-equiv content type is used.", "a.html", `<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>` + encode(t, japanese.ShiftJIS, "東京") + `</p>`, "shift_jis", provenance.Declared, "東京", "http-equiv"},
		{"A content charset without http-equiv is no declaration.", "a.html", `<meta content="text/html; charset=Shift_JIS"><p>caf` + "\xe9" + `</p>`, "windows-1252", provenance.Guessed, "café", "guessed"},
		{"iso-8859-1 is read as windows-1252, as browsers do.", "a.html", `<meta charset="iso-8859-1"><p>` + "\x80 \x93q\x94 \xe9" + `</p>`, "windows-1252", provenance.Declared, "€ “q” é", `browsers read "iso-8859-1" as windows-1252`},
		{"gb2312 is read as gbk.", "a.html", `<meta charset="gb2312"><p>` + encode(t, simplifiedchinese.GBK, "金山云") + `</p>`, "gbk", provenance.Declared, "金山云", `"gb2312" as gbk`},
		{"A utf-16 declaration in an ASCII-compatible page means UTF-8.", "a.html", `<meta charset="utf-16"><p>café</p>`, "utf-8", provenance.Declared, "café", ""},
		{"An unknown charset is no declaration.", "a.html", `<meta charset="klingon"><p>café</p>`, "utf-8", provenance.Valid, "café", "valid UTF-8"},
		{"A declaration after 1024 bytes in the head is honoured.", "a.html", "<html><head>" + long + `<meta charset="windows-1252"></head><body><p>caf` + "\xe9\x80" + `</p>`, "windows-1252", provenance.Declared, "café€", "after the first 1024 bytes"},
		{"A declaration after 1024 bytes in the body is not.", "a.html", "<html><body><p>x</p>" + long + `<meta charset="gbk"><p>caf` + "\xe9" + `</p>`, "windows-1252", provenance.Guessed, "", "guessed"},
		{"A declared encoding's invalid bytes become U+FFFD.", "a.html", `<meta charset="utf-8"><p>caf` + "\xe9" + `</p>`, "utf-8", provenance.Declared, "caf\uFFFD", ""},
		{"A meta tag in a text file is only text.", "a.txt", `<meta charset="gbk"> caf` + "\xe9", "windows-1252", provenance.Guessed, `<meta charset="gbk"> café`, ""},
		{"Valid UTF-8 is UTF-8.", "a.txt", "Zürich 東京 €", "utf-8", provenance.Valid, "Zürich 東京 €", "valid UTF-8"},
		{"ASCII is UTF-8.", "a.txt", "plain", "utf-8", provenance.Valid, "plain", "ASCII only"},
		{"UTF-8 with a stray Latin-1 byte keeps its UTF-8.", "a.txt", "naïve café’s résumé and Zoë; caf\xe9", "utf-8", provenance.Guessed, "naïve café’s résumé and Zoë; café", "stray byte"},
		{"Latin-1 text is read as windows-1252.", "a.txt", "Stra\xdfe \xbd Gr\xf6\xdfe", "windows-1252", provenance.Guessed, "Straße ½ Größe", "superset of Latin-1"},
		{"Undefined windows-1252 bytes are C1 controls, dropped.", "a.txt", "caf\xe9 \x81x\x8d", "windows-1252", provenance.Guessed, "café x", ""},
		{"Undeclared GBK is guessed.", "a.txt", encode(t, simplifiedchinese.GBK, "金山云发布了第二季度财报，收入增长。"), "gbk", provenance.Guessed, "金山云发布了第二季度财报，收入增长。", "gbk"},
		{"Undeclared GB18030 four-byte text is gb18030.", "a.txt", encode(t, simplifiedchinese.GB18030, "金山云发布财报😀，收入增长。"), "gb18030", provenance.Guessed, "金山云发布财报😀，收入增长。", ""},
		{"Undeclared Big5 is guessed.", "a.txt", encode(t, traditionalchinese.Big5, "金山雲發佈了第二季度財報，收入增長。"), "big5", provenance.Guessed, "金山雲發佈了第二季度財報，收入增長。", "big5"},
		{"Undeclared Shift_JIS is guessed.", "a.txt", encode(t, japanese.ShiftJIS, "東京の天気は晴れです。"), "shift_jis", provenance.Guessed, "東京の天気は晴れです。", "shift_jis"},
		{"Undeclared EUC-JP is guessed.", "a.txt", encode(t, japanese.EUCJP, "東京の天気は晴れです。"), "euc-jp", provenance.Guessed, "東京の天気は晴れです。", "euc-jp"},
		{"A few GBK words in English text are enough.", "a.txt", encode(t, simplifiedchinese.GBK, "Kingsoft Cloud (金山云) reported revenue."), "gbk", provenance.Guessed, "Kingsoft Cloud (金山云) reported revenue.", "3 of 3"},
		{"A short Big5 name is guessed.", "a.txt", encode(t, traditionalchinese.Big5, "台北市政府"), "big5", provenance.Guessed, "台北市政府", ""},
		{"A short katakana word is Shift_JIS.", "a.txt", encode(t, japanese.ShiftJIS, "カタカナ"), "shift_jis", provenance.Guessed, "カタカナ", ""},
		{"A short Korean word without spaces is EUC-KR by its frequent syllables.", "a.txt", encode(t, korean.EUCKR, "대한민국"), "euc-kr", provenance.Guessed, "대한민국", ""},
		{"Undeclared EUC-KR is guessed.", "a.txt", encode(t, korean.EUCKR, "서울 의 날씨 는 맑습니다. 매출 이 증가 했습니다."), "euc-kr", provenance.Guessed, "서울 의 날씨 는 맑습니다. 매출 이 증가 했습니다.", "euc-kr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.path, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			p := doc.Provenance
			if p.Encoding != tt.encoding || p.Decided != tt.decided {
				t.Errorf("got %s (%s: %s), want %s (%s)", p.Encoding, p.Decided, p.Reason, tt.encoding, tt.decided)
			}
			if tt.text != "" && doc.Text != tt.text {
				t.Errorf("got text %q, want %q", doc.Text, tt.text)
			}
			if !strings.Contains(p.Reason, tt.reason) {
				t.Errorf("got reason %q, want it to contain %q", p.Reason, tt.reason)
			}
		})
	}
}

// westernSentences are Western European texts; in windows-1252 none may be
// taken for an East Asian encoding.
var westernSentences = []string{
	"Le conseil a approuvé le résumé ; l’été dernier, la société a versé 1,5 € par action.",
	"Die Größe des Gebäudes übertrifft die Erwartungen: Straßenbahn, Übergänge, Öffnungszeiten.",
	"El niño comió piñas en el año pasado; ¿qué pasó con la acción? ¡Subió un 12 %!",
	"A situação econômica melhorou: ações, conclusões e previsões são otimistas.",
	"Skärgården är vacker på sommaren; åtta öar, älvar och fjällen nära Göteborg.",
	"Naïve coöperation — “quoted” text, an ellipsis… and the firm’s Q2 margin of 37.2%.",
	"ÀÉÎÕÜ ÄÖÜ ÇÑ ÆØÅ in capitals, then àéîõü äöü çñ æøå.",
	"Ça coûte 3½ £ — ou ¼ de plus ; © 2026 Société Générale®, ±0,5 °C.",
	"é", "Größe", "Zoë’s",
}

func TestWesternTextIsNeverTakenForEastAsian(t *testing.T) {
	for _, s := range westernSentences {
		for _, enc := range []encoding.Encoding{charmap.Windows1252, charmap.ISO8859_1} {
			b, err := enc.NewEncoder().String(s)
			if err != nil || utf8.ValidString(b) {
				continue // not in Latin-1, or only ASCII
			}
			doc, err := Parse("w.txt", []byte(b))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Provenance.Encoding != "windows-1252" || doc.Text != s {
				t.Errorf("%q: got %s %q (%s), want windows-1252", s, doc.Provenance.Encoding, doc.Text, doc.Provenance.Reason)
			}
		}
	}
}

func TestBinaryIsStillSkipped(t *testing.T) {
	tests := []struct{ name, data string }{
		{"NUL bytes at random places are binary.", "PK\x03\x04\x00\x00\x14\x00binary\x00zip"},
		{"Control characters are binary.", "\x01\x02\x03\x04\x05abc"},
		{"UTF-16 full of control characters is binary.", "\xFF\xFE" + utf16Bytes("\x01\x02\x03\x04\x05\x06abc", false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("b.txt", []byte(tt.data))
			if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "binary file") {
				t.Errorf("got %v, want ErrBinary", err)
			}
		})
	}
}

// determineFallback is what charset.DetermineEncoding answers for content
// that declares nothing.
func determineFallback(content []byte) string {
	if len(content) > prescanBytes {
		content = content[:prescanBytes]
	}
	for i := len(content) - 1; i >= 0 && i > len(content)-4; i-- {
		if content[i] < 0x80 {
			break
		}
		if utf8.RuneStart(content[i]) {
			content = content[:i]
			break
		}
	}
	if !isASCII(content) && utf8.Valid(content) {
		return "utf-8"
	}
	return "windows-1252"
}

// FuzzDeclaredCharset checks that the declaration found in the first 1024
// bytes is the one golang.org/x/net/html/charset finds.
func FuzzDeclaredCharset(f *testing.F) {
	for _, s := range []string{
		`<meta charset="gbk">`, `<meta http-equiv="content-type" content="text/html; charset=shift_jis">`,
		`<meta content="text/html; charset='big5'" http-equiv="Content-Type">`, `<meta charset=utf-16le>`,
		`<meta charset="nope" content="charset=gbk" http-equiv="content-type">`, `<meta content="charset=gbk" charset="euc-kr">`,
		`<!-- <meta charset="gbk"> --><meta charset=iso-8859-2>`, `<script>"<meta charset=gbk>"</script><p>é`,
		`<meta http-equiv=content-type content=charset=gbk><meta charset=big5>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 2 && (string(data[:2]) == "\xFF\xFE" || string(data[:2]) == "\xFE\xFF") || strings.HasPrefix(string(data), "\xEF\xBB\xBF") {
			return
		}
		head := data[:min(len(data), prescanBytes)]
		d, ok := prescan(head, false)
		_, want, _ := charset.DetermineEncoding(data, "")
		got := determineFallback(data)
		if ok {
			got = d.name
		}
		if got != want {
			t.Fatalf("got %q (declared %v: %+v), want %q as x/net/html/charset decides", got, ok, d, want)
		}
	})
}
