package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// newHarness returns a test engine with a live context.
func newHarness(t *testing.T) (app.TestEngine, *ctxHarness) {
	t.Helper()
	e := app.NewTestEngine()
	h := &ctxHarness{}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return e, h
}

// openTestDesk opens a desk over reviewCorpus as openReviewDesk does: it
// reads store (or fails to open it with openErr) and the legacy local
// storage entry, then waits for any migration to be written.
func openTestDesk(t *testing.T, e app.TestEngine, h *ctxHarness, store browser.Store, openErr error) *reviewDesk {
	t.Helper()
	var legacy json.RawMessage
	if h.ctx.LocalStorage().Get(reviewKey, &legacy) != nil || len(legacy) == 0 {
		legacy = nil
	}
	o := readReview(context.Background(), func() (browser.Store, error) { return store, openErr }, legacy)
	d := newReviewDesk(reviewCorpus(), "fp")
	d.open(h.ctx, o)
	e.ConsumeAll()
	return d
}

// decideAndSave records decisions as handleDecide does.
func decideAndSave(t *testing.T, d *reviewDesk, decs ...reviewDecision) {
	t.Helper()
	for _, dec := range decs {
		if err := d.decide(dec.ID, dec.Status); err != nil {
			t.Fatal(err)
		}
		d.saveDecisions()
	}
}

// statuses lists "id:status" for every annotation of d.
func statuses(d *reviewDesk) string {
	var out []string
	for _, a := range d.rv.Annotations() {
		out = append(out, a.ID+":"+string(a.Status))
	}
	return strings.Join(out, " ")
}

func TestSaveRestore(t *testing.T) {
	e, h := newHarness(t)
	store := browser.NewMemStore()
	d := openTestDesk(t, e, h, store, nil)
	imported := twoAnnotators(t)
	d.rv, d.Files = imported.rv, imported.Files
	d.saveAll()
	e.ConsumeAll()
	recs, _ := store.All(context.Background())
	written := string(recs[recAnnotations])

	decideAndSave(t, d, reviewDecision{"urn:b2", annotation.Rejected}, reviewDecision{"urn:a1", annotation.Accepted})
	e.ConsumeAll()
	if got := d.saveStatus(); got != saveSaved || d.SaveErr != "" {
		t.Fatalf("got status %q, error %q, want saved", got, d.SaveErr)
	}
	recs, _ = store.All(context.Background())
	if string(recs[recAnnotations]) != written {
		t.Error("got the annotations rewritten for a decision, want only the decisions record")
	}
	var dr decisionsRecord
	if err := json.Unmarshal(recs[recDecisions], &dr); err != nil || len(dr.Decisions) != 2 {
		t.Errorf("got decisions record %s, %v, want 2 decisions", recs[recDecisions], err)
	}

	back := openTestDesk(t, e, h, store, nil)
	want := "urn:a1:accepted urn:b1: urn:a2: urn:b2:rejected"
	if got := statuses(back); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := len(back.Files), 2; got != want {
		t.Errorf("got %d reports, want %d", got, want)
	}
	// Decisions taken after a restore add to the restored ones.
	decideAndSave(t, back, reviewDecision{"urn:a2", annotation.Accepted})
	e.ConsumeAll()
	want = "urn:a1:accepted urn:b1: urn:a2:accepted urn:b2:rejected"
	if got := statuses(openTestDesk(t, e, h, store, nil)); got != want {
		t.Errorf("after a second visit got %q, want %q", got, want)
	}
}

func TestSaveFoldsManyDecisions(t *testing.T) {
	e, h := newHarness(t)
	store := browser.NewMemStore()
	d := openTestDesk(t, e, h, store, nil)
	imported := twoAnnotators(t)
	d.rv = imported.rv
	d.saveAll()
	for i := range reviewFold {
		d.saving.decided(fmt.Sprintf("urn:x%d", i), annotation.Accepted)
	}
	gen := d.saving.gen
	d.saveDecisions()
	e.ConsumeAll()
	if d.saving.gen != gen+1 || len(d.saving.delta) != 0 {
		t.Errorf("got generation %d and %d decisions apart, want %d and 0", d.saving.gen, len(d.saving.delta), gen+1)
	}
	recs, _ := store.All(context.Background())
	var dr decisionsRecord
	if err := json.Unmarshal(recs[recDecisions], &dr); err != nil || dr.Gen != gen+1 || len(dr.Decisions) != 0 {
		t.Errorf("got decisions record %s, want none apart at generation %d", recs[recDecisions], gen+1)
	}
}

func TestSaveFailureIsShownAndRecovered(t *testing.T) {
	e, h := newHarness(t)
	store := browser.NewMemStore()
	d := openTestDesk(t, e, h, store, nil)
	imported := twoAnnotators(t)
	d.rv = imported.rv
	d.saveAll()
	e.ConsumeAll()

	store.Fail = errors.New("QuotaExceededError")
	decideAndSave(t, d, reviewDecision{"urn:a1", annotation.Accepted})
	e.ConsumeAll()
	if !strings.Contains(d.SaveErr, "QuotaExceededError") || d.saveStatus() != saveFailed {
		t.Errorf("got error %q, status %q, want the quota error, failed", d.SaveErr, d.saveStatus())
	}
	var pub deskState
	h.ctx.GetState(stateReview, &pub)
	if pub.Desk != d {
		t.Error("got the failure unpublished, want the desk republished")
	}

	store.Fail = nil
	decideAndSave(t, d, reviewDecision{"urn:b2", annotation.Rejected})
	e.ConsumeAll()
	if d.SaveErr != "" {
		t.Errorf("got error %q after a good write, want none", d.SaveErr)
	}
	if got, want := statuses(openTestDesk(t, e, h, store, nil)), "urn:a1:accepted urn:b1: urn:a2: urn:b2:rejected"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// manualAsync runs the writer only when told, to make bursts.
type manualAsync struct{ fs []func() }

func (m *manualAsync) async(f func()) { m.fs = append(m.fs, f) }
func (m *manualAsync) run() {
	for len(m.fs) > 0 {
		f := m.fs[0]
		m.fs = m.fs[1:]
		f()
	}
}

// putLog is a Store that logs what each Put wrote.
type putLog struct {
	*browser.MemStore
	mu   sync.Mutex
	puts []string
}

func (s *putLog) Put(ctx context.Context, id string, rec []byte) error {
	s.mu.Lock()
	s.puts = append(s.puts, id+"="+string(rec))
	s.mu.Unlock()
	return s.MemStore.Put(ctx, id, rec)
}

func TestSaverCoalescesInOrder(t *testing.T) {
	rec := func(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }
	tests := []struct {
		name    string
		batches []map[string]func() ([]byte, error)
		want    string
		errs    []string
	}{
		{name: "a burst writes the latest once",
			batches: []map[string]func() ([]byte, error){{recDecisions: rec("1")}, {recDecisions: rec("2")}, {recDecisions: rec("3")}},
			want:    "decisions=3", errs: []string{""}},
		{name: "annotations are written before their decisions, whatever the queueing order",
			batches: []map[string]func() ([]byte, error){{recDecisions: rec("d1"), recFiles: rec("f1")}, {recAnnotations: rec("a2"), recDecisions: rec("d2")}},
			want:    "annotations=a2 decisions=d2 files=f1", errs: []string{""}},
		{name: "a record over the limit is refused",
			batches: []map[string]func() ([]byte, error){{recAnnotations: rec(strings.Repeat("x", 11))}},
			want:    "", errs: []string{"over the 0 MB limit: too large"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &putLog{MemStore: browser.NewMemStore()}
			var m manualAsync
			var errs []string
			var seqs []int
			s := &reviewSaver{store: store, async: m.async, max: 10, done: func(seq int, err error) {
				seqs = append(seqs, seq)
				errs = append(errs, errString(err))
			}}
			for _, b := range tt.batches {
				s.queue(b)
			}
			m.run()
			if got := strings.Join(store.puts, " "); got != tt.want {
				t.Errorf("got puts %q, want %q", got, tt.want)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("got %d reports %q, want %d", len(errs), errs, len(tt.errs))
			}
			for i, w := range tt.errs {
				if (w == "") != (errs[i] == "") || !strings.Contains(errs[i], w) {
					t.Errorf("got report %q, want %q", errs[i], w)
				}
			}
			if seqs[len(seqs)-1] != len(tt.batches) {
				t.Errorf("got last report of change %d, want %d", seqs[len(seqs)-1], len(tt.batches))
			}
		})
	}
}

func TestSaverHoldsDecisionsBackWhileAnnotationsFail(t *testing.T) {
	store := browser.NewMemStore()
	var errs []error
	s := &reviewSaver{store: store, async: func(f func()) { f() }, max: 1 << 20,
		done: func(_ int, err error) { errs = append(errs, err) }}
	store.Fail = errors.New("QuotaExceededError")
	s.queue(map[string]func() ([]byte, error){recAnnotations: encoder(annotationsRecord{Version: reviewVersion, Gen: 2})})
	store.Fail = nil
	s.queue(map[string]func() ([]byte, error){recDecisions: encoder(decisionsRecord{Version: reviewVersion, Gen: 2})})
	if len(errs) != 2 || errs[0] == nil || errs[1] == nil {
		t.Fatalf("got reports %v, want two failures", errs)
	}
	if recs, _ := store.All(context.Background()); len(recs) != 0 {
		t.Errorf("got records %q, want none: decisions of unsaved annotations are held back", recs)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// legacyJSON is what version 1 saved in local storage: ann's and bob's
// annotations, b2 rejected, two reports.
func legacyJSON(t *testing.T) []byte {
	d := twoAnnotators(t)
	decideAndSave(t, d, reviewDecision{"urn:b2", annotation.Rejected})
	b, err := json.Marshal(legacyReview{Version: 1, Annotations: d.rv.Annotations(), Files: d.Files})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenReview(t *testing.T) {
	newer := map[string][]byte{recAnnotations: []byte(`{"version":3,"gen":1,"annotations":[]}`)}
	tests := []struct {
		name     string
		recs     map[string][]byte
		openErr  error
		fail     bool   // the store fails every call
		legacy   bool   // local storage holds version 1's review
		statuses string // after opening
		status   saveStatus
		saveErr  string
		warning  string
		keepsKey bool // local storage keeps version 1's review
		untouch  bool // the store must be as it was after a save
	}{
		{name: "nothing saved opens an empty review", status: saveIdle},
		{name: "version 1's review in local storage is moved here and the key deleted", legacy: true,
			statuses: "urn:a1: urn:b1: urn:a2: urn:b2:rejected", status: saveSaved},
		{name: "a review of an unknown format is left untouched and said so", recs: newer, legacy: true,
			status: saveNowhere, saveErr: "another version of claimtag", keepsKey: true, untouch: true},
		{name: "without IndexedDB the review is kept in memory and said so", openErr: browser.ErrUnsupported, legacy: true,
			statuses: "urn:a1: urn:b1: urn:a2: urn:b2:rejected", status: saveNowhere, saveErr: "storage is unavailable", keepsKey: true},
		{name: "a store that cannot be read is left alone", fail: true,
			status: saveNowhere, saveErr: "could not be read"},
		{name: "decisions older than the annotations are ignored", recs: map[string][]byte{
			recAnnotations: mustJSON(t, annotationsRecord{Version: reviewVersion, Gen: 2, Annotations: twoAnnotators(t).rv.Annotations()}),
			recDecisions:   mustJSON(t, decisionsRecord{Version: reviewVersion, Gen: 1, Decisions: map[string]annotation.Status{"urn:a1": annotation.Rejected}}),
		}, statuses: "urn:a1: urn:b1: urn:a2: urn:b2:", status: saveIdle},
		{name: "an unreadable old review is left in local storage and said so", legacy: true,
			status: saveIdle, warning: "could not be read", keepsKey: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, h := newHarness(t)
			store := browser.NewMemStore()
			for id, b := range tt.recs {
				store.Put(context.Background(), id, b)
			}
			if tt.fail {
				store.Fail = errors.New("UnknownError")
			}
			switch {
			case tt.warning != "":
				h.ctx.LocalStorage().Set(reviewKey, json.RawMessage(`{"version":7}`))
			case tt.legacy:
				h.ctx.LocalStorage().Set(reviewKey, json.RawMessage(legacyJSON(t)))
			}
			d := openTestDesk(t, e, h, store, tt.openErr)
			if got := statuses(d); got != tt.statuses {
				t.Errorf("got %q, want %q", got, tt.statuses)
			}
			if got := d.saveStatus(); got != tt.status {
				t.Errorf("got status %q, want %q", got, tt.status)
			}
			if (tt.saveErr == "") != (d.SaveErr == "") || !strings.Contains(d.SaveErr, tt.saveErr) {
				t.Errorf("got save error %q, want %q", d.SaveErr, tt.saveErr)
			}
			if (tt.warning == "") != (d.Warning == "") || !strings.Contains(d.Warning, tt.warning) {
				t.Errorf("got warning %q, want %q", d.Warning, tt.warning)
			}
			if got := h.ctx.LocalStorage().Contains(reviewKey); got != tt.keepsKey {
				t.Errorf("got local storage key kept %v, want %v", got, tt.keepsKey)
			}
			if tt.legacy && !tt.keepsKey {
				back := openTestDesk(t, e, h, store, nil)
				if got := statuses(back); got != tt.statuses {
					t.Errorf("after migrating got %q, want %q", got, tt.statuses)
				}
			}
			if tt.untouch {
				d.importUpload(upload{Name: "c.json", Data: exportFile(t, tagged(t, "urn:c1", "cat", annotation.Fact, "the CFO said"))})
				d.saveAll()
				e.ConsumeAll()
				if recs, _ := store.All(context.Background()); string(recs[recAnnotations]) != string(tt.recs[recAnnotations]) {
					t.Errorf("got stored %s, want it untouched", recs[recAnnotations])
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
