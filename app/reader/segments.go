package reader

import (
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/workspace"
)

// segment is a run of a passage's text with one sentence and one set of
// covering annotations. Offsets are code points into the document text.
type segment struct {
	Start, End int
	Text       string
	Sentence   string   // the sentence id, or "" between sentences
	Anns       []string // covering annotations, shortest span first
	Tag        annotation.Tag
	// Placement is how re-anchoring placed the shortest covering
	// annotation, when it waits for the user to confirm it ("" otherwise).
	Placement anchoring.Status
}

// segmentPassage cuts passage p of document doc (whose text is prunes)
// at every sentence and annotation boundary. Annotations may overlap; a
// segment covered by several shows the tag of the shortest. Annotations
// of other documents or outside p are ignored.
func segmentPassage(doc string, p workspace.Passage, prunes []rune, anns []workspace.Item) []segment {
	cuts := []int{p.Start, p.End}
	var mine []workspace.Item
	for _, a := range anns {
		if a.Anchor.Doc != doc || a.Anchor.End <= p.Start || a.Anchor.Start >= p.End {
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
	slices.SortStableFunc(mine, func(a, b workspace.Item) int {
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
					if a.Confirm {
						s.Placement = a.Status
					}
				}
				s.Anns = append(s.Anns, a.ID)
			}
		}
		out = append(out, s)
	}
	return out
}
