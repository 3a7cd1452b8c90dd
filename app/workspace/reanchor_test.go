package workspace

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/storage"
)

// The corpus as rebuilt after edits.
var (
	inserted = "Shares rose 4% in early trading."
	edited   = "Revenue grew 12% to RMB 2.1 billion, driven by cloud customers."
	// v2: a sentence inserted before the tagged paragraph, a word of the claim changed.
	v2 = func() *fakeCorpus {
		return newCorpus("fp-2",
			[]string{"report", intro, inserted, edited + " " + margin, outlook},
			[]string{"memo", "The memo says " + outlook})
	}
	// v3: the claim's paragraph deleted.
	v3 = func() *fakeCorpus {
		return newCorpus("fp-3",
			[]string{"report", intro, inserted, outlook},
			[]string{"memo", "The memo says " + outlook})
	}
)

// tagV1 tags four spans of v1's report and stores them in store.
func tagV1(t *testing.T, store storage.Store) {
	t.Helper()
	c := v1()
	sv := storage.NewSaver(store, storage.Options{})
	w := New(c, Options{Creator: "Ada", Sink: sv})
	openAll(t, w)
	for _, x := range []struct {
		quote string
		tag   annotation.Tag
		note  string
	}{{intro, annotation.Fact, ""}, {claim, annotation.Fact, "from the 6-K"}, {margin, annotation.Opinion, ""}, {outlook, annotation.Forecast, "guidance"}} {
		out, err := w.Tag(c.span(t, "report", x.quote), x.tag)
		if err != nil {
			t.Fatal(err)
		}
		if x.note != "" {
			w.Note(out.ID, x.note)
		}
		w.EndEdit()
	}
	sv.Flush()
	sv.Wait()
}

// reopen loads store's records into a workspace over c and re-anchors
// them, writing what changed back to store.
func reopen(t *testing.T, c Corpus, store storage.Store) (*Workspace, Report) {
	t.Helper()
	recs, err := store.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sv := storage.NewSaver(store, storage.Options{})
	w := New(c, Options{Creator: "Ada", Sink: sv})
	w.Load(recs)
	rep := w.Reanchor(context.Background())
	sv.Wait()
	return w, rep
}

// placements lists each annotation as "quote: status", with "?" when it
// waits for confirmation and "!" when it is not placed, sorted.
func placements(w *Workspace) string {
	var out []string
	for _, it := range w.Items() {
		s := it.Anchor.Exact + ": " + string(it.Status)
		if it.Confirm {
			s += "?"
		}
		if !it.Placed() {
			s += "!"
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func TestReanchorAcrossCorpusVersions(t *testing.T) {
	tests := []struct {
		name   string
		corpus func() *fakeCorpus
		want   []string
		report Report
	}{
		{name: "on the same corpus nothing moves", corpus: v1,
			want: []string{claim + ": exact", margin + ": exact", intro + ": exact", outlook + ": exact"}},
		{name: "an inserted sentence moves the claims after it and a changed word makes a fuzzy match", corpus: v2,
			want:   []string{edited + ": fuzzy?", margin + ": moved?", intro + ": exact", outlook + ": moved?"},
			report: Report{Checked: 4, Exact: 1, Moved: 2, Fuzzy: 1}},
		{name: "a deleted paragraph leaves its claims not placed, and kept", corpus: v3,
			want:   []string{claim + ": orphan!", margin + ": orphan!", intro + ": exact", outlook + ": moved?"},
			report: Report{Checked: 4, Exact: 1, Moved: 1, Orphan: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := storage.NewMemory()
			tagV1(t, store)
			w, rep := reopen(t, tt.corpus(), store)
			slices.Sort(tt.want)
			if got := placements(w); got != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.Join(tt.want, "\n"))
			}
			if rep.Checked != tt.report.Checked || rep.Exact != tt.report.Exact || rep.Moved != tt.report.Moved ||
				rep.Fuzzy != tt.report.Fuzzy || rep.Orphan != tt.report.Orphan || len(rep.Unread) != 0 {
				t.Errorf("got report %+v, want %+v", rep, tt.report)
			}
			// The marks sit on the new text.
			cs, err := w.Open(context.Background(), "report")
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(cs.Text)
			for _, it := range w.Placed("report") {
				if got := string(text[it.Anchor.Start:it.Anchor.End]); got != it.Anchor.Exact {
					t.Errorf("got text %q under the annotation on %q", got, it.Anchor.Exact)
				}
				if it.Anchor.Passage == "" {
					t.Errorf("got no passage for %q", it.Anchor.Exact)
				}
			}
			// Every annotation, placed or not, is exported with its note.
			exp := w.Export(annotation.Filter{}, time.Now())
			if _, err := exp.Marshal(); err != nil || len(exp.Annotations) != 4 {
				t.Errorf("got %d exported, %v, want 4", len(exp.Annotations), err)
			}
			for _, a := range exp.Annotations {
				if strings.HasPrefix(a.Anchor.Exact, "Revenue grew") && a.Note != "from the 6-K" {
					t.Errorf("got exported note %q, want the claim's note", a.Note)
				}
			}
			// A reload shows the same outcome without searching again.
			again, rep2 := reopen(t, tt.corpus(), store)
			if got := placements(again); got != placements(w) {
				t.Errorf("after a reload got\n%s\nwant\n%s", got, placements(w))
			}
			if rep2.Checked != 0 {
				t.Errorf("after a reload got %d annotations checked again, want 0", rep2.Checked)
			}
		})
	}
}

func TestNotPlacedKeepsQuoteAndNote(t *testing.T) {
	store := storage.NewMemory()
	tagV1(t, store)
	w, _ := reopen(t, v3(), store)
	var got []string
	for _, it := range w.NotPlaced("report") {
		got = append(got, it.Anchor.Exact+" ("+it.Note+")")
	}
	if want := []string{claim + " (from the 6-K)", margin + " ()"}; !slices.Equal(got, want) {
		t.Errorf("got not placed %q, want %q", got, want)
	}
	if ps := w.Placed("report"); len(ps) != 2 {
		t.Errorf("got %d placed, want 2", len(ps))
	}
}

func TestConfirmIsStoredAndUndoable(t *testing.T) {
	store := storage.NewMemory()
	tagV1(t, store)
	w, _ := reopen(t, v2(), store)
	id := find(t, w, "report", edited)
	it, _ := w.Get(id)
	if !it.Confirm || it.Was == nil || it.Was.Exact != claim || it.Score < anchoring.MinScore {
		t.Fatalf("got %+v, want a fuzzy place to confirm, with the old quote", it)
	}
	out, err := w.Confirm(id)
	if err != nil || !strings.Contains(out.Message, "Confirmed the place") {
		t.Fatalf("got %+v, %v", out, err)
	}
	if it, _ := w.Get(id); it.Confirm || it.Status != anchoring.Exact {
		t.Errorf("got %+v after confirming, want exact", it)
	}
	if out := w.ConfirmAll("report"); !strings.Contains(out.Message, "Confirmed 2 places") {
		t.Errorf("got %q, want the two moved ones confirmed", out.Message)
	}
	w.Undo("report")
	w.Undo("report")
	if it, _ := w.Get(id); !it.Confirm {
		t.Errorf("got %+v after undoing, want it to wait for confirmation again", it)
	}
	w.Redo("report")
	w.opt.Sink.(*storage.Saver).Wait()
	again, _ := reopen(t, v2(), store)
	if it, _ := again.Get(id); it.Confirm {
		t.Errorf("got %+v after a reload, want the confirmation kept", it)
	}
}

func TestReanchorWaitsForDocumentsItCannotRead(t *testing.T) {
	store := storage.NewMemory()
	tagV1(t, store)
	c := v2()
	c.setFail(errNetwork)
	w, rep := reopen(t, c, store)
	if len(rep.Unread) != 1 || !errors.Is(rep.Unread[0], errNetwork) || rep.Checked != 0 {
		t.Fatalf("got %+v, want the read error and nothing checked", rep)
	}
	if got := len(w.NotPlaced("report")); got != 4 {
		t.Errorf("got %d not placed while unreadable, want 4", got)
	}
	for _, it := range w.Items() {
		if it.Status != "" {
			t.Errorf("got status %q, want unchecked", it.Status)
		}
	}
	c.setFail(nil)
	if rep := w.Reanchor(context.Background()); rep.Checked != 4 {
		t.Errorf("got %+v once readable, want 4 checked", rep)
	}
}

func TestReanchorFindsARenamedDocument(t *testing.T) {
	store := storage.NewMemory()
	tagV1(t, store)
	renamed := newCorpus("fp-r", []string{"memo", "The memo says " + outlook}, []string{"report-2026", intro, claim + " " + margin, outlook})
	w, rep := reopen(t, renamed, store)
	if rep.OtherDocument != 4 {
		t.Fatalf("got %+v, want all four found in the renamed document", rep)
	}
	if got := len(w.Placed("report-2026")); got != 4 {
		t.Errorf("got %d placed in report-2026, want 4", got)
	}
}
