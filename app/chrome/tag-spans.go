package chrome

import (
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
)

// TagSpans answers a query's tag: clauses (index.Request.Tags) with the
// spans of w's placed annotations carrying each tag. It reads w only when
// a query has such a clause, so a search without one pays nothing.
func TagSpans(w *workspace.Workspace) func(tag string) []index.DocSpan {
	return func(tag string) []index.DocSpan {
		spans := []index.DocSpan{}
		for _, it := range w.Items() {
			if it.Placed() && string(it.Tag) == tag {
				spans = append(spans, index.DocSpan{Doc: it.Anchor.Doc, Start: it.Anchor.Start, End: it.Anchor.End})
			}
		}
		return spans
	}
}
