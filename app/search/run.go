package search

import (
	"context"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
)

// run searches q in the session's index until ctx is done. It runs off the
// UI goroutine.
func run(ctx context.Context, s *chrome.Session, q Query) (*index.Result, error) {
	var tagged []string
	if q.Tag != "" {
		var err error
		if tagged, err = s.WS.TaggedPassages(ctx, annotation.Tag(q.Tag)); err != nil {
			return nil, err
		}
	}
	return s.Index.SearchContext(ctx, q.Request(tagged, tagSpans(s.WS)))
}

// countTags counts, for each tag, the passages its filter would show with
// q's query and other filters: the tag facets' numbers, exact like the
// document and date facets. A tag nobody used counts 0; a count that could
// not be made is left out.
func countTags(ctx context.Context, s *chrome.Session, q Query) map[string]int {
	out := map[string]int{}
	for _, t := range annotation.Tags() {
		if ctx.Err() != nil {
			return out
		}
		if s.WS.Count(t) == 0 {
			out[string(t)] = 0
			continue
		}
		tagged, err := s.WS.TaggedPassages(ctx, t)
		if err != nil {
			continue
		}
		if q.Empty() && q.Doc == "" && q.Date == "" {
			out[string(t)] = len(tagged)
			continue
		}
		one := q
		one.Tag, one.Groups, one.PerGroup = string(t), 1, 1
		res, err := s.Index.SearchContext(ctx, one.Request(tagged, tagSpans(s.WS)))
		if err == nil {
			out[string(t)] = res.Total
		}
	}
	return out
}

// tagSpans answers a query's tag: clauses with the spans of the placed
// annotations carrying each tag.
func tagSpans(w *workspace.Workspace) func(tag string) []index.DocSpan {
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
