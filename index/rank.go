package index

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ranking, in two steps, each a sum of named parts (Explanation):
//
// A passage scores BM25 over the query's words and phrases (a phrase counts
// as one term whose rarity is its words' together), a word found there only
// in other forms of its stem counting stemOnlyWeight ("generate" for
// generator; plurals, -ing and -ed are the same word, see lightStem), times
// headingBoost for a heading, times a coordination factor when it lacks some
// of the query's words (only after the fallback to any word), times a
// proximity factor for the best passages: 1 + proximityBoost when the words
// stand side by side, falling off as the smallest window holding them all
// widens.
//
// A document scores what its passages say about the query: its best
// passage, plus half its second, a quarter its third..., so that many
// matching passages count but never more than twice the best; plus
// matchesBoost × ln(1 + matching passages) × the words' mean rarity; plus
// the title's BM25 times titleBoost; plus passageNameBoost when a passage
// is the query and nothing else (a glossary term, a heading "Generators");
// plus declarationBoost when a passage declares the identifier typed, as
// API references do ("exception KeyError", "enumerate(iterable, start=0)").
// Three title bonuses are weighed by how rare the words are among titles:
// titleAllBoost when the title holds every word; titleNameBoost times how
// much the title's name (before " — " or ": ") is the query's words, in
// full for "collections — Container datatypes" and collections, half for
// "Generator Objects" and generator; and, for a dotted name, titleNameBoost
// times the share of its qualifier the title names (os.path for
// os.path.join). Results list documents by that score and, inside each,
// its passages by theirs.
const (
	bm25K1           = 1.2
	bm25B            = 0.75
	headingBoost     = 1.5
	proximityBoost   = 0.5
	proximityTop     = 200 // best passages whose word positions are read
	stemOnlyWeight   = 0.3 // a word found only in other forms (see surfaceForms)
	passageNameBoost = 2   // a passage that is the query's words and nothing else (see names)
	declarationBoost = 6   // a passage declares the identifier typed (see declares)
	titleBoost       = 2.0
	titleAllBoost    = 2.0
	titleNameBoost   = 8   // the title names exactly what was typed ("collections — Container datatypes" for collections)
	titleRare        = 3.0 // title rarity (IDF among titles) from which the title bonuses count in full
	matchesBoost     = 0.5 // times ln(1 + matching passages) times the words' mean rarity
	passageDecay     = 0.5
	passagesCount    = 8 // passages of a document that add to its score
	avgTitleTokens   = 6.0
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
	forms   float64 // factor from words matched only by their stem, 1 when none
	named   bool    // the passage names the query (see names)
	defines bool    // the passage declares the query's identifier (see declares)
}

// ranker scores the matches of one search.
type ranker struct {
	ix      *Index
	ev      *evaluator
	leaves  []*leaf // the positive leaves, in query order
	n       float64 // passages in the corpus
	avgLen  float64 // average passage length in tokens (estimated)
	meanIDF float64 // the leaves' mean rarity, set by score
	dotted  bool    // the query is one dotted name (os.path.join)
	ident   string  // the query's identifier when it is one word that can be ("KeyError", "os.path.join"), else ""
	// titleRarity is the query's words' mean rarity among titles over
	// titleRare, at most 1 (set by titles)
	titleRarity float64
}

func newRanker(ix *Index, ev *evaluator, leaves []*leaf) *ranker {
	np := float64(max(len(ix.snap.passages), 1))
	dotted := len(leaves) == 1 && !leaves[0].src.prefix && leaves[0].src.fuzzy == 0 && isDotted(leaves[0].src.text)
	ident := ""
	if len(leaves) == 1 && leaves[0].src.kind == nWord && !leaves[0].src.prefix && leaves[0].src.fuzzy == 0 {
		ident = leaves[0].src.text
		if leaves[0].corrected && len(leaves[0].forms) == 1 {
			ident = leaves[0].forms[0]
		}
		if !isIdent(ident) {
			ident = ""
		}
	}
	return &ranker{ix: ix, ev: ev, leaves: leaves, n: np, avgLen: ix.avgLen, dotted: dotted, ident: ident}
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
		out[i] = scored{n: n, doc: r.ix.passageDoc(n), heading: r.ix.passageKind(n) == "h", prox: 1, forms: 1}
	}
	// tf[k][i] is leaf k's frequency in passage i (0: absent), norm[k][i]
	// the passage's length norm, form[k][i] stemOnlyWeight when the word
	// is there only in other forms.
	tf := make([][]float64, len(r.leaves))
	norm := make([][]float32, len(r.leaves))
	form := make([][]float64, len(r.leaves))
	for k, l := range r.leaves {
		l.idf = r.leafIDF(l, FieldText, r.n)
		r.meanIDF += l.idf / float64(len(r.leaves))
		tf[k], norm[k], form[k] = make([]float64, len(matches)), make([]float32, len(matches)), make([]float64, len(matches))
		p := r.ev.post[l]
		j := 0
		for i, n := range matches {
			for j < p.len() && p.ns[j] < n {
				j++
			}
			if j < p.len() && p.ns[j] == n {
				tf[k][i], norm[k][i], form[k][i] = float64(p.freq[j]), p.norm[j], 1
				matched[i]++
			}
		}
	}
	bm25 := func(i int) float64 {
		sum := 0.0
		for k, l := range r.leaves {
			if tf[k][i] > 0 {
				sum += form[k][i] * l.weight * l.idf * tfNorm(tf[k][i], norm[k][i], r.avgLen)
			}
		}
		return sum
	}
	for i := range out {
		out[i].bm25 = bm25(i)
	}
	if err := r.surfaceForms(out, form); err != nil {
		return nil, err
	}
	for i := range out {
		s := &out[i]
		if s.forms != 1 {
			s.forms = 1
			if s.bm25 > 0 {
				s.forms = bm25(i) / s.bm25
			}
		}
		s.coord = 1
		if len(r.leaves) > 0 && matched[i] < len(r.leaves) {
			f := float64(matched[i]) / float64(len(r.leaves))
			s.coord = f * f
		}
		s.score = s.bm25 * s.forms * s.coord
		if s.heading {
			s.score *= headingBoost
		}
	}
	if err := r.names(out, matches); err != nil {
		return nil, err
	}
	if err := r.proximity(out); err != nil {
		return nil, err
	}
	return out, nil
}

// names marks the passages that name the query (see nameTerm) and
// those that declare its identifier (see declares), from the postings of
// FieldName and FieldDecl (see rankterms.go): no text is read.
func (r *ranker) names(ps []scored, matches []uint32) error {
	var words []string
	for _, l := range r.leaves {
		words = append(words, l.words...)
	}
	mark := func(field, term string, set func(*scored)) error {
		if term == "" {
			return nil
		}
		p, err := r.ix.postings(field, term, matches, false, r.ev.w)
		if err != nil {
			return err
		}
		// ps is in the order of matches, which is sorted
		i := 0
		for _, n := range p.ns {
			for i < len(ps) && ps[i].n < n {
				i++
			}
			if i < len(ps) && ps[i].n == n {
				set(&ps[i])
			}
		}
		return nil
	}
	if len(words) <= maxNameWords {
		if err := mark(FieldName, nameTerm(words), func(s *scored) { s.named = true }); err != nil {
			return err
		}
	}
	if r.ident != "" {
		return mark(FieldDecl, strings.ToLower(r.ident), func(s *scored) { s.defines = true })
	}
	return nil
}

// declares reports whether a passage text is the declaration of the
// identifier ident, as API references write one: an optional lower-case
// keyword or two, an optional qualifier, the name, and optional
// parameters, one of the three at least ("exception KeyError", "class collections.Counter([iterable])",
// "os.path.join(path, *paths)", "enumerate(iterable, start=0)"). Case is
// ignored, so that a name typed in lower case finds its declaration.
func declares(text, ident string) bool {
	t, keyword, params, ok := declParse(text)
	if !ok || len(t) < len(ident) || !strings.EqualFold(t[len(t)-len(ident):], ident) {
		return false
	}
	qual := t[:len(t)-len(ident)]
	if qual != "" && !(strings.HasSuffix(qual, ".") && isIdent(qual[:len(qual)-1])) {
		return false
	}
	// A name alone (a table cell, a heading) is not a declaration.
	return keyword || params || qual != ""
}

// declParse reads a passage text as a declaration (see declares): the name
// after its keywords and before its parameters, and whether it has either;
// ok is false when the text cannot be one.
func declParse(text string) (name string, keyword, params, ok bool) {
	t := strings.TrimSpace(text)
	if i := strings.IndexByte(t, '('); i >= 0 {
		if !strings.HasSuffix(t, ")") && !strings.Contains(t[i:], ") ->") {
			return "", false, false, false
		}
		t, params = t[:i], true
	}
	t = strings.TrimSpace(t)
	for k := 0; k < 2; k++ {
		sp := strings.IndexByte(t, ' ')
		if sp < 0 || !isKeyword(t[:sp]) {
			break
		}
		t, keyword = strings.TrimSpace(t[sp+1:]), true
	}
	if strings.ContainsAny(t, " \t") {
		return "", false, false, false
	}
	return t, keyword, params, true
}

// isKeyword reports whether a word can be a declaration keyword ("class",
// "exception", "async"): lower-case ASCII letters only.
func isKeyword(w string) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

// isIdent reports whether s is an identifier or a dotted name: letters,
// digits, underscores and dots, starting with a letter or underscore.
func isIdent(s string) bool {
	for i, c := range s {
		if !unicode.IsLetter(c) && c != '_' && (i == 0 || !unicode.IsDigit(c) && c != '.') {
			return false
		}
	}
	return s != "" && !strings.HasSuffix(s, ".")
}

// surfaceForms checks the forms of the query's words in the passages ps:
// a word found there only through its stem ("generate" or "general" for a
// query that says generator; its plural is the same word, see lightStem)
// counts stemOnlyWeight of itself. It reads which passages hold the form
// typed from FieldForms (see stemOnly), sets form[k][i] and marks the
// passages it lowered (forms != 1).
func (r *ranker) surfaceForms(ps []scored, form [][]float64) error {
	for k, l := range r.leaves {
		if l.phrase || len(l.forms) != 1 || !wordy(l.forms[0]) || len(l.alts[0]) != 1 {
			continue
		}
		var cands []uint32
		for i := range ps {
			if form[k][i] > 0 {
				cands = append(cands, ps[i].n)
			}
		}
		only, err := r.ix.stemOnly(l.alts[0][0], l.forms[0], cands, r.ev.w)
		if err != nil {
			return err
		}
		j := 0
		for i := range ps {
			if form[k][i] == 0 {
				continue
			}
			for j < len(only) && only[j] < ps[i].n {
				j++
			}
			if j >= len(only) || only[j] != ps[i].n {
				continue
			}
			form[k][i] = stemOnlyWeight
			ps[i].forms = 0 // recomputed by score
		}
	}
	return nil
}

// hasForm reports whether one of the occurrences in text is the word as
// typed, up to lightStem; with no occurrences to look at, it says yes.
func hasForm(text []byte, occ []tpos, typed string) bool {
	if len(occ) == 0 {
		return true
	}
	want := lightStem(typed)
	for _, o := range occ {
		if int(o.end) <= len(text) && o.start <= o.end && lightStem(strings.ToLower(string(text[o.start:o.end]))) == want {
			return true
		}
	}
	return false
}

// topScored returns the indexes of the n best of ps by key, in no order
// (ties at the n-th are taken in passage order).
func topScored(ps []scored, n int, key func(scored) float64) []int {
	idx := make([]int, 0, min(n, len(ps)))
	if len(ps) <= n {
		for i := range ps {
			idx = append(idx, i)
		}
		return idx
	}
	keys := make([]float64, len(ps))
	for i, s := range ps {
		keys[i] = key(s)
	}
	cut := kthLargest(slices.Clone(keys), n)
	for i, k := range keys {
		if k > cut {
			idx = append(idx, i)
		}
	}
	for i, k := range keys {
		if len(idx) >= n {
			break
		}
		if k == cut {
			idx = append(idx, i)
		}
	}
	return idx
}

// kthLargest returns the k-th largest of xs (1 <= k <= len(xs)), which it
// reorders: a quickselect, linear on average, where sorting was the most
// costly step of ranking a common word.
func kthLargest(xs []float64, k int) float64 {
	lo, hi, want := 0, len(xs)-1, len(xs)-k // the index it has in ascending order
	for lo < hi {
		mid := lo + (hi-lo)/2
		// median of three as the pivot, moved to hi
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[mid] < xs[hi] {
			xs[mid], xs[hi] = xs[hi], xs[mid]
		}
		pivot := xs[hi]
		i := lo
		for j := lo; j < hi; j++ {
			if xs[j] < pivot {
				xs[i], xs[j] = xs[j], xs[i]
				i++
			}
		}
		xs[i], xs[hi] = xs[hi], xs[i]
		switch {
		case want == i:
			return xs[i]
		case want < i:
			hi = i - 1
		default:
			lo = i + 1
		}
	}
	return xs[lo]
}

// wordy reports whether a word is made of letters (and apostrophes): only
// such words have forms that stemming may confuse; numbers and codes match
// as analyzed.
func wordy(w string) bool {
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '\'' && c != '’' {
			return false
		}
	}
	return w != ""
}

// lightStem folds the inflections that do not change what a word names: a
// possessive, a plural (Harman's S-stemmer: "queries" -> "query",
// "exceptions" -> "exception"), and -ing and -ed ("sorting", "sorted" ->
// "sort"), with a final e and a doubled final consonant dropped so that
// "compute" and "computing", "stop" and "stopped" meet. The index's Snowball
// stems go further, to derivations ("generator", "generate" and "general"
// share one): lightStem tells the form a user typed from its cousins. It is a
// comparison key, not a word.
func lightStem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4 && !strings.HasSuffix(w, "eies") && !strings.HasSuffix(w, "aies"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "aes") && !strings.HasSuffix(w, "ees") && !strings.HasSuffix(w, "oes"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && utf8.RuneCountInString(w) > 5:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && utf8.RuneCountInString(w) > 4:
		w = w[:len(w)-2]
	}
	w = strings.TrimSuffix(w, "e")
	if n := len(w); n > 2 && w[n-1] == w[n-2] && strings.IndexByte("bcdfgklmnprstvz", w[n-1]) >= 0 {
		w = w[:n-1]
	}
	return w
}

// proximity multiplies the best passages' scores by how close their words
// stand.
func (r *ranker) proximity(ps []scored) error {
	words := r.leaves
	if len(words) < 2 || len(ps) == 0 {
		return nil
	}
	idx := topScored(ps, proximityTop, func(s scored) float64 { return s.score })
	cands := make([]uint32, len(idx))
	for i, k := range idx {
		cands[i] = ps[k].n
	}
	slices.Sort(cands)
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
	named    float64 // how much the title's name is the query's words (see nameOverlap)
	// titleForms: a word is in the title only in other forms (counted
	// stemOnlyWeight, see surfaceForms)
	titleForms bool
	// qualifier is, for a dotted name (os.path.join), the share of its
	// qualifier (os.path) that the title names: the module documenting it
	qualifier float64
	// namedPassage: one of its passages names the query (a heading or a
	// glossary term that is just the query's words)
	namedPassage bool
	declared     bool    // one of its passages declares the query's identifier
	many         float64 // the part of the score from the number of matching passages
	parts        []ScorePart
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
		g.namedPassage = g.namedPassage || s.named
		g.declared = g.declared || s.defines
	}
	if err := r.titles(byDoc); err != nil {
		return nil, err
	}
	for _, g := range gs {
		slices.SortFunc(g.passages, func(a, b int) int {
			pa, pb := &ps[a], &ps[b]
			switch {
			case pa.score > pb.score:
				return -1
			case pa.score < pb.score:
				return 1
			}
			return int(pa.n) - int(pb.n)
		})
		w := 1.0
		for k, i := range g.passages {
			if k >= passagesCount {
				break
			}
			g.best += w * ps[i].score
			w *= passageDecay
		}
		// passages holding the words only in other forms count less
		count := 0.0
		for _, i := range g.passages {
			count += min(1, ps[i].forms)
		}
		g.many = matchesBoost * r.meanIDF * math.Log(1+count)
		g.parts = r.groupParts(g)
		g.score = 0
		for _, p := range g.parts {
			g.score += p.Value
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
	rarity := 0.0
	for _, l := range r.leaves {
		share := 1 / float64(len(l.alts))
		for a, alts := range l.alts {
			words++
			word := &leaf{alts: [][]string{alts}, offs: []int{0}}
			p, err := r.ev.leafPostings(word, FieldTitle, nil, true)
			if err != nil {
				return err
			}
			w := r.leafIDF(word, FieldTitle, nd)
			rarity += w
			for i, n := range p.ns {
				g := byDoc[r.ix.passageDoc(n)]
				if g == nil {
					continue
				}
				f := 1.0
				if l.forms[a] != "" && wordy(l.forms[a]) && !hasForm([]byte(r.ix.snap.docs[g.doc].Title), p.pos[i], l.forms[a]) {
					f = stemOnlyWeight
					g.titleForms = true
				} else {
					hits[g.doc]++
				}
				g.title += f * share * w * tfNorm(float64(p.freq[i]), p.norm[i], avgTitleTokens)
			}
		}
	}
	r.titleRarity = min(1, rarity/float64(words)/titleRare)
	var query []string
	for _, l := range r.leaves {
		query = append(query, l.words...)
	}
	for d, k := range hits {
		if k == words {
			byDoc[d].titleAll = true
		}
		name := titleName(r.ix.snap.docs[d].Title)
		g := byDoc[d]
		g.named = nameOverlap(name, query)
		if r.dotted && len(name) > 0 && len(name) < len(query) && slices.Equal(name, query[:len(name)]) {
			g.qualifier = float64(len(name)) / float64(len(query)-1)
		}
	}
	return nil
}

// titleName returns the words of the part of a title that names its
// subject, lower-cased: the words before the first " — ", " – ", " - " or
// ": ", without leading section numbers ("json — JSON encoder" names json,
// "8. Errors and Exceptions" names errors and exceptions).
func titleName(title string) []string {
	cut := len(title)
	for _, sep := range []string{" — ", " – ", " - ", ": "} {
		if i := strings.Index(title, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	words := surfaceWords(title[:cut])
	for len(words) > 0 && isNumber(words[0]) {
		words = words[1:]
	}
	return words
}

// nameOverlap says how much a title's name and the query's words are the
// same words (up to lightStem): the share of the name's words in the query
// times the share of the query's words in the name. It is 1 when the title
// names exactly what was typed, ½ for "Generator Objects" and generator.
func nameOverlap(name, query []string) float64 {
	if len(name) == 0 || len(query) == 0 {
		return 0
	}
	in := func(w string, ws []string) bool {
		for _, x := range ws {
			if lightStem(x) == lightStem(w) {
				return true
			}
		}
		return false
	}
	a, b := 0, 0
	for _, w := range name {
		if in(w, query) {
			a++
		}
	}
	for _, w := range query {
		if in(w, name) {
			b++
		}
	}
	return float64(a) / float64(len(name)) * float64(b) / float64(len(query))
}

// isDotted reports whether a word is a dotted name: two or more names of
// letters, digits and underscores joined by dots, the first starting with a
// letter or underscore (os.path.join, json.dumps, but not 2.7 or e.g).
func isDotted(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '_' {
				return false
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(parts[0])
	return (unicode.IsLetter(first) || first == '_') && len(strings.Join(parts, "")) > 3
}

// isNumber reports whether a word is digits and dots only.
func isNumber(w string) bool {
	return strings.Trim(w, "0123456789.") == "" && w != ""
}

// explainPassage breaks a passage's score into its parts.
func explainPassage(s scored) *Explanation {
	e := &Explanation{Score: s.score, Parts: []ScorePart{{"bm25", s.bm25}}}
	if s.coord != 1 {
		e.Parts = append(e.Parts, ScorePart{"× words matched", s.coord})
	}
	if s.forms != 1 {
		e.Parts = append(e.Parts, ScorePart{"× other forms of the words", s.forms})
	}
	if s.heading {
		e.Parts = append(e.Parts, ScorePart{"× heading", headingBoost})
	}
	if s.prox != 1 {
		e.Parts = append(e.Parts, ScorePart{"× proximity", s.prox})
	}
	return e
}

// groupParts lists the addends of a document's score. The title's bonuses
// are weighed by how rare the query's words are among titles (titleRarity):
// in full when few titles hold them, little when every title does.
func (r *ranker) groupParts(g *group) []ScorePart {
	parts := []ScorePart{{"passages", g.best}}
	if g.title > 0 {
		name := "title"
		if g.titleForms {
			name = "title (some words in other forms)"
		}
		parts = append(parts, ScorePart{name, titleBoost * g.title})
	}
	rare := r.titleRarity
	if g.titleAll {
		parts = append(parts, ScorePart{"title has every word", titleAllBoost * rare})
	}
	if g.named > 0 {
		parts = append(parts, ScorePart{"title names the query", titleNameBoost * g.named * rare})
	}
	if g.qualifier > 0 {
		parts = append(parts, ScorePart{"title names the query's qualifier", titleNameBoost * g.qualifier * rare})
	}
	if g.namedPassage {
		parts = append(parts, ScorePart{"a passage names the query", passageNameBoost})
	}
	if g.declared {
		parts = append(parts, ScorePart{"a passage declares the query", declarationBoost})
	}
	return append(parts, ScorePart{"matching passages", g.many})
}

// explainGroup breaks a document's score into its parts.
func explainGroup(g *group) *Explanation {
	return &Explanation{Score: g.score, Parts: g.parts}
}
