package workspace

import (
	"encoding/json"
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
)

// Stamp orders the writes of a field: the time of the write (Unix
// milliseconds, made to increase within a tab and past every stamp the
// tab has seen) and the tab that made it, which breaks ties. The greater
// stamp wins when two tabs changed the same field.
type Stamp struct {
	T   int64  `json:"t"`
	Tab string `json:"tab,omitempty"`
}

// After reports whether s orders after o.
func (s Stamp) After(o Stamp) bool {
	if s.T != o.T {
		return s.T > o.T
	}
	return s.Tab > o.Tab
}

// Stamps holds one Stamp per field a user can change. Anchor covers the
// anchor, the fingerprint it refers to and the placement.
type Stamps struct {
	Tag      Stamp `json:"tag"`
	Note     Stamp `json:"note"`
	Evidence Stamp `json:"evidence"`
	Anchor   Stamp `json:"anchor"`
}

// latest returns the greatest stamp of s.
func (s Stamps) latest() Stamp {
	l := s.Tag
	for _, x := range []Stamp{s.Note, s.Evidence, s.Anchor} {
		if x.After(l) {
			l = x
		}
	}
	return l
}

// Placement is where re-anchoring put an annotation on a corpus other than
// the one it was made on.
type Placement struct {
	// Status is how it was found: moved, fuzzy and other-document are
	// placed and wait for the user to confirm them; orphan is not placed.
	Status anchoring.Status `json:"status"`
	// Score is the fuzzy match's score, in [0, 1].
	Score float64 `json:"score,omitempty"`
	// Was is the anchor before re-anchoring moved it, for the user to
	// compare (the first one not confirmed since).
	Was *annotation.Anchor `json:"was,omitempty"`
	// Checked is the fingerprint of the corpus this outcome was found on.
	Checked string `json:"checked,omitempty"`
}

// Record is the stored form of one of the user's annotations (one
// IndexedDB value): the annotation's JSON fields and "v" as
// annotation.EncodeRecord writes them, which older versions read, plus the
// corpus fingerprint the anchor refers to, the outcome of re-anchoring,
// and the stamps that let two tabs merge their edits field by field.
type Record struct {
	annotation.Annotation
	// Corpus is the fingerprint of the corpus the anchor's offsets refer
	// to; "" for records written before it was kept.
	Corpus string
	// Placement is nil for an annotation made on, or confirmed on, its
	// corpus.
	Placement *Placement
	// Stamps are the last write of each field; Base the stamp each field
	// had before that write, so that a merge can tell an edit made without
	// seeing the other tab's from one made after it.
	Stamps, Base Stamps
}

// recordJSON is Record's JSON shape.
type recordJSON struct {
	Version int `json:"v"`
	annotation.Annotation
	Corpus    string     `json:"corpus,omitempty"`
	Placement *Placement `json:"placement,omitempty"`
	Stamps    *Stamps    `json:"stamps,omitempty"`
	Base      *Stamps    `json:"base,omitempty"`
}

// Encode returns r's stored form.
func (r *Record) Encode() ([]byte, error) {
	b, err := json.Marshal(recordJSON{Version: annotation.StoredVersion, Annotation: r.Annotation, Corpus: r.Corpus,
		Placement: r.Placement, Stamps: &r.Stamps, Base: &r.Base})
	if err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.ID, err)
	}
	return b, nil
}

// DecodeRecord reads a stored record of any version annotation.Migrate
// knows; records of older versions have no corpus, placement or stamps.
// It fails like Migrate: annotation.ErrVersion for a record from the
// future, annotation.ErrInvalid for a broken one.
func DecodeRecord(raw []byte) (*Record, error) {
	a, err := annotation.Migrate(raw)
	if err != nil {
		return nil, err
	}
	var x recordJSON
	if err := json.Unmarshal(raw, &x); err != nil {
		return nil, fmt.Errorf("decode record %s: %w", a.ID, err)
	}
	r := &Record{Annotation: a, Corpus: x.Corpus, Placement: x.Placement}
	if x.Stamps != nil {
		r.Stamps = *x.Stamps
	}
	if x.Base != nil {
		r.Base = *x.Base
	}
	if p := r.Placement; p != nil && p.Was != nil && p.Was.Validate() != nil {
		p.Was = nil
	}
	return r, nil
}

// clone returns a deep copy of r.
func (r *Record) clone() *Record {
	c := *r
	if r.Placement != nil {
		p := *r.Placement
		if p.Was != nil {
			w := *p.Was
			p.Was = &w
		}
		c.Placement = &p
	}
	return &c
}

// sameContent reports whether r and o agree on everything a user sees
// (not the stamps, not Modified).
func (r *Record) sameContent(o *Record) bool {
	if r == nil || o == nil {
		return r == o
	}
	return r.ID == o.ID && r.Tag == o.Tag && r.Note == o.Note && r.Evidence == o.Evidence && r.Status == o.Status &&
		r.Anchor == o.Anchor && r.Corpus == o.Corpus && samePlacement(r.Placement, o.Placement)
}

func samePlacement(a, b *Placement) bool {
	if a == nil || b == nil {
		return a == b
	}
	if (a.Was == nil) != (b.Was == nil) || a.Was != nil && *a.Was != *b.Was {
		return false
	}
	return a.Status == b.Status && a.Score == b.Score && a.Checked == b.Checked
}

// field is one independently merged part of a record.
type field struct {
	name  string
	stamp func(*Stamps) *Stamp
	copy  func(dst, src *Record)
	same  func(a, b *Record) bool
	text  func(*Record) string // what the user would lose, in words
}

// fields lists the merged parts of a record.
var fields = []field{
	{name: "tag", stamp: func(s *Stamps) *Stamp { return &s.Tag },
		copy: func(d, s *Record) { d.Tag, d.Status = s.Tag, s.Status },
		same: func(a, b *Record) bool { return a.Tag == b.Tag && a.Status == b.Status },
		text: func(r *Record) string { return string(r.Tag) }},
	{name: "note", stamp: func(s *Stamps) *Stamp { return &s.Note },
		copy: func(d, s *Record) { d.Note = s.Note },
		same: func(a, b *Record) bool { return a.Note == b.Note },
		text: func(r *Record) string { return r.Note }},
	{name: "evidence", stamp: func(s *Stamps) *Stamp { return &s.Evidence },
		copy: func(d, s *Record) { d.Evidence = s.Evidence },
		same: func(a, b *Record) bool { return a.Evidence == b.Evidence },
		text: func(r *Record) string { return r.Evidence }},
	{name: "place", stamp: func(s *Stamps) *Stamp { return &s.Anchor },
		copy: func(d, s *Record) { d.Anchor, d.Corpus, d.Placement = s.Anchor, s.Corpus, s.clone().Placement },
		same: func(a, b *Record) bool {
			return a.Anchor == b.Anchor && a.Corpus == b.Corpus && samePlacement(a.Placement, b.Placement)
		},
		text: func(r *Record) string { return r.Anchor.Exact }},
}

// lost is a field of this tab's that a merge replaced with another tab's
// value written without seeing it.
type lost struct {
	field      string
	mine, kept string
}

// merge returns local and remote merged field by field, the later stamp
// winning, and what of tab's own edits was replaced by an edit that did
// not see it.
func merge(local, remote *Record, tab string) (*Record, []lost) {
	out := local.clone()
	var ls []lost
	for _, f := range fields {
		ls1, rs := f.stamp(&local.Stamps), f.stamp(&remote.Stamps)
		if !rs.After(*ls1) {
			continue
		}
		if !f.same(local, remote) && ls1.Tab == tab && *f.stamp(&remote.Base) != *ls1 {
			ls = append(ls, lost{field: f.name, mine: f.text(local), kept: f.text(remote)})
		}
		f.copy(out, remote)
		*f.stamp(&out.Stamps) = *rs
		*f.stamp(&out.Base) = *f.stamp(&remote.Base)
	}
	if remote.Modified.After(out.Modified) {
		out.Modified = remote.Modified
	}
	return out, ls
}
