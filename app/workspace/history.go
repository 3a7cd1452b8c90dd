package workspace

import (
	"fmt"
	"strings"
	"time"
)

// HistoryLimit is the number of steps each document can undo.
const HistoryLimit = 200

// change is one annotation's state before and after a step; nil is absent.
type change struct {
	id            string
	before, after *Record
}

// step is one undoable command: what it did in words, in one document.
type step struct {
	doc     string
	what    string // "tagging “…” as fact": Undo says "Undid tagging …"
	changes []change
	field   string // "note" or "evidence" for an editing session that grows
	open    bool   // the session is still being typed in
}

// history is the undo and redo stacks of each document. Undo is scoped to
// a document: Ctrl+Z in the reader undoes the latest change in the
// document the user is looking at, never one made elsewhere.
type history struct {
	undo, redo map[string][]*step
}

func newHistory() history { return history{undo: map[string][]*step{}, redo: map[string][]*step{}} }

// top returns doc's latest undoable step, or nil.
func (h *history) top(doc string) *step {
	s := h.undo[doc]
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// push records a new step, dropping doc's redo stack and the oldest step
// over HistoryLimit.
func (h *history) push(st *step) {
	u := append(h.undo[st.doc], st)
	if len(u) > HistoryLimit {
		u = u[len(u)-HistoryLimit:]
	}
	h.undo[st.doc] = u
	delete(h.redo, st.doc)
}

// pop removes and returns the latest step of stack m for doc, or nil.
func pop(m map[string][]*step, doc string) *step {
	s := m[doc]
	if len(s) == 0 {
		return nil
	}
	m[doc] = s[:len(s)-1]
	return s[len(s)-1]
}

// elsewhere counts the steps of stack m in documents other than doc.
func elsewhere(m map[string][]*step, doc string) int {
	n := 0
	for d, s := range m {
		if d != doc {
			n += len(s)
		}
	}
	return n
}

// CanUndo reports whether Undo(doc) would undo something.
func (w *Workspace) CanUndo(doc string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.hist.undo[doc]) > 0
}

// CanRedo reports whether Redo(doc) would redo something.
func (w *Workspace) CanRedo(doc string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.hist.redo[doc]) > 0
}

// Undo reverts the latest step made in document doc and says what it
// undid. Undo is per document: steps made in other documents are left
// alone, and when doc has none the message says how many wait elsewhere.
// A step whose annotation was changed since by another tab is not undone
// (that would silently drop the other tab's edit): it is dropped from the
// history and the message says why.
func (w *Workspace) Undo(doc string) Outcome { return w.travel(doc, true) }

// Redo re-applies the latest step Undo reverted in document doc.
func (w *Workspace) Redo(doc string) Outcome { return w.travel(doc, false) }

func (w *Workspace) travel(doc string, back bool) Outcome {
	w.mu.Lock()
	w.endEdit()
	from, to, verb, none := w.hist.undo, w.hist.redo, "Undid", "Nothing to undo in this document."
	if !back {
		from, to, verb, none = w.hist.redo, w.hist.undo, "Redid", "Nothing to redo in this document."
	}
	st := pop(from, doc)
	if st == nil {
		msg := none
		if n := elsewhere(from, doc); n > 0 {
			msg += fmt.Sprintf(" Undo and redo work per document: %d %s in other documents can be %s there.",
				n, plural(n, "change", "changes"), map[bool]string{true: "undone", false: "redone"}[back])
		}
		w.mu.Unlock()
		return Outcome{Doc: doc, Message: msg}
	}
	for _, c := range st.changes {
		want := c.after
		if !back {
			want = c.before
		}
		if cur := w.recs[c.id]; !cur.sameContent(want) {
			w.mu.Unlock()
			return Outcome{Doc: doc, ID: c.id, Message: fmt.Sprintf("Could not %s %s: it was changed in another tab since.",
				map[bool]string{true: "undo", false: "redo"}[back], st.what)}
		}
	}
	now := w.opt.Now()
	for i := range st.changes {
		c := st.changes[len(st.changes)-1-i]
		target := c.before
		if !back {
			target = c.after
		}
		w.set(c.id, target, 0, now)
	}
	to[doc] = append(to[doc], st)
	out := Outcome{Doc: doc, ID: st.changes[0].id, Changed: true, Message: verb + " " + st.what + "."}
	if _, ok := w.recs[out.ID]; !ok {
		out.ID = ""
	}
	w.mu.Unlock()
	w.changed()
	return out
}

// set makes record id hold target's content (nil: deletes it), stamping
// each field that changes, and stores it after delay. w.mu is held.
func (w *Workspace) set(id string, target *Record, delay time.Duration, now time.Time) {
	cur, ok := w.recs[id]
	switch {
	case target == nil:
		if !ok {
			return
		}
		delete(w.recs, id)
		w.gone[id] = w.stamp()
	case !ok:
		r := target.clone()
		s := w.stamp()
		r.Stamps, r.Base = Stamps{Tag: s, Note: s, Evidence: s, Anchor: s}, Stamps{}
		w.recs[id] = r
		delete(w.gone, id)
	default:
		r := cur.clone()
		for _, f := range fields {
			if f.same(cur, target) {
				continue
			}
			f.copy(r, target)
			*f.stamp(&r.Base) = *f.stamp(&cur.Stamps)
			*f.stamp(&r.Stamps) = w.stamp()
		}
		r.Modified = target.Modified
		w.recs[id] = r
	}
	w.rev++
	w.persist(id, delay)
}

// endEdit closes the editing session: its text loses surrounding space,
// and the next edit makes a new step. It reports whether the text
// changed. w.mu is held.
func (w *Workspace) endEdit() bool {
	changed := false
	for _, s := range w.hist.undo {
		if len(s) == 0 || !s[len(s)-1].open {
			continue
		}
		st := s[len(s)-1]
		st.open = false
		c := &st.changes[0]
		cur, ok := w.recs[c.id]
		if !ok || !cur.sameContent(c.after) {
			continue
		}
		target := cur.clone()
		switch st.field {
		case "note":
			target.Note = strings.TrimSpace(target.Note)
		case "evidence":
			target.Evidence = strings.TrimSpace(target.Evidence)
		}
		if !target.sameContent(cur) {
			w.set(c.id, target, 0, w.opt.Now())
			c.after = w.recs[c.id].clone()
			changed = true
		}
	}
	return changed
}

// EndEdit ends the editing session of a note or evidence field (the user
// left the field or pressed Esc): the next keystroke starts a new undo
// step. Pages call it, then flush the Sink.
func (w *Workspace) EndEdit() {
	w.mu.Lock()
	changed := w.endEdit()
	w.mu.Unlock()
	if changed {
		w.changed()
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
