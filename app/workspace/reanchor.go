package workspace

import (
	"context"
	"errors"
	"slices"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
)

// Report says what Reanchor did.
type Report struct {
	// Checked counts the annotations checked against this corpus.
	Checked int
	// By outcome: still at their place, moved, matched fuzzily, found in
	// another document, not found (orphans).
	Exact, Moved, Fuzzy, OtherDocument, Orphan int
	// Unread lists the documents that could not be read; their
	// annotations wait, unchecked, for the next Reanchor.
	Unread []error
}

// needs reports whether r was made on another corpus and not checked
// against this one yet.
func (w *Workspace) needs(r *Record) bool {
	return r.Corpus != w.fp && (r.Placement == nil || r.Placement.Checked != w.fp)
}

// Reanchor places every annotation made on a corpus with another
// fingerprint onto this one, with package anchoring: the exact quote at
// its old place, then elsewhere in its document, then a fuzzy match near
// the old place; the other documents are searched only when its document
// is gone (anchoring.OwnDocument). Moved, fuzzy and
// other-document placements are stored and marked for the user to
// confirm (Item.Confirm); what is not found is stored as an orphan
// (Item.Status), with its anchor unchanged, and kept. The outcome is
// stored, so a reload shows the same thing without searching again. It
// opens the documents it needs: call it from a goroutine.
func (w *Workspace) Reanchor(ctx context.Context) Report {
	var rep Report
	w.mu.Lock()
	var docs []string
	for _, r := range w.recs {
		if w.needs(r) && !slices.Contains(docs, r.Anchor.Doc) {
			docs = append(docs, r.Anchor.Doc)
		}
	}
	w.mu.Unlock()
	if len(docs) == 0 {
		return rep
	}
	slices.Sort(docs)
	failed := map[string]bool{}
	open := func(ids []string) {
		for _, id := range ids {
			if _, err := w.Open(ctx, id); err != nil && !errors.Is(err, ErrUnknownDocument) {
				failed[id] = true
				rep.Unread = append(rep.Unread, err)
			}
		}
	}
	open(docs)

	w.mu.Lock()
	var rest []string // their document is gone: search the others
	for _, id := range w.sortedIDs() {
		r := w.recs[id]
		if !w.needs(r) || failed[r.Anchor.Doc] {
			continue
		}
		if l, ok := w.contents[r.Anchor.Doc]; ok {
			// A claim deleted from its document stays an orphan there
			// rather than landing on similar words of another document.
			res, found := anchoring.Locate(r.Anchor, r.Anchor.Doc, l.runes)
			if !found {
				res = anchoring.Result{Status: anchoring.Orphan}
			}
			w.place(r, res, &rep)
			continue
		}
		rest = append(rest, id)
	}
	w.mu.Unlock()
	if len(rest) > 0 {
		var all []string
		for _, d := range w.docs {
			all = append(all, d.ID)
		}
		open(all)
		w.mu.Lock()
		c := anchoringCorpus(w.docs, w.contents)
		for _, id := range rest {
			r, ok := w.recs[id]
			if !ok || !w.needs(r) {
				continue
			}
			res := c.Reanchor(r.Anchor, anchoring.OwnDocument)
			if res.Status == anchoring.Orphan && len(failed) > 0 {
				continue // it may be in a document that could not be read: try again next time
			}
			w.place(r, res, &rep)
		}
		w.mu.Unlock()
	}
	if rep.Checked > 0 {
		w.changed()
	}
	return rep
}

// sortedIDs returns every annotation id, sorted. w.mu is held.
func (w *Workspace) sortedIDs() []string {
	ids := make([]string, 0, len(w.recs))
	for id := range w.recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// place stores re-anchoring's outcome res for r. w.mu is held.
func (w *Workspace) place(r *Record, res anchoring.Result, rep *Report) {
	target := r.clone()
	switch res.Status {
	case anchoring.Orphan:
		target.Placement = &Placement{Status: anchoring.Orphan, Checked: w.fp}
		rep.Orphan++
	default:
		l := w.contents[res.Doc]
		anc, err := annotation.AnchorRunes(res.Doc, l.passageAt(res.Start), l.runes, res.Start, res.End)
		if err != nil { // unreachable: anchoring returns spans of the text
			return
		}
		target.Anchor, target.Corpus = anc, w.fp
		prev := r.Placement
		unconfirmed := prev != nil && prev.Status.Placed() && prev.Status != anchoring.Exact
		switch {
		case res.Status == anchoring.Exact && unconfirmed:
			target.Placement.Checked = w.fp // still waits for the user
		case res.Status == anchoring.Exact:
			target.Placement = nil
		default:
			was := r.Anchor
			if unconfirmed && prev.Was != nil {
				was = *prev.Was // compare with where the user put it
			}
			target.Placement = &Placement{Status: res.Status, Score: res.Score, Was: &was, Checked: w.fp}
		}
		switch res.Status {
		case anchoring.Exact:
			rep.Exact++
		case anchoring.Moved:
			rep.Moved++
		case anchoring.Fuzzy:
			rep.Fuzzy++
		case anchoring.OtherDocument:
			rep.OtherDocument++
		}
	}
	rep.Checked++
	w.set(r.ID, target, 0, w.opt.Now())
}
