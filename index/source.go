package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Source fetches the pieces of an index split by Split: files on disk
// (Dir), bytes in memory (*Pieces), or, in the browser, HTTP fetches (the
// app adapts its fetch with SourceFunc).
type Source interface {
	// Fetch returns the bytes of the piece file name (as the manifest
	// spells it). It returns an error wrapping fs.ErrNotExist when there is
	// no such piece, and any error of reading or fetching it otherwise.
	// OpenPieces checks what it returns against the name.
	Fetch(ctx context.Context, name string) ([]byte, error)
}

// SourceFunc adapts a function to a Source.
type SourceFunc func(ctx context.Context, name string) ([]byte, error)

// Fetch calls f.
func (f SourceFunc) Fetch(ctx context.Context, name string) ([]byte, error) { return f(ctx, name) }

// Discarder is a Source that keeps copies (a browser cache, say) and can
// drop one: OpenPieces calls Discard with the name of a piece that turned
// out damaged, so that the next Fetch gets it afresh.
type Discarder interface {
	Discard(name string)
}

// Dir returns a Source reading the pieces from files in dir.
func Dir(dir string) Source {
	return SourceFunc(func(_ context.Context, name string) ([]byte, error) {
		if !validPieceName(name) {
			return nil, fmt.Errorf("%q is not a piece file name: %w", name, fs.ErrNotExist)
		}
		return os.ReadFile(filepath.Join(dir, name))
	})
}

// ErrMissingPiece is wrapped by the *PieceError of a piece the source does
// not have (a file not found, an HTTP 404).
var ErrMissingPiece = errors.New("the piece is missing")

// PieceError is a piece of an index that could not be used: missing
// (ErrMissingPiece), cut short (ErrTruncated), damaged (ErrCorrupt), or not
// fetched (the source's error, a network failure say). Searches and Open
// return it wrapped; errors.As finds it.
type PieceError struct {
	File string // the piece's file name
	What string // what it holds, e.g. "passages 200-399"
	Err  error
}

// Error says which piece, what it holds and what went wrong.
func (e *PieceError) Error() string {
	return fmt.Sprintf("index piece %s (%s): %v", e.File, e.What, e.Err)
}

// Unwrap returns the cause.
func (e *PieceError) Unwrap() error { return e.Err }

// pieceFailure carries a piece's error up through bleve's iterators, which
// cannot return one, as a panic; rescue turns it back into an error at the
// API's edge (as text/template's errRecover does).
type pieceFailure struct{ err error }

// throw panics with err as a pieceFailure.
func throw(err error) { panic(pieceFailure{err}) }

// rescue, deferred, turns a pieceFailure panic into *err; it re-panics
// with anything else.
func rescue(err *error) {
	if r := recover(); r != nil {
		f, ok := r.(pieceFailure)
		if !ok {
			panic(r)
		}
		*err = f.err
	}
}
