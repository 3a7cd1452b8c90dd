//go:build !(js && wasm)

package app

import (
	"testing"
	"testing/fstest"

	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/search"
	"github.com/claimtag/claimtag/index"
)

// benchIndex builds three pages in folders, as the harness's corpus has
// them: two mention subprocess, one is about it.
func benchIndex(t *testing.T) *index.Index {
	t.Helper()
	fsys := fstest.MapFS{
		"library/subprocess.html": {Data: []byte("<title>subprocess — Subprocess management</title><h1>subprocess</h1><p>The subprocess module spawns processes. Use subprocess.run for most cases.</p>")},
		"library/os.html":         {Data: []byte("<title>os — Miscellaneous interfaces</title><h1>os</h1><p>See also the subprocess module.</p>")},
		"tutorial/index.html":     {Data: []byte("<title>The Python Tutorial</title><p>Python is easy to learn.</p>")},
	}
	return apptest.IndexOf(t, fsys)
}

func TestBenchAnswer(t *testing.T) {
	ix := benchIndex(t)
	answer := benchAnswer(ix)
	tests := []struct {
		name, q   string
		wantCount int
		wantFirst string
	}{
		{"documents are counted and the top one named by its source path", "subprocess", 2, "library/subprocess.html"},
		{"a word of one page", "learn", 1, "tutorial/index.html"},
		{"a word in no passage matches nothing", "zzzqqqxx", 0, ""},
		{"a query that cannot be read matches nothing", "((((", 0, ""},
		{"an empty query matches nothing", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := answer(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got.Count != tt.wantCount || got.First != tt.wantFirst {
				t.Errorf("answer(%q) = %+v, want count %d, first %q", tt.q, got, tt.wantCount, tt.wantFirst)
			}
			// The same request as the search page's, so the same documents.
			if res, err := ix.Search(search.Request(tt.q, "", "", "", nil)); err == nil && len(res.Docs) != got.Count {
				t.Errorf("count %d, the page's search has %d documents", got.Count, len(res.Docs))
			}
		})
	}
}
