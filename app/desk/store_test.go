package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/storage"
)

// openDesk opens a desk over reviewCorpus as the app does: it reads store
// (or fails to open it with openErr) and the legacy local storage entry,
// restores what it found and saves to it from then on, through a Saver.
func openDesk(t *testing.T, store storage.Store, openErr error, legacy []byte) (*Desk, *storage.Saver, Opening) {
	t.Helper()
	o := Read(context.Background(), func() (storage.Store, error) { return store, openErr }, legacy)
	d := New(reviewCorpus(), "fp")
	d.Restore(o.Saved)
	sv := storage.NewSaver(o.Store, storage.Options{Order: Records, MaxRecord: MaxSaved})
	d.SaveTo(sv, o.Migrate)
	sv.Wait()
	return d, sv, o
}

// decideAll records decisions.
func decideAll(t *testing.T, d *Desk, decs ...decision) {
	t.Helper()
	for _, dec := range decs {
		if err := d.Decide(dec.ID, dec.Status); err != nil {
			t.Fatal(err)
		}
	}
}

// statuses lists "id:status" for every annotation of d.
func statuses(d *Desk) string {
	var out []string
	for _, a := range d.Annotations() {
		out = append(out, a.ID+":"+string(a.Status))
	}
	return strings.Join(out, " ")
}

func TestSaveRestore(t *testing.T) {
	store := storage.NewMemory()
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	sv.Wait()
	recs, _ := store.All(context.Background())
	written := string(recs[RecAnnotations])

	decideAll(t, d, decision{"urn:b2", annotation.Rejected}, decision{"urn:a1", annotation.Accepted})
	sv.Wait()
	if st := sv.Status(); st.State != storage.Saved {
		t.Fatalf("got status %+v, want saved", st)
	}
	recs, _ = store.All(context.Background())
	if string(recs[RecAnnotations]) != written {
		t.Error("got the annotations rewritten for a decision, want only the decisions record")
	}
	var dr decisionsRecord
	if err := json.Unmarshal(recs[RecDecisions], &dr); err != nil || len(dr.Decisions) != 2 {
		t.Errorf("got decisions record %s, %v, want 2 decisions", recs[RecDecisions], err)
	}

	back, bsv, _ := openDesk(t, store, nil, nil)
	want := "urn:a1:accepted urn:b1: urn:a2: urn:b2:rejected"
	if got := statuses(back); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := len(back.Files), 2; got != want {
		t.Errorf("got %d reports, want %d", got, want)
	}
	// Decisions taken after a restore add to the restored ones.
	decideAll(t, back, decision{"urn:a2", annotation.Accepted})
	bsv.Wait()
	want = "urn:a1:accepted urn:b1: urn:a2:accepted urn:b2:rejected"
	if d, _, _ := openDesk(t, store, nil, nil); statuses(d) != want {
		t.Errorf("after a second visit got %q, want %q", statuses(d), want)
	}
}

func TestSaveFoldsManyDecisions(t *testing.T) {
	store := storage.NewMemory()
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	for i := range Fold {
		d.saving.decided(fmt.Sprintf("urn:x%d", i), annotation.Accepted)
	}
	gen := d.saving.gen
	decideAll(t, d, decision{"urn:a1", annotation.Accepted})
	sv.Wait()
	if d.saving.gen != gen+1 || len(d.saving.delta) != 0 {
		t.Errorf("got generation %d and %d decisions apart, want %d and 0", d.saving.gen, len(d.saving.delta), gen+1)
	}
	recs, _ := store.All(context.Background())
	var dr decisionsRecord
	if err := json.Unmarshal(recs[RecDecisions], &dr); err != nil || dr.Gen != gen+1 || len(dr.Decisions) != 0 {
		t.Errorf("got decisions record %s, want none apart at generation %d", recs[RecDecisions], gen+1)
	}
}

func TestSaveFailureIsShownAndRecovered(t *testing.T) {
	store := storage.NewMemory()
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	sv.Wait()

	store.SetFail(errors.New("QuotaExceededError"))
	decideAll(t, d, decision{"urn:a1", annotation.Accepted})
	sv.Wait()
	if st := sv.Status(); st.State != storage.Failed || !strings.Contains(st.Err, "QuotaExceededError") {
		t.Errorf("got %+v, want failed with the quota error", st)
	}
	store.SetFail(nil)
	decideAll(t, d, decision{"urn:b2", annotation.Rejected})
	sv.Wait()
	if st := sv.Status(); st.State != storage.Saved {
		t.Errorf("got %+v after a good write, want saved", st)
	}
	if back, _, _ := openDesk(t, store, nil, nil); statuses(back) != "urn:a1:accepted urn:b1: urn:a2: urn:b2:rejected" {
		t.Errorf("got %q", statuses(back))
	}
}

// refusing is a Memory that refuses one key.
type refusing struct {
	*storage.Memory
	key string
}

func (r refusing) Put(ctx context.Context, key string, rec []byte) error {
	if key == r.key {
		return errors.New("QuotaExceededError")
	}
	return r.Memory.Put(ctx, key, rec)
}

func TestDecisionsWaitForTheirAnnotations(t *testing.T) {
	store := refusing{Memory: storage.NewMemory(), key: RecAnnotations}
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	decideAll(t, d, decision{"urn:a1", annotation.Accepted})
	sv.Wait()
	recs, _ := store.All(context.Background())
	if len(recs) != 0 {
		t.Errorf("got records %q, want none: decisions of unsaved annotations are held back", recs)
	}
	if st := sv.Status(); st.State != storage.Failed {
		t.Errorf("got %+v, want failed", st)
	}
}

// legacyJSON is what version 1 saved in local storage: ann's and bob's
// annotations, b2 rejected, two reports.
func legacyJSON(t *testing.T) []byte {
	d := twoAnnotators(t)
	decideAll(t, d, decision{"urn:b2", annotation.Rejected})
	b, err := json.Marshal(legacyReview{Version: 1, Annotations: d.Annotations(), Files: d.Files})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRead(t *testing.T) {
	newer := map[string][]byte{RecAnnotations: []byte(`{"version":3,"gen":1,"annotations":[]}`)}
	tests := []struct {
		name     string
		recs     map[string][]byte
		openErr  error
		fail     bool   // the store fails every call
		legacy   []byte // local storage holds this
		statuses string // after opening
		state    storage.State
		saveErr  string
		warning  string
		migrate  bool
		drop     bool
		untouch  bool // the store must be as it was after a save
	}{
		{name: "nothing saved opens an empty review", state: storage.Idle},
		{name: "version 1's review in local storage is moved here", legacy: legacyJSON(t),
			statuses: "urn:a1: urn:b1: urn:a2: urn:b2:rejected", state: storage.Saved, migrate: true},
		{name: "a review of an unknown format is left untouched and said so", recs: newer, legacy: legacyJSON(t),
			state: storage.Failed, saveErr: "another version of claimtag", untouch: true},
		{name: "without IndexedDB the review is kept in memory and said so", openErr: errors.New("open indexeddb: not supported"),
			legacy: legacyJSON(t), statuses: "urn:a1: urn:b1: urn:a2: urn:b2:rejected", state: storage.Failed, saveErr: "storage is unavailable"},
		{name: "a store that cannot be read is left alone", fail: true,
			state: storage.Failed, saveErr: "could not be read"},
		{name: "decisions older than the annotations are ignored", recs: map[string][]byte{
			RecAnnotations: mustJSON(t, annotationsRecord{Version: Version, Gen: 2, Annotations: twoAnnotators(t).Annotations()}),
			RecDecisions:   mustJSON(t, decisionsRecord{Version: Version, Gen: 1, Decisions: map[string]annotation.Status{"urn:a1": annotation.Rejected}}),
		}, statuses: "urn:a1: urn:b1: urn:a2: urn:b2:", state: storage.Idle},
		{name: "a saved review makes the old local storage entry go", recs: map[string][]byte{
			RecAnnotations: mustJSON(t, annotationsRecord{Version: Version, Gen: 1, Annotations: twoAnnotators(t).Annotations()}),
		}, legacy: legacyJSON(t), statuses: "urn:a1: urn:b1: urn:a2: urn:b2:", state: storage.Idle, drop: true},
		{name: "an unreadable old review is left in local storage and said so", legacy: []byte(`{"version":7}`),
			state: storage.Idle, warning: "could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := storage.NewMemory()
			for id, b := range tt.recs {
				store.Put(context.Background(), id, b)
			}
			if tt.fail {
				store.SetFail(errors.New("UnknownError"))
			}
			d, sv, o := openDesk(t, store, tt.openErr, tt.legacy)
			if got := statuses(d); got != tt.statuses {
				t.Errorf("got %q, want %q", got, tt.statuses)
			}
			st := sv.Status()
			if st.State != tt.state {
				t.Errorf("got state %q, want %q", st.State, tt.state)
			}
			if (tt.saveErr == "") != (st.Err == "") || !strings.Contains(st.Err, tt.saveErr) {
				t.Errorf("got save error %q, want %q", st.Err, tt.saveErr)
			}
			if (tt.warning == "") != (o.Warning == "") || !strings.Contains(o.Warning, tt.warning) {
				t.Errorf("got warning %q, want %q", o.Warning, tt.warning)
			}
			if o.Migrate != tt.migrate || o.DropLegacy != tt.drop {
				t.Errorf("got migrate %v, drop %v, want %v, %v", o.Migrate, o.DropLegacy, tt.migrate, tt.drop)
			}
			if tt.migrate {
				if back, _, _ := openDesk(t, store, nil, nil); statuses(back) != tt.statuses {
					t.Errorf("after migrating got %q, want %q", statuses(back), tt.statuses)
				}
			}
			if tt.untouch {
				d.Import(Upload{Name: "c.json", Data: exportFile(t, tagged(t, "urn:c1", "cat", annotation.Fact, "the CFO said"))})
				sv.Wait()
				if recs, _ := store.All(context.Background()); string(recs[RecAnnotations]) != string(tt.recs[RecAnnotations]) {
					t.Errorf("got stored %s, want it untouched", recs[RecAnnotations])
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
