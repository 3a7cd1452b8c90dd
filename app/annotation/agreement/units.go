package agreement

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
)

// Unit is one span of one document as the annotators marked it: the unit
// of agreement and of adjudication. It holds at most one annotation per
// annotator.
type Unit struct {
	// Key identifies the unit by its span: UnitKey(Doc, Start, End), with
	// "#2", "#3"... when one annotator marked the same span twice.
	Key string
	// Anchor is the unit's span: the anchor of the span most annotators
	// marked exactly, ties going to the span that overlaps the others most,
	// then to the earliest and shortest.
	Anchor annotation.Anchor
	// Annotations are the annotators' annotations, sorted by annotator.
	Annotations []annotation.Annotation
}

// UnitKey returns the key of the span [start, end) of doc: "start-end@doc".
func UnitKey(doc string, start, end int) string { return fmt.Sprintf("%d-%d@%s", start, end, doc) }

// State says how the annotators of a unit agree.
type State string

// The states of a unit, in the order a reviewer should look at them.
const (
	// Disagreement: two or more annotators gave different labels.
	Disagreement State = "disagreement"
	// Single: only one annotator marked the span.
	Single State = "single"
	// Unanimous: two or more annotators marked it, all with one label.
	Unanimous State = "unanimous"
)

// State returns how u's annotators agree.
func (u Unit) State() State {
	switch {
	case len(u.Labels()) > 1:
		return Disagreement
	case len(u.Annotations) < 2:
		return Single
	}
	return Unanimous
}

// Labels returns the distinct labels of u in annotation.Tags order.
func (u Unit) Labels() []annotation.Tag {
	var out []annotation.Tag
	for _, t := range annotation.Tags() {
		if slices.ContainsFunc(u.Annotations, func(a annotation.Annotation) bool { return a.Tag == t }) {
			out = append(out, t)
		}
	}
	return out
}

// Label returns the label annotator gave u; ok is false if they did not
// mark it.
func (u Unit) Label(annotator string) (t annotation.Tag, ok bool) {
	for _, a := range u.Annotations {
		if a.Creator == annotator {
			return a.Tag, true
		}
	}
	return "", false
}

// Majority returns the label most annotators gave u, or "" on a tie.
func (u Unit) Majority() annotation.Tag {
	counts := map[annotation.Tag]int{}
	best, bestN, tie := annotation.Tag(""), 0, false
	for _, a := range u.Annotations {
		counts[a.Tag]++
	}
	for _, t := range annotation.Tags() {
		switch n := counts[t]; {
		case n > bestN:
			best, bestN, tie = t, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// Match reports whether a and b mark the same span for agreement: the same
// document and an overlap of at least half the shorter span (in code
// points). So identical spans match, a span nested in another matches it,
// and two spans sharing only a few words at their edges do not.
func Match(a, b annotation.Anchor) bool {
	if a.Doc != b.Doc {
		return false
	}
	overlap := min(a.End, b.End) - max(a.Start, b.Start)
	shorter := min(a.End-a.Start, b.End-b.Start)
	return overlap > 0 && 2*overlap >= shorter
}

// similarity is the overlap of two spans over their union, in [0, 1]: the
// order in which Units considers matching pairs.
func similarity(a, b annotation.Anchor) float64 {
	overlap := min(a.End, b.End) - max(a.Start, b.Start)
	union := max(a.End, b.End) - min(a.Start, b.Start)
	if overlap <= 0 || union <= 0 {
		return 0
	}
	return float64(overlap) / float64(union)
}

// Units groups annotations into units, the rule of FORMAT.md ("Agreement
// and adjudication"):
//
//   - two annotations can share a unit when they are by different
//     annotators (Creator) and Match;
//   - units grow greedily from the best pairs first (largest overlap over
//     union, then document order), joining two groups only when every
//     annotation of one matches every annotation of the other and no
//     annotator would appear twice, so a long span cannot chain two
//     separate claims together and an annotator's two spans never merge;
//   - an annotation matching nothing is a unit of its own.
//
// Units are returned in document order (document, start, end). The
// annotations should be placed on the current corpus first (re-anchored,
// orphans left out).
func Units(as []annotation.Annotation) []Unit {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b annotation.Annotation) int {
		return cmp.Or(cmp.Compare(a.Anchor.Doc, b.Anchor.Doc), cmp.Compare(a.Anchor.Start, b.Anchor.Start),
			cmp.Compare(b.Anchor.End, a.Anchor.End), cmp.Compare(a.Creator, b.Creator), cmp.Compare(a.ID, b.ID))
	})
	type pair struct {
		i, j int
		sim  float64
	}
	var pairs []pair
	for i, a := range as {
		for j := i + 1; j < len(as) && as[j].Anchor.Doc == a.Anchor.Doc && as[j].Anchor.Start < a.Anchor.End; j++ {
			if as[j].Creator != a.Creator && Match(a.Anchor, as[j].Anchor) {
				pairs = append(pairs, pair{i, j, similarity(a.Anchor, as[j].Anchor)})
			}
		}
	}
	slices.SortStableFunc(pairs, func(p, q pair) int { return cmp.Compare(q.sim, p.sim) })
	group := make([]int, len(as)) // group id of each annotation: the index of its first member
	members := make([][]int, len(as))
	for i := range as {
		group[i], members[i] = i, []int{i}
	}
	joinable := func(g, h int) bool {
		for _, x := range members[g] {
			for _, y := range members[h] {
				if as[x].Creator == as[y].Creator || !Match(as[x].Anchor, as[y].Anchor) {
					return false
				}
			}
		}
		return true
	}
	for _, p := range pairs {
		g, h := group[p.i], group[p.j]
		if g == h || !joinable(g, h) {
			continue
		}
		if h < g {
			g, h = h, g
		}
		for _, y := range members[h] {
			group[y] = g
		}
		members[g], members[h] = append(members[g], members[h]...), nil
	}
	var units []Unit
	for _, ms := range members {
		if len(ms) == 0 {
			continue
		}
		u := Unit{}
		for _, m := range ms {
			u.Annotations = append(u.Annotations, as[m])
		}
		slices.SortFunc(u.Annotations, func(a, b annotation.Annotation) int {
			return cmp.Or(cmp.Compare(a.Creator, b.Creator), cmp.Compare(a.ID, b.ID))
		})
		u.Anchor = representative(u.Annotations)
		u.Key = UnitKey(u.Anchor.Doc, u.Anchor.Start, u.Anchor.End)
		units = append(units, u)
	}
	slices.SortFunc(units, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Anchor.Doc, b.Anchor.Doc), cmp.Compare(a.Anchor.Start, b.Anchor.Start),
			cmp.Compare(a.Anchor.End, b.Anchor.End), cmp.Compare(a.Annotations[0].ID, b.Annotations[0].ID))
	})
	return dedupeKeys(units)
}

// representative returns the unit's span (see Unit).
func representative(as []annotation.Annotation) annotation.Anchor {
	best, bestSame, bestOverlap := as[0].Anchor, -1, -1
	for i, a := range as {
		same, overlap := 0, 0
		for j, b := range as {
			if i == j {
				continue
			}
			if a.Anchor.Start == b.Anchor.Start && a.Anchor.End == b.Anchor.End {
				same++
			}
			overlap += max(0, min(a.Anchor.End, b.Anchor.End)-max(a.Anchor.Start, b.Anchor.Start))
		}
		better := same > bestSame || same == bestSame && (overlap > bestOverlap || overlap == bestOverlap &&
			(a.Anchor.Start < best.Start || a.Anchor.Start == best.Start && a.Anchor.End < best.End))
		if better {
			best, bestSame, bestOverlap = a.Anchor, same, overlap
		}
	}
	return best
}

// dedupeKeys suffixes the key of a unit whose span repeats an earlier
// unit's (two units on one span: an annotator marked it twice), so keys
// stay unique.
func dedupeKeys(units []Unit) []Unit {
	seen := map[string]int{}
	for i := range units {
		k := units[i].Key
		if n := seen[k]; n > 0 {
			units[i].Key = fmt.Sprintf("%s#%d", k, n+1)
		}
		seen[k]++
	}
	return units
}
