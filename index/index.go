package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"
)

func init() {
	if err := registry.RegisterKVStore(snapshotStoreName, newROStore); err != nil {
		panic(err)
	}
}

// Index is an opened snapshot, whole (Open) or in pieces (OpenPieces). It
// is safe for concurrent use.
type Index struct {
	snap    *snapshot
	content content
	rows    *rowSet
	pieces  *pieceStore // nil for a whole snapshot
	mapping mapping.IndexMapping
	reader  bindex.IndexReader
	fields  map[string]uint16 // bleve's field numbers, for row keys

	docIndex map[string]int

	mu     sync.Mutex
	byID   map[string]int // passage number by id, built on first use
	titles [][]string     // analyzed titles by document, built on first use

	searchedOnce sync.Once
	searched     chan struct{} // closed when the first search ends
}

// Open loads a snapshot written by Build. It re-indexes nothing: the bleve
// index reads its rows straight from data, which must not be modified while
// the Index is in use. Bad input gives an error wrapping ErrNotSnapshot,
// ErrTruncated, ErrCorrupt or ErrVersion, never a panic.
func Open(data []byte) (*Index, error) {
	s, err := parseSnapshot(data)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := checkAnalyzer(s.header); err != nil {
		return nil, err
	}
	return newIndex(s, snapContent{s}, tableRows(s.rows), nil)
}

// PieceOptions tunes OpenPieces.
type PieceOptions struct {
	// CacheBytes bounds the fetched pieces kept in memory (default
	// DefaultCacheBytes); the least recently used are dropped first and
	// fetched again when needed.
	CacheBytes int
}

// OpenPieces opens an index split by Split from its manifest, fetching
// pieces from src as searches and documents need them: at open only the
// document table and the few rows naming bleve's fields. Fetched pieces are
// checked against their names and kept in memory up to opt.CacheBytes.
// Errors wrap ErrNotSnapshot, ErrCorrupt, ErrVersion, or a *PieceError
// naming the piece that is missing (ErrMissingPiece), cut short
// (ErrTruncated), damaged (ErrCorrupt) or could not be fetched.
// Searches and Contents return such errors too, for the pieces they need.
func OpenPieces(ctx context.Context, manifest []byte, src Source, opt PieceOptions) (ix *Index, err error) {
	m, err := ParseManifest(manifest)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := checkAnalyzer(m.Header); err != nil {
		return nil, err
	}
	s := &snapshot{header: m.Header}
	ps := newPieceStore(src, m, opt.CacheBytes)
	ps.snap = s
	rs := &rowSet{table: ps.rows, fetch: ps.fetchRows, byKind: true}
	for _, r := range m.Rows {
		rs.firsts = append(rs.firsts, r.First)
	}
	// The document table, and the rows bleve reads when it opens (its
	// fields and version), all at once.
	reqs := []pieceReq{{ref: m.Meta, what: "document table", decode: func(b []byte) (any, int, error) {
		return nil, 0, decodeMeta(s, b)
	}}}
	for _, k := range schemaPieces(rs) {
		reqs = append(reqs, ps.rowReq(k))
	}
	if err := ps.getAll(reqs); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if s.textLen != m.TextBytes {
		return nil, fmt.Errorf("open index: %w: documents hold %d text bytes, the manifest says %d", ErrCorrupt, s.textLen, m.TextBytes)
	}
	return newIndex(s, pieceContent{s: s, ps: ps}, rs, ps)
}

// schemaPieces returns the row pieces holding the field rows and the
// version row, which bleve reads when it opens.
func schemaPieces(rs *rowSet) []int {
	var ks []int
	for k := rs.seekPiece([]byte{'f'}); k < rs.piecesBefore([]byte{'g'}); k++ {
		ks = append(ks, k)
	}
	if v := rs.pieceOf(upsidedown.VersionKey); v >= 0 && !rs.lacks(v, upsidedown.VersionKey) && (len(ks) == 0 || ks[len(ks)-1] != v) {
		ks = append(ks, v)
	}
	return ks
}

func checkAnalyzer(h Header) error {
	if h.Analyzer != AnalyzerVersion {
		return fmt.Errorf("open index: %w: built with analyzer %q, this build has %q: rebuild the index", ErrVersion, h.Analyzer, AnalyzerVersion)
	}
	return nil
}

// newIndex opens bleve's reader over the rows and warms the analyzers.
func newIndex(s *snapshot, c content, rs *rowSet, ps *pieceStore) (*Index, error) {
	udc, err := upsidedown.NewUpsideDownCouch(snapshotStoreName, map[string]interface{}{"rows": rs}, bindex.NewAnalysisQueue(1))
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := openCouch(udc); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	r, err := udc.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{snap: s, content: c, rows: rs, pieces: ps, mapping: Mapping(), reader: r,
		docIndex: map[string]int{}, fields: map[string]uint16{}, searched: make(chan struct{})}
	for i, d := range s.docs {
		ix.docIndex[d.ID] = i
	}
	if err := ix.readFields(); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	// The first search builds bleve's analyzers and highlighter; do it
	// now, while the app loads, not when the user types, and without
	// reading any row.
	ix.analyze(`warm "up query"`)
	parse(`warm "up query" -x`)
	fragment("warm up", []Span{{0, 4}})
	return ix, nil
}

// openCouch opens the upsidedown index, turning a panic on damaged rows into
// an error wrapping ErrCorrupt, and a piece that could not be fetched into
// its error.
func openCouch(udc bindex.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(pieceFailure); ok {
				err = f.err
				return
			}
			err = fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if err := udc.Open(); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// Header returns the snapshot's header.
func (ix *Index) Header() Header { return ix.snap.header }

// Documents returns every document, in corpus order.
func (ix *Index) Documents() []DocInfo { return ix.snap.docs }

// Document returns the document with the given id.
func (ix *Index) Document(id string) (DocInfo, bool) {
	i, ok := ix.docIndex[id]
	if !ok {
		return DocInfo{}, false
	}
	return ix.snap.docs[i], true
}

// Text returns the normalized text of the document with the given id, the
// text every offset refers to; "" for an unknown document, or when a piece
// of an index in pieces cannot be fetched (Contents says why).
func (ix *Index) Text(docID string) string {
	d, ok := ix.Document(docID)
	if !ok {
		return ""
	}
	b, err := ix.content.text(d.TextOff, d.TextOff+d.TextLen)
	if err != nil {
		return ""
	}
	return string(b)
}

// InPieces reports whether the index was opened from pieces (OpenPieces).
func (ix *Index) InPieces() bool { return ix.pieces != nil }

// Files lists every piece of an index in pieces, the document table first
// (nil for a whole snapshot): what to fetch to have it all, for use
// offline.
func (ix *Index) Files() []PieceRef {
	if ix.pieces == nil {
		return nil
	}
	return ix.pieces.man.Files()
}

// Fetched says how many pieces, and bytes, an index in pieces has fetched
// from its Source so far (zero for a whole snapshot).
func (ix *Index) Fetched() FetchStats {
	if ix.pieces == nil {
		return FetchStats{}
	}
	return ix.pieces.stats()
}

// Searched returns a channel closed when the first search ends: the app
// starts background work after the first result is shown.
func (ix *Index) Searched() <-chan struct{} { return ix.searched }

// noteSearched closes Searched's channel, once.
func (ix *Index) noteSearched() { ix.searchedOnce.Do(func() { close(ix.searched) }) }

// readFields reads bleve's field rows ('f', uint16 number, name and 0xff).
func (ix *Index) readFields() (err error) {
	defer rescue(&err)
	it := roReader{ix.rows}.PrefixIterator([]byte{'f'})
	defer it.Close()
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		if len(k) != 3 || len(v) == 0 || v[len(v)-1] != upsidedown.ByteSeparator {
			return fmt.Errorf("%w: field row %q", ErrCorrupt, k)
		}
		ix.fields[string(v[:len(v)-1])] = binary.LittleEndian.Uint16(k[1:])
		it.Next()
	}
	return nil
}

// fieldKey returns the row key prefix of kind ('d' dictionary, 't' term
// frequencies) for field followed by term, and whether the field exists.
func (ix *Index) fieldKey(kind byte, field, term string) ([]byte, bool) {
	f, ok := ix.fields[field]
	if !ok {
		return nil, false
	}
	k := make([]byte, 3, 4+len(term))
	k[0] = kind
	binary.LittleEndian.PutUint16(k[1:], f)
	return append(k, term...), true
}

// sortedUniqueInts sorts ns and drops repeats.
func sortedUniqueInts(ns []int) []int {
	sort.Ints(ns)
	out := ns[:0]
	for i, n := range ns {
		if i == 0 || ns[i-1] != n {
			out = append(out, n)
		}
	}
	return out
}
