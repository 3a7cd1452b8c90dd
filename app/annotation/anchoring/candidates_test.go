package anchoring_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

// TestReanchorFindsWhatAFullScanFinds compares Corpus.Reanchor, which only
// searches beyond an anchor's own document in the passages holding its
// rarest words, with a scan of every document (anchoring.ScanAll), over quotes of the default corpus that moved to an
// unknown source, had a letter or a word changed, or lost their context.
func TestReanchorFindsWhatAFullScanFinds(t *testing.T) {
	rc := apptest.DefaultCorpus(t)
	docs := rc.Documents()
	var ads []anchoring.Doc
	for _, d := range docs {
		ad := anchoring.Doc{ID: d.ID, Text: []rune(d.Text)}
		for _, p := range d.Passages {
			ad.Passages = append(ad.Passages, anchoring.Span{Start: p.Start, End: p.End})
		}
		ads = append(ads, ad)
	}
	c := anchoring.NewCorpus(ads)
	rng := rand.New(rand.NewPCG(5, 6))
	mutations := []struct {
		name string
		do   func(a *annotation.Anchor)
	}{
		{"an unknown source", func(a *annotation.Anchor) { a.Doc = "elsewhere.html" }},
		{"an unknown source and no position", func(a *annotation.Anchor) { a.Doc, a.Start, a.End = "elsewhere.html", 0, 0 }},
		{"a letter changed", func(a *annotation.Anchor) {
			q := []rune(a.Exact)
			i := len(q) / 2
			q[i] = map[bool]rune{true: 'x', false: 'q'}[q[i] != 'x']
			a.Exact, a.Doc = string(q), "elsewhere.html"
		}},
		{"a word changed", func(a *annotation.Anchor) {
			words := strings.Fields(a.Exact)
			words[len(words)/2] = "zebra"
			a.Exact, a.Doc = strings.Join(words, " "), "elsewhere.html"
		}},
		{"moved far in its own document and a letter changed", func(a *annotation.Anchor) {
			q := []rune(a.Exact)
			q[1] = map[bool]rune{true: 'x', false: 'q'}[q[1] != 'x']
			a.Exact = string(q)
			a.Start, a.End = 0, len(q) // far from the hint: only the candidates find it
		}},
	}
	agree, total := 0, 0
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			for range 20 {
				d := docs[rng.IntN(len(docs))]
				text := []rune(d.Text)
				n := 30 + rng.IntN(60)
				if len(text) < n+1 {
					continue
				}
				start := rng.IntN(len(text) - n)
				for start > 0 && text[start-1] != ' ' {
					start--
				}
				anc, err := annotation.AnchorRunes(d.ID, "", text, start, start+n)
				if err != nil {
					t.Fatal(err)
				}
				if len(strings.Fields(anc.Exact)) < 3 {
					continue
				}
				orig := anc
				m.do(&anc)
				// The user's own annotations (OwnDocument) look beyond
				// their document only when it is gone, as the scan does.
				own, ownScan := c.Reanchor(anc, anchoring.OwnDocument), anchoring.ScanAll(anc, c, anchoring.OwnDocument)
				if own.Status.Placed() != ownScan.Status.Placed() {
					t.Errorf("%q, own document only: got %s, the full scan %s", anc.Exact, own.Status, ownScan.Status)
				}
				got := c.Reanchor(anc, anchoring.Everywhere)
				want := anchoring.ScanAll(anc, c, anchoring.Everywhere)
				total++
				if got.Status.Placed() == want.Status.Placed() && got.Doc == want.Doc && got.Start == want.Start && got.End == want.End {
					agree++
				}
				switch {
				case want.Status.Placed() && !got.Status.Placed():
					t.Errorf("%q: got orphan, the full scan found %s at %s %d-%d", anc.Exact, want.Status, want.Doc, want.Start, want.End)
				case got.Status.Placed() && got.Exact != orig.Exact && (got.Doc != orig.Doc || got.Start > orig.End || got.End < orig.Start) &&
					(got.Doc != want.Doc || got.Start != want.Start):
					// Another occurrence of the same text is as good a place,
					// and the near match Locate finds first is the full scan's too.
					t.Errorf("%q: got %q at %s %d-%d, want the original span %s %d-%d", anc.Exact, got.Exact, got.Doc, got.Start, got.End,
						orig.Doc, orig.Start, orig.End)
				}
			}
		})
	}
	// Where they differ, the candidates found a place the full scan did
	// not (a fuzzy match far from the old position in the annotation's own
	// document, which the scan never searches without a hint).
	t.Logf("%d of %d placed where the full scan placed them", agree, total)
}
