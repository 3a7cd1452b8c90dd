package search

import (
	"context"
	"sync"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
)

// run searches q in the session's index until ctx is done. It runs off the
// UI goroutine.
func run(ctx context.Context, s *chrome.Session, tc *taggedCache, q Query) (*index.Result, error) {
	var tagged []string
	if q.Tag != "" {
		var err error
		if tagged, err = tc.passages(ctx, s.WS, annotation.Tag(q.Tag)); err != nil {
			return nil, err
		}
	}
	return s.Index.SearchContext(ctx, q.Request(tagged, chrome.TagSpans(s.WS)))
}

// taggedCache keeps each tag's passages (Workspace.TaggedPassages) until
// the workspace changes: the page asks for them at every keystroke, to
// count the tag facets. It is safe from any goroutine.
type taggedCache struct {
	mu  sync.Mutex
	rev int
	ws  *workspace.Workspace
	ids map[annotation.Tag][]string
}

// passages returns the passages holding an annotation tagged t.
func (c *taggedCache) passages(ctx context.Context, w *workspace.Workspace, t annotation.Tag) ([]string, error) {
	rev := w.Rev()
	c.mu.Lock()
	if c.ws != w || c.rev != rev {
		c.ws, c.rev, c.ids = w, rev, map[annotation.Tag][]string{}
	}
	ids, ok := c.ids[t]
	c.mu.Unlock()
	if ok {
		return ids, nil
	}
	ids, err := w.TaggedPassages(ctx, t)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.ws == w && c.rev == rev {
		c.ids[t] = ids
	}
	c.mu.Unlock()
	return ids, nil
}

// countTags counts, for each tag, the passages its filter would show with
// q's query and other filters: the tag facets' numbers, exact like the
// document and date facets. A tag nobody used counts 0; a count that could
// not be made is left out.
func countTags(ctx context.Context, s *chrome.Session, tc *taggedCache, q Query) map[string]int {
	out := map[string]int{}
	for _, t := range annotation.Tags() {
		if ctx.Err() != nil {
			return out
		}
		if s.WS.Count(t) == 0 {
			out[string(t)] = 0
			continue
		}
		tagged, err := tc.passages(ctx, s.WS, t)
		if err != nil {
			continue
		}
		if q.Empty() && q.Doc == "" && q.Date == "" {
			out[string(t)] = len(tagged)
			continue
		}
		one := q
		one.Tag, one.Groups, one.PerGroup = string(t), 1, 1
		res, err := s.Index.SearchContext(ctx, one.Request(tagged, chrome.TagSpans(s.WS)))
		if err == nil {
			out[string(t)] = res.Total
		}
	}
	return out
}
