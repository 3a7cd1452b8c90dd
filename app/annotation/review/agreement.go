package review

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
)

// ErrNoItems is returned, wrapped, by Kappa for an empty or malformed matrix.
var ErrNoItems = errors.New("no items to compare")

// Kappa returns Cohen's kappa of a square confusion matrix m, where
// m[i][j] counts items rater A put in category i and rater B in category j:
// (po - pe) / (1 - pe). When pe is 1 (both raters used one single category)
// kappa is defined here as 1 if they agree on every item.
//
// Deprecated: use agreement.Kappa, which reports that case as not
// measurable (agreement.ErrNoVariation); kept for the current review page.
func Kappa(m [][]int) (float64, error) {
	n := 0
	rows, cols := make([]int, len(m)), make([]int, len(m))
	for i, row := range m {
		if len(row) != len(m) {
			return 0, fmt.Errorf("kappa: row %d has %d cells, want %d: %w", i, len(row), len(m), ErrNoItems)
		}
		for j, v := range row {
			if v < 0 {
				return 0, fmt.Errorf("kappa: negative count: %w", ErrNoItems)
			}
			n += v
			rows[i] += v
			cols[j] += v
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("kappa: %w", ErrNoItems)
	}
	var agree, pe float64
	for i := range m {
		agree += float64(m[i][i])
		pe += float64(rows[i]) / float64(n) * float64(cols[i]) / float64(n)
	}
	po := agree / float64(n)
	if pe >= 1 {
		return 1, nil
	}
	return (po - pe) / (1 - pe), nil
}

// PassageKey names a passage of a document.
type PassageKey struct{ Doc, Passage string }

// PassageLabels maps each passage one annotator tagged to a single label:
// the tag of that annotator's span covering the largest part of the
// passage, ties broken by the latest modification (then the smallest ID).
// Documents without passages in c count as one passage with id "".
// Annotations on documents absent from c are ignored.
//
// Deprecated: agreement is measured over spans (agreement.Units).
func PassageLabels(as []annotation.Annotation, c *Corpus) map[PassageKey]annotation.Tag {
	type pick struct {
		a       annotation.Annotation
		covered int
	}
	best := make(map[PassageKey]pick)
	for _, a := range as {
		for _, p := range c.passages(a.Anchor.Doc) {
			cov := min(a.Anchor.End, p.End) - max(a.Anchor.Start, p.Start)
			if cov <= 0 {
				continue
			}
			k := PassageKey{a.Anchor.Doc, p.ID}
			old, ok := best[k]
			better := !ok || cov > old.covered ||
				cov == old.covered && cmp.Or(a.LastModified().Compare(old.a.LastModified()), cmp.Compare(old.a.ID, a.ID)) > 0
			if better {
				best[k] = pick{a, cov}
			}
		}
	}
	out := make(map[PassageKey]annotation.Tag, len(best))
	for k, p := range best {
		out[k] = p.a.Tag
	}
	return out
}

// LabelAgreement is the two-by-two confusion matrix of one label (the
// label against all others) and its kappa.
type LabelAgreement struct {
	Both, OnlyA, OnlyB, Neither int
	Kappa                       float64
}

// Pair is the agreement of annotators A and B over the N passages both tagged.
//
// Deprecated: use agreement.Pair.
type Pair struct {
	A, B string
	N    int
	// Confusion[i][j] counts passages A labelled annotation.Tags()[i] and B Tags()[j].
	Confusion [4][4]int
	Observed  float64
	Kappa     float64
	PerLabel  map[annotation.Tag]LabelAgreement
}

// Agreement computes a Pair for every two annotators (by Creator, sorted)
// over the passages both tagged, with passage labels from PassageLabels.
// Pairs with no common passage are returned with N = 0 and zero kappa.
//
// Deprecated: use agreement.Compare, whose units are spans matched across
// annotators, whose figures state their n and refuse too few units, and
// whose disagreement list comes from the same units. Agreement is kept
// until the review page moves to it.
func Agreement(as []annotation.Annotation, c *Corpus) []Pair {
	byCreator := make(map[string][]annotation.Annotation)
	for _, a := range as {
		byCreator[a.Creator] = append(byCreator[a.Creator], a)
	}
	creators := make([]string, 0, len(byCreator))
	for k := range byCreator {
		creators = append(creators, k)
	}
	slices.Sort(creators)
	labels := make(map[string]map[PassageKey]annotation.Tag)
	for _, cr := range creators {
		labels[cr] = PassageLabels(byCreator[cr], c)
	}
	var out []Pair
	for i, a := range creators {
		for _, b := range creators[i+1:] {
			out = append(out, pair(a, b, labels[a], labels[b]))
		}
	}
	return out
}

func pair(a, b string, la, lb map[PassageKey]annotation.Tag) Pair {
	p := Pair{A: a, B: b, PerLabel: make(map[annotation.Tag]LabelAgreement)}
	index := func(t annotation.Tag) int { return slices.Index(annotation.Tags(), t) }
	for k, ta := range la {
		tb, ok := lb[k]
		if !ok || index(ta) < 0 || index(tb) < 0 {
			continue
		}
		p.N++
		p.Confusion[index(ta)][index(tb)]++
	}
	if p.N == 0 {
		return p
	}
	m := make([][]int, 4)
	for i := range m {
		m[i] = p.Confusion[i][:]
		p.Observed += float64(p.Confusion[i][i]) / float64(p.N)
	}
	p.Kappa, _ = Kappa(m)
	for i, t := range annotation.Tags() {
		var l LabelAgreement
		for x := range 4 {
			for y := range 4 {
				v := p.Confusion[x][y]
				switch {
				case x == i && y == i:
					l.Both += v
				case x == i:
					l.OnlyA += v
				case y == i:
					l.OnlyB += v
				default:
					l.Neither += v
				}
			}
		}
		l.Kappa, _ = Kappa([][]int{{l.Both, l.OnlyA}, {l.OnlyB, l.Neither}})
		p.PerLabel[t] = l
	}
	return p
}
