package annotation

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// The format name and version written in every Export.
const (
	ExportFormat  = "claimtag/annotations"
	ExportVersion = 1
)

// ErrFormat is returned, wrapped, when a file is not a claimtag export of a
// supported version.
var ErrFormat = errors.New("not a claimtag annotations export")

// Schema is the JSON Schema (2020-12) of an export, the file
// schema/claimtag-annotations.v1.schema.json.
//
//go:embed schema/claimtag-annotations.v1.schema.json
var Schema []byte

// Export is the project's interchange file; FORMAT.md describes it.
type Export struct {
	Format      string       `json:"format"`
	Version     int          `json:"version"`
	Exported    time.Time    `json:"exported"`
	Corpus      CorpusInfo   `json:"corpus"`
	Annotations []Annotation `json:"annotations"`
}

// CorpusInfo identifies the corpus the annotations were made on.
type CorpusInfo struct {
	Fingerprint string    `json:"fingerprint"`
	Documents   []DocInfo `json:"documents"`
}

// DocInfo names one document of the corpus.
type DocInfo struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Provenance, when known, says how the document's text was made from
	// its file (encoding, sanitizing, dropped characters, repairs with
	// their code point spans and originals), so that a reviewer knows which
	// text was tagged. It is index.DocInfo.Provenance of the corpus.
	Provenance *provenance.Provenance `json:"provenance,omitempty"`
}

// Title returns the title of the document with the given id, or "".
func (c CorpusInfo) Title(id string) string {
	for _, d := range c.Documents {
		if d.ID == id {
			return d.Title
		}
	}
	return ""
}

// NewExport returns an export of as, sorted, stamped with now.
func NewExport(corpus CorpusInfo, as []Annotation, now time.Time) Export {
	as = append([]Annotation(nil), as...)
	Sort(as)
	if corpus.Documents == nil {
		corpus.Documents = []DocInfo{}
	}
	if as == nil {
		as = []Annotation{}
	}
	return Export{Format: ExportFormat, Version: ExportVersion, Exported: now.UTC().Truncate(time.Second), Corpus: corpus, Annotations: as}
}

// Subset returns a copy of e keeping only the annotations that match f;
// when f names a document, only that document is listed in the corpus.
func (e Export) Subset(f Filter) Export {
	out := e
	out.Annotations = []Annotation{}
	for _, a := range e.Annotations {
		if f.Match(a) {
			out.Annotations = append(out.Annotations, a)
		}
	}
	if f.Doc != "" {
		out.Corpus.Documents = []DocInfo{}
		for _, d := range e.Corpus.Documents {
			if d.ID == f.Doc {
				out.Corpus.Documents = append(out.Corpus.Documents, d)
			}
		}
	}
	return out
}

// Validate checks the header and every annotation; it returns all problems
// joined, each wrapping ErrFormat or ErrInvalid.
func (e Export) Validate() error {
	if e.Format != ExportFormat {
		return fmt.Errorf("%w: format %q", ErrFormat, e.Format)
	}
	if e.Version != ExportVersion {
		return fmt.Errorf("%w: version %d", ErrFormat, e.Version)
	}
	var errs []error
	seen := make(map[string]bool)
	for i, a := range e.Annotations {
		if err := a.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("annotation %d: %w", i, err))
		} else if seen[a.ID] {
			errs = append(errs, fmt.Errorf("annotation %d: %w: duplicate id %s", i, ErrInvalid, a.ID))
		}
		seen[a.ID] = true
	}
	return errors.Join(errs...)
}

// Marshal validates e and returns it as indented JSON.
func (e Export) Marshal() ([]byte, error) {
	if err := e.Validate(); err != nil {
		return nil, fmt.Errorf("marshal export: %w", err)
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal export: %w", err)
	}
	return append(b, '\n'), nil
}

// ParseExport decodes and validates an export. Any invalid annotation, or
// any string that is not valid UTF-8 (ErrInvalidUTF8), makes it fail;
// review.Import is the lenient reader that keeps the good ones.
func ParseExport(data []byte) (Export, error) {
	if err := CheckUTF8(data); err != nil {
		return Export{}, fmt.Errorf("parse export: %w", err)
	}
	var e Export
	if err := json.Unmarshal(data, &e); err != nil {
		return Export{}, fmt.Errorf("parse export: %w: %w", ErrFormat, err)
	}
	if err := e.Validate(); err != nil {
		return Export{}, fmt.Errorf("parse export: %w", err)
	}
	return e, nil
}
