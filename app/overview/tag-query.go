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

// tagSearchSize is how many ranked passages a tag-aware search filters.
const tagSearchSize = 1000

// tagSearch runs q over ix, restricted to the documents holding a matching
// annotation, and keeps the hits whose passage one of those annotations
// overlaps. An empty query matches every passage. Without a tag or creator
// filter every hit is kept.
func tagSearch(ix chrome.Searcher, as []annotation.Annotation, q tagQuery) ([]tagHit, error) {
	var match []annotation.Annotation
	var docs []string
	for _, a := range as {
		if (q.Tag == "" || a.Tag == q.Tag) && (q.Creator == "" || a.Creator == q.Creator) {
			match = append(match, a)
			if !slices.Contains(docs, a.Anchor.Doc) {
				docs = append(docs, a.Anchor.Doc)
			}
		}
	}
	filtered := q.Tag != "" || q.Creator != ""
	if filtered && len(match) == 0 {
		return nil, nil
	}
	query := strings.TrimSpace(q.Query)
	if query == "" {
		query = "*"
	}
	req := index.Request{Query: query, Size: tagSearchSize}
	if filtered {
		req.Docs = docs
	}
	res, err := ix.Search(req)
	if err != nil {
		return nil, err
	}
	var out []tagHit
	for _, h := range res.Hits {
		th := tagHit{Hit: h}
		for _, a := range match {
			if a.Anchor.Doc == h.Doc && a.Anchor.Start < h.End && h.Start < a.Anchor.End {
				th.Annotations = append(th.Annotations, a)
			}
		}
		if !filtered || len(th.Annotations) > 0 {
			out = append(out, th)
		}
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
