package index

import (
	"fmt"
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

// Index is an opened snapshot. It is safe for concurrent use.
type Index struct {
	snap    *snapshot
	mapping mapping.IndexMapping
	reader  bindex.IndexReader

	docIndex map[string]int

	mu     sync.Mutex
	byID   map[string]int // passage number by id, built on first use
	titles [][]string     // analyzed titles by document, built on first use
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
	if s.header.Analyzer != AnalyzerVersion {
		return nil, fmt.Errorf("open index: %w: built with analyzer %q, this build has %q: rebuild the index", ErrVersion, s.header.Analyzer, AnalyzerVersion)
	}
	udc, err := upsidedown.NewUpsideDownCouch(snapshotStoreName, map[string]interface{}{"rows": s.rows}, bindex.NewAnalysisQueue(1))
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	if err := openCouch(udc); err != nil {
		return nil, fmt.Errorf("open index: %w: %v", ErrCorrupt, err)
	}
	r, err := udc.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{snap: s, mapping: Mapping(), reader: r, docIndex: map[string]int{}}
	for i, d := range s.docs {
		ix.docIndex[d.ID] = i
	}
	// The first search builds bleve's analyzers and query parser tables; do it
	// now, while the app loads, not when the user types.
	ix.Search(Request{Query: `warm "up query"`, Size: 1, Fragments: true})
	return ix, nil
}

// openCouch opens the upsidedown index, turning a panic on damaged rows into
// an error.
func openCouch(udc bindex.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return udc.Open()
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
// text every offset refers to.
func (ix *Index) Text(docID string) string {
	d, ok := ix.Document(docID)
	if !ok {
		return ""
	}
	return string(ix.snap.text[d.TextOff : d.TextOff+d.TextLen])
}
