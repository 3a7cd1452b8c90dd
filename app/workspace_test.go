//go:build !js

package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// testIndex builds a small index natively.
func testIndex(tb testing.TB) *index.Index {
	tb.Helper()
	fsys := fstest.MapFS{
		"report.txt": {Data: []byte("Quarterly report\n\nRevenue grew 20% to RMB 2.1 billion. Adjusted EBITDA turned positive.\n\nMargins will improve next year, we think.\n")},
	}
	rep, err := ingest.FS(fsys, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	data, _, err := index.Build(rep.Documents, index.BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func firstSentence(tb testing.TB, ix *index.Index) (doc string, sp span) {
	tb.Helper()
	for _, d := range ix.Documents() {
		for _, p := range ix.Passages(d.ID) {
			if strings.Contains(p.Text, "EBITDA") {
				s := p.Sentences[0]
				return d.ID, span{Passage: p.ID, Start: s.Start, End: s.End}
			}
		}
	}
	tb.Fatal("no EBITDA passage")
	return "", span{}
}

func TestWorkspaceSavesEveryChange(t *testing.T) {
	ix := testIndex(t)
	store := browser.NewMemStore()
	w := newWorkspace(ix, store, nil)
	doc, sp := firstSentence(t, ix)
	a, err := w.newAnnotation(doc, sp, annotation.Fact, "Ada", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a.Anchor.Exact != "Revenue grew 20% to RMB 2.1 billion." {
		t.Errorf("exact = %q", a.Anchor.Exact)
	}
	if err := w.add(a); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if got := w.saveState(); got != "saved" {
		t.Errorf("after add: state %q, want saved", got)
	}
	recs, _ := store.All(context.Background())
	if len(recs) != 1 {
		t.Fatalf("store has %d records, want 1", len(recs))
	}
	// A reopened workspace reads it back through Migrate.
	w2 := newWorkspace(ix, store, recs)
	if got, ok := w2.set.Get(a.ID); !ok || got.Tag != annotation.Fact {
		t.Errorf("reloaded %+v, %v", got, ok)
	}
	w.undo()
	w.flush()
	if recs, _ := store.All(context.Background()); len(recs) != 0 {
		t.Errorf("after undo the store has %d records, want 0", len(recs))
	}
	w.redo()
	w.flush()
	if recs, _ := store.All(context.Background()); len(recs) != 1 {
		t.Errorf("after redo the store has %d records, want 1", len(recs))
	}
}

func TestWorkspaceKeepsChangesWhenStorageFails(t *testing.T) {
	ix := testIndex(t)
	store := &browser.MemStore{Fail: errors.New("QuotaExceededError")}
	w := newWorkspace(ix, store, nil)
	doc, sp := firstSentence(t, ix)
	a, _ := w.newAnnotation(doc, sp, annotation.Opinion, "Ada", time.Now())
	if err := w.add(a); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if got := w.saveState(); got != "failed" || !strings.Contains(w.StoreErr, "QuotaExceededError") {
		t.Errorf("state %q, error %q; want failed with the cause", got, w.StoreErr)
	}
	if _, ok := w.set.Get(a.ID); !ok {
		t.Error("the change was dropped from memory")
	}
	data, err := exportData(w, "json", "", annotation.Filter{}, time.Now())
	if err != nil || !strings.Contains(string(data), a.ID) {
		t.Errorf("export after a storage failure: %v", err)
	}
}

func TestWorkspaceSkipsUnreadableRecords(t *testing.T) {
	w := newWorkspace(testIndex(t), browser.NewMemStore(), map[string][]byte{"bad": []byte(`{"v":99}`)})
	if w.set.Len() != 0 || !strings.Contains(w.Warning, "1 stored annotations could not be read") {
		t.Errorf("len %d, warning %q", w.set.Len(), w.Warning)
	}
}

func TestTaggedPassagesFilterSearch(t *testing.T) {
	ix := testIndex(t)
	w := newWorkspace(ix, browser.NewMemStore(), nil)
	doc, sp := firstSentence(t, ix)
	a, _ := w.newAnnotation(doc, sp, annotation.Fact, "Ada", time.Now())
	w.add(a)
	w.flush()
	p := &searchPage{q: "revenue OR margins", tag: "fact"}
	p.ws = w
	res, err := ix.Search(p.request())
	p.showResult(res, err)
	if p.total != 1 || p.hits[0].Passage != sp.Passage {
		t.Errorf("got %d hits %+v, want only the tagged passage %s", p.total, p.hits, sp.Passage)
	}
}

func TestHitItemMarksMatchesAsText(t *testing.T) {
	h := index.Hit{Doc: "d", Passage: "p", Title: "T", Text: "<b>EBITDA</b> up", Matches: []index.Span{{Start: 3, End: 9}}}
	ui := hitItem(h, "EBITDA")
	if err := goapp.Match(goapp.Text("<b>"), ui, 2, 0); err != nil {
		t.Error(err)
	}
	if err := goapp.Match(goapp.Mark(), ui, 2, 1); err != nil {
		t.Error(err)
	}
	if err := goapp.Match(goapp.Text("EBITDA"), ui, 2, 1, 0); err != nil {
		t.Error(err)
	}
}
