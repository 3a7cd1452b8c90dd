package index

import (
	"context"
	"maps"
	"slices"
	"strings"
)

// An index in pieces fetches a piece when a search first reads it, which
// would be one round trip after another. So before a search runs, the
// pieces its words will read are fetched at once: each word's postings in
// the text and title fields (their counts are those of the postings, see
// heldCount, so the dictionary rows are not needed), the vocabulary range of a
// prefix* or fuzzy~ word, and what ranking reads (see rankPieces). Before
// the hits are built, the passage blocks they show are fetched at once
// too. Anything else a search reads (the vocabulary for a typo correction,
// say) is fetched when read.

// maxPrefetch caps the pieces one query fetches ahead; the rest are fetched
// as they are read, if the search gets that far.
const maxPrefetch = 96

// prefetchQuery fetches the row pieces the parsed query n will read, in
// parallel; a nil n fetches nothing. When ctx is done first it returns
// ctx's error; the fetches go on, for the next search.
func (ix *Index) prefetchQuery(ctx context.Context, n *qnode) error {
	if ix.pieces == nil || n == nil {
		return nil
	}
	want := map[int]bool{}
	ix.queryPieces(n, FieldText, want)
	ix.rankPieces(n, want)
	if len(want) == 0 {
		return nil
	}
	ks := slices.Sorted(maps.Keys(want))
	if len(ks) > maxPrefetch {
		ks = ks[:maxPrefetch]
	}
	done := make(chan error, 1)
	go func() { done <- ix.pieces.fetchRows(ks) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// queryPieces adds to want the row pieces node n reads, its words searched
// in field.
func (ix *Index) queryPieces(n *qnode, field string, want map[int]bool) {
	switch n.kind {
	case nWord, nPhrase:
		ix.wordPieces(n, field, want)
	case nField:
		if (n.field == FieldText || n.field == FieldTitle) && len(n.kids) > 0 {
			ix.queryPieces(n.kids[0], n.field, want)
		}
	default:
		for _, k := range n.kids {
			ix.queryPieces(k, field, want)
		}
	}
}

// wordPieces adds the pieces of a word or phrase: its terms' dictionary rows
// and postings in field (and in the title field, which ranking reads), and
// the vocabulary a prefix or fuzzy word expands from.
func (ix *Index) wordPieces(n *qnode, field string, want map[int]bool) {
	if len(want) >= maxPrefetch {
		return
	}
	lower := strings.ToLower(n.text)
	if n.prefix {
		ix.rangePieces('d', FieldSurface, lower, want)
	}
	if n.fuzzy > 0 {
		rs := []rune(lower)
		for i := 0; i < len(rs) && i < 2; i++ {
			ix.rangePieces('d', FieldSurface, string(rs[i]), want)
		}
	}
	if n.prefix || n.fuzzy > 0 {
		return // the expansions are known once the vocabulary is read
	}
	terms, _ := ix.analyze(n.text)
	fields := []string{field}
	if field == FieldText {
		fields = append(fields, FieldTitle)
	}
	for _, t := range terms {
		for _, f := range fields {
			ix.termPieces(f, t, want)
		}
	}
}

// termPieces adds the pieces holding the postings of term t of field, one
// of the countedFields. Its dictionary row is not fetched: its passage
// count is that of its term rows (see heldCount), and a word in no passage
// has none.
func (ix *Index) termPieces(field, t string, want map[int]bool) {
	ix.rangePieces('t', field, t+"\xff", want)
}

// rangePieces adds the pieces holding the rows of kind and field whose
// term starts with prefix.
func (ix *Index) rangePieces(kind byte, field, prefix string, want map[int]bool) {
	start, ok := ix.fieldKey(kind, field, prefix)
	if !ok {
		return
	}
	for i := max(ix.rows.pieceOf(start), 0); i < ix.rows.piecesBefore(prefixEnd(start)) && len(want) < maxPrefetch; i++ {
		want[i] = true
	}
}

// prefetchDict fetches, in parallel, the row pieces holding the
// dictionary rows of field whose terms start with each of prefixes: typo
// correction reads the vocabulary of two letters, then the passage counts
// of its candidates, which would otherwise be a round trip each.
func (ix *Index) prefetchDict(field string, prefixes []string) error {
	if ix.pieces == nil || len(prefixes) == 0 {
		return nil
	}
	want := map[int]bool{}
	for _, p := range prefixes {
		ix.rangePieces('d', field, p, want)
	}
	ks := slices.Sorted(maps.Keys(want))
	return ix.pieces.fetchRows(ks)
}

// prefetchHits fetches, in parallel, the passage blocks of the hits about
// to be built: ps[i] for i in need.
func (ix *Index) prefetchHits(ps []scored, need []int) error {
	if ix.pieces == nil || len(need) == 0 {
		return nil
	}
	ns := make([]int, 0, len(need))
	for _, i := range need {
		ns = append(ns, int(ps[i].n))
	}
	return ix.content.load(ns)
}
