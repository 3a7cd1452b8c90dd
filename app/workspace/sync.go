package workspace

import (
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
)

// Notice tells the user what another tab's edit did to one of theirs.
type Notice struct {
	ID, Doc string
	Message string
}

// Remote merges what another tab stored: rec under key, or, when rec is
// nil, the deletion of key at stamp at. Fields merge one by one, the last
// writer winning. When that replaces an edit this tab made without the
// other tab having seen it, a Notice says so and quotes what was replaced,
// so that no note is lost silently. When the merged record differs from
// what the other tab stored, it is stored again, so that both tabs and the
// store end up with the same one. It fails, changing nothing, on a record
// it cannot read.
func (w *Workspace) Remote(key string, rec []byte, at Stamp) ([]Notice, error) {
	return w.mergeIn(key, rec, at, false)
}

// Recover merges what a page that closed could not store (its unsaved
// changes, kept elsewhere as it closed): rec under key, or the deletion of
// key at stamp at. The merged record is stored. Call it after Load and
// before Reanchor.
func (w *Workspace) Recover(key string, rec []byte, at Stamp) error {
	_, err := w.mergeIn(key, rec, at, true)
	return err
}

// Tombstone returns the stamp of key's deletion, if this tab saw one.
func (w *Workspace) Tombstone(key string) (Stamp, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.gone[key]
	return s, ok
}

// Now returns a stamp of this tab for now: the deletion stamp of a record
// the Sink deleted, for instance.
func (w *Workspace) Now() Stamp {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stamp()
}

func sameRecord(a, b *Record) bool {
	return a.sameContent(b) && a.Stamps == b.Stamps && a.Base == b.Base && a.Modified.Equal(b.Modified)
}

func (w *Workspace) mergeIn(key string, rec []byte, at Stamp, recovering bool) ([]Notice, error) {
	if rec == nil {
		return w.mergeDelete(key, at, recovering), nil
	}
	r, err := DecodeRecord(rec)
	if err == nil && r.ID != key {
		err = fmt.Errorf("%w: record %s under key %s", annotation.ErrInvalid, r.ID, key)
	}
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", key, err)
	}
	w.mu.Lock()
	w.observe(r.Stamps)
	cur, ok := w.recs[key]
	var notices []Notice
	switch {
	case !ok:
		if t, dead := w.gone[key]; dead && !r.Stamps.latest().After(t) {
			// Removed here after that edit: the removal stands.
			w.persist(key, 0)
			w.mu.Unlock()
			return nil, nil
		}
		w.recs[key] = r
		delete(w.gone, key)
		if recovering {
			w.persist(key, 0)
		}
	default:
		merged, ls := merge(cur, r, w.opt.Tab)
		if sameRecord(merged, cur) && !recovering && sameRecord(merged, r) {
			w.mu.Unlock()
			return nil, nil
		}
		w.recs[key] = merged
		if against := r; recovering {
			against = cur // the store holds cur
			if !sameRecord(merged, against) {
				w.persist(key, 0)
			}
		} else if !sameRecord(merged, against) {
			w.persist(key, 0)
		}
		for _, l := range ls {
			notices = append(notices, Notice{ID: key, Doc: merged.Anchor.Doc, Message: lostMessage(l, merged)})
		}
	}
	w.rev++
	w.mu.Unlock()
	w.changed()
	if recovering {
		return nil, nil
	}
	return notices, nil
}

func (w *Workspace) mergeDelete(key string, at Stamp, recovering bool) []Notice {
	w.mu.Lock()
	if at.T > w.last {
		w.last = at.T
	}
	cur, ok := w.recs[key]
	if !ok {
		if t, dead := w.gone[key]; !dead || at.After(t) {
			w.gone[key] = at
		}
		w.mu.Unlock()
		return nil
	}
	if cur.Stamps.latest().After(at) {
		// Changed after the other tab removed it: it stays.
		var ns []Notice
		if !recovering {
			w.persist(key, 0)
			ns = append(ns, Notice{ID: key, Doc: cur.Anchor.Doc,
				Message: fmt.Sprintf("Another tab removed %s, which this tab had changed since: it is kept.", quote(cur.Anchor.Exact))})
		}
		w.mu.Unlock()
		return ns
	}
	delete(w.recs, key)
	w.gone[key] = at
	if recovering {
		w.persist(key, 0)
	}
	w.rev++
	w.mu.Unlock()
	w.changed()
	return nil
}

// lostMessage says which of the user's edits another tab's replaced.
func lostMessage(l lost, r *Record) string {
	q := quote(r.Anchor.Exact)
	switch l.field {
	case "tag":
		return fmt.Sprintf("Another tab tagged %s as %s at the same time as you tagged it %s; its tag was kept.", q, l.kept, l.mine)
	case "place":
		return fmt.Sprintf("Another tab changed the place of %s at the same time as you did; its place was kept.", q)
	}
	mine := l.mine
	if mine == "" {
		mine = "(empty)"
	}
	return fmt.Sprintf("Another tab changed the %s of %s at the same time as you did, and its version was kept. Yours was: “%s”.", l.field, q, mine)
}
