package overview

import (
	"slices"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
)

// tagQuery is a tag-aware search: a query, kept to passages holding an
// annotation with Tag (any tag if empty) by Creator (anyone if empty).
type tagQuery struct {
	Query   string
	Tag     annotation.Tag
	Creator string
}

// tagHit is a search hit and the annotations on its passage that match.
type tagHit struct {
	Hit         index.Hit
	Annotations []annotation.Annotation
}

// tagSearchPage is how many hits a tag-aware search shows at a time.
const tagSearchPage = 50

// tagResult is a page of a tag-aware search's hits and the number of
// passages that match in all.
type tagResult struct {
	Hits  []tagHit
	Total int
}

// tagSearch runs q over ix, kept by the index itself to the passages a
// matching annotation overlaps (index.Request.Spans), so that Total
// counts every match, not the first ranked ones; it returns the hits from
// from on, a page at a time, each with the matching annotations on its
// passage. An empty query matches every passage. Without a tag or creator
// filter every passage can match.
func tagSearch(ix chrome.Searcher, as []annotation.Annotation, q tagQuery, from int) (tagResult, error) {
	var match []annotation.Annotation
	var spans []index.DocSpan
	for _, a := range as {
		if (q.Tag == "" || a.Tag == q.Tag) && (q.Creator == "" || a.Creator == q.Creator) {
			match = append(match, a)
			spans = append(spans, index.DocSpan{Doc: a.Anchor.Doc, Start: a.Anchor.Start, End: a.Anchor.End})
		}
	}
	filtered := q.Tag != "" || q.Creator != ""
	if filtered && len(match) == 0 {
		return tagResult{}, nil
	}
	query := strings.TrimSpace(q.Query)
	if query == "" {
		query = "*"
	}
	req := index.Request{Query: query, Size: tagSearchPage, From: from}
	if filtered {
		req.Spans = spans
	}
	res, err := ix.Search(req)
	if err != nil {
		return tagResult{}, err
	}
	out := tagResult{Total: res.Total}
	for _, h := range res.Hits {
		th := tagHit{Hit: h}
		for _, a := range match {
			if a.Anchor.Doc == h.Doc && a.Anchor.Start < h.End && h.Start < a.Anchor.End {
				th.Annotations = append(th.Annotations, a)
			}
		}
		out.Hits = append(out.Hits, th)
	}
	return out, nil
}

// creators returns the distinct creators of as, sorted.
func creators(as []annotation.Annotation) []string {
	var out []string
	for _, a := range as {
		if !slices.Contains(out, a.Creator) {
			out = append(out, a.Creator)
		}
	}
	slices.Sort(out)
	return out
}
