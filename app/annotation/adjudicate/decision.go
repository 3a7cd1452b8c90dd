// Package adjudicate is the reviewer's curation of the spans annotators
// marked, the way INCEpTION's curation works: a queue of units
// (agreement.Units), disagreements first; for each the reviewer sets the
// final label (keys 1-4: fact, forecast, opinion, unverified) with a note,
// (keeping the unit's span or one annotator's, DecideSpan), or drops the
// span as no claim; unanimous spans can be accepted in bulk.
// Each decision is a plain, versioned, keyed record (Decision) that the
// app's saver stores like any other edit, and every change can be undone.
// The decisions become the gold file (package gold).
//
//	units := agreement.Units(placed)          // or agreement.Compare(...).Units
//	q := adjudicate.NewQueue(units, stored)   // stored: decisions loaded from storage
//	ch, err := q.Decide(key, annotation.Fact, "in the Q1 release", "Rita", time.Now())
//	save(ch)                                  // ch.Put and ch.Delete name the records to write
//	ch, _ = q.AcceptUnanimous("Rita", time.Now())
//	ch, _ = q.Undo()
//	fmt.Println(q.Progress())                 // "12 of 20 spans decided"
//	f := q.Gold(corpusInfo, time.Now())       // gold.File: Marshal, W3C, WriteCSV
//
// The package is pure Go.
package adjudicate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/annotation/gold"
)

// DecisionVersion is the version written in every Decision.
const DecisionVersion = 1

// Errors returned, wrapped, by the package.
var (
	// ErrInvalid: a decision breaks a constraint (the message says which).
	ErrInvalid = errors.New("invalid decision")
	// ErrNoUnit: no unit has the given key.
	ErrNoUnit = errors.New("no such span")
)

// Decision is the reviewer's verdict on one unit: a final label, or that
// the span is no claim (Dropped). It is what the saver stores, under Key.
type Decision struct {
	Version int `json:"version"`
	// Key is the record's key: the key of the unit when first decided
	// (agreement.UnitKey). It never changes, even when the unit's span
	// does; see NewQueue for how stored decisions find their units.
	Key string `json:"key"`
	// Anchor is the span decided.
	Anchor annotation.Anchor `json:"anchor"`
	// Label is the final label; empty when Dropped.
	Label annotation.Tag `json:"label,omitempty"`
	// Dropped is true when the reviewer decided the span is no claim: it
	// is left out of the gold file.
	Dropped  bool      `json:"dropped,omitempty"`
	Note     string    `json:"note,omitempty"`
	Reviewer string    `json:"reviewer"`
	Decided  time.Time `json:"decided"`
	// Sources are the annotators' annotations of the span when decided:
	// the gold file's provenance.
	Sources []gold.Source `json:"sources"`
}

// Validate checks d's constraints; errors wrap ErrInvalid.
func (d Decision) Validate() error {
	switch {
	case d.Version != DecisionVersion:
		return fmt.Errorf("%w: version %d, want %d", ErrInvalid, d.Version, DecisionVersion)
	case strings.TrimSpace(d.Key) == "":
		return fmt.Errorf("%w: no key", ErrInvalid)
	case d.Dropped && d.Label != "":
		return fmt.Errorf("%w: %s: both dropped and labelled %s", ErrInvalid, d.Key, d.Label)
	case !d.Dropped && !d.Label.Valid():
		return fmt.Errorf("%w: %s: label %q: %w", ErrInvalid, d.Key, d.Label, annotation.ErrInvalidTag)
	case strings.TrimSpace(d.Reviewer) == "":
		return fmt.Errorf("%w: %s: no reviewer name", ErrInvalid, d.Key)
	case d.Decided.IsZero():
		return fmt.Errorf("%w: %s: no decision time", ErrInvalid, d.Key)
	}
	if err := d.Anchor.Validate(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalid, d.Key, err)
	}
	for i, s := range d.Sources {
		if s.Annotation == "" || !s.Label.Valid() {
			return fmt.Errorf("%w: %s: source %d: no annotation id or an unknown label %q", ErrInvalid, d.Key, i, s.Label)
		}
	}
	return nil
}

// Marshal validates d and returns its JSON record.
func (d Decision) Marshal() ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(d)
}

// ParseDecision decodes and validates a stored decision record. Strings
// must be valid UTF-8 (annotation.ErrInvalidUTF8).
func ParseDecision(data []byte) (Decision, error) {
	if err := annotation.CheckUTF8(data); err != nil {
		return Decision{}, fmt.Errorf("parse decision: %w", err)
	}
	var d Decision
	if err := json.Unmarshal(data, &d); err != nil {
		return Decision{}, fmt.Errorf("parse decision: %w: %w", ErrInvalid, err)
	}
	if err := d.Validate(); err != nil {
		return Decision{}, fmt.Errorf("parse decision: %w", err)
	}
	return d, nil
}

// sources returns the provenance of a unit.
func sources(u agreement.Unit) []gold.Source {
	out := make([]gold.Source, 0, len(u.Annotations))
	for _, a := range u.Annotations {
		out = append(out, gold.Source{Annotation: a.ID, Annotator: a.Creator, Label: a.Tag,
			Start: a.Anchor.Start, End: a.Anchor.End, Note: a.Note})
	}
	return out
}

// sameSources reports whether a unit still holds the annotations and
// labels a decision was taken on.
func sameSources(a, b []gold.Source) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Annotation != b[i].Annotation || a[i].Label != b[i].Label {
			return false
		}
	}
	return true
}

// span returns the gold span of d.
func (d Decision) span() gold.Span {
	return gold.Span{ID: gold.SpanID(d.Key), Anchor: d.Anchor, Label: d.Label, Note: d.Note, Reviewer: d.Reviewer,
		Decided: d.Decided, Annotations: d.Sources}
}

// FromGold returns the decisions a gold file records, to resume an
// adjudication from it: one per span, keyed by its span.
func FromGold(f gold.File) []Decision {
	out := make([]Decision, 0, len(f.Spans))
	for _, s := range f.Spans {
		out = append(out, Decision{Version: DecisionVersion, Key: agreement.UnitKey(s.Anchor.Doc, s.Anchor.Start, s.Anchor.End),
			Anchor: s.Anchor, Label: s.Label, Note: s.Note, Reviewer: s.Reviewer, Decided: s.Decided, Sources: s.Annotations})
	}
	return out
}
