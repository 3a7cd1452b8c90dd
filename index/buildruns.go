//go:build !js

package index

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	store "github.com/blevesearch/upsidedown_store_api"
)

// Runs: Build indexes the passages into an in-memory store until its rows
// take about BuildOptions.RunBytes, writes them to disk sorted (a run), and
// starts again with the store empty; the last run stays in memory. Merging
// the runs gives the rows one store would have held: a row found in several
// runs is a dictionary row, a counter bleve merges, and its counts are
// added with bleve's own merge operator; any other row a build writes is
// in one run only (term rows and back index rows name their passage, the
// version and field rows are written once), and is checked to be the same
// where it repeats. Memory is then one run's rows, whatever the corpus.
// The runs and their merge are written here, over container/heap, rather
// than with an external-sort package: such packages sort records, while
// this merge must combine bleve's rows as bleve's store would, and the
// runs come sorted from the store already.
//
// A run file holds its rows in key order, each as uvarints: the length of
// the prefix it shares with the previous key, the length of the rest of the
// key, the rest, the value's length and the value.

// defaultFanIn is how many runs of one level are merged into one run of
// the next, on disk: the final merge opens at most about this many files
// per level (a level per 128 times more rows), within the usual open-file
// limit of 1024. A million passages make about 50 runs.
const defaultFanIn = 128

// runFiles are the runs written to disk so far. A run written from the
// store is of level 0; fanIn runs of one level are merged into one run of
// the next, so that a large build keeps few files and reads each row a few
// times (once per level) at most.
type runFiles struct {
	dir    string
	fanIn  int
	mo     store.MergeOperator
	runs   []runFile // in the order written; levels never increase along it
	made   int       // files made, to name the next
	sorted int       // runs written from the store
}

// runFile is one run on disk.
type runFile struct {
	path        string
	rows, level int
}

// add writes rows, in key order, as a run of level 0, then merges the
// last fanIn runs while they share a level.
func (r *runFiles) add(rows []storeRow) error {
	w, err := r.create()
	if err != nil {
		return err
	}
	for _, row := range rows {
		if err := w.add([]byte(row.key), row.val); err != nil {
			w.finish()
			return err
		}
	}
	path, err := w.finish()
	if err != nil {
		return err
	}
	r.runs = append(r.runs, runFile{path, w.rows, 0})
	r.sorted++
	for n := len(r.runs); n >= r.fanIn; n = len(r.runs) {
		tail := r.runs[n-r.fanIn:]
		if tail[0].level != tail[len(tail)-1].level {
			break
		}
		merged, err := r.merge(tail)
		if err != nil {
			return err
		}
		r.runs = append(r.runs[:n-r.fanIn], merged)
	}
	return nil
}

func (r *runFiles) create() (*runWriter, error) {
	r.made++
	return createRun(r.dir, r.made)
}

// merge merges runs into one run of the next level and removes them.
func (r *runFiles) merge(runs []runFile) (runFile, error) {
	srcs, _, err := openRuns(runs)
	if err != nil {
		return runFile{}, err
	}
	m, err := newMerger(srcs, r.mo)
	if err != nil {
		return runFile{}, err
	}
	defer m.close()
	w, err := r.create()
	if err != nil {
		return runFile{}, err
	}
	for {
		ok, err := m.next()
		if err == nil && ok {
			err = w.add(m.key(), m.value())
		}
		if err != nil {
			w.finish()
			return runFile{}, err
		}
		if !ok {
			break
		}
	}
	path, err := w.finish()
	if err != nil {
		return runFile{}, err
	}
	for _, f := range runs {
		if err := os.Remove(f.path); err != nil {
			return runFile{}, err
		}
	}
	return runFile{path, w.rows, runs[0].level + 1}, nil
}

// open opens every run for reading, and returns their rows in all.
func (r *runFiles) open() ([]rowSource, int, error) { return openRuns(r.runs) }

func openRuns(runs []runFile) ([]rowSource, int, error) {
	var srcs []rowSource
	rows := 0
	for _, f := range runs {
		rr, err := openRun(f.path)
		if err != nil {
			for _, s := range srcs {
				s.close()
			}
			return nil, 0, err
		}
		srcs = append(srcs, rr)
		rows += f.rows
	}
	return srcs, rows, nil
}

// rowSource yields rows in key order: next moves to the next row and
// reports whether there is one; key and value stay valid until then.
type rowSource interface {
	next() (bool, error)
	key() []byte
	value() []byte
	close() error
}

// runWriter writes one run file.
type runWriter struct {
	f    *os.File
	w    *bufio.Writer
	prev []byte
	buf  []byte
	rows int
}

func createRun(dir string, n int) (*runWriter, error) {
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("run%04d", n)))
	if err != nil {
		return nil, err
	}
	return &runWriter{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (r *runWriter) add(key, val []byte) error {
	b := appendRow(r.buf[:0], sharedPrefix(r.prev, key), key, val)
	r.buf = b
	r.prev = append(r.prev[:0], key...)
	r.rows++
	_, err := r.w.Write(b)
	return err
}

// finish flushes the run and returns its file's path.
func (r *runWriter) finish() (string, error) {
	err := r.w.Flush()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return r.f.Name(), err
}

// runReader reads a run file.
type runReader struct {
	f    *os.File
	r    *bufio.Reader
	k, v []byte
}

func openRun(path string) (*runReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10)}, nil
}

func (r *runReader) next() (bool, error) {
	shared, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		return false, nil
	}
	bad := func(err error) (bool, error) {
		return false, fmt.Errorf("run %s: %w", r.f.Name(), err)
	}
	if err != nil {
		return bad(err)
	}
	rest, err := binary.ReadUvarint(r.r)
	if err != nil || shared > uint64(len(r.k)) || rest > 1<<31 {
		return bad(errors.Join(err, errors.New("bad key")))
	}
	r.k = append(r.k[:shared], make([]byte, rest)...)
	if _, err := io.ReadFull(r.r, r.k[shared:]); err != nil {
		return bad(err)
	}
	vlen, err := binary.ReadUvarint(r.r)
	if err != nil || vlen > 1<<31 {
		return bad(errors.Join(err, errors.New("bad value")))
	}
	r.v = append(r.v[:0], make([]byte, vlen)...)
	if _, err := io.ReadFull(r.r, r.v); err != nil {
		return bad(err)
	}
	return true, nil
}

func (r *runReader) key() []byte   { return r.k }
func (r *runReader) value() []byte { return r.v }
func (r *runReader) close() error  { return r.f.Close() }

// memRun is a run still in memory, rows in key order.
type memRun struct {
	rows []storeRow
	i    int
	k    []byte
}

func (m *memRun) next() (bool, error) {
	if m.i >= len(m.rows) {
		return false, nil
	}
	m.k = append(m.k[:0], m.rows[m.i].key...)
	m.i++
	return true, nil
}

func (m *memRun) key() []byte   { return m.k }
func (m *memRun) value() []byte { return m.rows[m.i-1].val }
func (m *memRun) close() error  { m.rows = nil; return nil }

// merger merges runs into one row stream (see Runs above).
type merger struct {
	h        sourceHeap
	mo       store.MergeOperator
	k, v     []byte
	operands [][]byte
	consumed int // rows read from the runs
}

// newMerger starts merging srcs; it closes them as they end.
func newMerger(srcs []rowSource, mo store.MergeOperator) (*merger, error) {
	m := &merger{mo: mo}
	for _, s := range srcs {
		if err := m.push(s); err != nil {
			m.close()
			return nil, err
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// push adds s to the heap if it has a row, else closes it.
func (m *merger) push(s rowSource) error {
	ok, err := s.next()
	if err != nil || !ok {
		return errors.Join(err, s.close())
	}
	m.h = append(m.h, s)
	return nil
}

// advance moves the run at the top of the heap to its next row.
func (m *merger) advance() error {
	m.consumed++
	top := m.h[0]
	ok, err := top.next()
	if err != nil {
		return err
	}
	if ok {
		heap.Fix(&m.h, 0)
		return nil
	}
	heap.Pop(&m.h)
	return top.close()
}

// next moves to the next merged row; key and value stay valid until then.
func (m *merger) next() (bool, error) {
	if len(m.h) == 0 {
		return false, nil
	}
	m.k = append(m.k[:0], m.h[0].key()...)
	m.v = append(m.v[:0], m.h[0].value()...)
	m.operands = m.operands[:0]
	if err := m.advance(); err != nil {
		return false, err
	}
	for len(m.h) > 0 && bytes.Equal(m.h[0].key(), m.k) {
		v := m.h[0].value()
		switch {
		case m.k[0] == 'd':
			count, n := binary.Uvarint(v)
			if n <= 0 {
				return false, fmt.Errorf("dictionary row %q: bad count", m.k)
			}
			m.operands = append(m.operands, binary.LittleEndian.AppendUint64(nil, count))
		case !bytes.Equal(v, m.v):
			return false, fmt.Errorf("row %q differs between runs", m.k)
		}
		if err := m.advance(); err != nil {
			return false, err
		}
	}
	if len(m.operands) > 0 {
		merged, ok := m.mo.FullMerge(m.k, m.v, m.operands)
		if !ok {
			return false, fmt.Errorf("dictionary row %q: merge failed", m.k)
		}
		m.v = merged
	}
	return true, nil
}

func (m *merger) key() []byte   { return m.k }
func (m *merger) value() []byte { return m.v }

// close closes the runs not yet ended.
func (m *merger) close() error {
	var err error
	for _, s := range m.h {
		err = errors.Join(err, s.close())
	}
	m.h = nil
	return err
}

// sourceHeap orders row sources by their current key.
type sourceHeap []rowSource

func (h sourceHeap) Len() int           { return len(h) }
func (h sourceHeap) Less(i, j int) bool { return bytes.Compare(h[i].key(), h[j].key()) < 0 }
func (h sourceHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *sourceHeap) Push(x any)        { *h = append(*h, x.(rowSource)) }
func (h *sourceHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
