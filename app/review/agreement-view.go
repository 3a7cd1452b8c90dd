package review

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/chrome"
)

// unitRule is the unit rule of package agreement in one sentence.
const unitRule = "Spans are compared after re-anchoring: annotations by different annotators count as one span " +
	"when they are in the same document and overlap by at least half of the shorter one, each annotator at most once per span."

// figureView is one agreement coefficient as the page shows it: the
// value to two decimals with its n and observed agreement, or why there
// is none ("too few shared spans (n = 3, need 10)").
type figureView struct {
	Defined  bool
	Value    string // "0.64", or "" when not Defined
	N        int
	Observed string // "0.74"
	Text     string // the value, or the reason there is none
}

func viewFigure(f agreement.Figure) figureView {
	v := figureView{Defined: f.Defined, N: f.N, Observed: fmt.Sprintf("%.2f", f.Observed), Text: f.Reason}
	if f.Defined {
		v.Value = fmt.Sprintf("%.2f", f.Value)
		v.Text = v.Value
	}
	if f.N == 0 {
		v.Observed = "–"
	}
	return v
}

// pairView is one pair of annotators: Cohen's kappa, its confusion
// matrix and per-label figures, for the labels either of them used on
// the spans they share.
type pairView struct {
	A, B         string
	Kappa        figureView
	OnlyA, OnlyB int
	Labels       []annotation.Tag
	Matrix       [][]int // [A's label][B's label], in Labels order
	PerLabel     []pairLabelView
}

// pairLabelView is one label against all others, for a pair.
type pairLabelView struct {
	Tag                         annotation.Tag
	Both, OnlyA, OnlyB, Neither int
	Specific                    string // positive specific agreement
	Kappa                       figureView
}

// labelView is one label in use over every annotator.
type labelView struct {
	Tag   annotation.Tag
	Uses  []int // by annotator, in agreementView.Annotators order
	Alpha figureView
}

// agreementView is the agreement section's model.
type agreementView struct {
	Annotators []string // display names
	Units      int
	Disagree   int
	MinUnits   int
	Alpha      figureView
	Pairs      []pairView
	Labels     []labelView
}

// viewAgreement formats a report for the page.
func viewAgreement(r agreement.Report) agreementView {
	v := agreementView{Units: len(r.Units), Disagree: len(r.Disagreements()), MinUnits: r.MinUnits, Alpha: viewFigure(r.Alpha)}
	for _, a := range r.Annotators {
		v.Annotators = append(v.Annotators, chrome.OrAnon(a))
	}
	for _, p := range r.Pairs {
		pv := pairView{A: chrome.OrAnon(p.A), B: chrome.OrAnon(p.B), Kappa: viewFigure(p.Kappa), OnlyA: p.OnlyA, OnlyB: p.OnlyB,
			Labels: p.Confusion.Labels, Matrix: p.Confusion.Counts}
		for _, l := range p.PerLabel {
			pv.PerLabel = append(pv.PerLabel, pairLabelView{Tag: l.Tag, Both: l.Both, OnlyA: l.OnlyA, OnlyB: l.OnlyB,
				Neither: l.Neither, Specific: fmt.Sprintf("%.2f", l.Specific), Kappa: viewFigure(l.Kappa)})
		}
		v.Pairs = append(v.Pairs, pv)
	}
	for _, l := range r.Labels {
		lv := labelView{Tag: l.Tag, Alpha: viewFigure(l.Alpha)}
		for _, a := range r.Annotators {
			lv.Uses = append(lv.Uses, l.Uses[a])
		}
		v.Labels = append(v.Labels, lv)
	}
	return v
}
