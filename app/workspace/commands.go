package workspace

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
)

// Errors of the commands, returned wrapped; the message says what to do.
var (
	// ErrOutsideText: the span is not inside the document's text.
	ErrOutsideText = errors.New("the selection is not in the document's text")
	// ErrNotOpen: the document's contents were not read (Open) yet.
	ErrNotOpen = errors.New("the document is not open")
	// ErrNoCreator: a new annotation needs the user's name (SetCreator).
	ErrNoCreator = errors.New("no creator name")
)

// Span is a code point range [Start, End) of document Doc's text.
type Span struct {
	Doc        string
	Start, End int
}

// Outcome is what a command did, for the page to say.
type Outcome struct {
	// ID is the annotation acted on, when it still exists.
	ID string
	// Doc is the document acted in.
	Doc string
	// Message says what happened, in a sentence, or why nothing did.
	Message string
	// Changed reports whether the annotations changed.
	Changed bool
}

// commit applies a command's changes (targets by id; nil deletes) as one
// undoable step of document doc, storing them after delay. w.mu is held;
// commit releases it and tells the observer.
func (w *Workspace) commit(doc, what string, targets []change, delay time.Duration, out Outcome) Outcome {
	return w.commitStep(&step{doc: doc, what: what}, targets, delay, out)
}

// commitStep is commit for a step already described.
func (w *Workspace) commitStep(st *step, targets []change, delay time.Duration, out Outcome) Outcome {
	doc := st.doc
	now := w.opt.Now()
	for _, t := range targets {
		c := change{id: t.id, after: t.after}
		if cur, ok := w.recs[t.id]; ok {
			c.before = cur.clone()
		}
		w.set(t.id, t.after, delay, now)
		if r, ok := w.recs[t.id]; ok {
			c.after = r.clone()
		}
		st.changes = append(st.changes, c)
	}
	w.hist.push(st)
	out.Changed, out.Doc = true, doc
	w.mu.Unlock()
	if st.open {
		w.typed()
	} else {
		w.changed()
	}
	return out
}

// quote shortens an annotation's text for a message.
func quote(s string) string {
	const n = 48
	if utf8.RuneCountInString(s) > n {
		s = strings.TrimRight(string([]rune(s)[:n-1]), " ") + "…"
	}
	return "“" + s + "”"
}

// mine returns this user's annotation on exactly span sp, if any. w.mu is held.
func (w *Workspace) mine(sp Span) (*Record, bool) {
	for _, r := range w.recs {
		a := r.Anchor
		if a.Doc == sp.Doc && a.Start == sp.Start && a.End == sp.End && r.Creator == w.opt.Creator && w.item(r).Placed() {
			return r, true
		}
	}
	return nil, false
}

// checkSpan returns the open contents of sp's document after checking sp
// lies in its text. w.mu is held.
func (w *Workspace) checkSpan(sp Span) (*loaded, error) {
	l, ok := w.contents[sp.Doc]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotOpen, sp.Doc)
	}
	if sp.Start < 0 || sp.End > len(l.runes) || sp.Start >= sp.End {
		return nil, fmt.Errorf("%w: [%d,%d) of %s, whose text has %d characters", ErrOutsideText, sp.Start, sp.End, sp.Doc, len(l.runes))
	}
	return l, nil
}

// Tag tags span sp as t. The workspace keeps one annotation per span and
// user: when the user already tagged exactly this span, Tag retags that
// annotation and says so (or says it already has that tag) rather than
// adding a second one. It fails, changing nothing, with ErrOutsideText for
// a span outside the document's text, ErrNotOpen, ErrNoCreator or
// annotation.ErrInvalidTag.
func (w *Workspace) Tag(sp Span, t annotation.Tag) (Outcome, error) {
	if !t.Valid() {
		return Outcome{}, fmt.Errorf("tag: %q: %w", t, annotation.ErrInvalidTag)
	}
	w.mu.Lock()
	w.endEdit()
	l, err := w.checkSpan(sp)
	if err != nil {
		w.mu.Unlock()
		return Outcome{}, fmt.Errorf("tag: %w", err)
	}
	if w.opt.Creator == "" {
		w.mu.Unlock()
		return Outcome{}, fmt.Errorf("tag: %w", ErrNoCreator)
	}
	if r, ok := w.mine(sp); ok {
		q := quote(r.Anchor.Exact)
		if r.Tag == t {
			w.mu.Unlock()
			return Outcome{ID: r.ID, Doc: sp.Doc, Message: fmt.Sprintf("You already tagged %s as %s.", q, t)}, nil
		}
		target := r.clone()
		target.Tag, target.Modified = t, modified(w.opt.Now())
		return w.commit(sp.Doc, fmt.Sprintf("retagging %s as %s", q, t), []change{{id: r.ID, after: target}}, 0,
			Outcome{ID: r.ID, Message: fmt.Sprintf("You had already tagged %s as %s: retagged it as %s.", q, r.Tag, t)}), nil
	}
	anc, err := annotation.AnchorRunes(sp.Doc, l.passageAt(sp.Start), l.runes, sp.Start, sp.End)
	if err != nil { // unreachable: checkSpan checked the bounds
		w.mu.Unlock()
		return Outcome{}, fmt.Errorf("tag: %w", err)
	}
	a := annotation.New(t, anc, w.opt.Creator, w.opt.Now())
	r := &Record{Annotation: a, Corpus: w.fp}
	q := quote(anc.Exact)
	return w.commit(sp.Doc, fmt.Sprintf("tagging %s as %s", q, t), []change{{id: a.ID, after: r}}, 0,
		Outcome{ID: a.ID, Message: fmt.Sprintf("Tagged %s as %s.", q, t)}), nil
}

// modified is an annotation's modification time for now.
func modified(now time.Time) time.Time { return now.UTC().Truncate(time.Second) }

// edit starts a command on annotation id. w.mu is held on success.
func (w *Workspace) edit(id string) (*Record, error) {
	w.mu.Lock()
	r, ok := w.recs[id]
	if !ok {
		w.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", id, annotation.ErrNotFound)
	}
	return r, nil
}

// Retag changes annotation id's tag to t. It fails with
// annotation.ErrNotFound or annotation.ErrInvalidTag.
func (w *Workspace) Retag(id string, t annotation.Tag) (Outcome, error) {
	if !t.Valid() {
		return Outcome{}, fmt.Errorf("retag: %q: %w", t, annotation.ErrInvalidTag)
	}
	r, err := w.edit(id)
	if err != nil {
		return Outcome{}, fmt.Errorf("retag: %w", err)
	}
	w.endEdit()
	q := quote(r.Anchor.Exact)
	if r.Tag == t {
		w.mu.Unlock()
		return Outcome{ID: id, Doc: r.Anchor.Doc, Message: fmt.Sprintf("%s is already tagged as %s.", q, t)}, nil
	}
	target := r.clone()
	target.Tag, target.Modified = t, modified(w.opt.Now())
	return w.commit(r.Anchor.Doc, fmt.Sprintf("retagging %s as %s", q, t), []change{{id: id, after: target}}, 0,
		Outcome{ID: id, Message: fmt.Sprintf("Retagged %s as %s.", q, t)}), nil
}

// Untag removes this user's annotation on exactly span sp (a selection
// the user tagged before). With none there, it changes nothing and says so.
func (w *Workspace) Untag(sp Span) (Outcome, error) {
	w.mu.Lock()
	w.endEdit()
	if _, err := w.checkSpan(sp); err != nil {
		w.mu.Unlock()
		return Outcome{}, fmt.Errorf("untag: %w", err)
	}
	r, ok := w.mine(sp)
	if !ok {
		w.mu.Unlock()
		return Outcome{Doc: sp.Doc, Message: "You have not tagged exactly this text."}, nil
	}
	q := quote(r.Anchor.Exact)
	return w.commit(sp.Doc, fmt.Sprintf("untagging %s (%s)", q, r.Tag), []change{{id: r.ID}}, 0,
		Outcome{Message: fmt.Sprintf("Untagged %s (it was %s).", q, r.Tag)}), nil
}

// Delete removes annotation id, placed or not. It fails with
// annotation.ErrNotFound.
func (w *Workspace) Delete(id string) (Outcome, error) {
	r, err := w.edit(id)
	if err != nil {
		return Outcome{}, fmt.Errorf("delete: %w", err)
	}
	w.endEdit()
	q := quote(r.Anchor.Exact)
	return w.commit(r.Anchor.Doc, fmt.Sprintf("removing the %s on %s", r.Tag, q), []change{{id: id}}, 0,
		Outcome{Message: fmt.Sprintf("Removed the %s on %s.", r.Tag, q)}), nil
}

// Note sets annotation id's note to text, as typed: the whole session of
// typing into the field, until EndEdit or another command, is one undo
// step, and it is stored once the typing pauses (TypingDelay). It fails
// with annotation.ErrNotFound.
func (w *Workspace) Note(id, text string) (Outcome, error) { return w.typeInto(id, "note", text) }

// Evidence sets annotation id's evidence (a link or a citation) to text,
// as Note does the note.
func (w *Workspace) Evidence(id, text string) (Outcome, error) {
	return w.typeInto(id, "evidence", text)
}

func (w *Workspace) typeInto(id, field, text string) (Outcome, error) {
	r, err := w.edit(id)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: %w", field, err)
	}
	target := r.clone()
	if field == "note" {
		target.Note = text
	} else {
		target.Evidence = text
	}
	doc := r.Anchor.Doc
	if target.sameContent(r) {
		w.mu.Unlock()
		return Outcome{ID: id, Doc: doc}, nil
	}
	target.Modified = modified(w.opt.Now())
	if top := w.hist.top(doc); top != nil && top.open && top.field == field && top.changes[0].id == id {
		w.set(id, target, TypingDelay, w.opt.Now())
		top.changes[0].after = w.recs[id].clone()
		delete(w.hist.redo, doc)
		w.mu.Unlock()
		w.typed()
		return Outcome{ID: id, Doc: doc, Changed: true}, nil
	}
	w.endEdit()
	st := &step{doc: doc, what: fmt.Sprintf("editing the %s of %s", field, quote(r.Anchor.Exact)), field: field, open: true}
	return w.commitStep(st, []change{{id: id, after: target}}, TypingDelay, Outcome{ID: id}), nil
}

// Confirm accepts the place re-anchoring found for annotation id: it is
// no longer marked for checking. It fails with annotation.ErrNotFound.
func (w *Workspace) Confirm(id string) (Outcome, error) {
	r, err := w.edit(id)
	if err != nil {
		return Outcome{}, fmt.Errorf("confirm: %w", err)
	}
	w.endEdit()
	if !w.item(r).Confirm {
		w.mu.Unlock()
		return Outcome{ID: id, Doc: r.Anchor.Doc, Message: "This annotation has no new place to confirm."}, nil
	}
	target := r.clone()
	target.Placement = nil
	q := quote(r.Anchor.Exact)
	return w.commit(r.Anchor.Doc, "confirming the place of "+q, []change{{id: id, after: target}}, 0,
		Outcome{ID: id, Message: "Confirmed the place of " + q + "."}), nil
}

// ConfirmAll confirms every place in document doc that waits for it, as
// one step.
func (w *Workspace) ConfirmAll(doc string) Outcome {
	w.mu.Lock()
	w.endEdit()
	var targets []change
	for _, it := range w.list(func(it Item) bool { return it.Confirm && it.Anchor.Doc == doc }) {
		target := w.recs[it.ID].clone()
		target.Placement = nil
		targets = append(targets, change{id: it.ID, after: target})
	}
	if len(targets) == 0 {
		w.mu.Unlock()
		return Outcome{Doc: doc, Message: "No new place to confirm in this document."}
	}
	n := len(targets)
	return w.commit(doc, fmt.Sprintf("confirming %d %s", n, plural(n, "place", "places")), targets, 0,
		Outcome{Message: fmt.Sprintf("Confirmed %d %s.", n, plural(n, "place", "places"))})
}

// Adopt adds copies of as (for instance the annotations a review
// accepted, re-anchored on this corpus) that the workspace does not hold
// yet, one undo step per document; their review status is cleared.
func (w *Workspace) Adopt(as []annotation.Annotation) Outcome {
	w.mu.Lock()
	w.endEdit()
	byDoc := map[string][]change{}
	var docs []string
	for _, a := range as {
		if _, ok := w.recs[a.ID]; ok || a.Validate() != nil {
			continue
		}
		a.Status = annotation.Pending
		if _, ok := byDoc[a.Anchor.Doc]; !ok {
			docs = append(docs, a.Anchor.Doc)
		}
		byDoc[a.Anchor.Doc] = append(byDoc[a.Anchor.Doc], change{id: a.ID, after: &Record{Annotation: a, Corpus: w.fp}})
	}
	n := 0
	for _, doc := range docs {
		cs := byDoc[doc]
		n += len(cs)
		st := &step{doc: doc, what: fmt.Sprintf("adding %d accepted %s", len(cs), plural(len(cs), "annotation", "annotations"))}
		now := w.opt.Now()
		for _, c := range cs {
			w.set(c.id, c.after, 0, now)
			c.after = w.recs[c.id].clone()
			st.changes = append(st.changes, c)
		}
		w.hist.push(st)
	}
	w.mu.Unlock()
	if n > 0 {
		w.changed()
	}
	return Outcome{Changed: n > 0, Message: fmt.Sprintf("%d accepted %s added to yours.", n, plural(n, "annotation", "annotations"))}
}
