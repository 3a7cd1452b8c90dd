package review

import (
	"fmt"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/chrome"
)

// stateText names how a span's annotators agree, for people.
var stateText = map[agreement.State]string{
	agreement.Disagreement: "disagreement",
	agreement.Single:       "one annotator",
	agreement.Unanimous:    "unanimous",
}

// annotatorLabel is one annotator's label of a span.
type annotatorLabel struct {
	Annotator string
	Tag       annotation.Tag
	Quote     string // their own quote, when it differs from the span's
	Note      string
}

// spanView is one span of the adjudication queue as the page shows it.
type spanView struct {
	Key       string
	Pos       int // 1-based, in queue order
	State     agreement.State
	StateText string
	Doc       string
	Title     string
	Passage   string
	Prefix    string
	Exact     string
	Suffix    string
	Labels    []annotatorLabel
	Decided   bool // a decision that still holds
	Stale     bool // a decision taken before the span's annotations changed
	Final     annotation.Tag
	Dropped   bool
	Note      string
	Reviewer  string
	// Decision says the decision in words: "fact, by Rita", "not a
	// claim, by Rita", "undecided", or the old one "to check again".
	Decision string
}

// Summary lists every annotator's label: "Ann: fact · bob: forecast".
func (v spanView) Summary() string {
	var parts []string
	for _, l := range v.Labels {
		parts = append(parts, l.Annotator+": "+string(l.Tag))
	}
	return strings.Join(parts, " · ")
}

// viewSpan formats one item of the queue, the pos-th; title names a
// document (desk.Desk.Title).
func viewSpan(it adjudicate.Item, pos int, title func(doc string) string) spanView {
	u := it.Unit
	v := spanView{Key: u.Key, Pos: pos, State: it.State, StateText: stateText[it.State], Doc: u.Anchor.Doc,
		Title: title(u.Anchor.Doc), Passage: u.Anchor.Passage, Prefix: u.Anchor.Prefix, Exact: u.Anchor.Exact,
		Suffix: u.Anchor.Suffix, Decided: it.Decided(), Stale: it.Stale, Decision: "undecided"}
	for _, a := range u.Annotations {
		l := annotatorLabel{Annotator: chrome.OrAnon(a.Creator), Tag: a.Tag, Note: a.Note}
		if a.Anchor.Exact != u.Anchor.Exact {
			l.Quote = a.Anchor.Exact
		}
		v.Labels = append(v.Labels, l)
	}
	if d := it.Decision; d != nil {
		v.Final, v.Dropped, v.Note, v.Reviewer = d.Label, d.Dropped, d.Note, d.Reviewer
		what := string(d.Label)
		if d.Dropped {
			what = "not a claim"
		}
		v.Decision = fmt.Sprintf("%s, by %s", what, d.Reviewer)
		if it.Stale {
			v.Decision = fmt.Sprintf("to check again: %s was decided before the annotations of this span changed", what)
		}
	}
	return v
}

// queueWindow is how many spans the queue table shows at once.
const queueWindow = 50

// windowAround returns the bounds [lo, hi) of the page of the queue, of
// queueWindow spans, holding position at (0-based) among n.
func windowAround(at, n int) (lo, hi int) {
	if at < 0 {
		at = 0
	}
	lo = at / queueWindow * queueWindow
	return lo, min(n, lo+queueWindow)
}
