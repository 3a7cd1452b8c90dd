// Package warmup runs the search page's searches over a small index built
// into the app while the page's own index is quiet, so that a visit's
// first searches do not pay for compiling the search code.
//
// The browser compiles each WebAssembly function on its first call, and
// optimises it later, on another thread, once it has run enough. A
// visit's first searches ran slowest whatever they were (in the bench,
// the same query took 3 to 7 times longer as a visit's first than later).
// Run makes searches of each kind the page meets (one and two words, a
// phrase, a dotted name, a misspelling, a word begun, Boolean and field
// clauses, numbers, nothing found) over the warm-up index, in the pauses
// between the page's own searches. It needs no request and no storage: the
// index's pieces are embedded in app.wasm (pieces/, written from corpus.go
// by go test -update).
package warmup

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/search"
	"github.com/claimtag/claimtag/index"
)

//go:embed pieces
var pieces embed.FS

// piecesDir is the folder of pieces the warm-up index is read from.
const piecesDir = "pieces"

// queries are the searches Run makes, each as the search page makes it
// (search.Requests): one of each kind the page meets.
var queries = []string{
	"files",                             // one word
	"read file",                         // two words, both required
	`"context manager"`,                 // a phrase
	"os.path.join",                      // a dotted name
	"__init__",                          // an identifier
	"procesing",                         // a misspelling, corrected
	"infrastruc",                        // a word begun, completed
	"margin AND capex",                  // Boolean clauses
	"margin -capex",                     // a word excluded
	"(revenue OR growth) NOT forecast",  // parentheses
	"22%",                               // a number as written
	`"RMB2,703.7 million"`,              // a figure in a phrase
	"title:iterators generator",         // a field clause
	"how to sort a dictionary by value", // a long query
	"zzyzx",                             // nothing found
}

// Open opens the warm-up index embedded in the app.
func Open() (*index.Index, error) {
	manifest, err := pieces.ReadFile(piecesDir + "/" + chrome.ManifestFile)
	if err != nil {
		return nil, fmt.Errorf("warm-up index: %w", err)
	}
	src := index.SourceFunc(func(_ context.Context, name string) ([]byte, error) {
		return pieces.ReadFile(piecesDir + "/" + name)
	})
	ix, err := index.OpenPieces(context.Background(), manifest, src, index.PieceOptions{})
	if err != nil {
		return nil, fmt.Errorf("warm-up index: %w", err)
	}
	return ix, nil
}

// Quiet is how long the page's index must have run no search before Run
// makes one: a search the user starts meanwhile waits for at most the one
// warm-up search under way (a few milliseconds, up to about 25 for the
// first ones, which compile the code the page's searches then find
// compiled).
const Quiet = 10 * time.Millisecond

// Run makes every search of queries over the warm-up index, each once page
// (the index the page searches) has run no search for Quiet, counted from
// when Run starts at the earliest. It returns when they are done, with the
// first error other than a query problem, or with ctx's error when ctx is
// done.
//
// Once is enough: measured in the bench (python docs, five runs each),
// the first query after the page's first search took 33 to 48 ms after it
// against 58 to 98 ms without, and the 95th percentile of the first use of
// the bench's 51 queries fell from 50 to 56 ms to 46 to 48 ms (one run of
// five: 67). Twice made the warm-up outlast the bench's pause after its
// first search, and gained nothing more.
func Run(ctx context.Context, page *index.Index) error { return run(ctx, page, Quiet) }

// run is Run with the pause it waits for.
func run(ctx context.Context, page *index.Index, quiet time.Duration) error {
	start := time.Now()
	var w *index.Index
	for _, q := range queries {
		if err := waitQuiet(ctx, page, start, quiet); err != nil {
			return err
		}
		if w == nil {
			var err error
			if w, err = Open(); err != nil {
				return err
			}
		}
		for _, req := range search.Requests(q) {
			_, err := w.SearchContext(ctx, req)
			var qe *index.QueryError
			if err != nil && !errors.As(err, &qe) {
				return fmt.Errorf("warm-up search %q: %w", q, err)
			}
		}
	}
	return nil
}

// waitQuiet returns once ix has run no search for quiet, counted from
// start at the earliest, or with ctx's error.
func waitQuiet(ctx context.Context, ix *index.Index, start time.Time, quiet time.Duration) error {
	for {
		left := quiet - min(ix.Quiet(), time.Since(start))
		if left <= 0 {
			return ctx.Err()
		}
		t := time.NewTimer(left)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
