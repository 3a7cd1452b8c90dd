//go:build !(js && wasm)

// Building an index is native only (index.Build), so the check that the
// embedded index is the corpus's, and go test -update, run natively.

package warmup

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/index"
)

var update = flag.Bool("update", false, "write pieces/ again from corpus.go")

// split cuts pieces smaller than the site's, so that the warm-up's
// searches read rows and passages across pieces as the page's do.
var split = index.SplitOptions{RowBytes: 2 << 10, BlockBytes: 1 << 10}

// build indexes corpus as the builder does and splits it.
func build(t *testing.T) *index.Pieces {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range corpus {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, err := index.Split(apptest.SnapshotOf(t, fsys), split)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTheEmbeddedIndexIsTheCorpus checks that pieces/ holds the index of
// corpus.go as this build of the index writes it: the same manifest
// header and documents, and that it opens. go test -update writes it again
// (after a change of the corpus or of the index's format).
func TestTheEmbeddedIndexIsTheCorpus(t *testing.T) {
	p := build(t)
	if *update {
		if err := os.RemoveAll(piecesDir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(piecesDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(piecesDir, chrome.ManifestFile), p.Manifest, 0o644); err != nil {
			t.Fatal(err)
		}
		for name, data := range p.Files {
			if err := os.WriteFile(filepath.Join(piecesDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Skip("wrote pieces/: the test binary embeds the earlier files, run the tests again")
	}
	want, err := index.ParseManifest(p.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open()
	if err != nil {
		t.Fatalf("%v (run go test ./app/search/warmup -update after changing the index's format or corpus.go)", err)
	}
	if got := ix.Header(); got != want.Header {
		t.Errorf("the embedded index has header %+v, corpus.go makes %+v: run go test ./app/search/warmup -update", got, want.Header)
	}
	embedded, err := pieces.ReadDir(piecesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) != len(p.Files)+1 {
		t.Errorf("pieces/ holds %d files, corpus.go makes %d pieces and a manifest: run go test ./app/search/warmup -update", len(embedded), len(p.Files))
	}
}
