package desk

import (
	"bytes"
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/annotation/gold"
)

// The adjudication: the desk keeps an adjudicate.Queue over the units of
// its agreement report and saves each change of a decision as its own
// record, like every other edit.

// Items returns the spans to adjudicate in queue order: disagreements,
// then spans one annotator marked, then unanimous ones.
func (d *Desk) Items() []adjudicate.Item {
	d.memo()
	return d.queue.Items()
}

// Item returns the span with the given unit key.
func (d *Desk) Item(key string) (adjudicate.Item, bool) {
	d.memo()
	return d.queue.Item(key)
}

// Next returns the first undecided span after the one with key, in queue
// order, wrapping around; ok is false when every span is decided.
func (d *Desk) Next(key string) (adjudicate.Item, bool) {
	d.memo()
	return d.queue.Next(key)
}

// Progress says how many spans are decided ("12 of 20 spans decided").
func (d *Desk) Progress() adjudicate.Progress {
	d.memo()
	return d.queue.Progress()
}

// Decide sets the final label of the span with unit key, with the
// reviewer's note and name, and queues the decision to be saved. It fails
// with adjudicate.ErrNoUnit or adjudicate.ErrInvalid.
func (d *Desk) Decide(key string, label annotation.Tag, note, reviewer string, now time.Time) error {
	d.memo()
	ch, err := d.queue.Decide(key, label, note, reviewer, now)
	return d.applied(ch, err)
}

// Drop records that the span with unit key is no claim: it stays out of
// the gold file. Errors are Decide's.
func (d *Desk) Drop(key, note, reviewer string, now time.Time) error {
	d.memo()
	ch, err := d.queue.Drop(key, note, reviewer, now)
	return d.applied(ch, err)
}

// Undecide removes the decision of the span with unit key. It fails with
// adjudicate.ErrNoUnit, also when the span is undecided.
func (d *Desk) Undecide(key string) error {
	d.memo()
	ch, err := d.queue.Undecide(key)
	return d.applied(ch, err)
}

// AcceptUnanimous gives every undecided span all its annotators (two or
// more) gave one label that label, by reviewer, as one undoable step, and
// returns how many it decided. It fails with adjudicate.ErrInvalid for an
// empty reviewer name.
func (d *Desk) AcceptUnanimous(reviewer string, now time.Time) (int, error) {
	d.memo()
	ch, err := d.queue.AcceptUnanimous(reviewer, now)
	return len(ch.Put), d.applied(ch, err)
}

// Unanimous counts the undecided spans AcceptUnanimous would decide.
func (d *Desk) Unanimous() int {
	n := 0
	for _, it := range d.Items() {
		if it.State == agreement.Unanimous && it.Decision == nil {
			n++
		}
	}
	return n
}

// Undo reverts the latest change of a decision (since the spans last
// changed) and queues it to be saved; ok is false when there is none.
func (d *Desk) Undo() (ok bool) {
	d.memo()
	ch, ok := d.queue.Undo()
	if ok {
		d.applied(ch, nil)
	}
	return ok
}

// Redo re-applies the latest undone change; ok is false when there is none.
func (d *Desk) Redo() (ok bool) {
	d.memo()
	ch, ok := d.queue.Redo()
	if ok {
		d.applied(ch, nil)
	}
	return ok
}

// CanUndo reports whether Undo would do something.
func (d *Desk) CanUndo() bool { d.memo(); return d.queue.CanUndo() }

// CanRedo reports whether Redo would do something.
func (d *Desk) CanRedo() bool { d.memo(); return d.queue.CanRedo() }

// applied saves a queue change and bumps the revision.
func (d *Desk) applied(ch adjudicate.Change, err error) error {
	if err != nil {
		return err
	}
	if !ch.Empty() {
		d.Rev++
		d.saveDecisions(ch)
	}
	return nil
}

// Decisions returns every decision, placed on a span or not.
func (d *Desk) Decisions() []adjudicate.Decision {
	d.memo()
	return d.queue.Decisions()
}

// Gold returns the gold file of the decisions: one span per decision that
// is not dropped, each with its final label, the reviewer and every
// annotator's label.
func (d *Desk) Gold(now time.Time) gold.File {
	d.memo()
	return d.queue.Gold(d.info, now)
}

// Gold export formats.
const (
	GoldJSON = "json"
	GoldW3C  = "w3c"
	GoldCSV  = "csv"
)

// ExportGold encodes the gold file in format: GoldJSON (claimtag's gold
// format), GoldW3C (Web Annotations under base) or GoldCSV (one row per
// span and annotator).
func (d *Desk) ExportGold(format, base string, now time.Time) ([]byte, error) {
	f := d.Gold(now)
	switch format {
	case GoldJSON:
		return f.Marshal()
	case GoldW3C:
		return gold.W3C(f, base)
	case GoldCSV:
		var b bytes.Buffer
		if err := gold.WriteCSV(&b, f.Rows()); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	return nil, fmt.Errorf("export gold: unknown format %q", format)
}

// GoldName returns the download name and MIME type of ExportGold(format).
func GoldName(format string) (name, mime string) {
	switch format {
	case GoldW3C:
		return "claimtag-gold.w3c.jsonld", "application/ld+json"
	case GoldCSV:
		return "claimtag-gold.csv", "text/csv;charset=utf-8"
	}
	return "claimtag-gold.json", "application/json"
}

// GoldAnnotations returns the decided spans as annotations by the
// reviewer, with their final labels: what a reviewer adds to their own.
func (d *Desk) GoldAnnotations(now time.Time) []annotation.Annotation {
	var out []annotation.Annotation
	for _, s := range d.Gold(now).Spans {
		out = append(out, s.Annotation())
	}
	return out
}
