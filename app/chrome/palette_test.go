package chrome

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

// The palette test reads web/app.css's custom properties and checks every
// text/background pair the pages use against WCAG 2.2 AA: 4.5:1 for text
// (1.4.3), 3:1 for what is not text but must be seen (1.4.11: focus
// rings, control borders, the tags' lines and signs). It also checks that
// tags are told apart by more than hue (1.4.1): each has its own line
// style and sign.

const cssPath = "../../web/app.css"

// contrast is the WCAG contrast ratio of two sRGB colours.
func contrast(a, b [3]uint8) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of an sRGB colour.
func luminance(c [3]uint8) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

// parseHex reads #rgb or #rrggbb.
func parseHex(s string) ([3]uint8, error) {
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return [3]uint8{}, fmt.Errorf("colour %q: want #rgb or #rrggbb", s)
	}
	var c [3]uint8
	for i := range c {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return c, fmt.Errorf("colour %q: %w", s, err)
		}
		c[i] = uint8(v)
	}
	return c, nil
}

var customProp = regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{3,6})\s*;`)

// palette returns the hex colours of the first :root block of the CSS.
func palette(t *testing.T, css string) map[string][3]uint8 {
	t.Helper()
	i := strings.Index(css, ":root {")
	if i < 0 {
		t.Fatal("app.css has no :root block")
	}
	block := css[i : i+strings.Index(css[i:], "\n}")]
	out := map[string][3]uint8{}
	for _, m := range customProp.FindAllStringSubmatch(block, -1) {
		c, err := parseHex(m[2])
		if err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		out[m[1]] = c
	}
	return out
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000", "#fff", 21},
		{"#fff", "#fff", 1},
		{"#767676", "#ffffff", 4.54},
		{"#6b675f", "#1f4e5f", 1.61}, // the header date of issue 12
	}
	for _, tt := range tests {
		a, _ := parseHex(tt.a)
		b, _ := parseHex(tt.b)
		if got := contrast(a, b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPaletteMeetsWCAGAA(t *testing.T) {
	b, err := os.ReadFile(cssPath)
	if err != nil {
		t.Fatal(err)
	}
	pal := palette(t, string(b))
	const text, nonText = 4.5, 3.0
	type pair struct {
		fg, bg string
		min    float64
		where  string
	}
	pairs := []pair{
		{"--ink", "--paper", text, "body text"},
		{"--ink", "--surface", text, "documents, panels, dialogs, buttons"},
		{"--muted", "--paper", text, "dates, facet titles, the status line"},
		{"--muted", "--surface", text, "meta lines in panels, the source line"},
		{"--muted", "--info-bg", text, "meta text in a placement note"},
		{"--link", "--paper", text, "links"},
		{"--link", "--surface", text, "links in documents and dialogs, the skip link"},
		{"--link", "--info-bg", text, "links in info banners"},
		{"--link", "--warn-bg", text, "links in warnings"},
		{"--on-theme", "--theme", text, "header links and title"},
		{"--on-theme-muted", "--theme", text, "the header date"},
		{"--ink", "--info-bg", text, "info banners"},
		{"--ink", "--warn-bg", text, "warnings, query errors"},
		{"--ink", "--error-bg", text, "error banners"},
		{"--error-ink", "--error-bg", text, "the reason in an error banner"},
		{"--error-ink", "--paper", text, "a failed save in the status line"},
		{"--error-ink", "--surface", text, "the reason on the load failure card"},
		{"--ink", "--hit-bg", text, "search terms in results"},
		{"--muted", "--surface", text, "placeholders"},
		{"--focus", "--paper", nonText, "the focus ring"},
		{"--focus", "--surface", nonText, "the focus ring on cards and in dialogs"},
		{"--focus-on-theme", "--theme", nonText, "the focus ring in the header"},
		{"--border", "--surface", nonText, "control borders"},
		{"--border", "--paper", nonText, "control borders"},
		{"--error-line", "--surface", nonText, "the load failure's border"},
	}
	for _, tag := range annotation.Tags() {
		bg, line := "--"+string(tag), "--"+string(tag)+"-line"
		pairs = append(pairs,
			pair{"--ink", bg, text, string(tag) + " marks and buttons"},
			pair{line, bg, text, string(tag) + "'s sign and line on its colour"},
			pair{line, "--surface", nonText, string(tag) + "'s line next to the page"})
	}
	for _, p := range pairs {
		fg, ok1 := pal[p.fg]
		bg, ok2 := pal[p.bg]
		if !ok1 || !ok2 {
			t.Errorf("%s on %s (%s): not both defined in :root", p.fg, p.bg, p.where)
			continue
		}
		if got := contrast(fg, bg); got < p.min {
			t.Errorf("%s on %s (%s): contrast %.2f:1, want at least %.1f:1", p.fg, p.bg, p.where, got, p.min)
		}
	}
}

var tagRule = regexp.MustCompile(`\[data-tag="([a-z]+)"\]\s*\{([^}]*)\}`)
var tagVar = regexp.MustCompile(`(--tag-[a-z]+):\s*([^;]+);`)

func TestTagsDifferByMoreThanHue(t *testing.T) {
	b, err := os.ReadFile(cssPath)
	if err != nil {
		t.Fatal(err)
	}
	looks := map[string]map[string]string{}
	for _, m := range tagRule.FindAllStringSubmatch(string(b), -1) {
		vars := map[string]string{}
		for _, v := range tagVar.FindAllStringSubmatch(m[2], -1) {
			vars[v[1]] = strings.TrimSpace(v[2])
		}
		looks[m[1]] = vars
	}
	styles, signs := map[string]string{}, map[string]string{}
	for _, tag := range annotation.Tags() {
		l, ok := looks[string(tag)]
		if !ok {
			t.Errorf("app.css: no [data-tag=%q] rule", tag)
			continue
		}
		style, sign := l["--tag-style"], l["--tag-sign"]
		if style == "" || sign == "" || sign == `""` {
			t.Errorf("%s: line style %q, sign %q: want both", tag, style, sign)
		}
		if other, dup := styles[style]; dup {
			t.Errorf("%s and %s share the line style %s", tag, other, style)
		}
		if other, dup := signs[sign]; dup {
			t.Errorf("%s and %s share the sign %s", tag, other, sign)
		}
		styles[style], signs[sign] = string(tag), string(tag)
	}
}
