package review

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/chrome"
)

// agreementNote says, in one sentence, how spans map to passages.
const agreementNote = "Agreement is counted per passage: each annotator's label for a passage is the tag of their span " +
	"covering most of it (the latest edit wins a tie), and only passages both annotators tagged count."

// agreementRow is one annotator pair of the agreement table.
type agreementRow struct {
	A, B     string
	N        int
	Observed string // observed agreement, as a percentage
	Kappa    string // Cohen's kappa to two decimals, or "–" with no shared passage
	Labels   []labelRow
	Matrix   [4][4]int // [A's tag][B's tag], in annotation.Tags order
}

// labelRow is the two-by-two confusion of one label against the others.
type labelRow struct {
	Tag                         annotation.Tag
	Both, OnlyA, OnlyB, Neither int
	Kappa                       string
}

// agreementRows formats the pairs of review.Agreement for the table.
func agreementRows(pairs []arev.Pair) []agreementRow {
	var out []agreementRow
	for _, p := range pairs {
		r := agreementRow{A: chrome.OrAnon(p.A), B: chrome.OrAnon(p.B), N: p.N, Observed: "–", Kappa: "–", Matrix: p.Confusion}
		if p.N > 0 {
			r.Observed = fmt.Sprintf("%.0f%%", 100*p.Observed)
			r.Kappa = fmt.Sprintf("%.2f", p.Kappa)
			for _, t := range annotation.Tags() {
				l := p.PerLabel[t]
				r.Labels = append(r.Labels, labelRow{Tag: t, Both: l.Both, OnlyA: l.OnlyA, OnlyB: l.OnlyB,
					Neither: l.Neither, Kappa: fmt.Sprintf("%.2f", l.Kappa)})
			}
		}
		out = append(out, r)
	}
	return out
}
