package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// DefaultMaxWork is the work one search may do unless Request.MaxWork says
// otherwise: a unit is one posting (or term position, or vocabulary word)
// read, a seek counts three. A million units take about 0.1-0.2 s natively
// and five times that in the browser; everyday queries need a few
// thousand to a few hundred thousand.
const DefaultMaxWork = 1_000_000

// work counts what a search reads, and stops it when the budget is spent or
// the context is done.
type work struct {
	ctx         context.Context
	used, limit int
	next        int       // used at which to look at the context again
	lastYield   time.Time // when the search last let the browser run (see pause)
}

func newWork(ctx context.Context, limit int) *work {
	if limit <= 0 {
		limit = DefaultMaxWork
	}
	return &work{ctx: ctx, limit: limit, next: checkEvery}
}

// checkEvery is how many units of work go by between two looks at the
// context and the clock (see pause): a look costs a clock read, a unit
// about a posting.
const checkEvery = 1024

// errBudget is the internal error of a spent budget; Search turns it into a
// *QueryError wrapping ErrBudget.
type errBudgetSpent struct{ used int }

func (e errBudgetSpent) Error() string {
	return fmt.Sprintf("work budget spent after %d units", e.used)
}

// add counts n units of work.
func (w *work) add(n int) error {
	w.used += n
	if w.used > w.limit {
		return errBudgetSpent{w.used}
	}
	if w.used >= w.next {
		w.next = w.used + checkEvery
		w.pause()
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// tpos is one occurrence of a term: its token position and byte offsets in
// the passage text.
type tpos struct{ pos, start, end uint32 }

// plist is a posting list: passages in increasing number, each with the
// term's frequency there and the field's length norm (1/sqrt(tokens)), and
// the occurrences when they were asked for.
type plist struct {
	ns   []uint32
	freq []uint32
	norm []float32
	pos  [][]tpos
}

func (p *plist) len() int { return len(p.ns) }

func (p *plist) add(n, freq uint32, norm float32, pos []tpos, withPos bool) {
	p.ns = append(p.ns, n)
	p.freq = append(p.freq, freq)
	p.norm = append(p.norm, norm)
	if withPos {
		p.pos = append(p.pos, pos)
	}
}

// parseID decodes a passage id (its number in base 36).
func parseID(id []byte) (uint32, bool) {
	if len(id) == 0 || len(id) > 6 {
		return 0, false
	}
	var n uint32
	for _, c := range id {
		switch {
		case c >= '0' && c <= '9':
			n = n*36 + uint32(c-'0')
		case c >= 'a' && c <= 'z':
			n = n*36 + uint32(c-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// vectorsOf returns a copy of a posting's term vectors, by position.
func vectorsOf(p *posting) []tpos {
	out := append(make([]tpos, 0, len(p.vec)), p.vec...)
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// readTerm reads the whole posting list of term in field. Rows come in key
// order, which sorts ids as strings: the ids of each length are in
// numeric order, so the runs of each length are merged.
func (ix *Index) readTerm(field, term string, withPos bool, w *work) (plist, error) {
	r, err := ix.termRows(field, term, withPos)
	if err != nil {
		return plist{}, err
	}
	var runs [7]plist
	var p posting
	for {
		more, err := r.next(&p)
		if err != nil {
			return plist{}, err
		}
		if !more {
			break
		}
		n, ok := parseID(p.id)
		if !ok {
			continue
		}
		var pos []tpos
		units := 1
		if withPos {
			pos = vectorsOf(&p)
			units += len(pos)
		}
		if err := w.add(units); err != nil {
			return plist{}, err
		}
		runs[len(p.id)].add(n, uint32(p.freq), p.norm, pos, withPos)
	}
	return mergeRuns(runs[:], withPos), nil
}

func mergeRuns(runs []plist, withPos bool) plist {
	var out plist
	nonEmpty := 0
	for i := range runs {
		if runs[i].len() > 0 {
			nonEmpty++
			out = runs[i]
		}
	}
	if nonEmpty <= 1 {
		return out
	}
	out = plist{}
	at := make([]int, len(runs))
	for {
		best := -1
		for i := range runs {
			if at[i] < runs[i].len() && (best < 0 || runs[i].ns[at[i]] < runs[best].ns[at[best]]) {
				best = i
			}
		}
		if best < 0 {
			return out
		}
		r, k := &runs[best], at[best]
		var pos []tpos
		if withPos {
			pos = r.pos[k]
		}
		out.add(r.ns[k], r.freq[k], r.norm[k], pos, withPos)
		at[best]++
	}
}

// seekTerm reads the postings of term in field for the passages cands
// (sorted) only, seeking to each.
func (ix *Index) seekTerm(field, term string, cands []uint32, withPos bool, w *work) (plist, error) {
	if len(cands) == 0 {
		return plist{}, nil
	}
	r, err := ix.termRows(field, term, withPos)
	if err != nil {
		return plist{}, err
	}
	if r.count == 0 {
		return plist{}, nil
	}
	ids := make([]string, len(cands))
	order := make([]int, len(cands))
	for i, n := range cands {
		ids[i] = strconv.FormatUint(uint64(n), 36)
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ids[order[a]] < ids[order[b]] })
	type hit struct {
		freq uint32
		norm float32
		pos  []tpos
		ok   bool
	}
	hits := make([]hit, len(cands))
	var p posting
	for _, i := range order {
		if err := w.add(3); err != nil {
			return plist{}, err
		}
		found, err := r.advance([]byte(ids[i]), &p)
		if err != nil {
			return plist{}, err
		}
		if !found {
			break // past the last posting
		}
		if string(p.id) != ids[i] {
			continue
		}
		h := hit{freq: uint32(p.freq), norm: p.norm, ok: true}
		if withPos {
			h.pos = vectorsOf(&p)
			if err := w.add(len(h.pos)); err != nil {
				return plist{}, err
			}
		}
		hits[i] = h
	}
	var out plist
	for i, h := range hits {
		if h.ok {
			out.add(cands[i], h.freq, h.norm, h.pos, withPos)
		}
	}
	return out, nil
}

// postings reads the postings of term in field, for cands only when cands
// is not nil (seeking when that is cheaper than reading them all).
func (ix *Index) postings(field, term string, cands []uint32, withPos bool, w *work) (plist, error) {
	if cands != nil {
		count, err := ix.termCount(field, term)
		if err != nil {
			return plist{}, err
		}
		if count == 0 || len(cands) == 0 {
			return plist{}, nil
		}
		if uint64(3*len(cands)) < count {
			return ix.seekTerm(field, term, cands, withPos, w)
		}
	}
	p, err := ix.readTerm(field, term, withPos, w)
	if err != nil || cands == nil {
		return p, err
	}
	return p.restrict(cands), nil
}

// restrict keeps the postings of the passages in cands.
func (p plist) restrict(cands []uint32) plist {
	var out plist
	withPos := p.pos != nil
	i, j := 0, 0
	for i < len(p.ns) && j < len(cands) {
		switch {
		case p.ns[i] < cands[j]:
			i++
		case p.ns[i] > cands[j]:
			j++
		default:
			var pos []tpos
			if withPos {
				pos = p.pos[i]
			}
			out.add(p.ns[i], p.freq[i], p.norm[i], pos, withPos)
			i++
			j++
		}
	}
	return out
}

// union merges posting lists of alternative terms: frequencies add up and
// occurrences merge. It costs the postings times the lists (a prefix can
// expand to hundreds of terms) without counting work, so it lets the
// browser run now and then (w.pause).
func union(lists []plist, withPos bool, w *work) plist {
	switch len(lists) {
	case 0:
		return plist{}
	case 1:
		return lists[0]
	}
	var out plist
	at := make([]int, len(lists))
	for {
		var n uint32
		found := false
		for i := range lists {
			if at[i] < lists[i].len() && (!found || lists[i].ns[at[i]] < n) {
				n, found = lists[i].ns[at[i]], true
			}
		}
		if !found {
			return out
		}
		var freq uint32
		var norm float32
		var pos []tpos
		for i := range lists {
			if at[i] < lists[i].len() && lists[i].ns[at[i]] == n {
				freq += lists[i].freq[at[i]]
				norm = lists[i].norm[at[i]]
				if withPos {
					pos = append(pos, lists[i].pos[at[i]]...)
				}
				at[i]++
			}
		}
		if withPos && len(pos) > 1 {
			sort.Slice(pos, func(a, b int) bool { return pos[a].pos < pos[b].pos })
		}
		out.add(n, freq, norm, pos, withPos)
		if out.len()%256 == 0 {
			w.pause()
		}
	}
}
