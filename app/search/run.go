package search

import (
	"context"
	"strings"
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
// document and date facets. One search counts every tag used
// (index.Request.Subsets); a tag nobody used counts 0. A count that could
// not be made is left out.
func countTags(ctx context.Context, s *chrome.Session, tc *taggedCache, q Query) map[string]int {
	out := map[string]int{}
	subsets := map[string][]string{}
	for _, t := range annotation.Tags() {
		if ctx.Err() != nil {
			return out
		}
		if s.WS.Count(t) == 0 {
			out[string(t)] = 0
			continue
		}
		if tagged, err := tc.passages(ctx, s.WS, t); err == nil {
			subsets[string(t)] = tagged
		}
	}
	if len(subsets) == 0 {
		return out
	}
	if strings.TrimSpace(q.Q) == "" && q.Doc == "" && q.Date == "" {
		// Nothing narrows the passages: a tag's filter shows all of its.
		for t, tagged := range subsets {
			out[t] = len(tagged)
		}
		return out
	}
	all := q
	all.Tag, all.Groups, all.PerGroup = "", 1, 1
	req := all.Request(nil, chrome.TagSpans(s.WS))
	if strings.TrimSpace(req.Query) == "" {
		req.Query = "*" // a document or date filter alone, as a tag filter searches
	}
	req.Subsets = subsets
	res, err := s.Index.SearchContext(ctx, req)
	if err != nil {
		return out
	}
	for t := range subsets {
		out[t] = res.Subsets[t]
	}
	return out
}
