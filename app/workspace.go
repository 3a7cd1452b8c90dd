package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// workspace is what the pages work on once the index is loaded: the index,
// the annotations being edited and the store they are saved to. It is
// created by handleLoad and published as stateWorkspace; only the UI
// goroutine changes it.
type workspace struct {
	ix      *index.Index
	set     *annotation.Set
	store   browser.Store
	channel *browser.Channel
	runes   map[string][]rune

	// ctx is the long-lived context of the load action: its Dispatch runs
	// whatever page is mounted.
	ctx    app.Context
	live   bool // ctx is set: publish states and dispatch to the UI goroutine
	writes chan func()

	Saving   int    // writes under way
	Saved    int    // writes done since the page loaded
	Unsaved  int    // changes kept only in memory because storage failed
	StoreErr string // the latest storage failure, shown until the page reloads
	Warning  string // stored records that could not be read
	Rev      int    // bumped at each change, so observers see a new value
}

// newWorkspace opens the annotations read from store (recs, by id) over ix.
// Records that cannot be migrated are skipped and described in Warning.
func newWorkspace(ix *index.Index, store browser.Store, recs map[string][]byte) *workspace {
	w := &workspace{ix: ix, store: store, runes: map[string][]rune{}}
	w.replace(recs)
	w.startWriter()
	return w
}

// replace swaps the annotation set for the records recs, dropping the
// undo history (another tab changed the store).
func (w *workspace) replace(recs map[string][]byte) {
	var as []annotation.Annotation
	var errs []error
	ids := make([]string, 0, len(recs))
	for id := range recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a, err := annotation.Migrate(recs[id])
		if err != nil {
			errs = append(errs, fmt.Errorf("record %s: %w", id, err))
			continue
		}
		as = append(as, a)
	}
	set, err := annotation.NewSet(as...)
	if err != nil {
		errs = append(errs, err)
	}
	w.set = set
	w.Warning = ""
	if len(errs) > 0 {
		w.Warning = fmt.Sprintf("%d stored annotations could not be read: %v", len(errs), errors.Join(errs...))
	}
	w.Rev++
}

// docRunes returns the text of document id as code points.
func (w *workspace) docRunes(id string) []rune {
	r, ok := w.runes[id]
	if !ok {
		r = []rune(w.ix.Text(id))
		w.runes[id] = r
	}
	return r
}

// newAnnotation anchors sp of document doc and tags it.
func (w *workspace) newAnnotation(doc string, sp span, tag annotation.Tag, creator string, now time.Time) (annotation.Annotation, error) {
	anc, err := annotation.AnchorRunes(doc, sp.Passage, w.docRunes(doc), sp.Start, sp.End)
	if err != nil {
		return annotation.Annotation{}, err
	}
	return annotation.New(tag, anc, creator, now), nil
}

// corpus describes the loaded index for exports.
func (w *workspace) corpus() annotation.CorpusInfo {
	c := annotation.CorpusInfo{Fingerprint: w.ix.Header().Fingerprint}
	for _, d := range w.ix.Documents() {
		c.Documents = append(c.Documents, annotation.DocInfo{ID: d.ID, Title: d.Title})
	}
	return c
}

// export returns the annotations matching f as an export stamped now.
func (w *workspace) export(f annotation.Filter, now time.Time) annotation.Export {
	return annotation.NewExport(w.corpus(), w.set.List(annotation.Filter{}), now).Subset(f)
}

// tagged returns the ids of the passages overlapped by an annotation tagged t.
func (w *workspace) tagged(t annotation.Tag) map[string]bool {
	out := map[string]bool{}
	for _, a := range w.set.List(annotation.Filter{Tag: t}) {
		if a.Anchor.Passage != "" {
			out[a.Anchor.Passage] = true
		}
		for _, p := range w.ix.Passages(a.Anchor.Doc) {
			if p.Start < a.Anchor.End && a.Anchor.Start < p.End {
				out[p.ID] = true
			}
		}
	}
	return out
}

// persist writes change c to store: it deletes the record for a removal
// and puts the new record otherwise.
func persist(ctx context.Context, store browser.Store, c annotation.Change) error {
	if c.Op == annotation.OpRemove {
		return store.Delete(ctx, c.Before.ID)
	}
	rec, err := annotation.EncodeRecord(c.After)
	if err != nil {
		return err
	}
	return store.Put(ctx, c.After.ID, rec)
}

// saveState is how the status line describes the writes.
func (w *workspace) saveState() string {
	switch {
	case w.Unsaved > 0:
		return "failed"
	case w.Saving > 0:
		return "saving"
	case w.Saved > 0:
		return "saved"
	}
	return "idle"
}
