package desk

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
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

// The unit keys of twoAnnotators' spans: the agreed fact, the disputed one.
const (
	factKey    = "0-22@d1"
	disputeKey = "47-77@d1"
)

// decided lists "key=label" for every decided span of d, in queue order.
func decided(d *Desk) string {
	var out []string
	for _, it := range d.Items() {
		if it.Decided() {
			label := string(it.Decision.Label)
			if it.Decision.Dropped {
				label = "dropped"
			}
			out = append(out, it.Unit.Key+"="+label)
		}
	}
	return strings.Join(out, " ")
}

// ids lists the ids of d's annotations.
func ids(d *Desk) string {
	var out []string
	for _, a := range d.Annotations() {
		out = append(out, a.ID)
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

	if err := d.Decide(disputeKey, annotation.Forecast, "guidance", "Rita", reviewTime); err != nil {
		t.Fatal(err)
	}
	if n, err := d.AcceptUnanimous("Rita", reviewTime); n != 1 || err != nil {
		t.Fatalf("got %d accepted, %v, want 1", n, err)
	}
	sv.Wait()
	if st := sv.Status(); st.State != storage.Saved {
		t.Fatalf("got status %+v, want saved", st)
	}
	recs, _ = store.All(context.Background())
	if string(recs[RecAnnotations]) != written {
		t.Error("got the annotations rewritten for a decision, want only the decision's record")
	}
	dec, err := adjudicate.ParseDecision(recs[DecisionRecord(disputeKey)])
	if err != nil || dec.Label != annotation.Forecast || dec.Note != "guidance" || len(dec.Sources) != 2 {
		t.Errorf("got decision record %+v, %v, want the forecast with its note and both annotators", dec, err)
	}

	back, bsv, o := openDesk(t, store, nil, nil)
	want := disputeKey + "=forecast " + factKey + "=fact"
	if got := decided(back); got != want || o.Warning != "" {
		t.Errorf("got %q (warning %q), want %q", got, o.Warning, want)
	}
	if got, want := len(back.Files), 2; got != want {
		t.Errorf("got %d reports, want %d", got, want)
	}
	// The history is the tab's: after a reload a new decision can be
	// undone, and removing a decision deletes its record.
	if back.CanUndo() {
		t.Error("got an undo offered for decisions taken before the reload")
	}
	if err := back.Drop(disputeKey, "not a claim", "Rita", reviewTime); err != nil {
		t.Fatal(err)
	}
	if !back.Undo() || decided(back) != want {
		t.Fatalf("undo: got %q, want %q", decided(back), want)
	}
	if err := back.Undecide(disputeKey); err != nil {
		t.Fatal(err)
	}
	bsv.Wait()
	recs, _ = store.All(context.Background())
	if _, ok := recs[DecisionRecord(disputeKey)]; ok {
		t.Errorf("got the record of an undone decision kept: %s", recs[DecisionRecord(disputeKey)])
	}
	if d, _, _ := openDesk(t, store, nil, nil); decided(d) != factKey+"=fact" {
		t.Errorf("after a second visit got %q, want only the fact decided", decided(d))
	}
}

func TestSaveFailureIsShownAndRecovered(t *testing.T) {
	store := storage.NewMemory()
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	sv.Wait()

	store.SetFail(errors.New("QuotaExceededError"))
	if err := d.Decide(factKey, annotation.Fact, "", "Rita", reviewTime); err != nil {
		t.Fatal(err)
	}
	sv.Wait()
	if st := sv.Status(); st.State != storage.Failed || !strings.Contains(st.Err, "QuotaExceededError") {
		t.Errorf("got %+v, want failed with the quota error", st)
	}
	if got := decided(d); got != factKey+"=fact" {
		t.Errorf("got %q, want the decision kept in the tab", got)
	}
	store.SetFail(nil)
	sv.Retry()
	sv.Wait()
	if st := sv.Status(); st.State != storage.Saved {
		t.Errorf("got %+v after a retry, want saved", st)
	}
	if back, _, _ := openDesk(t, store, nil, nil); decided(back) != factKey+"=fact" {
		t.Errorf("got %q", decided(back))
	}
}

// legacyJSON is what version 1 saved in local storage: ann's and bob's
// annotations (b2 rejected, a status no longer used), two reports.
func legacyJSON(t *testing.T) []byte {
	d := twoAnnotators(t)
	as := d.Annotations()
	as[len(as)-1].Status = annotation.Rejected
	b, err := json.Marshal(legacyReview{Version: 1, Annotations: as, Files: d.Files})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRead(t *testing.T) {
	newer := map[string][]byte{RecAnnotations: []byte(`{"version":3,"gen":1,"annotations":[]}`)}
	two := mustJSON(t, annotationsRecord{Version: Version, Gen: 1, Annotations: twoAnnotators(t).Annotations()})
	const all = "urn:a1 urn:b1 urn:a2 urn:b2"
	tests := []struct {
		name    string
		recs    map[string][]byte
		openErr error
		fail    bool   // the store fails every call
		legacy  []byte // local storage holds this
		ids     string // after opening
		decided string
		state   storage.State
		saveErr string
		warning string // of Read, or of the desk
		migrate bool
		drop    bool
		untouch bool // the store must be as it was after a save
	}{
		{name: "nothing saved opens an empty review", state: storage.Idle},
		{name: "version 1's review in local storage is moved here", legacy: legacyJSON(t), ids: all, state: storage.Saved, migrate: true},
		{name: "a review of an unknown format is left untouched and said so", recs: newer, legacy: legacyJSON(t),
			state: storage.Failed, saveErr: "another version of claimtag", untouch: true},
		{name: "without IndexedDB the review is kept in memory and said so", openErr: errors.New("open indexeddb: not supported"),
			legacy: legacyJSON(t), ids: all, state: storage.Failed, saveErr: "storage is unavailable"},
		{name: "a store that cannot be read is left alone", fail: true, state: storage.Failed, saveErr: "could not be read"},
		{name: "version 2's accept and reject statuses are ignored", recs: map[string][]byte{RecAnnotations: two,
			"decisions": []byte(`{"version":2,"gen":1,"decisions":{"urn:a1":"rejected"}}`)}, ids: all, state: storage.Idle},
		{name: "a decision record that cannot be read is left and said so", recs: map[string][]byte{RecAnnotations: two,
			DecisionRecord(factKey): []byte(`{"version":1,"key":"0-22@d1","label":"rumour"}`)}, ids: all, state: storage.Idle,
			warning: "1 saved decisions could not be read"},
		{name: "a saved review makes the old local storage entry go", recs: map[string][]byte{RecAnnotations: two},
			legacy: legacyJSON(t), ids: all, state: storage.Idle, drop: true},
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
			if got := ids(d); got != tt.ids {
				t.Errorf("got %q, want %q", got, tt.ids)
			}
			if got := decided(d); got != tt.decided {
				t.Errorf("got decided %q, want %q", got, tt.decided)
			}
			st := sv.Status()
			if st.State != tt.state {
				t.Errorf("got state %q, want %q", st.State, tt.state)
			}
			if (tt.saveErr == "") != (st.Err == "") || !strings.Contains(st.Err, tt.saveErr) {
				t.Errorf("got save error %q, want %q", st.Err, tt.saveErr)
			}
			warning := o.Warning + d.Warning
			if (tt.warning == "") != (warning == "") || !strings.Contains(warning, tt.warning) {
				t.Errorf("got warning %q, want %q", warning, tt.warning)
			}
			if o.Migrate != tt.migrate || o.DropLegacy != tt.drop {
				t.Errorf("got migrate %v, drop %v, want %v, %v", o.Migrate, o.DropLegacy, tt.migrate, tt.drop)
			}
			if tt.migrate {
				if back, _, _ := openDesk(t, store, nil, nil); ids(back) != tt.ids {
					t.Errorf("after migrating got %q, want %q", ids(back), tt.ids)
				}
			}
			if tt.untouch {
				d.Import(Upload{Name: "c.json", Data: exportFile(t, tagged(t, "urn:c1", "cat", annotation.Fact, "the CFO said"))})
				sv.Wait()
				if recs, _ := store.All(context.Background()); string(recs[RecAnnotations]) != string(tt.recs[RecAnnotations]) {
					t.Errorf("got stored %s, want it untouched", recs[RecAnnotations])
				}
			}
			for k, b := range tt.recs { // what could not be read stays
				if recs, _ := store.All(context.Background()); !tt.fail && string(recs[k]) != string(b) && k != RecAnnotations {
					t.Errorf("got record %s changed to %s", k, recs[k])
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

// A saved annotation that no longer validates (written by another version,
// say) is not shown, is named in the warning, and stays in storage when the
// desk saves its annotations again.
func TestRestoreKeepsInvalidAnnotations(t *testing.T) {
	ctx := context.Background()
	store := storage.NewMemory()
	d, sv, _ := openDesk(t, store, nil, nil)
	importTwo(t, d)
	sv.Wait()
	recs, _ := store.All(ctx)
	var rec annotationsRecord
	if err := json.Unmarshal(recs[RecAnnotations], &rec); err != nil {
		t.Fatal(err)
	}
	bad := rec.Annotations[0].ID
	rec.Annotations[0].Tag = "rumour"
	b, _ := json.Marshal(rec)
	if err := store.Put(ctx, RecAnnotations, b); err != nil {
		t.Fatal(err)
	}

	back, bsv, _ := openDesk(t, store, nil, nil)
	if !strings.Contains(back.Warning, "1 saved annotations are not valid") || !strings.Contains(back.Warning, bad) {
		t.Errorf("got warning %q, want the invalid annotation %s named", back.Warning, bad)
	}
	if strings.Contains(" "+ids(back)+" ", " "+bad+" ") {
		t.Errorf("got %s shown, want it left out", bad)
	}
	back.saveAll()
	bsv.Wait()
	recs, _ = store.All(ctx)
	if err := json.Unmarshal(recs[RecAnnotations], &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Annotations) != len(d.Annotations()) || !strings.Contains(string(recs[RecAnnotations]), `"rumour"`) {
		t.Errorf("after saving again got %d annotations stored, want %d with the invalid one kept", len(rec.Annotations), len(d.Annotations()))
	}
}
