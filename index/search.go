package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Request is a search.
type Request struct {
	Query string   // bleve query-string syntax
	Size  int      // hits to return; 0 means 10
	From  int      // hits to skip, for paging
	Docs  []string // only these documents, if any
	Dates []string // only documents whose date starts with one of these ("2026", "2026-03")
	// Passages, when set, keeps only these passages (ids); unknown ids match
	// nothing. The app filters by tag with it.
	Passages []string
	// Fragments, when set, adds a highlighted fragment to each hit.
	Fragments bool
}

// Result is the answer to a Request.
type Result struct {
	Query string        `json:"query"`
	Total int           `json:"total"` // passages that match, not only those returned
	Hits  []Hit         `json:"hits"`
	Docs  []Facet       `json:"docs"`  // matching passages by document
	Dates []Facet       `json:"dates"` // matching passages by date
	Took  time.Duration `json:"took"`
}

// Facet is a count of matching passages for one value.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one matching passage.
type Hit struct {
	Passage string  `json:"passage"`
	Doc     string  `json:"doc"`
	Title   string  `json:"title"`
	Date    string  `json:"date,omitempty"`
	Score   float64 `json:"score"`
	Start   int     `json:"start"` // the passage's code point offsets in the document text
	End     int     `json:"end"`
	Text    string  `json:"text"`
	// Matches are the matched words, as code point offsets into Text.
	Matches []Span `json:"matches,omitempty"`
	// Fragment is the best part of Text as HTML, matched words in <mark>.
	Fragment string `json:"fragment,omitempty"`
}

// Span is a range of code points, End excluded.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Search runs req. A query that does not parse gives a *QueryError.
func (ix *Index) Search(req Request) (res *Result, err error) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("search %q: %w: %v", req.Query, ErrCorrupt, r)
		}
	}()
	q, err := ix.parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	res = &Result{Query: req.Query, Hits: []Hit{}, Docs: []Facet{}, Dates: []Facet{}}
	if q == nil {
		return res, nil
	}
	q = ix.filtered(q, req)
	size := req.Size
	if size <= 0 {
		size = 10
	}
	ctx := context.Background()
	searcher, err := q.Searcher(ctx, ix.reader, ix.mapping, search.SearcherOptions{Score: "default"})
	if err != nil {
		return nil, queryError(req.Query, err)
	}
	defer searcher.Close()
	coll := collector.NewTopNCollector(size, req.From, search.SortOrder{&search.SortScore{Desc: true}})
	counter := &countingSearcher{Searcher: searcher, ix: ix, perDoc: make([]int, len(ix.snap.docs))}
	if err := coll.Collect(ctx, counter, ix.reader); err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res.Total = int(coll.Total())
	res.Docs, res.Dates = ix.facets(counter.perDoc)
	hits := coll.Results()
	if err := ix.locate(ctx, q, hits); err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	for _, dm := range hits {
		res.Hits = append(res.Hits, ix.hit(dm, req.Fragments))
	}
	res.Took = time.Since(start)
	return res, nil
}

// countingSearcher counts every match by document as the collector pulls
// it, in place of bleve's facets, which would read a back index row per
// match. A match's id is its passage number, so its document is a look-up.
type countingSearcher struct {
	search.Searcher
	ix     *Index
	perDoc []int
}

func (c *countingSearcher) count(dm *search.DocumentMatch) {
	if dm == nil {
		return
	}
	if n, err := strconv.ParseUint(string(dm.IndexInternalID), 36, 32); err == nil && int(n) < len(c.ix.snap.passages) {
		c.perDoc[c.ix.snap.passages[n].Doc]++
	}
}

func (c *countingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := c.Searcher.Next(ctx)
	c.count(dm)
	return dm, err
}

func (c *countingSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := c.Searcher.Advance(ctx, id)
	c.count(dm)
	return dm, err
}

// facets turns per-document counts into document and date facets, largest
// first, ties by value.
func (ix *Index) facets(perDoc []int) (docs, dates []Facet) {
	byDate := map[string]int{}
	docs, dates = []Facet{}, []Facet{}
	for i, n := range perDoc {
		if n == 0 {
			continue
		}
		d := ix.snap.docs[i]
		docs = append(docs, Facet{Value: d.ID, Count: n})
		if d.Date != "" {
			byDate[d.Date] += n
		}
	}
	for v, n := range byDate {
		dates = append(dates, Facet{Value: v, Count: n})
	}
	for _, fs := range [][]Facet{docs, dates} {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
	}
	return docs, dates
}

// filtered adds the document and date filters of req to q.
func (ix *Index) filtered(q query.Query, req Request) query.Query {
	var filters []query.Query
	if len(req.Docs) > 0 {
		var any []query.Query
		for _, d := range req.Docs {
			t := query.NewTermQuery(d)
			t.SetField(FieldDoc)
			any = append(any, t)
		}
		filters = append(filters, query.NewDisjunctionQuery(any))
	}
	if len(req.Dates) > 0 {
		var any []query.Query
		for _, d := range req.Dates {
			p := query.NewPrefixQuery(d)
			p.SetField(FieldDate)
			any = append(any, p)
		}
		filters = append(filters, query.NewDisjunctionQuery(any))
	}
	if req.Passages != nil {
		ids := make([]string, 0, len(req.Passages))
		for _, id := range req.Passages {
			if n, ok := ix.passageNumber(id); ok {
				ids = append(ids, strconv.FormatInt(int64(n), 36))
			}
		}
		filters = append(filters, query.NewDocIDQuery(ids))
	}
	if len(filters) == 0 {
		return q
	}
	b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	b.Filter = query.NewConjunctionQuery(filters)
	return b
}

// locate finds the term locations of the returned hits only: the main search
// runs without term vectors, which would be decoded for every match.
func (ix *Index) locate(ctx context.Context, q query.Query, hits search.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	byID := map[string]*search.DocumentMatch{}
	for i, h := range hits {
		ids[i] = h.ID
		byID[h.ID] = h
	}
	lq := query.NewConjunctionQuery([]query.Query{q, query.NewDocIDQuery(ids)})
	s, err := lq.Searcher(ctx, ix.reader, ix.mapping, search.SearcherOptions{IncludeTermVectors: true, Score: "none"})
	if err != nil {
		return err
	}
	defer s.Close()
	coll := collector.NewTopNCollector(len(ids), 0, search.SortOrder{&search.SortDocID{}})
	if err := coll.Collect(ctx, s, ix.reader); err != nil {
		return err
	}
	for _, dm := range coll.Results() {
		if h := byID[dm.ID]; h != nil {
			h.Locations = dm.Locations
		}
	}
	return nil
}

var highlighter = simplehl.NewHighlighter(simplefrag.NewFragmenter(240), htmlformat.NewFragmentFormatter("<mark>", "</mark>"), " … ")

func (ix *Index) hit(dm *search.DocumentMatch, fragments bool) Hit {
	n, _ := strconv.ParseInt(dm.ID, 36, 64)
	p := ix.passage(int(n))
	d, _ := ix.Document(p.Doc)
	h := Hit{Passage: p.ID, Doc: p.Doc, Title: d.Title, Date: d.Date, Score: dm.Score, Start: p.Start, End: p.End, Text: p.Text}
	h.Matches = matchSpans(p.Text, dm.Locations[FieldText])
	if fragments {
		doc := document.NewDocument(dm.ID)
		doc.AddField(document.NewTextField(FieldText, nil, []byte(p.Text)))
		if fr := highlighter.BestFragmentsInField(dm, doc, FieldText, 1); len(fr) > 0 {
			h.Fragment = fr[0]
		} else {
			h.Fragment = htmlEscaper.Replace(p.Text)
		}
	}
	return h
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// matchSpans turns byte locations into sorted, merged code point spans.
func matchSpans(text string, tl search.TermLocationMap) []Span {
	var bs []Span
	for _, locs := range tl {
		for _, l := range locs {
			if int(l.Start) < int(l.End) && int(l.End) <= len(text) {
				bs = append(bs, Span{int(l.Start), int(l.End)})
			}
		}
	}
	if len(bs) == 0 {
		return nil
	}
	sort.Slice(bs, func(i, j int) bool {
		return bs[i].Start < bs[j].Start || bs[i].Start == bs[j].Start && bs[i].End > bs[j].End
	})
	merged := []Span{bs[0]}
	for _, s := range bs[1:] {
		last := &merged[len(merged)-1]
		if s.Start <= last.End {
			if s.End > last.End {
				last.End = s.End
			}
			continue
		}
		merged = append(merged, s)
	}
	for i := range merged {
		merged[i] = Span{utf8.RuneCountInString(text[:merged[i].Start]), utf8.RuneCountInString(text[:merged[i].End])}
	}
	return merged
}
