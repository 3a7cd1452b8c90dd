package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkDocument verifies the invariants every document must hold: offsets
// in bounds and consistent, sentences inside their passage in order,
// repairs pointing at their replacement, text valid UTF-8 and NFC.
func checkDocument(tb testing.TB, d *Document) {
	tb.Helper()
	if !utf8.ValidString(d.Text) {
		tb.Fatalf("%s: text is not valid UTF-8", d.Path)
	}
	if !norm.NFC.IsNormalString(d.Text) {
		tb.Errorf("%s: text is not NFC", d.Path)
	}
	runes := utf8.RuneCountInString(d.Text)
	var parts []string
	prevEnd := -2
	for i, p := range d.Passages {
		if p.Start < 0 || p.End > runes || p.Start >= p.End || p.ByteStart < 0 || p.ByteEnd > len(d.Text) || p.ByteStart >= p.ByteEnd {
			tb.Fatalf("%s: passage %d has bad span %+v (text has %d runes, %d bytes)", d.Path, i, p, runes, len(d.Text))
		}
		if p.Start != prevEnd+2 {
			tb.Errorf("%s: passage %d starts at %d, want %d", d.Path, i, p.Start, prevEnd+2)
		}
		prevEnd = p.End
		if got, want := d.Slice(p.Start, p.End), p.Text(d); got != want {
			tb.Errorf("%s: passage %d: got code point slice %q, byte slice %q", d.Path, i, got, want)
		}
		if got, want := utf8.RuneCountInString(d.Text[:p.ByteStart]), p.Start; got != want {
			tb.Errorf("%s: passage %d: got ByteStart at code point %d, want %d", d.Path, i, got, want)
		}
		t := p.Text(d)
		if t != strings.TrimSpace(t) || strings.Contains(t, "\n") {
			tb.Errorf("%s: passage %d: got untrimmed or multi-line text %q", d.Path, i, t)
		}
		switch p.Kind {
		case "p", "h", "li", "pre":
		default:
			tb.Errorf("%s: passage %d: got kind %q", d.Path, i, p.Kind)
		}
		if len(p.Sentences) == 0 {
			tb.Errorf("%s: passage %d has no sentences", d.Path, i)
		}
		at := p.Start
		for j, s := range p.Sentences {
			if s.Start < at || s.End <= s.Start || s.End > p.End {
				tb.Errorf("%s: passage %d sentence %d: got span [%d,%d), want inside [%d,%d) after %d", d.Path, i, j, s.Start, s.End, p.Start, p.End, at)
			}
			if gap := d.Slice(at, s.Start); strings.TrimSpace(gap) != "" {
				tb.Errorf("%s: passage %d sentence %d: got uncovered text %q", d.Path, i, j, gap)
			}
			at = s.End
		}
		if at != p.End {
			tb.Errorf("%s: passage %d: sentences end at %d, want %d", d.Path, i, at, p.End)
		}
		parts = append(parts, t)
	}
	if got, want := d.Text, strings.Join(parts, "\n\n"); got != want {
		tb.Errorf("%s: text is not the passages joined by blank lines", d.Path)
	}
	if len(d.Repairs) != len(d.Provenance.Repairs) {
		tb.Errorf("%s: got %d repairs and %d in the provenance", d.Path, len(d.Repairs), len(d.Provenance.Repairs))
	}
	prev := 0
	for i, r := range d.Repairs {
		if r.Start < prev || r.End < r.Start || r.End > runes || r.End-r.Start != utf8.RuneCountInString(r.To) {
			tb.Errorf("%s: repair %d %+v: bad span (text has %d runes, previous repair ends at %d)", d.Path, i, r, runes, prev)
		}
		if got := d.Slice(r.Start, r.End); got != r.To {
			tb.Errorf("%s: repair %d %+v: got %q at its span", d.Path, i, r, got)
		}
		prev = r.End
	}
}
