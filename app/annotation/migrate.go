package annotation

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// StoredVersion is the version of the record written by EncodeRecord.
const StoredVersion = 1

// ErrVersion is returned, wrapped, by Migrate for a record newer than StoredVersion.
var ErrVersion = errors.New("unsupported record version")

// Record is the stored form of an annotation (one IndexedDB value): the
// annotation's JSON fields plus "v", the record version.
//
// Version 0 records (written before versioning) had no "v", no "modified",
// a flat shape with "label" (capitalized, e.g. "Fact") instead of "tag",
// "author" instead of "creator", "source" instead of "evidence", and the
// anchor fields "doc", "passage", "quote", "prefix", "suffix", "start",
// "end" at the top level.
type Record struct {
	Version int `json:"v"`
	Annotation
}

// recordV0 is the version 0 shape described on Record.
type recordV0 struct {
	ID      string    `json:"id"`
	Label   string    `json:"label"`
	Note    string    `json:"note"`
	Source  string    `json:"source"`
	Author  string    `json:"author"`
	Created time.Time `json:"created"`
	Doc     string    `json:"doc"`
	Passage string    `json:"passage"`
	Quote   string    `json:"quote"`
	Prefix  string    `json:"prefix"`
	Suffix  string    `json:"suffix"`
	Start   int       `json:"start"`
	End     int       `json:"end"`
}

// EncodeRecord returns a's stored form at StoredVersion.
func EncodeRecord(a Annotation) ([]byte, error) {
	b, err := json.Marshal(Record{Version: StoredVersion, Annotation: a})
	if err != nil {
		return nil, fmt.Errorf("encode record %s: %w", a.ID, err)
	}
	return b, nil
}

// Migrate decodes a stored record of any known version, upgrades it to the
// current Annotation and validates it. It fails with ErrVersion for a
// record from the future and ErrInvalid for a broken one.
func Migrate(raw []byte) (Annotation, error) {
	var head struct {
		Version *int `json:"v"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return Annotation{}, fmt.Errorf("migrate record: %w", err)
	}
	v := 0
	if head.Version != nil {
		v = *head.Version
	}
	var a Annotation
	switch v {
	case 0:
		var old recordV0
		if err := json.Unmarshal(raw, &old); err != nil {
			return Annotation{}, fmt.Errorf("migrate record v0: %w", err)
		}
		tag, err := ParseTag(old.Label)
		if err != nil {
			return Annotation{}, fmt.Errorf("migrate record v0 %s: %w: %w", old.ID, ErrInvalid, err)
		}
		a = Annotation{
			ID: old.ID, Tag: tag, Note: old.Note, Evidence: old.Source, Creator: old.Author,
			Created: old.Created, Modified: old.Created,
			Anchor: Anchor{Doc: old.Doc, Passage: old.Passage, Exact: old.Quote, Prefix: old.Prefix,
				Suffix: old.Suffix, Start: old.Start, End: old.End},
		}
	case 1:
		var r Record
		if err := json.Unmarshal(raw, &r); err != nil {
			return Annotation{}, fmt.Errorf("migrate record v1: %w", err)
		}
		a = r.Annotation
	default:
		return Annotation{}, fmt.Errorf("migrate record: version %d: %w", v, ErrVersion)
	}
	if err := a.Validate(); err != nil {
		return Annotation{}, fmt.Errorf("migrate record v%d: %w", v, err)
	}
	return a, nil
}
