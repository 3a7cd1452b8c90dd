package index

import (
	"sort"
	"strings"
)

// An evaluator computes the passages a resolved query matches, as a sorted
// list of passage numbers. Every operand is evaluated inside the candidates
// found so far (the request's filters, then the rarest operands of a
// conjunction first), so a rare word next to a common one seeks into the
// common word's postings instead of reading them all.
type evaluator struct {
	ix   *Index
	w    *work
	tags func(tag string) ([]uint32, error)
	// post holds each leaf's postings from its last evaluation, a superset
	// of the final matches: ranking reads frequencies from it.
	post map[*leaf]plist
}

// allPassages returns every passage number, or cands when set.
func (e *evaluator) all(cands []uint32) []uint32 {
	if cands != nil {
		return cands
	}
	n := len(e.ix.snap.passages)
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}

// cost estimates how many passages a node matches, to order conjunctions.
func (e *evaluator) cost(n *rnode) uint64 {
	switch n.kind {
	case nWord, nPhrase:
		var best uint64 = 1 << 62
		for _, alts := range n.leaf.alts {
			var c uint64
			for _, t := range alts {
				k, _ := e.ix.termCount(FieldText, t)
				c += k
			}
			best = min(best, c)
		}
		return best
	case nField:
		return 0 // filters are cheap and narrow
	case nAnd:
		var best uint64 = 1 << 62
		for _, k := range n.kids {
			if k.kind != nNot {
				best = min(best, e.cost(k))
			}
		}
		return best
	case nOr:
		var c uint64
		for _, k := range n.kids {
			c += e.cost(k)
		}
		return c
	}
	return 1 << 62
}

// eval returns the passages among cands (every passage when nil) that n
// matches.
func (e *evaluator) eval(n *rnode, cands []uint32) ([]uint32, error) {
	switch n.kind {
	case nAll:
		return e.all(cands), nil
	case nWord, nPhrase:
		p, err := e.leafPostings(n.leaf, FieldText, cands, false)
		if err != nil {
			return nil, err
		}
		e.post[n.leaf] = p
		return p.ns, nil
	case nField:
		set, err := e.fieldSet(n)
		if err != nil {
			return nil, err
		}
		if cands == nil {
			return set, nil
		}
		return intersect(set, cands), nil
	case nNot:
		ex, err := e.eval(n.kids[0], cands)
		if err != nil {
			return nil, err
		}
		return difference(e.all(cands), ex), nil
	case nOr:
		var out []uint32
		for _, k := range n.kids {
			s, err := e.eval(k, cands)
			if err != nil {
				return nil, err
			}
			out = unionSets(out, s)
		}
		if out == nil {
			out = []uint32{}
		}
		return out, nil
	}
	// nAnd: the cheapest operands first, exclusions last.
	var pos, neg []*rnode
	for _, k := range n.kids {
		if k.kind == nNot {
			neg = append(neg, k.kids[0])
		} else {
			pos = append(pos, k)
		}
	}
	costs := make(map[*rnode]uint64, len(pos))
	for _, k := range pos {
		costs[k] = e.cost(k)
	}
	sort.SliceStable(pos, func(i, j int) bool { return costs[pos[i]] < costs[pos[j]] })
	cur := cands
	for _, k := range pos {
		s, err := e.eval(k, cur)
		if err != nil {
			return nil, err
		}
		cur = s
		if len(cur) == 0 {
			return []uint32{}, nil
		}
	}
	if cur == nil {
		cur = e.all(nil)
	}
	for _, k := range neg {
		ex, err := e.eval(k, cur)
		if err != nil {
			return nil, err
		}
		cur = difference(cur, ex)
	}
	return cur, nil
}

// leafPostings returns the passages among cands holding the leaf in field:
// a word (any of its alternatives), or a phrase (its words in a row).
func (e *evaluator) leafPostings(l *leaf, field string, cands []uint32, withPos bool) (plist, error) {
	if !l.phrase {
		return e.altPostings(l.alts[0], field, cands, withPos)
	}
	// The rarest word first, then the others inside its passages, then
	// the positions of those that hold them all.
	order := make([]int, len(l.alts))
	counts := make([]uint64, len(l.alts))
	for i, alts := range l.alts {
		order[i] = i
		for _, t := range alts {
			c, err := e.ix.termCount(field, t)
			if err != nil {
				return plist{}, err
			}
			counts[i] += c
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] < counts[order[b]] })
	cur := cands
	for _, i := range order {
		p, err := e.altPostings(l.alts[i], field, cur, false)
		if err != nil {
			return plist{}, err
		}
		cur = p.ns
		if len(cur) == 0 {
			return plist{}, nil
		}
	}
	// Positions, rarest word first, keeping the phrase starts still possible.
	type state struct {
		starts []uint32
		norm   float32
		first  []tpos // the first word's occurrences that start a phrase
	}
	states := make([]state, len(cur))
	alive := cur
	for step, i := range order {
		p, err := e.altPostings(l.alts[i], field, alive, true)
		if err != nil {
			return plist{}, err
		}
		var next []uint32
		k := 0
		for j, n := range alive {
			for k < len(cur) && cur[k] < n {
				k++
			}
			// p.ns is a subset of alive, in order
			idx := sort.Search(p.len(), func(x int) bool { return p.ns[x] >= n })
			if idx >= p.len() || p.ns[idx] != n {
				continue
			}
			st := &states[k]
			off := uint32(l.offs[i])
			var starts []uint32
			if step == 0 {
				for _, o := range p.pos[idx] {
					if o.pos >= off {
						starts = append(starts, o.pos-off)
					}
				}
				st.norm = p.norm[idx]
			} else {
				have := map[uint32]bool{}
				for _, o := range p.pos[idx] {
					have[o.pos] = true
				}
				for _, s := range st.starts {
					if have[s+off] {
						starts = append(starts, s)
					}
				}
			}
			if i == 0 {
				st.first = p.pos[idx]
			}
			st.starts = starts
			if len(starts) > 0 {
				next = append(next, n)
			}
			_ = j
		}
		alive = next
		if len(alive) == 0 {
			return plist{}, nil
		}
	}
	var out plist
	k := 0
	for _, n := range alive {
		for cur[k] != n {
			k++
		}
		st := states[k]
		var pos []tpos
		if withPos {
			// one occurrence per phrase: from its first word's start to
			// its last word's end (filled in by the caller's spans)
			for _, s := range st.starts {
				pos = append(pos, tpos{pos: s})
			}
		}
		out.add(n, uint32(len(st.starts)), st.norm, pos, withPos)
	}
	return out, nil
}

// altPostings is the union of the postings of alternative terms.
func (e *evaluator) altPostings(alts []string, field string, cands []uint32, withPos bool) (plist, error) {
	lists := make([]plist, 0, len(alts))
	for _, t := range alts {
		p, err := e.ix.postings(field, t, cands, withPos, e.w)
		if err != nil {
			return plist{}, err
		}
		if p.len() > 0 {
			lists = append(lists, p)
		}
	}
	return union(lists, withPos, e.w), nil
}

// fieldSet returns the passages a field clause keeps, sorted.
func (e *evaluator) fieldSet(n *rnode) ([]uint32, error) {
	ix := e.ix
	v := n.value
	switch n.field {
	case FieldDoc:
		var docs []int
		if v.prefix {
			for i, d := range ix.snap.docs {
				if strings.HasPrefix(d.ID, v.text) {
					docs = append(docs, i)
				}
			}
		} else if i, ok := ix.docIndex[v.text]; ok {
			docs = append(docs, i)
		}
		return ix.docPassages(docs), nil
	case FieldDate:
		var docs []int
		for i, d := range ix.snap.docs {
			if d.Date != "" && strings.HasPrefix(d.Date, v.text) {
				docs = append(docs, i)
			}
		}
		return ix.docPassages(docs), nil
	case FieldTag:
		if e.tags == nil {
			return nil, &QueryError{Pos: n.pos, Msg: "tag: needs the app's annotations, which this search has none of", Hint: "search from the app, or remove the tag: clause"}
		}
		return e.tags(v.text)
	case FieldTitle:
		docs, err := e.titleDocs(v)
		if err != nil {
			return nil, err
		}
		return ix.docPassages(docs), nil
	}
	return []uint32{}, nil
}

// titleDocs returns the documents whose title matches a title: value.
func (e *evaluator) titleDocs(v *qnode) ([]int, error) {
	r := &resolver{ix: e.ix, w: e.w}
	rn, err := r.resolve(&qnode{kind: v.kind, text: v.text, prefix: v.prefix, fuzzy: v.fuzzy})
	if err != nil || rn == nil {
		return nil, err
	}
	p, err := e.leafPostings(rn.leaf, FieldTitle, nil, false)
	if err != nil {
		return nil, err
	}
	var docs []int
	for _, n := range p.ns {
		docs = append(docs, e.ix.passageDoc(n))
	}
	return docs, nil
}

// docPassages returns the passages of the given documents, sorted.
func (ix *Index) docPassages(docs []int) []uint32 {
	sort.Ints(docs)
	out := []uint32{}
	for i, d := range docs {
		if i > 0 && docs[i-1] == d {
			continue
		}
		info := ix.snap.docs[d]
		for n := info.First; n < info.First+info.Passages; n++ {
			out = append(out, uint32(n))
		}
	}
	return out
}

// passageDoc returns the document number of passage n.
func (ix *Index) passageDoc(n uint32) int { return int(ix.snap.passages[n].Doc) }

// passageKind returns the kind of passage n ("p", "h", "li" or "pre").
func (ix *Index) passageKind(n uint32) string { return kinds[ix.snap.passages[n].Kind] }

func intersect(a, b []uint32) []uint32 {
	out := []uint32{}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func difference(a, b []uint32) []uint32 {
	out := []uint32{}
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

func unionSets(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
