// Package agreement measures how far annotators agree on their labels, the
// way a reviewer (an INCEpTION curator) expects: over spans, not passages.
//
// Units groups the annotations of several annotators, placed on the
// current corpus, into units: spans of one document that annotators marked
// with the same or overlapping text (see Match and Units for the rule).
// Compare then gives, from those same units, both the figures and the
// disagreement list, so the two can never contradict each other:
//
//	r := agreement.Compare(placed, agreement.Options{})
//	for _, p := range r.Pairs {
//		fmt.Println(p.A, p.B, p.Kappa) // "0.62 (n = 14, observed 0.79)" or "too few shared spans (n = 3, need 10)"
//	}
//	fmt.Println(r.Alpha)     // Krippendorff's alpha over every annotator
//	r.Disagreements()        // the units with two different labels
//
// Cohen's kappa is computed for each pair over the units both labelled;
// Krippendorff's alpha (nominal data, missing values allowed) over all
// annotators and the units two or more labelled. Each comes with its n and
// observed agreement, and is not given (Figure.Defined false, with the
// reason) below Options.MinUnits or when chance agreement is total. Per-
// label figures cover only the labels in use. The package is pure Go.
package agreement

import (
	"fmt"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
)

// DefaultMinUnits is the fewest units a coefficient is given for: below
// ten, the 95% confidence interval of a kappa spans most of its range.
const DefaultMinUnits = 10

// Options tune Compare.
type Options struct {
	// MinUnits is the fewest shared units a kappa (or units labelled by two
	// or more annotators, for alpha) is computed over; 0 means
	// DefaultMinUnits.
	MinUnits int
}

// Figure is one agreement coefficient and what it was computed from.
type Figure struct {
	// N is the number of units: shared by the pair (kappa), or labelled by
	// two or more annotators (alpha).
	N int
	// Values is the number of labels compared: 2N for a pair, the pairable
	// values for alpha.
	Values int
	// Observed and Expected are the observed agreement and the agreement
	// expected by chance, in [0, 1].
	Observed, Expected float64
	// Value is the coefficient, (Observed - Expected) / (1 - Expected);
	// only meaningful when Defined.
	Value   float64
	Defined bool
	// Reason says why the figure is not Defined.
	Reason string
}

// String returns the value to two decimals with its n and observed
// agreement, or the reason there is none.
func (f Figure) String() string {
	if !f.Defined {
		return f.Reason
	}
	return fmt.Sprintf("%.2f (n = %d, observed %.2f)", f.Value, f.N, f.Observed)
}

// Matrix is a confusion matrix: Counts[i][j] counts the units annotator A
// labelled Labels[i] and annotator B Labels[j].
type Matrix struct {
	Labels []annotation.Tag
	Counts [][]int
}

// Pair is the agreement of annotators A and B (A < B).
type Pair struct {
	A, B string
	// Kappa is Cohen's kappa over the units both labelled.
	Kappa Figure
	// Confusion is over the units both labelled, for the labels either
	// used there.
	Confusion Matrix
	// OnlyA and OnlyB count the units only A, or only B, marked.
	OnlyA, OnlyB int
	// PerLabel has one entry per label in Confusion.
	PerLabel []PairLabel
}

// PairLabel is the agreement of a pair on one label against all others.
type PairLabel struct {
	Tag annotation.Tag
	// Both, OnlyA, OnlyB and Neither count shared units by who gave Tag.
	Both, OnlyA, OnlyB, Neither int
	// Specific is the positive specific agreement, 2 Both / (2 Both +
	// OnlyA + OnlyB): how often one annotator's Tag is matched by the other.
	Specific float64
	// Kappa is Cohen's kappa of the two-by-two table.
	Kappa Figure
}

// Label is the use of one label over all annotators.
type Label struct {
	Tag annotation.Tag
	// Uses counts the units each annotator gave Tag, by annotator.
	Uses map[string]int
	// Alpha is Krippendorff's alpha of Tag against all other labels.
	Alpha Figure
}

// Report is what Compare finds.
type Report struct {
	// Annotators are the annotators (Creator), sorted.
	Annotators []string
	// Units are the units, in document order: the figures and
	// Disagreements come from them.
	Units []Unit
	// Pairs has one entry per two annotators, in Annotators order.
	Pairs []Pair
	// Alpha is Krippendorff's alpha over every annotator.
	Alpha Figure
	// Labels are the labels in use, in annotation.Tags order.
	Labels []Label
	// MinUnits is the minimum the figures were given for.
	MinUnits int
}

// Disagreements returns the units annotators gave different labels, in
// document order.
func (r Report) Disagreements() []Unit {
	var out []Unit
	for _, u := range r.Units {
		if u.State() == Disagreement {
			out = append(out, u)
		}
	}
	return out
}

// Compare builds the units of as (see Units) and measures agreement over
// them.
func Compare(as []annotation.Annotation, opt Options) Report {
	minUnits := opt.MinUnits
	if minUnits <= 0 {
		minUnits = DefaultMinUnits
	}
	r := Report{Units: Units(as), MinUnits: minUnits}
	for _, a := range as {
		if !slices.Contains(r.Annotators, a.Creator) {
			r.Annotators = append(r.Annotators, a.Creator)
		}
	}
	slices.Sort(r.Annotators)
	for i, a := range r.Annotators {
		for _, b := range r.Annotators[i+1:] {
			r.Pairs = append(r.Pairs, comparePair(r.Units, a, b, minUnits))
		}
	}
	values := make([][]string, len(r.Units))
	inUse := map[annotation.Tag]bool{}
	for i, u := range r.Units {
		for _, a := range u.Annotations {
			values[i] = append(values[i], string(a.Tag))
			inUse[a.Tag] = true
		}
	}
	r.Alpha = alphaFigure(values, minUnits)
	for _, t := range annotation.Tags() {
		if !inUse[t] {
			continue
		}
		l := Label{Tag: t, Uses: map[string]int{}}
		binary := make([][]string, len(values))
		for i, u := range r.Units {
			for _, a := range u.Annotations {
				v := "other"
				if a.Tag == t {
					v = "this"
					l.Uses[a.Creator]++
				}
				binary[i] = append(binary[i], v)
			}
		}
		l.Alpha = alphaFigure(binary, minUnits)
		r.Labels = append(r.Labels, l)
	}
	return r
}

func comparePair(units []Unit, a, b string, minUnits int) Pair {
	p := Pair{A: a, B: b}
	type both struct{ ta, tb annotation.Tag }
	var shared []both
	inUse := map[annotation.Tag]bool{}
	for _, u := range units {
		ta, okA := u.Label(a)
		tb, okB := u.Label(b)
		switch {
		case okA && okB:
			shared = append(shared, both{ta, tb})
			inUse[ta], inUse[tb] = true, true
		case okA:
			p.OnlyA++
		case okB:
			p.OnlyB++
		}
	}
	for _, t := range annotation.Tags() {
		if inUse[t] {
			p.Confusion.Labels = append(p.Confusion.Labels, t)
		}
	}
	k := len(p.Confusion.Labels)
	p.Confusion.Counts = make([][]int, k)
	for i := range p.Confusion.Counts {
		p.Confusion.Counts[i] = make([]int, k)
	}
	for _, s := range shared {
		p.Confusion.Counts[slices.Index(p.Confusion.Labels, s.ta)][slices.Index(p.Confusion.Labels, s.tb)]++
	}
	p.Kappa = kappaFigure(p.Confusion.Counts, minUnits)
	for i, t := range p.Confusion.Labels {
		l := PairLabel{Tag: t}
		for x := range k {
			for y := range k {
				v := p.Confusion.Counts[x][y]
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
		if d := 2*l.Both + l.OnlyA + l.OnlyB; d > 0 {
			l.Specific = float64(2*l.Both) / float64(d)
		}
		l.Kappa = kappaFigure([][]int{{l.Both, l.OnlyA}, {l.OnlyB, l.Neither}}, minUnits)
		p.PerLabel = append(p.PerLabel, l)
	}
	return p
}

// kappaFigure is Kappa with the minimum and the reasons.
func kappaFigure(m [][]int, minUnits int) Figure {
	n, po, pe, err := kappaParts(m)
	f := Figure{N: n, Values: 2 * n, Observed: po, Expected: pe}
	switch {
	case err != nil || n == 0:
		f.Reason = "no shared spans"
	case n < minUnits:
		f.Reason = fmt.Sprintf("too few shared spans (n = %d, need %d)", n, minUnits)
	case pe >= 1:
		f.Reason = fmt.Sprintf("not measurable: both gave every shared span one same label (n = %d)", n)
	default:
		f.Value, f.Defined = (po-pe)/(1-pe), true
	}
	return f
}

// alphaFigure is Alpha with the minimum and the reasons.
func alphaFigure(units [][]string, minUnits int) Figure {
	a, err := Alpha(units)
	f := Figure{N: a.Units, Values: a.Values, Observed: a.Observed, Expected: a.Expected}
	switch {
	case a.Units == 0:
		f.Reason = "no span labelled by two annotators"
	case a.Units < minUnits:
		f.Reason = fmt.Sprintf("too few shared spans (n = %d, need %d)", a.Units, minUnits)
	case err != nil:
		f.Reason = fmt.Sprintf("not measurable: every shared span got one same label (n = %d)", a.Units)
	default:
		f.Value, f.Defined = a.Alpha, true
	}
	return f
}
