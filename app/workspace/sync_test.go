package workspace

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/storage"
)

// tab is one browser tab of a two-tab test: a workspace and its saver
// over a shared store. What its saver writes is queued for the other tab,
// as a BroadcastChannel would carry it; deliver hands it over.
type tab struct {
	w       *Workspace
	sv      *storage.Saver
	mu      sync.Mutex
	outbox  []message
	notices []Notice
}

type message struct {
	key string
	rec []byte
	at  Stamp
}

func newTab(t *testing.T, name string, c Corpus, store storage.Store, clk *clock) *tab {
	t.Helper()
	tb := &tab{}
	tb.sv = storage.NewSaver(store, storage.Options{OnWritten: func(key string, rec []byte) {
		m := message{key: key, rec: rec}
		if rec == nil {
			m.at, _ = tb.w.Tombstone(key)
		}
		tb.mu.Lock()
		tb.outbox = append(tb.outbox, m)
		tb.mu.Unlock()
	}})
	tb.w = New(c, Options{Sink: tb.sv, Tab: name, Creator: "Ada", Now: clk.Now})
	recs, _ := store.All(context.Background())
	tb.w.Load(recs)
	openAll(t, tb.w)
	return tb
}

// deliver writes what from has queued, then merges it into to.
func deliver(t *testing.T, from, to *tab) {
	t.Helper()
	from.sv.Flush()
	from.sv.Wait()
	from.mu.Lock()
	msgs := from.outbox
	from.outbox = nil
	from.mu.Unlock()
	for _, m := range msgs {
		ns, err := to.w.Remote(m.key, m.rec, m.at)
		if err != nil {
			t.Fatal(err)
		}
		to.notices = append(to.notices, ns...)
	}
	to.sv.Flush()
	to.sv.Wait()
}

func noteOf(t *testing.T, tb *tab, id string) string {
	t.Helper()
	it, ok := tb.w.Get(id)
	if !ok {
		t.Fatalf("no annotation %s in tab %s", id, tb.w.opt.Tab)
	}
	return it.Note
}

func TestTwoTabs(t *testing.T) {
	c := v1()
	store := storage.NewMemory()
	clk := newClock()
	a, b := newTab(t, "a", c, store, clk), newTab(t, "b", c, store, clk)

	out, err := a.w.Tag(c.span(t, "report", claim), annotation.Fact)
	if err != nil {
		t.Fatal(err)
	}
	id := out.ID
	deliver(t, a, b)
	if got := summary(b.w, "report"); got != claim+"=fact" {
		t.Fatalf("tab b shows %q, want tab a's fact", got)
	}

	// Edits one after the other, each tab seeing the other's: no notice.
	a.w.Note(id, "first")
	a.w.EndEdit()
	deliver(t, a, b)
	b.w.Note(id, "first, then second")
	b.w.EndEdit()
	deliver(t, b, a)
	if got := noteOf(t, a, id); got != "first, then second" || len(a.notices)+len(b.notices) != 0 {
		t.Errorf("got note %q and notices %v %v, want b's note and no notice", got, a.notices, b.notices)
	}

	// Both type a note at the same time: the later wins, the other tab is
	// told and given its text back.
	a.w.Note(id, "a's note")
	a.w.EndEdit()
	b.w.Note(id, "b's note")
	b.w.EndEdit()
	b.w.Retag(id, annotation.Opinion)
	deliver(t, a, b)
	deliver(t, b, a)
	deliver(t, a, b)
	if na, nb := noteOf(t, a, id), noteOf(t, b, id); na != "b's note" || nb != "b's note" {
		t.Errorf("got notes %q and %q, want b's, the later, in both", na, nb)
	}
	if len(a.notices) != 1 || !strings.Contains(a.notices[0].Message, "Yours was: “a's note”") || len(b.notices) != 0 {
		t.Errorf("got notices a %v, b %v; want tab a told, with its text", a.notices, b.notices)
	}
	if it, _ := a.w.Get(id); it.Tag != annotation.Opinion {
		t.Errorf("got tag %s in tab a, want b's retag merged", it.Tag)
	}
	recs, _ := store.All(context.Background())
	stored, err := DecodeRecord(recs[id])
	if err != nil || stored.Note != "b's note" || stored.Tag != annotation.Opinion {
		t.Errorf("got stored %+v, %v, want the merged record", stored, err)
	}

	// A removal reaches the other tab.
	if _, err := b.w.Delete(id); err != nil {
		t.Fatal(err)
	}
	deliver(t, b, a)
	if _, ok := a.w.Get(id); ok {
		t.Error("got the annotation still in tab a after tab b removed it")
	}
	if recs, _ := store.All(context.Background()); len(recs) != 0 {
		t.Errorf("got %d stored, want none", len(recs))
	}
}

func TestAnEditAfterARemovalElsewhereKeepsTheAnnotation(t *testing.T) {
	c := v1()
	store := storage.NewMemory()
	clk := newClock()
	a, b := newTab(t, "a", c, store, clk), newTab(t, "b", c, store, clk)
	out, _ := a.w.Tag(c.span(t, "report", claim), annotation.Fact)
	deliver(t, a, b)
	a.w.Delete(out.ID)
	a.sv.Flush()
	a.sv.Wait()
	b.w.Note(out.ID, "written after the removal, unaware of it")
	b.w.EndEdit()
	deliver(t, a, b) // the removal arrives after b's edit
	if noteOf(t, b, out.ID) == "" || len(b.notices) != 1 || !strings.Contains(b.notices[0].Message, "it is kept") {
		t.Fatalf("got notices %v, want the annotation kept in tab b and b told", b.notices)
	}
	deliver(t, b, a)
	if got := noteOf(t, a, out.ID); got != "written after the removal, unaware of it" {
		t.Errorf("got %q in tab a, want the annotation back with b's note", got)
	}
	if recs, _ := store.All(context.Background()); len(recs) != 1 {
		t.Errorf("got %d stored, want the kept annotation", len(recs))
	}
}

func TestSavingThroughAStoreThatFails(t *testing.T) {
	c := v1()
	store := storage.NewMemory()
	sv := storage.NewSaver(store, storage.Options{})
	w := New(c, Options{Sink: sv, Creator: "Ada"})
	openAll(t, w)
	store.SetFail(errors.New("QuotaExceededError: the quota has been exceeded"))
	out, err := w.Tag(c.span(t, "report", claim), annotation.Fact)
	if err != nil {
		t.Fatal(err)
	}
	w.Note(out.ID, "typed while the disk is full")
	w.EndEdit()
	sv.Flush()
	sv.Wait()
	st := sv.Status()
	if st.State != storage.Failed || !strings.Contains(st.Err, "QuotaExceededError") || st.Unsaved != 1 {
		t.Fatalf("got status %+v, want failed with the reason and the change kept", st)
	}
	exp, err := w.Export(annotation.Filter{}, time.Now()).Marshal()
	if err != nil || !strings.Contains(string(exp), "typed while the disk is full") {
		t.Errorf("got export %v without the note, want it exportable", err)
	}
	if un := sv.Unsaved(); len(un) != 1 || un[0].Key != out.ID || !strings.Contains(string(un[0].Rec), "typed while") {
		t.Errorf("got unsaved %+v, want the annotation's latest record", un)
	}
	store.SetFail(nil)
	sv.Retry()
	sv.Wait()
	if st := sv.Status(); st.State != storage.Saved {
		t.Errorf("got %+v after the storage recovered, want saved", st)
	}
	recs, _ := store.All(context.Background())
	if r, err := DecodeRecord(recs[out.ID]); err != nil || r.Note != "typed while the disk is full" {
		t.Errorf("got stored %+v, %v", r, err)
	}
}

func TestRecoverWhatAClosingPageKeptAside(t *testing.T) {
	c := v1()
	store := storage.NewMemory()
	clk := newClock()
	a := newTab(t, "a", c, store, clk)
	kept, _ := a.w.Tag(c.span(t, "report", outlook), annotation.Forecast)
	gone, _ := a.w.Tag(c.span(t, "report", margin), annotation.Opinion)
	a.sv.Wait()
	// The page closes with a note still waiting for the typing to pause,
	// a new tag and a removal in flight: it keeps them aside.
	out, _ := a.w.Tag(c.span(t, "report", claim), annotation.Fact)
	_ = out
	a.w.Note(kept.ID, "typed just before the reload")
	a.w.Delete(gone.ID)
	unsaved := a.sv.Unsaved()
	at := a.w.Now()
	if len(unsaved) == 0 {
		t.Fatal("nothing unsaved to keep aside")
	}
	// The store only got part of it (the note never was written).
	b := newTab(t, "b", c, store, clk)
	for _, u := range unsaved {
		if err := b.w.Recover(u.Key, u.Rec, at); err != nil {
			t.Fatal(err)
		}
	}
	b.sv.Wait()
	if got, want := summary(b.w, "report"), outlook+"=forecast:typed just before the reload | "+claim+"=fact"; got != want {
		t.Errorf("got %q after recovery, want %q", got, want)
	}
	recs, _ := store.All(context.Background())
	if len(recs) != 2 {
		t.Errorf("got %d stored, want the two left", len(recs))
	}
	// Recovering the same again changes nothing.
	for _, u := range unsaved {
		b.w.Recover(u.Key, u.Rec, at)
	}
	if got := len(b.w.Items()); got != 2 {
		t.Errorf("got %d after recovering twice, want 2", got)
	}
}

func TestLoadSkipsUnreadableRecordsAndLeavesThem(t *testing.T) {
	w := New(v1(), Options{})
	w.Load(map[string][]byte{"urn:x": []byte(`{"v":99}`), "urn:y": []byte(`not json`)})
	if got := w.Unreadable(); len(got) != 2 || !errors.Is(got[0], annotation.ErrVersion) {
		t.Errorf("got %v, want both named, the first from a newer version", got)
	}
	if w.Len() != 0 {
		t.Errorf("got %d annotations, want none", w.Len())
	}
}

func TestRecordsOfEarlierVersionsLoad(t *testing.T) {
	a := annotation.Annotation{ID: "urn:old", Tag: annotation.Fact, Creator: "Ada", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := v1()
	sp := c.span(t, "report", claim)
	anc, err := annotation.NewAnchor("report", "", c.cs["report"].Text, sp.Start, sp.End)
	if err != nil {
		t.Fatal(err)
	}
	a.Anchor = anc
	v1rec, err := annotation.EncodeRecord(a) // no corpus, no stamps
	if err != nil {
		t.Fatal(err)
	}
	w := New(c, Options{Creator: "Ada"})
	w.Load(map[string][]byte{a.ID: v1rec})
	if rep := w.Reanchor(context.Background()); rep.Exact != 1 {
		t.Errorf("got %+v, want the old record checked and exact", rep)
	}
	if it, ok := w.Get(a.ID); !ok || !it.Placed() || it.Confirm {
		t.Errorf("got %+v, want it placed", it)
	}
}
