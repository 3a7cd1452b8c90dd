package reader

import (
	"slices"
	"sort"
	"strconv"

	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// layers is what the reader marks on a document's text besides its
// sentences. Offsets are code points into the document text. newLayers
// makes one.
type layers struct {
	Anns    []workspace.Item    // the user's annotations placed on the document
	Repairs []provenance.Repair // repaired text, in text order
	Matches []index.Span        // the query's matches, in text order, not overlapping
	Picked  span                // the keyboard's selection shown, or empty
	order   map[string]int      // Anns' nesting rank, outermost first (see sortAnns)
}

// newLayers returns the layers of a document.
func newLayers(anns []workspace.Item, repairs []provenance.Repair, matches []index.Span, picked span) *layers {
	ly := &layers{Anns: anns, Repairs: repairs, Matches: matches, Picked: picked, order: map[string]int{}}
	for i, a := range sortAnns(anns) {
		ly.order[a.ID] = i
	}
	return ly
}

// sortAnns orders the annotations outermost first: longer spans first,
// then the earlier start, then the id. Every segment lists its covering
// annotations in this order, so a long annotation holding a short one is
// one element around it.
func sortAnns(anns []workspace.Item) []workspace.Item {
	out := slices.Clone(anns)
	slices.SortStableFunc(out, func(a, b workspace.Item) int {
		la, lb := a.Anchor.End-a.Anchor.Start, b.Anchor.End-b.Anchor.Start
		switch {
		case la != lb:
			return lb - la
		case a.Anchor.Start != b.Anchor.Start:
			return a.Anchor.Start - b.Anchor.Start
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// segment is a run of a passage's text with one sentence and one set of
// marks. Offsets are code points into the document text.
type segment struct {
	Start, End int
	Text       string
	Sentence   string   // the sentence id, or "" between sentences
	Anns       []string // covering annotations, outermost first
	Repair     int      // 1 + the index of the covering repair, 0 for none
	Match      int      // 1 + the index of the covering match, 0 for none
	Picked     bool     // inside the keyboard's selection
}

// spansIn returns the indexes [i, j) of the spans (sorted by start, not
// overlapping) that overlap [start, end).
func spansIn(n int, at func(int) (int, int), start, end int) (int, int) {
	i := sort.Search(n, func(i int) bool { _, e := at(i); return e > start })
	j := i
	for j < n {
		if s, _ := at(j); s >= end {
			break
		}
		j++
	}
	return i, j
}

// segmentPassage cuts passage p (whose text is prunes) at every sentence,
// annotation, repair, match and selection boundary. Annotations may
// overlap; spans reaching outside p are clipped to it; annotations of
// other documents are ignored (ly.Anns come from one document).
func segmentPassage(p workspace.Passage, prunes []rune, ly *layers) []segment {
	cuts := []int{p.Start, p.End}
	var mine []workspace.Item
	for _, a := range ly.Anns {
		if a.Anchor.End <= p.Start || a.Anchor.Start >= p.End {
			continue
		}
		mine = append(mine, a)
		cuts = append(cuts, max(a.Anchor.Start, p.Start), min(a.Anchor.End, p.End))
	}
	for _, s := range p.Sentences {
		cuts = append(cuts, max(s.Start, p.Start), min(s.End, p.End))
	}
	ri, rj := spansIn(len(ly.Repairs), func(i int) (int, int) { return ly.Repairs[i].Start, ly.Repairs[i].End }, p.Start, p.End)
	for _, r := range ly.Repairs[ri:rj] {
		cuts = append(cuts, max(r.Start, p.Start), min(r.End, p.End))
	}
	mi, mj := spansIn(len(ly.Matches), func(i int) (int, int) { return ly.Matches[i].Start, ly.Matches[i].End }, p.Start, p.End)
	for _, m := range ly.Matches[mi:mj] {
		cuts = append(cuts, max(m.Start, p.Start), min(m.End, p.End))
	}
	if ly.Picked.End > ly.Picked.Start {
		cuts = append(cuts, max(ly.Picked.Start, p.Start), min(ly.Picked.End, p.End))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	slices.SortStableFunc(mine, func(a, b workspace.Item) int { return ly.order[a.ID] - ly.order[b.ID] })
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
				s.Anns = append(s.Anns, a.ID)
			}
		}
		for k := ri; k < rj; k++ {
			if r := ly.Repairs[k]; r.Start <= s.Start && s.End <= r.End {
				s.Repair = k + 1
			}
		}
		for k := mi; k < mj; k++ {
			if m := ly.Matches[k]; m.Start <= s.Start && s.End <= m.End {
				s.Match = k + 1
			}
		}
		s.Picked = ly.Picked.Start <= s.Start && s.End <= ly.Picked.End && ly.Picked.End > ly.Picked.Start
		out = append(out, s)
	}
	return out
}

// nodeKind is what a node of the rendered text is.
type nodeKind int

// The kinds of node, outermost first: a sentence holds annotations, an
// annotation repaired text, repaired text query matches, and a match the
// keyboard's selection.
const (
	textNode nodeKind = iota
	sentenceNode
	annNode
	repairNode
	matchNode
	pickedNode
)

// node is an element (or a text) of a passage as the reader renders it.
type node struct {
	Kind nodeKind
	ID   string // the sentence or annotation id; the repair or match index
	// Head is set on the first node of an annotation, a repair or a match
	// in the document: the one that takes the focus and is scrolled to.
	Head bool
	Text string // for a textNode
	Kids []node

	// What the page shows on the node, set by Page.decorate: On is the
	// focused sentence, the open annotation or the current match.
	On              bool
	Tag, Placement  string // an annotation's tag, and its re-anchoring status while it waits for confirmation
	Title, Original string // a repair's description and what the file had
}

// key is one level of a segment's nesting.
type key struct {
	kind nodeKind
	id   string
}

func (s segment) path() []key {
	var ks []key
	if s.Sentence != "" {
		ks = append(ks, key{sentenceNode, s.Sentence})
	}
	for _, a := range s.Anns {
		ks = append(ks, key{annNode, a})
	}
	if s.Repair > 0 {
		ks = append(ks, key{repairNode, strconv.Itoa(s.Repair - 1)})
	}
	if s.Match > 0 {
		ks = append(ks, key{matchNode, strconv.Itoa(s.Match - 1)})
	}
	if s.Picked {
		ks = append(ks, key{pickedNode, ""})
	}
	return ks
}

// nest turns a passage's segments into nested nodes: consecutive segments
// that share a sentence, then an annotation (outermost first), then a
// repair, a match and the selection are one element each, so an
// annotation is split only where a sentence ends or where it crosses
// another annotation. seen records the annotations, repairs and matches
// met in earlier passages, for Head.
func nest(segs []segment, seen map[key]bool) []node {
	paths := make([][]key, len(segs))
	for i, s := range segs {
		paths[i] = s.path()
	}
	return group(segs, paths, 0, seen)
}

func group(segs []segment, paths [][]key, depth int, seen map[key]bool) []node {
	var out []node
	for i := 0; i < len(segs); {
		if len(paths[i]) <= depth {
			out = append(out, node{Kind: textNode, Text: segs[i].Text})
			i++
			continue
		}
		k := paths[i][depth]
		j := i + 1
		for j < len(segs) && len(paths[j]) > depth && paths[j][depth] == k {
			j++
		}
		n := node{Kind: k.kind, ID: k.id, Kids: group(segs[i:j], paths[i:j], depth+1, seen)}
		if k.kind != sentenceNode && k.kind != pickedNode && !seen[k] {
			n.Head, seen[k] = true, true
		}
		out = append(out, n)
		i = j
	}
	return out
}

// text returns the text under n.
func (n node) text() string {
	if n.Kind == textNode {
		return n.Text
	}
	s := ""
	for _, k := range n.Kids {
		s += k.text()
	}
	return s
}
