package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// reviewSaver writes records to a store in the background, one batch at a
// time and each batch in the order of reviewRecords. A record queued while
// an older version of it waits replaces it: a burst of changes makes one
// write of the latest, and an older version never lands after a newer one.
type reviewSaver struct {
	store browser.Store
	async func(func())             // starts the writer (ctx.Async)
	done  func(seq int, err error) // called by the writer after each batch, with the last change it holds
	max   int                      // bytes of one record at most

	mu      sync.Mutex
	pending map[string]func() ([]byte, error)
	seq     int // changes queued
	running bool
	broken  bool // the last annotations write failed: hold decisions back
}

// queue adds records, by id, to the next batch and starts the writer.
func (s *reviewSaver) queue(recs map[string]func() ([]byte, error)) {
	s.mu.Lock()
	if s.pending == nil {
		s.pending = map[string]func() ([]byte, error){}
	}
	maps.Copy(s.pending, recs)
	s.seq++
	start := !s.running
	s.running = true
	s.mu.Unlock()
	if start {
		s.async(s.run)
	}
}

// run writes batches until none is left.
func (s *reviewSaver) run() {
	for {
		s.mu.Lock()
		batch, seq := s.pending, s.seq
		if len(batch) == 0 {
			s.running = false
			s.mu.Unlock()
			return
		}
		s.pending = nil
		s.mu.Unlock()
		s.done(seq, s.write(batch))
	}
}

// write encodes and puts the records of batch. Decisions are held back
// while the annotations they apply to are not written, and until those
// are, every batch fails.
func (s *reviewSaver) write(batch map[string]func() ([]byte, error)) error {
	var errs []error
	for _, id := range reviewRecords {
		enc, ok := batch[id]
		if !ok {
			continue
		}
		if id == recDecisions && s.broken {
			continue
		}
		err := s.put(id, enc)
		if id == recAnnotations {
			s.broken = err != nil
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if s.broken && len(errs) == 0 {
		errs = append(errs, errors.New("save review: the annotations are not saved yet"))
	}
	return errors.Join(errs...)
}

func (s *reviewSaver) put(id string, enc func() ([]byte, error)) error {
	b, err := enc()
	if err != nil {
		return fmt.Errorf("save review: %s: %w", id, err)
	}
	if len(b) > s.max {
		return fmt.Errorf("save review: the %s are %d MB, over the %d MB limit: %w", id, len(b)>>20, s.max>>20, errTooBig)
	}
	if err := s.store.Put(context.Background(), id, b); err != nil {
		return fmt.Errorf("save review: %w", err)
	}
	return nil
}

// deskSaving is where and how a desk is saved. Only the UI goroutine uses it.
type deskSaving struct {
	saver   *reviewSaver // nil: the desk is not saved
	gen     int          // of the annotations record last queued
	delta   map[string]annotation.Status
	full    bool   // a write failed: queue every record next time
	stuck   string // why nothing this visit does is kept, if so
	legacy  bool   // restored from local storage: delete the key once saved here
	queued  int    // changes queued
	written int    // of them, written or failed
}

// decided notes a decision to save.
func (s *deskSaving) decided(id string, st annotation.Status) {
	if s.delta == nil {
		s.delta = map[string]annotation.Status{}
	}
	s.delta[id] = st
}

func encoder(v any) func() ([]byte, error) { return func() ([]byte, error) { return json.Marshal(v) } }

func (d *reviewDesk) queue(recs map[string]func() ([]byte, error)) {
	d.saving.queued++
	d.saving.saver.queue(recs)
}

// saveAll queues every record: the annotations (a copy, encoded by the
// writer) under a new generation, no decisions apart, the import reports.
func (d *reviewDesk) saveAll() {
	sv := &d.saving
	if sv.saver == nil {
		return
	}
	sv.gen++
	sv.delta, sv.full = map[string]annotation.Status{}, false
	d.queue(map[string]func() ([]byte, error){
		recAnnotations: encoder(annotationsRecord{Version: reviewVersion, Gen: sv.gen, Annotations: d.rv.Annotations()}),
		recDecisions:   encoder(decisionsRecord{Version: reviewVersion, Gen: sv.gen, Decisions: map[string]annotation.Status{}}),
		recFiles:       encoder(filesRecord{Version: reviewVersion, Files: slices.Clone(d.Files)}),
	})
}

// saveDecisions queues the decisions taken since the annotations were last
// queued, or every record when they are many or a write failed.
func (d *reviewDesk) saveDecisions() {
	sv := &d.saving
	if sv.saver == nil {
		return
	}
	if sv.full || len(sv.delta) >= reviewFold {
		d.saveAll()
		return
	}
	d.queue(map[string]func() ([]byte, error){
		recDecisions: encoder(decisionsRecord{Version: reviewVersion, Gen: sv.gen, Decisions: maps.Clone(sv.delta)}),
	})
}

// saveFiles queues the import reports, after an import that changed no
// annotation; every record if a write failed.
func (d *reviewDesk) saveFiles() {
	sv := &d.saving
	if sv.saver == nil {
		return
	}
	if sv.full {
		d.saveAll()
		return
	}
	d.queue(map[string]func() ([]byte, error){
		recFiles: encoder(filesRecord{Version: reviewVersion, Files: slices.Clone(d.Files)}),
	})
}

// saveStatus is the value of stateReviewSaved.
type saveStatus string

const (
	saveIdle    saveStatus = ""
	saveSaving  saveStatus = "saving"
	saveSaved   saveStatus = "saved"
	saveFailed  saveStatus = "failed"
	saveNowhere saveStatus = "memory" // kept in this tab only, for this visit
)

// saveStatus says where the latest change is.
func (d *reviewDesk) saveStatus() saveStatus {
	switch sv := d.saving; {
	case sv.stuck != "":
		return saveNowhere
	case sv.written < sv.queued:
		return saveSaving
	case d.SaveErr != "":
		return saveFailed
	case sv.written > 0:
		return saveSaved
	}
	return saveIdle
}

// wrote takes the writer's report on the UI goroutine: seq changes are
// written, or failed with err. It publishes the status and, when the
// error shown changes, the desk.
func (d *reviewDesk) wrote(ctx app.Context, seq int, err error) {
	sv := &d.saving
	sv.written = max(sv.written, seq)
	was := d.SaveErr
	switch {
	case sv.stuck != "":
	case err != nil:
		d.SaveErr, sv.full = err.Error(), true
	default:
		d.SaveErr = ""
		if sv.legacy { // the annotations restored from there are written here
			ctx.LocalStorage().Del(reviewKey)
			sv.legacy = false
		}
	}
	ctx.SetState(stateReviewSaved, d.saveStatus())
	if d.SaveErr != was {
		d.Rev++
		ctx.SetState(stateReview, deskState{Desk: d})
	}
}

// saveStarted publishes the status after the UI queued a change.
func (d *reviewDesk) saveStarted(ctx app.Context) { ctx.SetState(stateReviewSaved, d.saveStatus()) }
