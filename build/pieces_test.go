package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
)

// TestIndexCommandWritesPieces checks that the index command writes the
// pieces beside the snapshot, that a rebuild keeps only the current
// pieces, and that search -pieces answers like the snapshot while saying
// what it fetched.
func TestIndexCommandWritesPieces(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, err := runCmd(t, "index", "-out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "pieces") {
		t.Errorf("stdout does not mention the pieces: %s", stdout)
	}
	pdir := filepath.Join(out, PiecesDir)
	stale := filepath.Join(pdir, "0123456789abcdef.bin")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "index", "-out", out); err != nil {
		t.Fatalf("rebuild: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a rebuild left a piece of an earlier build")
	}
	ix, err := openPieces(out)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(pdir)
	if got, want := len(entries), len(ix.Files())+1; got != want {
		t.Errorf("%d files in %s, want %d pieces and the manifest", got, pdir, want)
	}
	snap, err := os.ReadFile(filepath.Join(out, SnapshotName))
	if err != nil {
		t.Fatal(err)
	}
	p, err := index.Split(snap, index.SplitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	manifest, _ := os.ReadFile(filepath.Join(pdir, ManifestName))
	if !bytes.Equal(manifest, p.Manifest) {
		t.Error("the manifest on disk is not the split of the snapshot beside it")
	}

	whole, _, err := runCmd(t, "search", "-index", out, "-json", "cloud revenue")
	if err != nil {
		t.Fatal(err)
	}
	pieced, stderr, err := runCmd(t, "search", "-index", out, "-json", "-pieces", "cloud revenue")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	strip := func(s string) string { // the timing differs
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, `"took"`) && !strings.Contains(l, `"work"`) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(whole) != strip(pieced) {
		t.Errorf("search -pieces answers differently:\n%s\nwant\n%s", pieced, whole)
	}
	for _, want := range []string{"opened " + pdir, "the search fetched"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
}

// TestSearchPiecesNamesABadPiece damages a piece the query reads: the
// command fails naming it.
func TestSearchPiecesNamesABadPiece(t *testing.T) {
	out := t.TempDir()
	if _, stderr, err := runCmd(t, "index", "-out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	ix, err := openPieces(out)
	if err != nil {
		t.Fatal(err)
	}
	meta := ix.Files()[0].File
	path := filepath.Join(out, PiecesDir, meta)
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 1
	os.WriteFile(path, b, 0o644)
	_, _, err = runCmd(t, "search", "-index", out, "-pieces", "cloud")
	if err == nil || !strings.Contains(err.Error(), meta) || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("got %v, want an error naming the damaged piece %s", err, meta)
	}
}
