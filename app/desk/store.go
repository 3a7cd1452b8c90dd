package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/storage"
)

// Where the desk is saved: its own IndexedDB database (the user's
// annotations stay alone in theirs), the local storage key version 1 used
// (migrated once, then deleted) and the format of the records.
const (
	DB        = "claimtag-review"
	LegacyKey = "claimtag.review"
	Version   = 2         // of the annotations and files records; 1 was the one local storage entry
	MaxSaved  = 128 << 20 // bytes of JSON in one record; IndexedDB holds far more
)

// The records of the review database: the imported annotations, the
// import reports, and one record per adjudication decision, under
// DecisionPrefix and the decision's key. Version 2 also wrote accept and
// reject statuses in a record "decisions"; it is no longer read.
const (
	RecAnnotations = "annotations"
	RecFiles       = "files"
	DecisionPrefix = "decision/"
)

// Records lists the records in the order they must be written (a
// storage.Options.Order): the annotations before the reports that count them.
var Records = []string{RecAnnotations, RecFiles}

// DecisionRecord returns the key of the record of the decision with key.
func DecisionRecord(key string) string { return DecisionPrefix + key }

// annotationsRecord holds every imported annotation as its file had it.
// Gen numbers the versions written.
type annotationsRecord struct {
	Version     int                     `json:"version"`
	Gen         int                     `json:"gen"`
	Annotations []annotation.Annotation `json:"annotations"`
}

// filesRecord holds the import reports.
type filesRecord struct {
	Version int          `json:"version"`
	Files   []FileReport `json:"files"`
}

// legacyReview is what version 1 kept in local storage under LegacyKey.
type legacyReview struct {
	Version     int                     `json:"version"`
	Annotations []annotation.Annotation `json:"annotations"`
	Files       []FileReport            `json:"files"`
}

// Saved is a saved desk, read back.
type Saved struct {
	Gen         int
	Annotations []annotation.Annotation
	Files       []FileReport
	Decisions   []adjudicate.Decision
	// Unreadable lists the decision records that could not be read, with
	// the reason; they are left in the store as they are.
	Unreadable []string
	Found      bool // the review database held a desk
}

// decodeRecord decodes record id into v after checking its version.
func decodeRecord(id string, b []byte, v any) error {
	var h struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	if h.Version != Version {
		return fmt.Errorf("record %s: format %d, this claimtag reads %d: %w", id, h.Version, Version, annotation.ErrVersion)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	return nil
}

// Decode reads the records of the review database. It fails, wrapping
// annotation.ErrVersion, on an annotations or files record of an unknown
// format; a decision record that cannot be read is listed in Unreadable.
func Decode(recs map[string][]byte) (Saved, error) {
	var sr Saved
	for _, k := range slices.Sorted(maps.Keys(recs)) {
		if !strings.HasPrefix(k, DecisionPrefix) {
			continue
		}
		d, err := adjudicate.ParseDecision(recs[k])
		switch {
		case err != nil:
			sr.Unreadable = append(sr.Unreadable, fmt.Sprintf("%s: %v", k, err))
		case DecisionRecord(d.Key) != k:
			sr.Unreadable = append(sr.Unreadable, fmt.Sprintf("%s: holds the decision %s", k, d.Key))
		default:
			sr.Decisions = append(sr.Decisions, d)
		}
	}
	if b, ok := recs[RecAnnotations]; ok {
		var ar annotationsRecord
		if err := decodeRecord(RecAnnotations, b, &ar); err != nil {
			return sr, err
		}
		sr.Found, sr.Gen, sr.Annotations = true, ar.Gen, ar.Annotations
	}
	if b, ok := recs[RecFiles]; ok {
		var fr filesRecord
		if err := decodeRecord(RecFiles, b, &fr); err != nil {
			return sr, err
		}
		sr.Found, sr.Files = true, fr.Files
	}
	sr.Found = sr.Found || len(sr.Decisions) > 0
	return sr, nil
}

// decodeLegacy reads what version 1 kept in local storage.
func decodeLegacy(b []byte) (Saved, error) {
	var l legacyReview
	if err := json.Unmarshal(b, &l); err != nil {
		return Saved{}, fmt.Errorf("local storage %s: %w", LegacyKey, err)
	}
	if l.Version != 1 {
		return Saved{}, fmt.Errorf("local storage %s: format %d: %w", LegacyKey, l.Version, annotation.ErrVersion)
	}
	return Saved{Annotations: l.Annotations, Files: l.Files}, nil
}

// Opening is what reading the saved desk found.
type Opening struct {
	// Store is where to save the desk: the review database, or a
	// storage.Unavailable saying why nothing can be kept this visit.
	Store storage.Store
	// Saved is the desk to restore.
	Saved Saved
	// Warning is a problem to show once.
	Warning string
	// Migrate: Saved came from local storage; save it, then delete the key.
	Migrate bool
	// DropLegacy: the review database is newer than local storage; delete the key.
	DropLegacy bool
}

// Read opens the review database (open) and reads the saved desk, or the
// one version 1 left in local storage (legacy, if not nil). When the
// database cannot be opened or read, or holds a format this version does
// not know, the desk is kept in memory for this visit (Store is
// storage.Unavailable) and what is stored is left untouched. It blocks:
// call it from a goroutine.
func Read(ctx context.Context, open func() (storage.Store, error), legacy []byte) Opening {
	var o Opening
	fallback := func(why error, useLegacy bool) Opening {
		o.Store = storage.Unavailable(why)
		if useLegacy && legacy != nil {
			sr, err := decodeLegacy(legacy)
			o.Saved = sr
			if err != nil {
				o.Warning = "The review saved by an older version could not be read: " + err.Error()
			}
		}
		return o
	}
	store, err := open()
	if err != nil {
		return fallback(err, true)
	}
	recs, err := store.All(ctx)
	if err != nil {
		return fallback(fmt.Errorf("the saved review could not be read (%w); it is left as it is", err), true)
	}
	sr, err := Decode(recs)
	if errors.Is(err, annotation.ErrVersion) {
		// Newer than local storage, which is not shown either.
		return fallback(fmt.Errorf("the saved review is from another version of claimtag (%w); it is left untouched, reload to update the app", err), false)
	}
	if err != nil {
		return fallback(fmt.Errorf("the saved review could not be read (%w); it is left untouched", err), false)
	}
	o.Store, o.Saved = store, sr
	switch {
	case legacy == nil:
	case sr.Found:
		o.DropLegacy = true
	default:
		o.Saved, err = decodeLegacy(legacy)
		if err != nil {
			o.Warning = "The review saved by an older version could not be read, and is left in local storage: " + err.Error()
		} else {
			o.Migrate = true
		}
	}
	return o
}

// Restore adds a saved desk, validating each annotation again, and
// places its annotations on the corpus. It blocks for as long as
// re-anchoring takes: call it before the desk is shown (off the UI
// goroutine is fine then).
func (d *Desk) Restore(sr Saved) {
	var res review.ImportResult
	var invalid []string
	for _, a := range sr.Annotations {
		if err := a.Validate(); err != nil {
			d.kept = append(d.kept, a)
			invalid = append(invalid, err.Error())
			continue
		}
		res.Annotations = append(res.Annotations, a)
	}
	d.rv.Add(res)
	placed, _ := review.ReanchorAll(context.Background(), d.rv.Unplaced(), d.corpus, nil)
	d.rv.Place(placed)
	d.Files = sr.Files
	d.stored = append(d.stored, sr.Decisions...)
	if d.queue != nil { // already built: fold the restored decisions in
		d.stored = append(d.queue.Decisions(), d.stored...)
		d.queue = nil
	}
	d.saving.gen = sr.Gen
	var warn []string
	if len(invalid) > 0 {
		warn = append(warn, fmt.Sprintf("%d saved annotations are not valid any more and are not shown; they stay saved as they are: %s",
			len(invalid), strings.Join(invalid, "; ")))
	}
	if len(sr.Unreadable) > 0 {
		warn = append(warn, fmt.Sprintf("%d saved decisions could not be read and are left as they are: %s",
			len(sr.Unreadable), strings.Join(sr.Unreadable, "; ")))
	}
	if len(warn) > 0 {
		d.Warning = strings.Join(warn, " ")
	}
	d.placedRev++
	d.Rev++
}

// Sink receives the desk's records to store: *storage.Saver is one. enc
// is called later, by the writer; it must not block.
type Sink interface {
	PutFunc(key string, enc func() ([]byte, error), delay time.Duration)
	Delete(key string, delay time.Duration)
}

// saving is how the desk is saved.
type saving struct {
	sink Sink // nil: not saved
	gen  int  // of the annotations record last queued
}

// SaveTo saves the desk to sink from now on; when all is set (a desk read
// from local storage being migrated), it queues every record at once.
func (d *Desk) SaveTo(sink Sink, all bool) {
	d.saving.sink = sink
	if all {
		d.saveAll()
		d.memo()
		d.saveDecisions(adjudicate.Change{Put: d.queue.Decisions()})
	}
}

func encoder(v any) func() ([]byte, error) { return func() ([]byte, error) { return json.Marshal(v) } }

// saveAll queues the annotations (a copy, encoded by the writer) under a
// new generation, and the import reports.
func (d *Desk) saveAll() {
	sv := &d.saving
	if sv.sink == nil {
		return
	}
	sv.gen++
	sv.sink.PutFunc(RecAnnotations, encoder(annotationsRecord{Version: Version, Gen: sv.gen, Annotations: slices.Concat(d.rv.Annotations(), d.kept)}), 0)
	d.saveFiles()
}

// saveFiles queues the import reports.
func (d *Desk) saveFiles() {
	if d.saving.sink == nil {
		return
	}
	d.saving.sink.PutFunc(RecFiles, encoder(filesRecord{Version: Version, Files: slices.Clone(d.Files)}), 0)
}

// saveDecisions queues the records a change of the adjudication touched.
func (d *Desk) saveDecisions(ch adjudicate.Change) {
	sink := d.saving.sink
	if sink == nil {
		return
	}
	for _, dec := range ch.Put {
		sink.PutFunc(DecisionRecord(dec.Key), dec.Marshal, 0)
	}
	for _, k := range ch.Delete {
		sink.Delete(DecisionRecord(k), 0)
	}
}
