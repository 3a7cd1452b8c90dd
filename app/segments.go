package app

import (
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/index"
)

// segment is a run of a passage's text with one sentence and one set of
// covering annotations. Offsets are code points into the document text.
type segment struct {
	Start, End int
	Text       string
	Sentence   string   // the sentence id, or "" between sentences
	Anns       []string // covering annotations, shortest span first
	Tag        annotation.Tag
}

// segmentPassage cuts passage p (whose text is prunes) at every sentence
// and annotation boundary. Annotations may overlap; a segment covered by
// several shows the tag of the shortest. Annotations of other documents or
// outside p are ignored.
func segmentPassage(p index.Passage, prunes []rune, anns []annotation.Annotation) []segment {
	cuts := []int{p.Start, p.End}
	var mine []annotation.Annotation
	for _, a := range anns {
		if a.Anchor.Doc != p.Doc || a.Anchor.End <= p.Start || a.Anchor.Start >= p.End {
			continue
		}
		mine = append(mine, a)
		cuts = append(cuts, max(a.Anchor.Start, p.Start), min(a.Anchor.End, p.End))
	}
	for _, s := range p.Sentences {
		cuts = append(cuts, max(s.Start, p.Start), min(s.End, p.End))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	slices.SortStableFunc(mine, func(a, b annotation.Annotation) int {
		return (a.Anchor.End - a.Anchor.Start) - (b.Anchor.End - b.Anchor.Start)
	})
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		s := segment{Start: cuts[i], End: cuts[i+1]}
		if s.Start < p.Start || s.End > p.End || s.Start >= s.End {
			continue
		}
		s.Text = string(prunes[s.Start-p.Start : s.End-p.Start])
		for _, st := range p.Sentences {
			if st.Start <= s.Start && s.End <= st.End {
				s.Sentence = st.ID
				break
			}
		}
		for _, a := range mine {
			if a.Anchor.Start <= s.Start && s.End <= a.Anchor.End {
				if s.Anns == nil {
					s.Tag = a.Tag
				}
				s.Anns = append(s.Anns, a.ID)
			}
		}
		out = append(out, s)
	}
	return out
}

// piece is a run of text, marked or not.
type piece struct {
	Text string
	Mark bool
}

// highlight cuts text at the matched spans (code points, as in index.Hit),
// ignoring spans out of range or overlapping an earlier one.
func highlight(text string, spans []index.Span) []piece {
	r := []rune(text)
	var out []piece
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(r) || s.Start >= s.End {
			continue
		}
		if s.Start > at {
			out = append(out, piece{Text: string(r[at:s.Start])})
		}
		out = append(out, piece{Text: string(r[s.Start:s.End]), Mark: true})
		at = s.End
	}
	if at < len(r) {
		out = append(out, piece{Text: string(r[at:])})
	}
	return out
}
