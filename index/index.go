package index

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Index is an opened snapshot, whole (Open) or in pieces (OpenPieces). It
// is safe for concurrent use.
type Index struct {
	snap    *snapshot
	content content
	rows    *rowSet
	pieces  *pieceStore       // nil for a whole snapshot
	fields  map[string]uint16 // bleve's field numbers, for row keys

	docIndex map[string]int
	avgLen   float64 // average passage length in tokens, estimated (rank.go)

	mu   sync.Mutex
	byID map[string]int // passage number by id, built on first use

	searchedOnce sync.Once
	searched     chan struct{} // closed when the first search ends

	running atomic.Int32 // searches under way
	lastEnd atomic.Int64 // when the last search ended (or the index opened), in Unix nanoseconds
}

// Open loads a snapshot written by Build. It re-indexes nothing: searches
// read the index rows straight from data, which must not be modified while
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
// document table and the few rows naming the index's fields. Fetched pieces are
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
	rs := m.rowSet()
	rs.table, rs.fetch, rs.held = ps.rows, ps.fetchRows, ps.heldRows
	// The document table, and the rows read when the index opens (its
	// fields and version), all at once (see Manifest.OpenFiles).
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

// rowSet returns the row pieces' key ranges, to be read through a
// pieceStore.
func (m *Manifest) rowSet() *rowSet {
	rs := &rowSet{byKind: true}
	for _, r := range m.Rows {
		rs.firsts = append(rs.firsts, r.First)
	}
	return rs
}

// OpenFiles lists the pieces OpenPieces fetches, the document table first:
// a page can preload them with the manifest, so that opening the index
// waits for no further round trip.
func (m *Manifest) OpenFiles() []PieceRef {
	out := []PieceRef{m.Meta}
	for _, k := range schemaPieces(m.rowSet()) {
		if r := m.Rows[k].PieceRef; !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// schemaPieces returns the row pieces holding the field rows and the
// version row, which readFields reads when the index opens.
func schemaPieces(rs *rowSet) []int {
	var ks []int
	for k := rs.seekPiece([]byte{'f'}); k < rs.piecesBefore([]byte{'g'}); k++ {
		ks = append(ks, k)
	}
	if v := rs.pieceOf(versionKey); v >= 0 && !rs.lacks(v, versionKey) && (len(ks) == 0 || ks[len(ks)-1] != v) {
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

// newIndex reads the index's fields and warms the analyzers.
func newIndex(s *snapshot, c content, rs *rowSet, ps *pieceStore) (*Index, error) {
	ix := &Index{snap: s, content: c, rows: rs, pieces: ps,
		docIndex: map[string]int{}, fields: map[string]uint16{}, searched: make(chan struct{})}
	ix.lastEnd.Store(time.Now().UnixNano())
	runes := 0
	for i, d := range s.docs {
		ix.docIndex[d.ID] = i
		runes += d.Runes
	}
	// About six code points a token.
	ix.avgLen = max(1, float64(runes)/float64(max(len(s.passages), 1))/6)
	if err := ix.readFields(); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	// The first search builds the analyzers and the highlighter; do it
	// now, while the app loads, not when the user types, and without
	// reading any row.
	ix.analyze(`warm "up query"`)
	parse(`warm "up query" -x`)
	fragment("warm up", []Span{{0, 4}})
	return ix, nil
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

// Quiet returns how long no search of ix has been under way: zero while
// one is, else the time since the last one ended (or since ix was opened).
// The app warms its search code up in such pauses (app/search/warmup).
func (ix *Index) Quiet() time.Duration {
	if ix.running.Load() > 0 {
		return 0
	}
	return max(time.Since(time.Unix(0, ix.lastEnd.Load())), 0)
}

// beginSearch notes a search under way until the function it returns is
// called.
func (ix *Index) beginSearch() (end func()) {
	ix.running.Add(1)
	return func() {
		ix.lastEnd.Store(time.Now().UnixNano())
		ix.running.Add(-1)
	}
}
