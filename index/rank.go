package index

import (
	"math"
	"sort"
)

// Ranking, in two steps, each a sum of named parts (Explanation):
//
// A passage scores BM25 over the query's words and phrases (a phrase counts
// as one term whose rarity is its words' together), times headingBoost for a
// heading, times a coordination factor when it lacks some of the query's
// words (only after the fallback to any word), times a proximity factor for
// the best passages: 1 + proximityBoost when the words stand side by side,
// falling off as the smallest window holding them all widens.
//
// A document scores what its passages say about the query: its best
// passage, plus half its second, a quarter its third..., so that many
// matching passages count but never more than twice the best; plus the
// title's BM25 times titleBoost, plus titleAllBoost when its title holds
// every word and titleLeadBoost when it starts with one, plus
// matchesBoost × ln(1 + matching passages) × the words' mean rarity. Results list documents by that score and, inside each, its
// passages by theirs.
const (
	bm25K1         = 1.2
	bm25B          = 0.75
	headingBoost   = 1.5
	proximityBoost = 0.5
	proximityTop   = 200 // best passages whose word positions are read
	titleBoost     = 2.0
	titleAllBoost  = 2.0
	titleLeadBoost = 6.0 // the title starts with a query word (its subject, as in "json — JSON encoder")
	matchesBoost   = 0.5 // times ln(1 + matching passages) times the words' mean rarity
	passageDecay   = 0.5
	passagesCount  = 8 // passages of a document that add to its score
	avgTitleTokens = 6.0
)

// ScorePart is one named addend or factor of a score.
type ScorePart struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Explanation says how a score was reached: Score is the sum of the parts
// whose name does not start with "×", times each "×" factor.
type Explanation struct {
	Score float64     `json:"score"`
	Parts []ScorePart `json:"parts"`
}

// scored is a matching passage with its score.
type scored struct {
	n       uint32
	doc     int
	score   float64
	bm25    float64
	coord   float64
	heading bool
	prox    float64 // proximity factor, 1 when not measured
}

// ranker scores the matches of one search.
type ranker struct {
	ix      *Index
	ev      *evaluator
	leaves  []*leaf // the positive leaves, in query order
	n       float64 // passages in the corpus
	avgLen  float64 // average passage length in tokens (estimated)
	meanIDF float64 // the leaves' mean rarity, set by score
}

func newRanker(ix *Index, ev *evaluator, leaves []*leaf) *ranker {
	runes := 0
	for _, d := range ix.snap.docs {
		runes += d.Runes
	}
	np := float64(max(len(ix.snap.passages), 1))
	return &ranker{ix: ix, ev: ev, leaves: leaves, n: np, avgLen: max(1, float64(runes)/np/6)}
}

func idf(count, n float64) float64 {
	return math.Log(1 + (n-count+0.5)/(count+0.5))
}

func tfNorm(freq float64, norm float32, avg float64) float64 {
	l := 1.0
	if norm > 0 {
		l = 1 / float64(norm*norm)
	}
	return freq * (bm25K1 + 1) / (freq + bm25K1*(1-bm25B+bm25B*l/avg))
}

// leafIDF is how rare a leaf is: a word by its alternatives' passages, a
// phrase by the sum of its words' rarity.
func (r *ranker) leafIDF(l *leaf, field string, n float64) float64 {
	sum := 0.0
	for _, alts := range l.alts {
		var c uint64
		for _, t := range alts {
			k, _ := r.ix.termCount(field, t)
			c += k
		}
		sum += idf(float64(c), n)
	}
	return sum
}

// score scores the matches.
func (r *ranker) score(matches []uint32) ([]scored, error) {
	out := make([]scored, len(matches))
	matched := make([]int, len(matches))
	for i, n := range matches {
		out[i] = scored{n: n, doc: r.ix.passageDoc(n), heading: r.ix.passageKind(n) == "h", prox: 1}
	}
	for _, l := range r.leaves {
		l.idf = r.leafIDF(l, FieldText, r.n)
		r.meanIDF += l.idf / float64(len(r.leaves))
		p := r.ev.post[l]
		j := 0
		for i, n := range matches {
			for j < p.len() && p.ns[j] < n {
				j++
			}
			if j < p.len() && p.ns[j] == n {
				out[i].bm25 += l.weight * l.idf * tfNorm(float64(p.freq[j]), p.norm[j], r.avgLen)
				matched[i]++
			}
		}
	}
	for i := range out {
		s := &out[i]
		s.coord = 1
		if len(r.leaves) > 0 && matched[i] < len(r.leaves) {
			f := float64(matched[i]) / float64(len(r.leaves))
			s.coord = f * f
		}
		s.score = s.bm25 * s.coord
		if s.heading {
			s.score *= headingBoost
		}

	}
	if err := r.proximity(out); err != nil {
		return nil, err
	}
	return out, nil
}

// proximity multiplies the best passages' scores by how close their words
// stand.
func (r *ranker) proximity(ps []scored) error {
	var words []*leaf
	for _, l := range r.leaves {
		words = append(words, l)
	}
	if len(words) < 2 || len(ps) == 0 {
		return nil
	}
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return ps[idx[a]].score > ps[idx[b]].score })
	if len(idx) > proximityTop {
		idx = idx[:proximityTop]
	}
	cands := make([]uint32, len(idx))
	for i, k := range idx {
		cands[i] = ps[k].n
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a] < cands[b] })
	occ, err := r.occurrences(words, cands)
	if err != nil {
		return err
	}
	for _, k := range idx {
		lists := occ[ps[k].n]
		if len(lists) < len(words) {
			continue
		}
		span := minWindow(lists)
		if span < 0 {
			continue
		}
		closeness := float64(len(words)-1) / float64(max(span, len(words)-1))
		ps[k].prox = 1 + proximityBoost*closeness
		ps[k].score *= ps[k].prox
	}
	return nil
}

// occurrences returns, for each candidate passage, the token positions of
// each leaf found in it (a phrase by its starts), one list per leaf found.
func (r *ranker) occurrences(leaves []*leaf, cands []uint32) (map[uint32][][]uint32, error) {
	out := map[uint32][][]uint32{}
	for _, l := range leaves {
		p, err := r.ev.leafPostings(l, FieldText, cands, true)
		if err != nil {
			return nil, err
		}
		for i, n := range p.ns {
			ps := make([]uint32, len(p.pos[i]))
			for j, o := range p.pos[i] {
				ps[j] = o.pos
			}
			out[n] = append(out[n], ps)
		}
	}
	return out, nil
}

// minWindow returns the smallest distance between the first and last of one
// position from each list (each sorted), or -1.
func minWindow(lists [][]uint32) int {
	at := make([]int, len(lists))
	best := -1
	for {
		lo, hi, loList := uint32(math.MaxUint32), uint32(0), -1
		for i, l := range lists {
			if at[i] >= len(l) {
				return best
			}
			v := l[at[i]]
			if v < lo {
				lo, loList = v, i
			}
			hi = max(hi, v)
		}
		if w := int(hi - lo); best < 0 || w < best {
			best = w
		}
		at[loList]++
	}
}

// group is a document's matches, ranked.
type group struct {
	doc      int
	score    float64
	passages []int // indexes into the scored slice, best first
	best     float64
	title    float64
	titleAll bool
	lead     bool    // the title starts with a query word
	many     float64 // the part of the score from the number of matching passages
}

// groups ranks the documents of the matches.
func (r *ranker) groups(ps []scored) ([]*group, error) {
	byDoc := map[int]*group{}
	var gs []*group
	for i, s := range ps {
		g := byDoc[s.doc]
		if g == nil {
			g = &group{doc: s.doc}
			byDoc[s.doc] = g
			gs = append(gs, g)
		}
		g.passages = append(g.passages, i)
	}
	if err := r.titles(byDoc); err != nil {
		return nil, err
	}
	for _, g := range gs {
		sort.Slice(g.passages, func(a, b int) bool {
			pa, pb := ps[g.passages[a]], ps[g.passages[b]]
			if pa.score != pb.score {
				return pa.score > pb.score
			}
			return pa.n < pb.n
		})
		w := 1.0
		for k, i := range g.passages {
			if k >= passagesCount {
				break
			}
			g.best += w * ps[i].score
			w *= passageDecay
		}
		g.many = matchesBoost * r.meanIDF * math.Log(1+float64(len(g.passages)))
		g.score = g.best + titleBoost*g.title + g.many
		if g.titleAll {
			g.score += titleAllBoost
		}
		if g.lead {
			g.score += titleLeadBoost
		}
	}
	sort.SliceStable(gs, func(a, b int) bool {
		if gs[a].score != gs[b].score {
			return gs[a].score > gs[b].score
		}
		return gs[a].doc < gs[b].doc
	})
	return gs, nil
}

// titles adds the title scores of the documents in byDoc: each word of
// the query (a phrase's too) found in a title adds its BM25 there, divided
// among the words of its phrase.
func (r *ranker) titles(byDoc map[int]*group) error {
	if len(r.leaves) == 0 {
		return nil
	}
	nd := float64(len(r.ix.snap.docs))
	hits := map[int]int{}
	words := 0
	for _, l := range r.leaves {
		share := 1 / float64(len(l.alts))
		for _, alts := range l.alts {
			words++
			word := &leaf{alts: [][]string{alts}, offs: []int{0}}
			p, err := r.ev.leafPostings(word, FieldTitle, nil, true)
			if err != nil {
				return err
			}
			w := r.leafIDF(word, FieldTitle, nd)
			for i, n := range p.ns {
				g := byDoc[r.ix.passageDoc(n)]
				if g == nil {
					continue
				}
				g.title += share * w * tfNorm(float64(p.freq[i]), p.norm[i], avgTitleTokens)
				hits[g.doc]++
				if len(p.pos[i]) > 0 && p.pos[i][0].pos == 1 {
					g.lead = true
				}
			}
		}
	}
	for d, k := range hits {
		if k == words {
			byDoc[d].titleAll = true
		}
	}
	return nil
}

// explainPassage breaks a passage's score into its parts.
func explainPassage(s scored) *Explanation {
	e := &Explanation{Score: s.score, Parts: []ScorePart{{"bm25", s.bm25}}}
	if s.coord != 1 {
		e.Parts = append(e.Parts, ScorePart{"× words matched", s.coord})
	}
	if s.heading {
		e.Parts = append(e.Parts, ScorePart{"× heading", headingBoost})
	}
	if s.prox != 1 {
		e.Parts = append(e.Parts, ScorePart{"× proximity", s.prox})
	}
	return e
}

// explainGroup breaks a document's score into its parts.
func explainGroup(g *group) *Explanation {
	e := &Explanation{Score: g.score, Parts: []ScorePart{{"passages", g.best}}}
	if g.title > 0 {
		e.Parts = append(e.Parts, ScorePart{"title", titleBoost * g.title})
	}
	if g.titleAll {
		e.Parts = append(e.Parts, ScorePart{"title has every word", titleAllBoost})
	}
	if g.lead {
		e.Parts = append(e.Parts, ScorePart{"title starts with a word", titleLeadBoost})
	}
	e.Parts = append(e.Parts, ScorePart{"matching passages", g.many})
	return e
}
