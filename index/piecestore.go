package index

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	Bytes  int64 `json:"bytes"`  // their bytes
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
	p.mu.Lock()
	if it := p.items[r.ref.File]; it != nil {
		if it.elem != nil {
			p.lru.MoveToFront(it.elem)
		}
		p.mu.Unlock()
		<-it.ready
		return it.val, it.err
	}
	it := &pieceItem{file: r.ref.File, ready: make(chan struct{})}
	p.items[r.ref.File] = it
	p.mu.Unlock()

	val, size, err := p.fetch(r)

	p.mu.Lock()
	it.val, it.size, it.err = val, size, err
	if err != nil {
		delete(p.items, r.ref.File)
	} else {
		it.elem = p.lru.PushFront(it)
		p.held += size
		for p.held > p.limit && p.lru.Len() > 1 {
			old := p.lru.Remove(p.lru.Back()).(*pieceItem)
			delete(p.items, old.file)
			p.held -= old.size
		}
	}
	p.mu.Unlock()
	close(it.ready)
	return val, err
}

// getAll gets the pieces in parallel and returns the first error.
func (p *pieceStore) getAll(rs []pieceReq) error {
	switch len(rs) {
	case 0:
		return nil
	case 1:
		_, err := p.get(rs[0])
		return err
	}
	errs := make([]error, len(rs))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			_, errs[i] = p.get(r)
			<-sem
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// fetch reads one piece from the source and checks it against its name.
func (p *pieceStore) fetch(r pieceReq) (any, int, error) {
	fail := func(err error) (any, int, error) {
		return nil, 0, &PieceError{File: r.ref.File, What: r.what, Err: err}
	}
	data, err := p.src.Fetch(context.Background(), r.ref.File)
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
	if len(data) < r.ref.Size {
		return damaged(fmt.Errorf("%w: %d of %d bytes; download it again", ErrTruncated, len(data), r.ref.Size))
	}
	sum := sha256.Sum256(data)
	if len(data) != r.ref.Size || hex.EncodeToString(sum[:])[:nameDigits]+pieceExt != r.ref.File {
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

// rowReq is the request for row piece k.
func (p *pieceStore) rowReq(k int) pieceReq {
	return pieceReq{ref: p.man.Rows[k].PieceRef, what: fmt.Sprintf("index rows, piece %d of %d", k+1, len(p.man.Rows)),
		decode: func(b []byte) (any, int, error) {
			t, err := decodeRows(p.man, k, b)
			if err != nil {
				return nil, 0, err
			}
			return t, len(b), nil
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

// rows returns row piece k.
func (p *pieceStore) rows(k int) (*rowTable, error) {
	v, err := p.get(p.rowReq(k))
	if err != nil {
		return nil, err
	}
	return v.(*rowTable), nil
}

// block returns passage block k.
func (p *pieceStore) block(k int) (*block, error) {
	v, err := p.get(p.blockReq(k))
	if err != nil {
		return nil, err
	}
	return v.(*block), nil
}

// fetchRows gets row pieces ks in parallel.
func (p *pieceStore) fetchRows(ks []int) error {
	rs := make([]pieceReq, 0, len(ks))
	for _, k := range ks {
		rs = append(rs, p.rowReq(k))
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
