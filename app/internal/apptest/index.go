//go:build !(js && wasm)

package apptest

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// Index builds a one-document index natively (index.Build does not run in
// wasm): a title, a passage of two sentences with "EBITDA" in the second,
// a passage about margins.
func Index(tb testing.TB) *index.Index {
	tb.Helper()
	return IndexOf(tb, fstest.MapFS{
		"report.txt": {Data: []byte("Quarterly report\n\nRevenue grew 20% to RMB 2.1 billion. Adjusted EBITDA turned positive.\n\nMargins will improve next year, we think.\n")},
	})
}

// IndexOf builds an index of the documents in fsys natively, as the builder
// does (ingest, build, open).
func IndexOf(tb testing.TB, fsys fs.FS) *index.Index {
	tb.Helper()
	ix, err := index.Open(SnapshotOf(tb, fsys))
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// SnapshotOf builds the index snapshot of the documents in fsys natively,
// as the builder does (ingest, build).
func SnapshotOf(tb testing.TB, fsys fs.FS) []byte {
	tb.Helper()
	rep, err := ingest.FS(fsys, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	data, _, err := index.Build(rep.Documents, index.BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
