package adjudicate_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
)

// Example adjudicates two annotators' spans into a gold file.
func Example() {
	text := "Revenue rose 22% in Q2. Margins will widen next year."
	mark := func(who string, tag annotation.Tag, quote string) annotation.Annotation {
		i := strings.Index(text, quote)
		anc, _ := annotation.NewAnchor("q2", "", text, i, i+len(quote))
		return annotation.Annotation{ID: who + "/" + quote, Tag: tag, Creator: who, Created: time.Now(), Anchor: anc}
	}
	placed := []annotation.Annotation{
		mark("ann", annotation.Fact, "Revenue rose 22% in Q2"), mark("bob", annotation.Opinion, "Revenue rose 22%"),
		mark("ann", annotation.Forecast, "Margins will widen next year"), mark("bob", annotation.Forecast, "Margins will widen next year"),
	}
	report := agreement.Compare(placed, agreement.Options{})
	fmt.Println(report.Pairs[0].Kappa)
	fmt.Println(len(report.Disagreements()), "disagreement")

	q := adjudicate.NewQueue(report.Units, nil)
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	q.AcceptUnanimous("Rita", now)
	fmt.Println(q.Progress())
	it, _ := q.Next("")
	key, ok := annotation.TagForKey("1") // the reviewer pressed 1
	if ok {
		q.Decide(it.Unit.Key, key, "in the Q2 release", "Rita", now)
	}
	fmt.Println(q.Progress())
	for _, s := range q.Gold(annotation.CorpusInfo{}, now).Spans {
		fmt.Printf("%q: %s by %s, from %d annotators\n", s.Anchor.Exact, s.Label, s.Reviewer, len(s.Annotations))
	}
	// Output:
	// too few shared spans (n = 2, need 10)
	// 1 disagreement
	// 1 of 2 spans decided
	// 2 of 2 spans decided
	// "Revenue rose 22%": fact by Rita, from 2 annotators
	// "Margins will widen next year": forecast by Rita, from 2 annotators
}
