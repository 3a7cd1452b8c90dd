package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Where the review workspace is saved: its own IndexedDB database (the
// user's annotations stay alone in dbName), the local storage key version
// 1 used (migrated once, then deleted), the format of the records, and
// the state saying whether the latest change is written.
const (
	reviewDB         = "claimtag-review"
	reviewKey        = "claimtag.review"
	reviewVersion    = 2               // of every record; 1 was the one local storage entry
	reviewFold       = 1000            // decisions kept apart before the annotations are rewritten with them
	reviewMaxSaved   = 128 << 20       // bytes of JSON in one record; IndexedDB holds far more
	stateReviewSaved = "/review/saved" // a saveStatus
)

// The records of the review database, written in this order.
const (
	recAnnotations = "annotations"
	recDecisions   = "decisions"
	recFiles       = "files"
)

var reviewRecords = []string{recAnnotations, recDecisions, recFiles}

// errTooBig is returned, wrapped, when a record is over reviewMaxSaved bytes.
var errTooBig = errors.New("too large to save in this browser")

// annotationsRecord holds every imported annotation with the decisions
// taken when it was written. Gen numbers the versions written.
type annotationsRecord struct {
	Version     int                     `json:"version"`
	Gen         int                     `json:"gen"`
	Annotations []annotation.Annotation `json:"annotations"`
}

// decisionsRecord holds the decisions taken since annotations record Gen
// was written; it applies to that one only. Accepting or rejecting writes
// this small record, not every annotation.
type decisionsRecord struct {
	Version   int                          `json:"version"`
	Gen       int                          `json:"gen"`
	Decisions map[string]annotation.Status `json:"decisions"`
}

// filesRecord holds the import reports.
type filesRecord struct {
	Version int          `json:"version"`
	Files   []fileReport `json:"files"`
}

// legacyReview is what version 1 kept in local storage under reviewKey.
type legacyReview struct {
	Version     int                     `json:"version"`
	Annotations []annotation.Annotation `json:"annotations"`
	Files       []fileReport            `json:"files"`
}

// savedReview is a saved workspace, read back.
type savedReview struct {
	Gen         int
	Annotations []annotation.Annotation // their decisions applied
	Delta       map[string]annotation.Status
	Files       []fileReport
	Found       bool // the review database held a workspace
}

// decodeRecord decodes record id into v after checking its version.
func decodeRecord(id string, b []byte, v any) error {
	var h struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	if h.Version != reviewVersion {
		return fmt.Errorf("record %s: format %d, this claimtag reads %d: %w", id, h.Version, reviewVersion, annotation.ErrVersion)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	return nil
}

// decodeReview reads the records of the review database. It fails,
// wrapping annotation.ErrVersion, on a record of an unknown format.
func decodeReview(recs map[string][]byte) (savedReview, error) {
	var sr savedReview
	b, ok := recs[recAnnotations]
	if !ok {
		return sr, nil
	}
	var ar annotationsRecord
	if err := decodeRecord(recAnnotations, b, &ar); err != nil {
		return sr, err
	}
	sr.Found, sr.Gen, sr.Annotations = true, ar.Gen, ar.Annotations
	if b, ok := recs[recDecisions]; ok {
		var dr decisionsRecord
		if err := decodeRecord(recDecisions, b, &dr); err != nil {
			return sr, err
		}
		if dr.Gen == ar.Gen { // else it predates the annotations, which hold its decisions
			sr.Delta = dr.Decisions
			for i, a := range sr.Annotations {
				if s, ok := dr.Decisions[a.ID]; ok {
					sr.Annotations[i].Status = s
				}
			}
		}
	}
	if b, ok := recs[recFiles]; ok {
		var fr filesRecord
		if err := decodeRecord(recFiles, b, &fr); err != nil {
			return sr, err
		}
		sr.Files = fr.Files
	}
	return sr, nil
}

// decodeLegacy reads what version 1 kept in local storage.
func decodeLegacy(b []byte) (savedReview, error) {
	var l legacyReview
	if err := json.Unmarshal(b, &l); err != nil {
		return savedReview{}, fmt.Errorf("local storage %s: %w", reviewKey, err)
	}
	if l.Version != 1 {
		return savedReview{}, fmt.Errorf("local storage %s: format %d: %w", reviewKey, l.Version, annotation.ErrVersion)
	}
	return savedReview{Annotations: l.Annotations, Files: l.Files}, nil
}

// restore adds a saved workspace, validating each annotation again, and
// re-anchors it.
func (d *reviewDesk) restore(sr savedReview) {
	var res review.ImportResult
	for _, a := range sr.Annotations {
		if a.Validate() == nil {
			res.Annotations = append(res.Annotations, a)
		}
	}
	d.rv.Add(res)
	d.Files = sr.Files
	d.saving.gen, d.saving.delta = sr.Gen, maps.Clone(sr.Delta)
	if len(res.Annotations) > 0 {
		d.reanchor()
	}
	d.Rev++
}

// openReviewStore opens the review database; tests replace it.
var openReviewStore = func() (browser.Store, error) { return browser.OpenIndexedDB(reviewDB) }

// reviewOpening is what reading the saved workspace found.
type reviewOpening struct {
	store      browser.Store
	saved      savedReview
	stuck      string // why nothing is kept this visit, if so
	warn       string // a problem to show once
	migrate    bool   // saved came from local storage: write it here, then delete the key
	dropLegacy bool   // the review database is newer than local storage: delete the key
}

// readReview opens the review database and reads the saved workspace, or
// the one version 1 left in local storage (legacy, if not nil). When the
// database cannot be opened or read, or holds a format this version does
// not know, the workspace is kept in memory for this visit and what is
// stored is left untouched. It blocks: call it from ctx.Async.
func readReview(ctx context.Context, open func() (browser.Store, error), legacy []byte) reviewOpening {
	var o reviewOpening
	fallback := func(stuck string, useLegacy bool) reviewOpening {
		o.store, o.stuck = browser.NewMemStore(), stuck
		if useLegacy && legacy != nil {
			sr, err := decodeLegacy(legacy)
			o.saved = sr
			if err != nil {
				o.warn = "The review saved by an older version could not be read: " + err.Error()
			}
		}
		return o
	}
	store, err := open()
	if err != nil {
		return fallback(fmt.Sprintf("storage is unavailable (%v)", err), true)
	}
	recs, err := store.All(ctx)
	if err != nil {
		return fallback(fmt.Sprintf("the saved review could not be read (%v); it is left as it is", err), true)
	}
	sr, err := decodeReview(recs)
	if errors.Is(err, annotation.ErrVersion) {
		// Newer than local storage, which is not shown either.
		return fallback(fmt.Sprintf("the saved review is from another version of claimtag (%v); it is left untouched, reload to update the app", err), false)
	}
	if err != nil {
		return fallback(fmt.Sprintf("the saved review could not be read (%v); it is left untouched", err), false)
	}
	o.store, o.saved = store, sr
	switch {
	case legacy == nil:
	case sr.Found:
		o.dropLegacy = true
	default:
		o.saved, err = decodeLegacy(legacy)
		if err != nil {
			o.warn = "The review saved by an older version could not be read, and is left in local storage: " + err.Error()
		} else {
			o.migrate = true
		}
	}
	return o
}

// openReviewDesk publishes the review workspace once the index is loaded:
// it reads what a previous visit saved in the background, then builds the
// corpus, restores and re-anchors on the UI goroutine. Pages call it on
// mount and when the workspace appears; it opens the desk once.
func openReviewDesk(ctx app.Context, ws *workspace) {
	var st deskState
	ctx.GetState(stateReview, &st)
	if st.Desk != nil || st.Opening || ws == nil {
		return
	}
	ctx.SetState(stateReview, deskState{Opening: true})
	if ws.live {
		ctx = ws.ctx // its Dispatch runs on whatever page is mounted by then
	}
	var legacy json.RawMessage
	if ctx.LocalStorage().Get(reviewKey, &legacy) != nil || len(legacy) == 0 {
		legacy = nil
	}
	ctx.Async(func() {
		o := readReview(context.Background(), openReviewStore, legacy)
		ctx.Dispatch(func(ctx app.Context) {
			d := newReviewDesk(corpusOf(ws.ix), ws.ix.Header().Fingerprint)
			d.open(ctx, o)
			ctx.SetState(stateReview, deskState{Desk: d})
		})
	})
}

// open restores what o read into d and saves d from now on to o's store,
// the writer reporting through ctx. It migrates a workspace read from
// local storage by saving it at once.
func (d *reviewDesk) open(ctx app.Context, o reviewOpening) {
	d.restore(o.saved)
	d.saving.saver = &reviewSaver{store: o.store, async: ctx.Async, max: reviewMaxSaved,
		done: func(seq int, err error) {
			ctx.Dispatch(func(ctx app.Context) { d.wrote(ctx, seq, err) })
		}}
	d.saving.stuck, d.SaveErr, d.Warning = o.stuck, o.stuck, o.warn
	if o.dropLegacy {
		ctx.LocalStorage().Del(reviewKey)
	}
	if o.migrate {
		d.saving.legacy = true
		d.saveAll()
	}
	ctx.SetState(stateReviewSaved, d.saveStatus())
}
