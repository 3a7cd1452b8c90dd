//go:build !(js && wasm)

package chrome

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/claimtag/claimtag/app/workspace"
)

var testIndex = apptest.Index

// firstSentence tags the EBITDA passage's first sentence in s.
func firstSentence(t *testing.T, s *Session) workspace.Outcome {
	t.Helper()
	doc := s.WS.Documents()[0].ID
	c, err := s.WS.Open(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Passages {
		if strings.Contains(p.Text, "EBITDA") {
			st := p.Sentences[0]
			out, err := s.WS.Tag(workspace.Span{Doc: doc, Start: st.Start, End: st.End}, annotation.Fact)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	t.Fatal("no EBITDA passage")
	return workspace.Outcome{}
}

// frozen is a store whose writes are never acknowledged in time: a page
// reloaded before IndexedDB answered. Its writes fail, which leaves the
// changes unsaved.
type frozen struct{ *storage.Memory }

func (f frozen) Put(context.Context, string, []byte) error {
	return errors.New("the page is gone before IndexedDB answered")
}

func TestHiddenPageKeepsItsUnsavedChangesForTheNextLoad(t *testing.T) {
	ix := testIndex(t)
	e, ctx := apptest.Engine(t)
	ctx.LocalStorage().Set(CreatorKey, "Ada")
	mem := storage.NewMemory()
	s := OpenSession(ctx, NewCorpus(ix), ix, func() (storage.Store, error) { return frozen{mem}, nil })
	s.live()
	out := firstSentence(t, s)
	s.WS.Note(out.ID, "typed just before the reload")
	var committed bool
	s.OnHide(func() { committed = true })
	s.hide()
	s.Saver.Wait()
	e.ConsumeAll()
	if !committed {
		t.Error("got the page's hook not run, want it run before keeping the changes aside")
	}
	var kept []string
	ctx.LocalStorage().ForEach(func(k string) {
		if strings.HasPrefix(k, unsavedPrefix) {
			kept = append(kept, k)
		}
	})
	if len(kept) != 1 {
		t.Fatalf("got local storage keys %v, want one for this tab", kept)
	}

	// The next load, on a store that works, gets the note back and saves it.
	back := OpenSession(ctx, NewCorpus(ix), ix, func() (storage.Store, error) { return mem, nil })
	back.live()
	back.Saver.Wait()
	e.ConsumeAll()
	it, ok := back.WS.Get(out.ID)
	if !ok || it.Note != "typed just before the reload" || it.Creator != "Ada" {
		t.Fatalf("got %+v, %v after the reload, want the note back", it, ok)
	}
	recs, _ := mem.All(context.Background())
	if r, err := workspace.DecodeRecord(recs[out.ID]); err != nil || r.Note != "typed just before the reload" {
		t.Errorf("got stored %+v, %v, want the recovered note written", r, err)
	}
	e.ConsumeAll()
	if ctx.LocalStorage().Contains(kept[0]) {
		t.Error("got the kept changes still in local storage once saved, want them gone")
	}
	var st storage.Status
	ctx.GetState(StateSaved, &st)
	if st.State != storage.Saved {
		t.Errorf("got published status %+v, want saved", st)
	}
}

func TestStorageThatCannotOpenKeepsWorkingAndSaysSo(t *testing.T) {
	ix := testIndex(t)
	e, ctx := apptest.Engine(t)
	ctx.LocalStorage().Set(CreatorKey, "Ada")
	s := OpenSession(ctx, NewCorpus(ix), ix, func() (storage.Store, error) {
		return nil, errors.New("open indexeddb claimtag: SecurityError: access denied")
	})
	s.live()
	out := firstSentence(t, s)
	s.Saver.Wait()
	e.ConsumeAll()
	var st storage.Status
	ctx.GetState(StateSaved, &st)
	if st.State != storage.Failed || !strings.Contains(st.Err, "SecurityError") || st.Unsaved != 1 {
		t.Errorf("got %+v, want failed with the reason and the change kept", st)
	}
	data, err := ExportData(s.WS, "json", "", annotation.Filter{}, time.Now())
	if err != nil || !strings.Contains(string(data), out.ID) {
		t.Errorf("got export %v without the annotation, want it offered", err)
	}
}

func TestTabsFollowEachOtherAndAreToldOfLostNotes(t *testing.T) {
	ix := testIndex(t)
	e, ctx := apptest.Engine(t)
	ctx.LocalStorage().Set(CreatorKey, "Ada")
	mem := storage.NewMemory()
	var posted []string
	open := func() (storage.Store, error) { return mem, nil }
	a := OpenSession(ctx, NewCorpus(ix), ix, open)
	b := OpenSession(ctx, NewCorpus(ix), ix, open)
	a.live()
	b.live()
	post := func(from *Session, key string) string {
		from.Saver.Wait()
		recs, _ := mem.All(context.Background())
		m, _ := json.Marshal(wire{Key: key, Rec: string(recs[key])})
		posted = append(posted, string(m))
		return string(m)
	}
	out := firstSentence(t, a)
	b.receive(post(a, out.ID))
	if _, ok := b.WS.Get(out.ID); !ok {
		t.Fatal("got tab b without tab a's annotation")
	}
	b.WS.Note(out.ID, "b's note")
	b.Flush()
	b.Saver.Wait()
	time.Sleep(3 * time.Millisecond)
	a.WS.Note(out.ID, "a's later note")
	a.Flush()
	b.receive(post(a, out.ID))
	e.ConsumeAll()
	if it, _ := b.WS.Get(out.ID); it.Note != "a's later note" {
		t.Errorf("got %q in tab b, want a's later note", it.Note)
	}
	if ns := b.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "Yours was: “b's note”") {
		t.Errorf("got notices %q, want tab b told, with its note", ns)
	}
	b.Dismiss(0)
	if ns := b.Notices(); len(ns) != 0 {
		t.Errorf("got %q after dismissing, want none", ns)
	}
	b.receive("not json")
	b.receive(`{"key":"x","rec":"{\"v\":99}"}`)
	if ns := b.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "could not be read") {
		t.Errorf("got %q for a broken message, want it said", ns)
	}
}
