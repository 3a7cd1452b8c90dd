package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

// DefaultLimit is a sensible size limit for Import: 16 MiB.
const DefaultLimit = 16 << 20

// Errors returned, wrapped, by Import.
var (
	ErrTooLarge = errors.New("file too large")
	ErrUnknown  = errors.New("unrecognized file: neither a claimtag export nor W3C web annotations")
)

// Format names the kind of file Import read.
type Format string

// The formats Import detects.
const (
	FormatClaimtag Format = "claimtag"
	FormatW3C      Format = "w3c"
)

// Rejection is an entry Import could not use: its index in the file's
// annotation list, its id if it had one, and why.
type Rejection struct {
	Index  int
	ID     string
	Reason string
}

// ImportResult is what Import read from one file.
type ImportResult struct {
	Name        string
	Format      Format
	Corpus      annotation.CorpusInfo
	Exported    time.Time
	Annotations []annotation.Annotation
	Rejected    []Rejection
	// Duplicates counts entries repeating an earlier entry's ID and content.
	Duplicates int
}

// Import reads a claimtag export or a W3C annotation document (detected
// from its content) named name, at most limit bytes (no limit if limit <=
// 0). It fails only when the file as a whole is unusable: too large
// (ErrTooLarge), not JSON, or of neither format (ErrUnknown,
// annotation.ErrFormat). Each annotation is then validated on its own:
// good ones are returned and bad ones listed in Rejected. An entry
// repeating an earlier ID with the same content is skipped; with other
// content it is rejected.
func Import(name string, data []byte, limit int64) (res ImportResult, err error) {
	defer func() { // no panic crosses the package boundary
		if r := recover(); r != nil {
			res, err = ImportResult{}, fmt.Errorf("import %s: internal error: %v", name, r)
		}
	}()
	if limit > 0 && int64(len(data)) > limit {
		return ImportResult{}, fmt.Errorf("import %s: %d bytes, limit %d: %w", name, len(data), limit, ErrTooLarge)
	}
	// Most files are good claimtag exports: decode those in one pass. Any
	// error (a bad entry, another format) takes the way below, which
	// decodes entry by entry to say which entries are bad.
	var whole struct {
		Format      *string                 `json:"format"`
		Version     int                     `json:"version"`
		Type        json.RawMessage         `json:"type"`
		Exported    time.Time               `json:"exported"`
		Corpus      annotation.CorpusInfo   `json:"corpus"`
		Annotations []annotation.Annotation `json:"annotations"`
	}
	wholeErr := json.Unmarshal(data, &whole)
	if wholeErr == nil && whole.Format != nil &&
		*whole.Format == annotation.ExportFormat && whole.Version == annotation.ExportVersion {
		res = ImportResult{Name: name, Format: FormatClaimtag, Corpus: whole.Corpus, Exported: whole.Exported}
		res.add(len(whole.Annotations), func(i int) (annotation.Annotation, string, error) {
			a := whole.Annotations[i]
			return a, a.ID, a.Validate()
		})
		return res, nil
	}
	var head struct {
		Format  *string         `json:"format"`
		Version int             `json:"version"`
		Type    json.RawMessage `json:"type"`
	}
	if wholeErr == nil {
		head.Format, head.Version, head.Type = whole.Format, whole.Version, whole.Type
	} else if err := json.Unmarshal(data, &head); err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w: %w", name, ErrUnknown, err)
	}
	res = ImportResult{Name: name}
	var items [][]byte
	var decode func([]byte) (annotation.Annotation, error)
	switch {
	case head.Format != nil:
		if *head.Format != annotation.ExportFormat || head.Version != annotation.ExportVersion {
			return ImportResult{}, fmt.Errorf("import %s: format %q version %d: %w", name, *head.Format, head.Version, annotation.ErrFormat)
		}
		var exp struct {
			Exported    time.Time             `json:"exported"`
			Corpus      annotation.CorpusInfo `json:"corpus"`
			Annotations []json.RawMessage     `json:"annotations"`
		}
		if err := json.Unmarshal(data, &exp); err != nil {
			return ImportResult{}, fmt.Errorf("import %s: %w: %w", name, annotation.ErrFormat, err)
		}
		res.Format, res.Corpus, res.Exported = FormatClaimtag, exp.Corpus, exp.Exported
		for _, r := range exp.Annotations {
			items = append(items, r)
		}
		decode = decodeOwn
	case len(head.Type) > 0:
		exp, raw, err := annotation.DecodeW3C(data)
		if err != nil {
			return ImportResult{}, fmt.Errorf("import %s: %w", name, err)
		}
		res.Format, res.Corpus, res.Exported, items = FormatW3C, exp.Corpus, exp.Exported, raw
		decode = func(b []byte) (annotation.Annotation, error) {
			a, title, err := annotation.W3CAnnotation(b)
			if err == nil && res.Corpus.Title(a.Anchor.Doc) == "" {
				res.Corpus.Documents = append(res.Corpus.Documents, annotation.DocInfo{ID: a.Anchor.Doc, Title: title})
			}
			return a, err
		}
	default:
		return ImportResult{}, fmt.Errorf("import %s: %w", name, ErrUnknown)
	}
	res.add(len(items), func(i int) (annotation.Annotation, string, error) {
		a, err := decode(items[i])
		if err != nil {
			return a, peekID(items[i]), err
		}
		return a, a.ID, nil
	})
	return res, nil
}

// add adds the n entries that entry decodes and validates (returning the
// id to report a bad one under), rejecting the bad ones and repeated ids.
func (res *ImportResult) add(n int, entry func(i int) (annotation.Annotation, string, error)) {
	seen := make(map[string]annotation.Annotation)
	for i := range n {
		a, id, err := entry(i)
		if err != nil {
			res.Rejected = append(res.Rejected, Rejection{Index: i, ID: id, Reason: err.Error()})
			continue
		}
		if old, dup := seen[a.ID]; dup {
			if old.SameContent(a) {
				res.Duplicates++
			} else {
				res.Rejected = append(res.Rejected, Rejection{Index: i, ID: a.ID, Reason: "duplicate id with different content"})
			}
			continue
		}
		seen[a.ID] = a
		res.Annotations = append(res.Annotations, a)
	}
}

func decodeOwn(raw []byte) (annotation.Annotation, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var a annotation.Annotation
	if err := dec.Decode(&a); err != nil {
		return annotation.Annotation{}, fmt.Errorf("bad annotation JSON: %w", err)
	}
	if err := a.Validate(); err != nil {
		return annotation.Annotation{}, err
	}
	return a, nil
}

func peekID(raw []byte) string {
	var v struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &v)
	return v.ID
}
