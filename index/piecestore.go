package index

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
)

// DefaultCacheBytes is how much decoded piece data an index in pieces keeps
// in memory (PieceOptions.CacheBytes), the least recently used dropped
// first.
const DefaultCacheBytes = 24 << 20

// maxParallel is how many pieces are fetched at once.
const maxParallel = 8

// FetchStats counts what an index in pieces fetched from its Source.
type FetchStats struct {
	Pieces int   `json:"pieces"` // pieces fetched
	Bytes  int64 `json:"bytes"`  // their bytes as the source handed them: gzipped as stored, unless it unpacked them (the browser does)
}

// pieceStore fetches, checks, decodes and caches pieces. Concurrent
// requests for one piece share one fetch; a failed fetch is forgotten, so
// the next request tries again.
type pieceStore struct {
	src   Source
	man   *Manifest
	snap  *snapshot // the document table, to check blocks against
	limit int

	mu    sync.Mutex
	items map[string]*pieceItem
	lru   list.List // of *pieceItem, most recently used first
	held  int

	fetched atomic.Int64 // pieces
	bytes   atomic.Int64
}

type pieceItem struct {
	file  string
	ready chan struct{}
	val   any
	size  int
	err   error
	elem  *list.Element
}

// pieceReq is a piece to get: which, what it holds (for errors), and how to
// decode it into a value and its size in memory.
type pieceReq struct {
	ref    PieceRef
	what   string
	decode func([]byte) (any, int, error)
}

func newPieceStore(src Source, m *Manifest, limit int) *pieceStore {
	if limit <= 0 {
		limit = DefaultCacheBytes
	}
	return &pieceStore{src: src, man: m, limit: limit, items: map[string]*pieceItem{}}
}

// get returns the decoded piece, fetching it unless it is cached or on its
// way.
func (p *pieceStore) get(r pieceReq) (any, error) {
	if err := p.getAll([]pieceReq{r}); err != nil {
		return nil, err
	}
	p.mu.Lock()
	it := p.items[r.ref.File]
	p.mu.Unlock()
	if it == nil { // dropped from the cache already: a tiny cache
		val, _, err := p.fetchOne(r)
		return val, err
	}
	<-it.ready
	return it.val, it.err
}

// getAll gets the pieces, those not cached or on their way in one batch
// (see BatchSource) or in parallel, and returns the first error.
func (p *pieceStore) getAll(rs []pieceReq) error {
	var (
		mine  []pieceReq   // to fetch
		items []*pieceItem // theirs
		wait  []*pieceItem // on their way already
	)
	p.mu.Lock()
	for _, r := range rs {
		if it := p.items[r.ref.File]; it != nil {
			if it.elem != nil {
				p.lru.MoveToFront(it.elem)
			}
			wait = append(wait, it)
			continue
		}
		it := &pieceItem{file: r.ref.File, ready: make(chan struct{})}
		p.items[r.ref.File] = it
		mine = append(mine, r)
		items = append(items, it)
	}
	p.mu.Unlock()

	results := p.fetchBatch(mine)
	var first error
	p.mu.Lock()
	for i, it := range items {
		res := results[i]
		it.val, it.size, it.err = res.val, res.size, res.err
		if res.err != nil {
			delete(p.items, it.file)
			if first == nil {
				first = res.err
			}
			continue
		}
		it.elem = p.lru.PushFront(it)
		p.held += res.size
	}
	for p.held > p.limit && p.lru.Len() > 1 {
		old := p.lru.Remove(p.lru.Back()).(*pieceItem)
		delete(p.items, old.file)
		p.held -= old.size
	}
	p.mu.Unlock()
	for _, it := range items {
		close(it.ready)
	}
	for _, it := range wait {
		<-it.ready
		if it.err != nil && first == nil {
			first = it.err
		}
	}
	return first
}

// result is a fetched and decoded piece, or why not.
type result struct {
	val  any
	size int
	err  error
}

// BatchSource is a Source that fetches many pieces at once more cheaply
// than one by one: in the browser, one promise for all of them instead of
// two per piece. OpenPieces uses it for the pieces a search needs together.
type BatchSource interface {
	Source
	// FetchAll returns the bytes of each named piece, or its error, as
	// Fetch would.
	FetchAll(ctx context.Context, names []string) ([][]byte, []error)
}

// CheckedSource is a BatchSource that checks pieces against their names
// itself where it can: the browser hashes natively, many times faster than
// Go's SHA-256 in wasm (83 MB/s under Node), which took 7 ms of the app's
// start on the python docs and a few ms of a query's first use.
// FetchChecked returns, with each piece's bytes, whether they are the piece
// itself, unpacked, hashing to its name; the index checks the others.
type CheckedSource interface {
	BatchSource
	FetchChecked(ctx context.Context, names []string) (data [][]byte, checked []bool, errs []error)
}

// fetchBatch fetches, checks and decodes the pieces rs: in one call to a
// BatchSource (a CheckedSource also for one piece, which it checks), else
// one by one, a few at a time.
func (p *pieceStore) fetchBatch(rs []pieceReq) []result {
	out := make([]result, len(rs))
	c, checks := p.src.(CheckedSource)
	b, batches := p.src.(BatchSource)
	switch {
	case len(rs) == 0:
	case checks || batches && len(rs) > 1:
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = r.ref.File
		}
		var data [][]byte
		var checked []bool
		var errs []error
		if checks {
			data, checked, errs = c.FetchChecked(context.Background(), names)
		} else {
			data, errs = b.FetchAll(context.Background(), names)
		}
		for i, r := range rs {
			out[i].val, out[i].size, out[i].err = p.use(r, at(data, i), at(errs, i), at(checked, i))
		}
	case len(rs) == 1:
		out[0].val, out[0].size, out[0].err = p.fetchOne(rs[0])
	default:
		sem := make(chan struct{}, maxParallel)
		var wg sync.WaitGroup
		for i, r := range rs {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				out[i].val, out[i].size, out[i].err = p.fetchOne(r)
				<-sem
			}()
		}
		wg.Wait()
	}
	return out
}

// at returns s[i], or the zero value when a source handed over too few.
func at[T any](s []T, i int) T {
	var zero T
	if i < len(s) {
		return s[i]
	}
	return zero
}

// fetchOne reads one piece from the source and checks it.
func (p *pieceStore) fetchOne(r pieceReq) (any, int, error) {
	data, err := p.src.Fetch(context.Background(), r.ref.File)
	return p.use(r, data, err, false)
}

// use unpacks a fetched piece file, checks the piece against its name
// (unless the source did: checked) and decodes it.
func (p *pieceStore) use(r pieceReq, data []byte, err error, checked bool) (any, int, error) {
	fail := func(err error) (any, int, error) {
		return nil, 0, &PieceError{File: r.ref.File, What: r.what, Err: err}
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fail(fmt.Errorf("%w: %v", ErrMissingPiece, err))
		}
		return fail(err)
	}
	p.fetched.Add(1)
	p.bytes.Add(int64(len(data)))
	damaged := func(err error) (any, int, error) {
		if d, ok := p.src.(Discarder); ok {
			d.Discard(r.ref.File)
		}
		return fail(err)
	}
	data, err = unpackPiece(data, r.ref.Size)
	if err != nil {
		return damaged(err)
	}
	if len(data) < r.ref.Size {
		return damaged(fmt.Errorf("%w: %d of %d bytes; download it again", ErrTruncated, len(data), r.ref.Size))
	}
	if len(data) != r.ref.Size || !checked && pieceName(data) != r.ref.File {
		return damaged(fmt.Errorf("%w: its bytes do not match its name (%d bytes, want %d): the piece is damaged; rebuild or download it again", ErrCorrupt, len(data), r.ref.Size))
	}
	val, size, err := decodeSafely(r.decode, data)
	if err != nil {
		return damaged(err)
	}
	return val, size, nil
}

// decodeSafely runs decode, turning a panic on bad bytes into ErrCorrupt.
func decodeSafely(decode func([]byte) (any, int, error), data []byte) (val any, size int, err error) {
	defer func() {
		if r := recover(); r != nil {
			val, size, err = nil, 0, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	return decode(data)
}

// stats returns what was fetched so far.
func (p *pieceStore) stats() FetchStats {
	return FetchStats{Pieces: int(p.fetched.Load()), Bytes: p.bytes.Load()}
}

// rowReq is the request for the file of row piece k, which decodes to
// every piece the file holds ([]*rowTable, by Part).
func (p *pieceStore) rowReq(k int) pieceReq {
	ref, ks := p.man.Rows[k].PieceRef, p.man.parts[p.man.fileOf[k]] // set by ParseManifest
	return pieceReq{ref: ref, what: fmt.Sprintf("index rows, piece %d of %d", k+1, len(p.man.Rows)),
		decode: func(b []byte) (any, int, error) {
			ts, err := decodeRowFile(p.man, ks, b)
			if err != nil {
				return nil, 0, err
			}
			return ts, len(b), nil
		}}
}

// blockReq is the request for passage block k.
func (p *pieceStore) blockReq(k int) pieceReq {
	end := p.snap.header.Passages
	if k+1 < len(p.man.Blocks) {
		end = p.man.Blocks[k+1].Passage
	}
	return pieceReq{ref: p.man.Blocks[k].PieceRef, what: fmt.Sprintf("passages %d-%d", p.man.Blocks[k].Passage, end-1),
		decode: func(b []byte) (any, int, error) {
			bl, err := decodeBlock(p.snap, p.man, k, b)
			if err != nil {
				return nil, 0, err
			}
			return bl, bl.size(), nil
		}}
}

// cached returns the decoded piece file if the cache holds it, marking
// it used: a search asks for the same few pieces over and over (a row
// piece per word looked up, a block per passage read), and building the
// request of a piece to fetch (its description for errors, its decoder)
// each time took a share of the search.
func (p *pieceStore) cached(file string) (any, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	it := p.items[file]
	if it == nil || it.elem == nil { // not there, or on its way
		return nil, false
	}
	p.lru.MoveToFront(it.elem)
	return it.val, true
}

// rows returns row piece k.
func (p *pieceStore) rows(k int) (*rowTable, error) {
	if t, ok := p.heldRows(k); ok {
		return t, nil
	}
	v, err := p.get(p.rowReq(k))
	if err != nil {
		return nil, err
	}
	return v.([]*rowTable)[p.man.Rows[k].Part], nil
}

// heldRows returns row piece k when the cache holds it, without fetching it.
func (p *pieceStore) heldRows(k int) (*rowTable, bool) {
	if v, ok := p.cached(p.man.Rows[k].File); ok {
		return v.([]*rowTable)[p.man.Rows[k].Part], true
	}
	return nil, false
}

// block returns passage block k.
func (p *pieceStore) block(k int) (*block, error) {
	if v, ok := p.cached(p.man.Blocks[k].File); ok {
		return v.(*block), nil
	}
	v, err := p.get(p.blockReq(k))
	if err != nil {
		return nil, err
	}
	return v.(*block), nil
}

// fetchRows gets row pieces ks in parallel, each file once.
func (p *pieceStore) fetchRows(ks []int) error {
	rs := make([]pieceReq, 0, len(ks))
	seen := make(map[string]bool, len(ks))
	for _, k := range ks {
		if f := p.man.Rows[k].File; !seen[f] {
			seen[f] = true
			rs = append(rs, p.rowReq(k))
		}
	}
	return p.getAll(rs)
}

// fetchBlocks gets passage blocks ks in parallel.
func (p *pieceStore) fetchBlocks(ks []int) error {
	rs := make([]pieceReq, 0, len(ks))
	for _, k := range ks {
		rs = append(rs, p.blockReq(k))
	}
	return p.getAll(rs)
}
