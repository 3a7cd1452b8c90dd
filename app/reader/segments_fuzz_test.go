package reader

import (
	"fmt"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// FuzzSegments checks, for any annotations, repairs, matches and
// selection over a two-passage document, that the nodes hold every passage's
// text once and in order, and that each annotation, repair and match has
// exactly one head (an annotation only on the space between passages
// shows nothing, so it has none).
func FuzzSegments(f *testing.F) {
	f.Add([]byte{0, 10, 4, 30, 12, 13, 2, 8, 20, 25})
	f.Add([]byte{5, 5, 0, 42, 0, 42, 41, 42, 1, 2, 3, 4, 5, 6})
	doc := []rune("Revenue grew 20%. Margins fall.\n\nCapex rose 22\u202f%, the CFO said.")
	ps := []workspace.Passage{
		{ID: "p1", Start: 0, End: 31, Text: string(doc[0:31]), Sentences: []workspace.Sentence{{ID: "s1", Start: 0, End: 17}, {ID: "s2", Start: 18, End: 31}}},
		{ID: "p2", Start: 33, End: len(doc), Text: string(doc[33:]), Sentences: []workspace.Sentence{{ID: "s3", Start: 33, End: len(doc)}}},
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		spanAt := func(i int) (int, int, bool) {
			if 2*i+1 >= len(b) {
				return 0, 0, false
			}
			x, y := int(b[2*i])%len(doc), int(b[2*i+1])%(len(doc)+1)
			if x > y {
				x, y = y, x
			}
			return x, y, x < y
		}
		var anns []workspace.Item
		var repairs []provenance.Repair
		var matches []index.Span
		var picked span
		for i := 0; ; i++ {
			x, y, ok := spanAt(i)
			if 2*i+1 >= len(b) {
				break
			}
			if !ok {
				continue
			}
			switch i % 4 {
			case 0, 1:
				anns = append(anns, testAnn(t, fmt.Sprint("a", i), annotation.Tags()[i%4], "d", doc, x, y))
			case 2:
				if len(repairs) == 0 || repairs[len(repairs)-1].End <= x {
					repairs = append(repairs, provenance.Repair{Start: x, End: y})
				}
			case 3:
				matches = append(matches, index.Span{Start: x, End: y})
				picked = span{Start: x, End: y}
			}
		}
		ly := newLayers(anns, repairs, cleanMatches(matches, len(doc)), picked)
		seen := map[key]bool{}
		heads := map[key]int{}
		var count func([]node)
		count = func(ns []node) {
			for _, n := range ns {
				if n.Head {
					heads[key{n.Kind, n.ID}]++
				}
				count(n.Kids)
			}
		}
		for _, p := range ps {
			ns := nest(segmentPassage(p, []rune(p.Text), ly), seen)
			got := ""
			for _, n := range ns {
				got += n.text()
			}
			if got != p.Text {
				t.Fatalf("passage %s renders %q, want %q", p.ID, got, p.Text)
			}
			count(ns)
		}
		for k, n := range heads {
			if n != 1 {
				t.Errorf("%v has %d heads, want 1", k, n)
			}
		}
		for _, a := range anns {
			shown := false
			for _, p := range ps {
				shown = shown || (a.Anchor.Start < p.End && a.Anchor.End > p.Start)
			}
			if shown && heads[key{annNode, a.ID}] != 1 {
				t.Errorf("annotation %s [%d,%d) has no head: Tab would not reach it", a.ID, a.Anchor.Start, a.Anchor.End)
			}
		}
	})
}
