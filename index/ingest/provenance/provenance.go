// Package provenance describes what ingestion did to a document: which
// encoding its bytes were read as and why, what the HTML sanitizer removed,
// which part of a page was kept, which characters were dropped and every
// repair made to damaged text, with the original text.
//
// Ingestion (package ingest) fills a Provenance for every document, the
// index snapshot stores it (index.DocInfo.Provenance) and annotation exports
// carry it (annotation.DocInfo.Provenance), so that a reader or a reviewer
// knows which text was tagged:
//
//	p := info.Provenance // *provenance.Provenance, nil for snapshots built before it existed
//	fmt.Println(p.Summary()) // "decoded from windows-1252 (guessed: ...); 3 repairs (1 best guess)"
//	for _, r := range p.Repairs {
//		// text[r.Start:r.End] in code points now reads r.To; the file had r.From.
//	}
//
// Offsets count Unicode code points into the document's normalized text,
// like every offset of the project (W3C TextPositionSelector). The package
// has no dependencies and compiles for GOOS=js.
package provenance

import (
	"fmt"
	"sort"
	"strings"
)

// How an encoding was decided: the values of Provenance.Decided.
const (
	// BOM means a byte order mark at the start of the file named the encoding.
	BOM = "bom"
	// Declared means the HTML page declared its encoding in a <meta> element.
	Declared = "declared"
	// Valid means the bytes are valid UTF-8 (or plain ASCII).
	Valid = "valid"
	// Guessed means the encoding is a best guess from the bytes themselves.
	Guessed = "guessed"
)

// Provenance records how a document's text was made from its file.
type Provenance struct {
	// Encoding is the WHATWG name of the encoding the bytes were read as:
	// "utf-8", "utf-16le", "utf-16be", "windows-1252", "gbk", "gb18030",
	// "big5", "shift_jis", "euc-jp" or "euc-kr".
	Encoding string `json:"encoding"`
	// Decided says how Encoding was chosen: BOM, Declared, Valid or Guessed.
	Decided string `json:"decided"`
	// Reason says why in one sentence that starts with the decision, e.g.
	// `declared by <meta charset="GBK">`, "UTF-16 little-endian byte order
	// mark", "valid UTF-8", "guessed: not valid UTF-8 (...); ...".
	Reason string `json:"reason,omitempty"`
	// Fallback counts the bytes of a UTF-8 file that were not valid UTF-8
	// and were read as windows-1252 instead.
	Fallback int `json:"fallback,omitempty"`
	// Replaced counts the byte sequences that are invalid in Encoding and
	// became U+FFFD, as a browser shows them.
	Replaced int `json:"replaced,omitempty"`
	// Controls counts the control characters dropped (C0 and C1, other than
	// line breaks and tabs).
	Controls int `json:"controls,omitempty"`
	// Invisible counts the invisible formatting characters dropped: zero-width
	// spaces and joiners, bidirectional controls, soft hyphens, BOMs.
	Invisible int `json:"invisible,omitempty"`
	// Sanitized counts what the HTML sanitizer removed: the elements it
	// dropped with their content, by name ("script", "iframe", "svg", ...),
	// and event handler attributes under "on*". Tags it strips while
	// keeping their text (unknown elements, <nav>, <kbd>) are not counted.
	Sanitized map[string]int `json:"sanitized,omitempty"`
	// Root is the root selector that chose the part of an HTML page that was
	// ingested, when one was given; RootFound says whether an element matched
	// (when none did, the whole page was ingested).
	Root      string `json:"root,omitempty"`
	RootFound bool   `json:"rootFound,omitempty"`
	// Repairs lists every repair of damaged text (mojibake), in text order.
	Repairs []Repair `json:"repairs,omitempty"`
}

// Repair is one repair of damaged text.
type Repair struct {
	// Start and End are the code point offsets of the repaired text in the
	// document's normalized text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// From is the original, damaged text as the file had it (after decoding).
	From string `json:"from"`
	// To is what replaced it: the document text between Start and End.
	To string `json:"to"`
	// Lossy is true when To is a best guess rather than an exact recovery.
	Lossy bool `json:"lossy,omitempty"`
	// Figures is true when the repair adds, removes or changes a digit, a
	// character between two digits (a decimal or thousands separator, a
	// dash), a currency symbol or a percent sign: check it against the source.
	Figures bool `json:"figures,omitempty"`
}

// Lossy returns how many repairs are best guesses.
func (p *Provenance) Lossy() int {
	n := 0
	for _, r := range p.Repairs {
		if r.Lossy {
			n++
		}
	}
	return n
}

// Figures returns how many repairs touch figures (see Repair.Figures).
func (p *Provenance) Figures() int {
	n := 0
	for _, r := range p.Repairs {
		if r.Figures {
			n++
		}
	}
	return n
}

// Changed reports whether anything beyond decoding valid UTF-8 was done:
// another encoding, a fallback or replacement, dropped characters, sanitizing,
// a root selector or a repair.
func (p *Provenance) Changed() bool {
	return p.Decided != Valid || p.Fallback+p.Replaced+p.Controls+p.Invisible > 0 ||
		len(p.Sanitized) > 0 || p.Root != "" || len(p.Repairs) > 0
}

// At returns the repairs that overlap the code point span [start, end);
// an empty span (start == end) matches a repair that contains it.
func (p *Provenance) At(start, end int) []Repair {
	var out []Repair
	i := sort.Search(len(p.Repairs), func(i int) bool { return p.Repairs[i].End > start })
	for ; i < len(p.Repairs) && (p.Repairs[i].Start < end || (start == end && p.Repairs[i].Start <= start)); i++ {
		out = append(out, p.Repairs[i])
	}
	return out
}

// Summary says in one line what was done, for a build log or a tooltip:
// "windows-1252 (guessed: ...); 2 control characters dropped; 3 repairs
// (1 best guess, 1 touching figures)". It starts with the encoding and
// Reason.
func (p *Provenance) Summary() string {
	reason := p.Reason
	if reason == "" {
		reason = p.Decided
	}
	parts := []string{p.Encoding + " (" + reason + ")"}
	count := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	count(p.Fallback, "byte that is not UTF-8 read as windows-1252", "bytes that are not UTF-8 read as windows-1252")
	count(p.Replaced, "invalid sequence shown as U+FFFD", "invalid sequences shown as U+FFFD")
	count(p.Controls, "control character dropped", "control characters dropped")
	count(p.Invisible, "invisible character dropped", "invisible characters dropped")
	if len(p.Sanitized) > 0 {
		names := make([]string, 0, len(p.Sanitized))
		for k := range p.Sanitized {
			names = append(names, k)
		}
		sort.Strings(names)
		for i, k := range names {
			names[i] = fmt.Sprintf("%s×%d", k, p.Sanitized[k])
		}
		parts = append(parts, "sanitized: removed "+strings.Join(names, ", "))
	}
	if p.Root != "" {
		if p.RootFound {
			parts = append(parts, "only "+p.Root)
		} else {
			parts = append(parts, "no "+p.Root+": the whole page")
		}
	}
	if n := len(p.Repairs); n > 0 {
		s := fmt.Sprintf("%d repairs", n)
		if n == 1 {
			s = "1 repair"
		}
		var notes []string
		if l := p.Lossy(); l > 0 {
			notes = append(notes, fmt.Sprintf("%d best %s", l, plural(l, "guess", "guesses")))
		}
		if f := p.Figures(); f > 0 {
			notes = append(notes, fmt.Sprintf("%d touching figures", f))
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
