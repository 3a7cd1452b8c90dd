package index

import (
	"html"
	"strings"
	"unicode/utf8"
)

// A hit's fragment is the part of its passage around the most matches,
// with the matches marked, as bleve's simple highlighter makes it
// (search/highlight, v2.5.7: the simple fragmenter, the simple scorer, the
// html formatter), rewritten here for the one case a search needs. bleve's
// highlighter packages register themselves in bleve's registry, which
// links bleve's search package, geo and json-iterator into app.wasm
// (about 1.1 MB, a tenth of it). highlight_test.go checks that this code
// writes what bleve's highlighter writes, natively, on the seeds' passages
// and on fuzzed text and spans.

const (
	// fragmentRunes is the length of a fragment, in code points.
	fragmentRunes = 240
	// fragmentSep marks text left out before or after a fragment.
	fragmentSep = " … "
)

// fragment renders the best part of text with the byte spans marked in
// <mark>, HTML-escaped. The spans must be in order and apart, as
// mergeSpans leaves them. Without spans, or when text is not valid UTF-8
// around them, it is the start of text.
func fragment(text string, spans []Span) string {
	if len(spans) > 0 {
		if f, ok := bestFragment(text, spans); ok {
			return formatFragment(text, f, spans)
		}
	}
	return html.EscapeString(truncate(text, 240))
}

// bestFragment returns the candidate fragment holding the most spans
// whole, the first of them on a tie; false when there is none.
func bestFragment(text string, spans []Span) (Span, bool) {
	var best Span
	bestScore := -1
	for _, f := range fragmentsOf(text, spans) {
		score := 0
		for _, s := range spans {
			if s.Start >= f.Start && s.End <= f.End {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	return best, bestScore >= 0
}

// fragmentsOf returns a candidate fragment for each span: fragmentRunes
// code points from the span on, or back from it when the text ends, never
// backing past the end of the previous candidate's span, then moved back
// to center the spans it holds. A span at a U+FFFD or invalid UTF-8 gets
// none (bleve's fragmenter gives up on those).
func fragmentsOf(s string, spans []Span) []Span {
	var out []Span
	maxbegin := 0
next:
	for i, sp := range spans {
		start, end, used := sp.Start, sp.Start, 0
		for end < len(s) && used < fragmentRunes {
			r, n := utf8.DecodeRuneInString(s[end:])
			if r == utf8.RuneError {
				continue next
			}
			end += n
			used++
		}
		for start > 0 && used < fragmentRunes {
			if start > len(s) {
				continue next
			}
			r, n := utf8.DecodeLastRuneInString(s[:start])
			if r == utf8.RuneError {
				continue next
			}
			if start-n < maxbegin {
				break
			}
			start -= n
			used++
		}
		// Center: move back by half the smaller of the room after the
		// last span the fragment holds and the room before it.
		minend := end
		for _, in := range spans[i:] {
			if in.End > end {
				break
			}
			minend = in.End
		}
		room := utf8.RuneCountInString(s[minend:end])
		if start >= maxbegin {
			room = min(room, utf8.RuneCountInString(s[maxbegin:start]))
		} else {
			room = 0
		}
		for offset := room / 2; offset > 0; offset-- {
			r, n := utf8.DecodeLastRuneInString(s[:start])
			if r == utf8.RuneError {
				continue next
			}
			start -= n
			r, n = utf8.DecodeLastRuneInString(s[:end])
			if r == utf8.RuneError {
				continue next
			}
			end -= n
		}
		out = append(out, Span{start, end})
		maxbegin = sp.End
	}
	return out
}

// formatFragment writes fragment f of text with the spans it holds marked.
func formatFragment(text string, f Span, spans []Span) string {
	var b strings.Builder
	if f.Start != 0 {
		b.WriteString(fragmentSep)
	}
	at := f.Start
	for _, s := range spans {
		if s.Start < at {
			continue
		}
		if s.End > f.End {
			break
		}
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:f.End]))
	if f.End != len(text) {
		b.WriteString(fragmentSep)
	}
	return b.String()
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + " …"
}
