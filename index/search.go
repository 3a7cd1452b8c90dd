package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Request is a search.
type Request struct {
	// Query is what the user typed (see README "Searching"): words, all
	// required; "phrases"; AND, OR, NOT, -word, +word, parentheses; field
	// clauses doc:, title:, date:, tag:; prefix* and fuzzy~; * for every
	// passage.
	Query string
	Size  int // passage hits to return in Result.Hits; 0 means 10
	From  int // hits to skip, for paging
	// Groups is the number of documents to return in Result.Groups, each
	// with its PerGroup best passages; 0 means 10 and 3. GroupFrom skips
	// documents, for paging the grouped list.
	Groups, PerGroup, GroupFrom int
	Docs                        []string // only these documents, if any
	Dates                       []string // only documents whose date starts with one of these ("2026", "2026-03")
	// Passages, when not nil, keeps only these passages (ids); unknown ids
	// match nothing.
	Passages []string
	// Spans, when not nil, keeps only the passages that overlap one of
	// these spans (a tag's annotations, say); an empty list keeps nothing.
	Spans []DocSpan
	// Subsets, when not nil, asks how many of the matching passages each
	// named set of passages (ids) holds: Result.Subsets. A page counts the
	// facets of filters it does not apply (say, one per tag) in the search
	// it makes anyway, instead of one search per facet.
	Subsets map[string][]string
	// Tags answers a tag:NAME clause with the spans carrying that tag; the
	// passages overlapping them match. Without it a tag: clause is a
	// *QueryError. Totals and facets count every match either way.
	Tags func(tag string) []DocSpan
	// Exact turns typo correction off: the "search instead for" link. A
	// query that then matches nothing still gets its Suggestion.
	Exact bool
	// Fragments adds a highlighted fragment to each hit.
	Fragments bool
	// Explain adds a score breakdown to each hit and group.
	Explain bool
	// MaxWork bounds the work of the search (see DefaultMaxWork, used when
	// 0); a query that needs more gives a *QueryError wrapping ErrBudget.
	MaxWork int
}

// DocSpan is a range of code points of one document, End excluded.
type DocSpan struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Result is the answer to a Request.
type Result struct {
	Query string `json:"query"` // as typed
	// Corrected is the query that was searched, when words of Query that
	// match nothing were replaced by the nearest words of the corpus
	// (Corrections): "showing results for Corrected; search instead for
	// Query" (with Request.Exact).
	Corrected   string       `json:"corrected,omitempty"`
	Corrections []Correction `json:"corrections,omitempty"`
	// Suggestion, when nothing matches, is a query that would ("did you
	// mean"), or "".
	Suggestion string `json:"suggestion,omitempty"`
	// AnyWord is set when no passage holds every word, so the hits hold
	// some of them (the +required ones always), best first.
	AnyWord bool    `json:"anyWord,omitempty"`
	Total   int     `json:"total"` // passages that match, not only those returned
	Hits    []Hit   `json:"hits"`  // passages, by document rank then passage rank
	Groups  []Group `json:"groups"`
	Docs    []Facet `json:"docs"`  // matching passages by document
	Dates   []Facet `json:"dates"` // matching passages by date
	// Subsets holds, for each set of Request.Subsets, how many matching
	// passages it holds (0 for each when nothing matches).
	Subsets map[string]int `json:"subsets,omitempty"`
	Took    time.Duration  `json:"took"`
	Work    int            `json:"work"` // units of work done (see DefaultMaxWork)
}

// Group is one document of the results, with its best passages.
type Group struct {
	Doc     string       `json:"doc"`
	Title   string       `json:"title"`
	Date    string       `json:"date,omitempty"`
	Score   float64      `json:"score"`
	Matches int          `json:"matches"` // its matching passages
	Hits    []Hit        `json:"hits"`    // the best of them, best first
	Explain *Explanation `json:"explain,omitempty"`
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
	// Matches are the matched words (a phrase as one span), as code point
	// offsets into Text.
	Matches []Span `json:"matches,omitempty"`
	// Fragment is the best part of Text as HTML, matched words in <mark>.
	Fragment string       `json:"fragment,omitempty"`
	Explain  *Explanation `json:"explain,omitempty"`
}

// Span is a range of code points, End excluded.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Search runs req. A query that does not parse, or needs more work than
// allowed, gives a *QueryError.
func (ix *Index) Search(req Request) (*Result, error) {
	return ix.SearchContext(context.Background(), req)
}

// SearchContext runs req until ctx is done: the app cancels a search when a
// new query is typed. It returns ctx's error then.
func (ix *Index) SearchContext(ctx context.Context, req Request) (res *Result, err error) {
	start := time.Now()
	defer ix.beginSearch()()
	defer ix.noteSearched()
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(pieceFailure); ok {
				res, err = nil, fmt.Errorf("search %q: %w", req.Query, f.err)
				return
			}
			res, err = nil, fmt.Errorf("search %q: %w: %v", req.Query, ErrCorrupt, r)
		}
	}()
	res = &Result{Query: req.Query, Hits: []Hit{}, Groups: []Group{}, Docs: []Facet{}, Dates: []Facet{},
		Subsets: zeros(req.Subsets)}
	w := newWork(ctx, req.MaxWork)
	// A query that does not parse fetches nothing: the error says what is
	// wrong with it.
	n, err := parse(req.Query)
	if err != nil {
		return nil, ix.searchError(req.Query, w, err)
	}
	if err := ix.prefetchQuery(ctx, n); err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	q, err := ix.plan(req, n, w)
	if err != nil {
		return nil, ix.searchError(req.Query, w, err)
	}
	if q == nil {
		return res, nil
	}
	if err := ix.run(q, req, w, res); err != nil {
		return nil, ix.searchError(req.Query, w, err)
	}
	res.Work = w.used
	res.Took = time.Since(start)
	return res, nil
}

// searchError gives errors a person can act on their query's context.
func (ix *Index) searchError(q string, w *work, err error) error {
	var qe *QueryError
	if errors.As(err, &qe) {
		qe.Query = q
		return qe
	}
	var spent errBudgetSpent
	if errors.As(err, &spent) {
		return &QueryError{Query: q, Msg: fmt.Sprintf("%s (more than %d units)", ErrBudget, w.limit),
			Hint: "use rarer words, fewer alternatives (prefix*, fuzzy~, OR), or a shorter phrase"}
	}
	return fmt.Errorf("search %q: %w", q, err)
}

// plannedQuery is a parsed and resolved query.
type plannedQuery struct {
	root        *rnode
	leaves      []*leaf
	corrections []Correction
	unknown     []*qnode
	filter      []uint32 // the request's filters, nil when none
	tags        func(string) ([]uint32, error)
}

// plan resolves req's query, parsed as n, and its filters. An empty query
// gives nil.
func (ix *Index) plan(req Request, n *qnode, w *work) (*plannedQuery, error) {
	if n == nil {
		return nil, nil
	}
	r := &resolver{ix: ix, w: w, correct: !req.Exact, query: req.Query}
	root, err := r.resolve(n)
	if err != nil {
		return nil, err
	}
	p := &plannedQuery{root: root, corrections: r.corrections, unknown: r.unknown}
	if len(r.corrections) > 0 {
		if c, err := parse(correctedQuery(req.Query, r.corrections)); err == nil {
			if err := ix.prefetchQuery(w.ctx, c); err != nil {
				return nil, err
			}
		}
	}
	if root == nil {
		// only stop words: nothing to look for
		return p, nil
	}
	p.leaves = positiveLeaves(root, nil)
	p.filter = ix.requestFilter(req)
	if req.Tags != nil {
		p.tags = func(tag string) ([]uint32, error) { return ix.spanPassages(req.Tags(tag)), nil }
	}
	return p, nil
}

// positiveLeaves lists the leaves not under a NOT.
func positiveLeaves(n *rnode, out []*leaf) []*leaf {
	switch n.kind {
	case nWord, nPhrase:
		return append(out, n.leaf)
	case nNot:
		return out
	}
	for _, k := range n.kids {
		out = positiveLeaves(k, out)
	}
	return out
}

// relaxed returns the query with its implicit conjunction of words turned
// into "any of them", or nil when nothing can be relaxed: +required words,
// exclusions, field clauses and explicit ANDs stay as they are.
func relaxed(n *rnode) *rnode {
	if n.kind != nAnd || n.explicit {
		return nil
	}
	var keep, any []*rnode
	for _, k := range n.kids {
		if k.required || k.kind == nNot || k.kind == nField || k.kind == nAll {
			keep = append(keep, k)
		} else {
			any = append(any, k)
		}
	}
	if len(any) < 2 {
		return nil
	}
	kids := append(keep, &rnode{kind: nOr, kids: any})
	if len(kids) == 1 {
		return kids[0]
	}
	return &rnode{kind: nAnd, kids: kids, explicit: true}
}

// requestFilter is the passages the request's filters keep, or nil.
func (ix *Index) requestFilter(req Request) []uint32 {
	var sets [][]uint32
	if len(req.Docs) > 0 {
		var docs []int
		for _, id := range req.Docs {
			if i, ok := ix.docIndex[id]; ok {
				docs = append(docs, i)
			}
		}
		sets = append(sets, ix.docPassages(docs))
	}
	if len(req.Dates) > 0 {
		var docs []int
		for i, d := range ix.snap.docs {
			for _, p := range req.Dates {
				if d.Date != "" && strings.HasPrefix(d.Date, p) {
					docs = append(docs, i)
					break
				}
			}
		}
		sets = append(sets, ix.docPassages(docs))
	}
	if req.Passages != nil {
		ns := []uint32{}
		for _, id := range req.Passages {
			if n, ok := ix.passageNumber(id); ok {
				ns = append(ns, uint32(n))
			}
		}
		sets = append(sets, sortedUnique(ns))
	}
	if req.Spans != nil {
		sets = append(sets, ix.spanPassages(req.Spans))
	}
	if len(sets) == 0 {
		return nil
	}
	out := sets[0]
	for _, s := range sets[1:] {
		out = intersect(out, s)
	}
	return out
}

func sortedUnique(ns []uint32) []uint32 {
	sort.Slice(ns, func(i, j int) bool { return ns[i] < ns[j] })
	out := ns[:0]
	for i, n := range ns {
		if i == 0 || ns[i-1] != n {
			out = append(out, n)
		}
	}
	return out
}

// spanPassages returns the passages overlapping any of the spans, sorted.
func (ix *Index) spanPassages(spans []DocSpan) []uint32 {
	ns := []uint32{}
	for _, s := range spans {
		di, ok := ix.docIndex[s.Doc]
		if !ok {
			continue
		}
		d := ix.snap.docs[di]
		ps := ix.docPassageSpans(di)
		i := sort.Search(len(ps), func(i int) bool { return ps[i].End > s.Start })
		for ; i < len(ps) && ps[i].Start < s.End; i++ {
			ns = append(ns, uint32(d.First+i))
		}
	}
	return sortedUnique(ns)
}

// run evaluates, ranks and fills res.
func (ix *Index) run(q *plannedQuery, req Request, w *work, res *Result) error {
	if len(q.corrections) > 0 {
		res.Corrections = q.corrections
		res.Corrected = correctedQuery(req.Query, q.corrections)
	}
	if q.root == nil {
		return nil
	}
	ev := &evaluator{ix: ix, w: w, tags: q.tags, post: map[*leaf]plist{}}
	matches, err := ev.eval(q.root, q.filter)
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		if r := relaxed(q.root); r != nil {
			ev.post = map[*leaf]plist{}
			if matches, err = ev.eval(r, q.filter); err != nil {
				return err
			}
			res.AnyWord = len(matches) > 0
		}
	}
	if res.Subsets, err = ix.countSubsets(req.Subsets, matches, func(cands []uint32) ([]uint32, error) {
		// What the subset's own passage filter would show when it holds
		// none of the passages with every word: the passages with some.
		r := relaxed(q.root)
		if res.AnyWord || r == nil {
			return nil, nil
		}
		if q.filter != nil {
			cands = intersect(q.filter, cands)
		}
		if len(cands) == 0 {
			return nil, nil
		}
		// An evaluator of its own: ev's postings serve the ranking next.
		sub := &evaluator{ix: ix, w: w, tags: q.tags, post: map[*leaf]plist{}}
		return sub.eval(r, cands)
	}); err != nil {
		return err
	}
	if len(matches) == 0 {
		if len(q.unknown) > 0 {
			s, err := ix.suggestion(req.Query, q.unknown, w)
			if err != nil {
				return err
			}
			res.Suggestion = s
		}
		return nil
	}
	res.Total = len(matches)
	perDoc := make([]int, len(ix.snap.docs))
	for _, n := range matches {
		perDoc[ix.passageDoc(n)]++
	}
	res.Docs, res.Dates = ix.facets(perDoc)

	rk := newRanker(ix, ev, q.leaves)
	ps, err := rk.score(matches)
	if err != nil {
		return err
	}
	gs, err := rk.groups(ps)
	if err != nil {
		return err
	}
	return ix.fill(res, req, rk, ps, gs)
}

// countSubsets counts the passages of each subset (ids) among matches
// (sorted passage numbers): what the search would find with the subset as
// its passage filter. A subset holding none of them would have the search
// fall back to passages with any of its words; fallback returns those
// among the subset's passages (cands), or nil. countSubsets returns nil
// when there are no subsets.
func (ix *Index) countSubsets(subsets map[string][]string, matches []uint32, fallback func(cands []uint32) ([]uint32, error)) (map[string]int, error) {
	out := zeros(subsets)
	if len(matches) == 0 {
		return out, nil
	}
	for name, ids := range subsets {
		ns := make([]uint32, 0, len(ids))
		for _, id := range ids {
			if n, ok := ix.passageNumber(id); ok {
				ns = append(ns, uint32(n))
			}
		}
		ns = sortedUnique(ns)
		n := len(intersect(ns, matches))
		if n == 0 && len(ns) > 0 && fallback != nil {
			some, err := fallback(ns)
			if err != nil {
				return nil, err
			}
			n = len(some)
		}
		out[name] = n
	}
	return out, nil
}

// zeros counts 0 for each subset; nil when there are none.
func zeros(subsets map[string][]string) map[string]int {
	if subsets == nil {
		return nil
	}
	out := make(map[string]int, len(subsets))
	for name := range subsets {
		out[name] = 0
	}
	return out
}

// fill turns the ranked matches into hits and groups.
func (ix *Index) fill(res *Result, req Request, rk *ranker, ps []scored, gs []*group) error {
	size, from := req.Size, max(req.From, 0)
	if size <= 0 {
		size = 10
	}
	ngroups, per, gfrom := req.Groups, req.PerGroup, max(req.GroupFrom, 0)
	if ngroups <= 0 {
		ngroups = 10
	}
	if per <= 0 {
		per = 3
	}
	// The passages to show: the hits window, then each group's best.
	var hitIdx []int
	skipped := 0
	for _, g := range gs {
		if len(hitIdx) >= size {
			break
		}
		if skipped+len(g.passages) <= from {
			skipped += len(g.passages)
			continue
		}
		for _, i := range g.passages {
			if skipped < from {
				skipped++
				continue
			}
			if len(hitIdx) >= size {
				break
			}
			hitIdx = append(hitIdx, i)
		}
	}
	var shown []*group
	if gfrom < len(gs) {
		shown = gs[gfrom:min(len(gs), gfrom+ngroups)]
	}
	need := append([]int(nil), hitIdx...)
	for _, g := range shown {
		need = append(need, g.passages[:min(per, len(g.passages))]...)
	}
	if err := ix.prefetchHits(ps, need); err != nil {
		return err
	}
	hl, err := ix.highlights(rk, ps, need)
	if err != nil {
		return err
	}
	mk := func(i int) Hit {
		h := ix.makeHit(ps[i], hl[ps[i].n], req.Fragments)
		if req.Explain {
			h.Explain = explainPassage(ps[i])
		}
		return h
	}
	for _, i := range hitIdx {
		res.Hits = append(res.Hits, mk(i))
	}
	for _, g := range shown {
		d := ix.snap.docs[g.doc]
		gr := Group{Doc: d.ID, Title: d.Title, Date: d.Date, Score: g.score, Matches: len(g.passages), Hits: []Hit{}}
		for _, i := range g.passages[:min(per, len(g.passages))] {
			gr.Hits = append(gr.Hits, mk(i))
		}
		if req.Explain {
			gr.Explain = explainGroup(g)
		}
		res.Groups = append(res.Groups, gr)
	}
	return nil
}

// highlights returns, for the passages ps[need...], the byte spans of their
// matches: every occurrence of a word, one span per phrase occurrence.
func (ix *Index) highlights(rk *ranker, ps []scored, need []int) (map[uint32][]Span, error) {
	out := map[uint32][]Span{}
	if len(need) == 0 {
		return out, nil
	}
	cands := make([]uint32, 0, len(need))
	for _, i := range need {
		cands = append(cands, ps[i].n)
	}
	cands = sortedUnique(cands)
	for _, l := range rk.leaves {
		if !l.phrase {
			p, err := rk.ev.altPostings(l.alts[0], FieldText, cands, true)
			if err != nil {
				return nil, err
			}
			for i, n := range p.ns {
				for _, o := range p.pos[i] {
					out[n] = append(out[n], Span{int(o.start), int(o.end)})
				}
			}
			continue
		}
		starts, err := rk.ev.leafPostings(l, FieldText, cands, true)
		if err != nil {
			return nil, err
		}
		if starts.len() == 0 {
			continue
		}
		words := make([]plist, len(l.alts))
		for i, alts := range l.alts {
			if words[i], err = rk.ev.altPostings(alts, FieldText, starts.ns, true); err != nil {
				return nil, err
			}
		}
		last := len(l.alts) - 1
		for i, n := range starts.ns {
			for _, s := range starts.pos[i] {
				a, aok := occurrenceAt(words[0], n, s.pos+uint32(l.offs[0]))
				b, bok := occurrenceAt(words[last], n, s.pos+uint32(l.offs[last]))
				if aok && bok {
					out[n] = append(out[n], Span{int(a.start), int(b.end)})
				}
			}
		}
	}
	return out, nil
}

// occurrenceAt finds the occurrence at token position pos of passage n.
func occurrenceAt(p plist, n, pos uint32) (tpos, bool) {
	i := sort.Search(p.len(), func(i int) bool { return p.ns[i] >= n })
	if i >= p.len() || p.ns[i] != n {
		return tpos{}, false
	}
	for _, o := range p.pos[i] {
		if o.pos == pos {
			return o, true
		}
	}
	return tpos{}, false
}

// makeHit builds the hit of a scored passage, its byte spans turned into
// code point spans.
func (ix *Index) makeHit(s scored, byteSpans []Span, fragments bool) Hit {
	p := ix.passage(int(s.n))
	d := ix.snap.docs[s.doc]
	h := Hit{Passage: p.ID, Doc: p.Doc, Title: d.Title, Date: d.Date, Score: s.score, Start: p.Start, End: p.End, Text: p.Text}
	merged := mergeSpans(p.Text, byteSpans)
	h.Matches = runeSpans(p.Text, merged)
	if fragments {
		h.Fragment = fragment(p.Text, merged)
	}
	return h
}

// mergeSpans sorts byte spans within text and merges those that overlap.
func mergeSpans(text string, bs []Span) []Span {
	var ok []Span
	for _, s := range bs {
		if s.Start < s.End && s.End <= len(text) {
			ok = append(ok, s)
		}
	}
	if len(ok) == 0 {
		return nil
	}
	sort.Slice(ok, func(i, j int) bool {
		return ok[i].Start < ok[j].Start || ok[i].Start == ok[j].Start && ok[i].End > ok[j].End
	})
	merged := []Span{ok[0]}
	for _, s := range ok[1:] {
		last := &merged[len(merged)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// runeSpans turns sorted byte spans into code point spans.
func runeSpans(text string, bs []Span) []Span {
	if len(bs) == 0 {
		return nil
	}
	out := make([]Span, len(bs))
	for i, s := range bs {
		out[i] = Span{utf8.RuneCountInString(text[:s.Start]), utf8.RuneCountInString(text[:s.End])}
	}
	return out
}

// Highlights returns the query's matches in one document, as code point
// spans of its text in order: the reader marks them and steps through them.
// It runs req as Search does (typo correction included, unless req.Exact),
// restricted to the document; req's paging fields are ignored.
func (ix *Index) Highlights(ctx context.Context, req Request, docID string) ([]Span, error) {
	d, ok := ix.Document(docID)
	if !ok {
		return nil, nil
	}
	req.Docs = []string{docID}
	req.Size, req.From, req.Groups, req.GroupFrom, req.PerGroup = d.Passages, 0, 1, 0, 1
	req.Fragments, req.Explain = false, false
	res, err := ix.SearchContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var out []Span
	for _, h := range res.Hits {
		for _, m := range h.Matches {
			out = append(out, Span{h.Start + m.Start, h.Start + m.End})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, nil
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
