package reader

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// visible returns s with the characters a page would not show (controls,
// format characters such as zero-width spaces, unusual spaces) written as
// ⟨U+0080⟩, so that the original of a repair reads as it was.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteRune(r)
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.IsSpace(r):
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// repairText describes a repair in a sentence: what the text shows, what
// the file had, and how sure the repair is.
func repairText(r provenance.Repair) string {
	s := fmt.Sprintf("Repaired: shows “%s”, the file had “%s”", visible(r.To), visible(r.From))
	switch {
	case r.Lossy && r.Figures:
		s += " (a best guess that touches figures: check it against the source)"
	case r.Lossy:
		s += " (a best guess)"
	case r.Figures:
		s += " (touches figures: check it against the source)"
	}
	return s + "."
}

// provenanceSummary is the one line that opens the provenance disclosure:
// the encoding and what was changed, in a few words.
func provenanceSummary(p *provenance.Provenance) string {
	if p == nil {
		return "Text: how it was read is not recorded"
	}
	parts := []string{"Text: " + p.Encoding}
	if n := len(p.Repairs); n > 0 {
		parts = append(parts, chrome.Count(n, "repair", "repairs"))
	}
	if n := p.Controls + p.Invisible; n > 0 {
		parts = append(parts, chrome.Count(n, "character dropped", "characters dropped"))
	}
	if n := p.Replaced; n > 0 {
		parts = append(parts, chrome.Count(n, "unreadable sequence", "unreadable sequences"))
	}
	if !p.Changed() {
		parts = append(parts, "as in the file")
	}
	return strings.Join(parts, " · ")
}

// provenanceFacts lists, a sentence each, how the document's text was made
// from its file.
func provenanceFacts(p *provenance.Provenance) []string {
	if p == nil {
		return []string{"This index was built before claimtag recorded how each file was read: rebuild it to see the encoding and any repairs."}
	}
	reason := p.Reason
	if reason == "" {
		reason = p.Decided
	}
	out := []string{fmt.Sprintf("Read as %s: %s.", p.Encoding, reason)}
	if p.Fallback > 0 {
		out = append(out, chrome.Count(p.Fallback, "byte that is not UTF-8 was", "bytes that are not UTF-8 were")+" read as windows-1252.")
	}
	if p.Replaced > 0 {
		out = append(out, chrome.Count(p.Replaced, "sequence", "sequences")+" invalid in "+p.Encoding+" shown as �.")
	}
	if p.Controls > 0 {
		out = append(out, chrome.Count(p.Controls, "control character", "control characters")+" dropped.")
	}
	if p.Invisible > 0 {
		out = append(out, chrome.Count(p.Invisible, "invisible character", "invisible characters")+" dropped (zero-width spaces, direction marks, soft hyphens).")
	}
	if len(p.Sanitized) > 0 {
		names := make([]string, 0, len(p.Sanitized))
		for k := range p.Sanitized {
			names = append(names, k)
		}
		sort.Strings(names)
		for i, k := range names {
			names[i] = fmt.Sprintf("%s ×%d", k, p.Sanitized[k])
		}
		out = append(out, "Removed from the page: "+strings.Join(names, ", ")+".")
	}
	if p.Root != "" {
		if p.RootFound {
			out = append(out, "Only the part of the page matching "+p.Root+" was kept.")
		} else {
			out = append(out, "Nothing matched "+p.Root+", so the whole page was kept.")
		}
	}
	if n := len(p.Repairs); n > 0 {
		s := chrome.Count(n, "stretch of damaged text (mojibake) was", "stretches of damaged text (mojibake) were") + " repaired"
		var notes []string
		if l := p.Lossy(); l > 0 {
			notes = append(notes, chrome.Count(l, "best guess", "best guesses"))
		}
		if f := p.Figures(); f > 0 {
			notes = append(notes, fmt.Sprintf("%d touching figures", f))
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
		out = append(out, s+"; they are underlined with dots. Hover one, or press r to go to the next and o to read what the file had.")
	}
	if !p.Changed() {
		out = append(out, "Nothing was changed: the text is as in the file.")
	}
	return out
}

// repairsAt returns the indexes of the repairs overlapping [start, end).
func repairsAt(rs []provenance.Repair, start, end int) []int {
	var out []int
	i := sort.Search(len(rs), func(i int) bool { return rs[i].End > start })
	for ; i < len(rs) && rs[i].Start < end; i++ {
		out = append(out, i)
	}
	return out
}

// nextRepair returns the repair after offset at (delta 1) or before it
// (delta -1), going round; -1 when there is none. at is the start of the
// repair focused now, or where the reader is.
func nextRepair(rs []provenance.Repair, at, delta int) int {
	if len(rs) == 0 {
		return -1
	}
	if delta > 0 {
		i := sort.Search(len(rs), func(i int) bool { return rs[i].Start > at })
		return i % len(rs)
	}
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Start >= at }) - 1
	if i < 0 {
		i = len(rs) - 1
	}
	return i
}
