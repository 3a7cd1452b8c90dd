// Package gold is claimtag's gold file: the spans a reviewer adjudicated,
// each with its final label, the reviewer, and every annotator's label as
// provenance. It is what the review desk hands on, in three forms:
//
//   - the own JSON format (File.Marshal, Parse), versioned and described by
//     the JSON Schema schema/claimtag-gold.v1.schema.json (Schema);
//   - W3C Web Annotations (W3C): one annotation per span, by the reviewer,
//     accepted, with the annotators' labels in "annotatorLabels";
//   - CSV (WriteCSV, ReadCSV): one row per span and annotator, for a
//     spreadsheet or pandas.
//
// Package adjudicate builds a File from the reviewer's decisions; a gold
// file imports back (review.Import) as a reviewed set: one accepted
// annotation per span, whose creator is the reviewer. See FORMAT.md.
package gold

import (
	"crypto/sha1"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

// The format name and version written in every gold file.
const (
	Format  = "claimtag/gold"
	Version = 1
)

// ErrFormat is returned, wrapped, when data is not a gold file of a
// supported version, or a span breaks a constraint.
var ErrFormat = errors.New("not a claimtag gold file")

// Schema is the JSON Schema (2020-12) of a gold file, the file
// schema/claimtag-gold.v1.schema.json.
//
//go:embed schema/claimtag-gold.v1.schema.json
var Schema []byte

// File is a gold file.
type File struct {
	Format   string                `json:"format"`
	Version  int                   `json:"version"`
	Exported time.Time             `json:"exported"`
	Corpus   annotation.CorpusInfo `json:"corpus"`
	// Annotators lists everyone whose labels were adjudicated, sorted.
	Annotators []string `json:"annotators"`
	// Spans are the adjudicated spans in document order.
	Spans []Span `json:"spans"`
}

// Span is one adjudicated span.
type Span struct {
	// ID is derived from the span (SpanID), so a span keeps its id across
	// exports and importing a gold file twice adds nothing.
	ID     string            `json:"id"`
	Anchor annotation.Anchor `json:"anchor"`
	// Label is the final label.
	Label annotation.Tag `json:"label"`
	// Note is the reviewer's note.
	Note     string    `json:"note,omitempty"`
	Reviewer string    `json:"reviewer"`
	Decided  time.Time `json:"decided"`
	// Annotations are the annotators' annotations of the span, one per
	// annotator, sorted by annotator.
	Annotations []Source `json:"annotations"`
}

// Source is one annotator's annotation of a span, as provenance.
type Source struct {
	Annotation string         `json:"annotation"` // its id
	Annotator  string         `json:"annotator"`
	Label      annotation.Tag `json:"label"`
	// Start and End are the annotator's own span (code points), which may
	// differ from the gold span.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Note  string `json:"note,omitempty"`
}

// SpanID returns the id of the gold span with the given key (the key of
// its unit, agreement.UnitKey): a name-based (version 5 layout) UUID URN.
func SpanID(key string) string {
	h := sha1.Sum([]byte("claimtag/gold span\x00" + key))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// New returns a gold file of spans, sorted in document order, stamped now.
func New(corpus annotation.CorpusInfo, spans []Span, now time.Time) File {
	spans = slices.Clone(spans)
	for i := range spans {
		spans[i].Annotations = slices.Clone(spans[i].Annotations)
		slices.SortStableFunc(spans[i].Annotations, func(a, b Source) int { return strings.Compare(a.Annotator, b.Annotator) })
	}
	slices.SortFunc(spans, func(a, b Span) int {
		if c := strings.Compare(a.Anchor.Doc, b.Anchor.Doc); c != 0 {
			return c
		}
		if a.Anchor.Start != b.Anchor.Start {
			return a.Anchor.Start - b.Anchor.Start
		}
		if a.Anchor.End != b.Anchor.End {
			return a.Anchor.End - b.Anchor.End
		}
		return strings.Compare(a.ID, b.ID)
	})
	annotators := []string{}
	for _, s := range spans {
		for _, src := range s.Annotations {
			if !slices.Contains(annotators, src.Annotator) {
				annotators = append(annotators, src.Annotator)
			}
		}
	}
	slices.Sort(annotators)
	if corpus.Documents == nil {
		corpus.Documents = []annotation.DocInfo{}
	}
	if spans == nil {
		spans = []Span{}
	}
	return File{Format: Format, Version: Version, Exported: now.UTC().Truncate(time.Second), Corpus: corpus, Annotators: annotators, Spans: spans}
}

// Validate checks the span's own constraints; errors wrap ErrFormat.
func (s Span) Validate() error {
	switch {
	case strings.TrimSpace(s.ID) == "":
		return fmt.Errorf("%w: span without id", ErrFormat)
	case !s.Label.Valid():
		return fmt.Errorf("%w: span %s: label %q: %w", ErrFormat, s.ID, s.Label, annotation.ErrInvalidTag)
	case strings.TrimSpace(s.Reviewer) == "":
		return fmt.Errorf("%w: span %s: no reviewer", ErrFormat, s.ID)
	case s.Decided.IsZero():
		return fmt.Errorf("%w: span %s: no decision time", ErrFormat, s.ID)
	}
	if err := s.Anchor.Validate(); err != nil {
		return fmt.Errorf("%w: span %s: %w", ErrFormat, s.ID, err)
	}
	for i, src := range s.Annotations {
		if src.Annotation == "" || !src.Label.Valid() {
			return fmt.Errorf("%w: span %s: annotation %d: no id or an unknown label %q", ErrFormat, s.ID, i, src.Label)
		}
	}
	return nil
}

// Annotation returns the span as a reviewed annotation: the final label,
// by the reviewer, accepted, created when decided.
func (s Span) Annotation() annotation.Annotation {
	return annotation.Annotation{ID: s.ID, Tag: s.Label, Note: s.Note, Creator: s.Reviewer,
		Created: s.Decided, Modified: s.Decided, Anchor: s.Anchor, Status: annotation.Accepted}
}

// Validate checks the header and every span, returning all problems joined.
func (f File) Validate() error {
	if f.Format != Format {
		return fmt.Errorf("%w: format %q", ErrFormat, f.Format)
	}
	if f.Version != Version {
		return fmt.Errorf("%w: version %d", ErrFormat, f.Version)
	}
	var errs []error
	seen := make(map[string]bool)
	for i, s := range f.Spans {
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("span %d: %w", i, err))
		} else if seen[s.ID] {
			errs = append(errs, fmt.Errorf("span %d: %w: duplicate id %s", i, ErrFormat, s.ID))
		}
		seen[s.ID] = true
	}
	return errors.Join(errs...)
}

// Marshal validates f and returns it as indented JSON.
func (f File) Marshal() ([]byte, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("marshal gold: %w", err)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal gold: %w", err)
	}
	return append(b, '\n'), nil
}

// Parse decodes and validates a gold file; any bad span or invalid UTF-8
// makes it fail. review.Import is the lenient reader.
func Parse(data []byte) (File, error) {
	if err := annotation.CheckUTF8(data); err != nil {
		return File{}, fmt.Errorf("parse gold: %w", err)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return File{}, fmt.Errorf("parse gold: %w: %w", ErrFormat, err)
	}
	if err := f.Validate(); err != nil {
		return File{}, fmt.Errorf("parse gold: %w", err)
	}
	return f, nil
}

// Decode reads a gold file's header (without spans) and its raw spans, to
// be read one by one with DecodeSpan. It fails with ErrFormat for another
// format or version.
func Decode(data []byte) (File, []json.RawMessage, error) {
	var head struct {
		File
		Spans []json.RawMessage `json:"spans"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return File{}, nil, fmt.Errorf("decode gold: %w: %w", ErrFormat, err)
	}
	if head.Format != Format || head.Version != Version {
		return File{}, nil, fmt.Errorf("decode gold: format %q version %d: %w", head.Format, head.Version, ErrFormat)
	}
	f := head.File
	f.Spans = nil
	return f, head.Spans, nil
}

// DecodeSpan decodes and validates one raw span; strings must be valid
// UTF-8 (annotation.ErrInvalidUTF8 names the field).
func DecodeSpan(raw []byte) (Span, error) {
	if err := annotation.CheckUTF8(raw); err != nil {
		return Span{}, err
	}
	var s Span
	if err := json.Unmarshal(raw, &s); err != nil {
		return Span{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return s, s.Validate()
}

// W3C returns f as a W3C AnnotationCollection under baseURL (see
// annotation.W3C): one annotation per span, by the reviewer, accepted
// ("reviewStatus"), with the reviewer's note, and the annotators' labels in
// "annotatorLabels", a term of annotation.W3CTerms.
func W3C(f File, baseURL string) ([]byte, error) {
	exp := annotation.NewExport(f.Corpus, nil, f.Exported)
	labels := make(map[string][]annotation.W3CLabel, len(f.Spans))
	for _, s := range f.Spans {
		exp.Annotations = append(exp.Annotations, s.Annotation())
		for _, src := range s.Annotations {
			labels[s.ID] = append(labels[s.ID], annotation.W3CLabel{ID: src.Annotation, Annotator: src.Annotator, Tag: src.Label})
		}
	}
	annotation.Sort(exp.Annotations)
	b, err := annotation.W3CWith(exp, baseURL, annotation.W3COptions{Label: "claimtag gold spans", Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	return b, nil
}
