package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/gold"
	"github.com/claimtag/claimtag/app/annotation/hypothesis"
)

// DefaultLimit is a sensible size limit for Import: 16 MiB.
const DefaultLimit = 16 << 20

// Errors returned, wrapped, by Import.
var (
	ErrTooLarge = errors.New("file too large")
	ErrUnknown  = errors.New("unrecognized file: not a claimtag export or gold file, W3C web annotations or a Hypothesis export")
)

// Format names the kind of file Import read.
type Format string

// The formats Import detects.
const (
	FormatClaimtag   Format = "claimtag"
	FormatGold       Format = "claimtag-gold"
	FormatW3C        Format = "w3c"
	FormatHypothesis Format = "hypothesis"
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
	// Warnings are problems that cost no annotation: a target of an
	// annotation with several that could not be used, a header string
	// that was not valid UTF-8.
	Warnings []string
	// Reviewed is true for a gold file: its annotations are the reviewer's
	// final labels, all accepted (Creator is the reviewer).
	Reviewed bool
	// Gold holds a gold file's spans, one per annotation, in the same
	// order, with their provenance (adjudicate.FromGold resumes the
	// adjudication from them).
	Gold []gold.Span
}

// Options tune ImportWith.
type Options struct {
	// Limit is the largest file accepted, in bytes; <= 0 means no limit.
	Limit int64
	// Corpus, when set, resolves the target sources of W3C and Hypothesis
	// annotations to its documents (Corpus.Resolve); without it sources
	// are kept as annotation.ReadW3CTarget reads them.
	Corpus *Corpus
	// Progress, when set, is called as entries are read, with the number
	// done and the total.
	Progress func(done, total int)
}

// progressEvery is how many entries ImportWith reads between calls to
// Options.Progress and checks of the context.
const progressEvery = 256

// Import is ImportWith with only a size limit: no corpus to resolve target
// sources, no progress, no cancellation.
func Import(name string, data []byte, limit int64) (ImportResult, error) {
	return ImportWith(context.Background(), name, data, Options{Limit: limit})
}

// TooLarge is the error of a file of size bytes refused for being over
// limit: it wraps ErrTooLarge and says what to do.
func TooLarge(name string, size, limit int64) error {
	mb := func(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }
	return fmt.Errorf("import %s: %w: %s, over the %s limit; split it, or export fewer annotations per file", name, ErrTooLarge, mb(size), mb(limit))
}

// ImportWith reads a file named name, detected from its content: a
// claimtag export, a claimtag gold file (read as a reviewed set), a W3C
// annotation document (a collection, page, single annotation, or a JSON
// array of annotations as Recogito writes), a Hypothesis client export or
// a Hypothesis API search result. It fails only when the file as a whole
// is unusable: too large (ErrTooLarge), not JSON or of no known format
// (ErrUnknown, annotation.ErrFormat), or ctx is done (its error). Each
// entry is then read on its own: good ones are returned and bad ones
// listed in Rejected with the reason, including any string that is not
// valid UTF-8 (named by its JSON Pointer, never replaced). An entry
// repeating an earlier ID with the same content is counted in Duplicates;
// with other content it is rejected.
func ImportWith(ctx context.Context, name string, data []byte, opt Options) (res ImportResult, err error) {
	defer func() { // no panic crosses the package boundary
		if r := recover(); r != nil {
			res, err = ImportResult{}, fmt.Errorf("import %s: internal error: %v", name, r)
		}
	}()
	if opt.Limit > 0 && int64(len(data)) > opt.Limit {
		return ImportResult{}, TooLarge(name, int64(len(data)), opt.Limit)
	}
	var resolve annotation.DocResolver
	if opt.Corpus != nil {
		resolve = opt.Corpus.Resolve
	}
	textOK := annotation.CheckUTF8(data) == nil
	r := reader{ctx: ctx, progress: opt.Progress, res: ImportResult{Name: name}}
	if textOK {
		if res, ok := fastOwn(name, data); ok {
			return res, nil
		}
	}
	var head struct {
		Format  *string         `json:"format"`
		Version int             `json:"version"`
		Type    json.RawMessage `json:"type"`
		AtType  json.RawMessage `json:"@type"`
	}
	trimmed := bytes.TrimSpace(data)
	isArray := len(trimmed) > 0 && trimmed[0] == '['
	if isArray {
		if _, err := annotation.DecodeW3C(data); err != nil {
			return ImportResult{}, fmt.Errorf("import %s: %w: %w", name, ErrUnknown, err)
		}
	} else if err := json.Unmarshal(data, &head); err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w: %w", name, ErrUnknown, err)
	}
	switch {
	case head.Format != nil && *head.Format == gold.Format:
		r.entries = "/spans/"
		err = r.readGold(data, head.Version)
	case head.Format != nil:
		r.entries = "/annotations/"
		err = r.readOwn(data, *head.Format, head.Version)
	case isArray || len(head.Type) > 0 || len(head.AtType) > 0:
		r.entries = w3cEntries(isArray, head.Type, head.AtType)
		err = r.readW3C(data, resolve)
	default:
		if f, herr := hypothesis.Decode(data); herr == nil {
			r.entries = "/annotations/"
			if f.Kind == hypothesis.SearchResult {
				r.entries = "/rows/"
			}
			err = r.readHypothesis(f, resolve)
		} else {
			err = fmt.Errorf("%w", ErrUnknown)
		}
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", name, err)
	}
	if !textOK {
		r.headerText(data)
	}
	return r.res, nil
}

// fastOwn decodes a good claimtag export in one pass, the common case;
// anything else (a bad entry, another format) is read entry by entry.
func fastOwn(name string, data []byte) (ImportResult, bool) {
	var whole struct {
		Format      *string                 `json:"format"`
		Version     int                     `json:"version"`
		Exported    time.Time               `json:"exported"`
		Corpus      annotation.CorpusInfo   `json:"corpus"`
		Annotations []annotation.Annotation `json:"annotations"`
	}
	if json.Unmarshal(data, &whole) != nil || whole.Format == nil ||
		*whole.Format != annotation.ExportFormat || whole.Version != annotation.ExportVersion {
		return ImportResult{}, false
	}
	r := reader{ctx: context.Background(), res: ImportResult{Name: name, Format: FormatClaimtag, Corpus: whole.Corpus, Exported: whole.Exported}}
	_ = r.add(len(whole.Annotations), func(i int) ([]annotation.Annotation, string, error) {
		a := whole.Annotations[i]
		return []annotation.Annotation{a}, a.ID, a.Validate()
	})
	return r.res, true
}

// reader accumulates an ImportResult.
type reader struct {
	ctx      context.Context
	progress func(done, total int)
	res      ImportResult
	// entries is the JSON Pointer prefix of the file's entries
	// ("/annotations/"), "" when the file is one entry.
	entries string
}

// w3cEntries returns where the entries of a W3C document are.
func w3cEntries(isArray bool, types ...json.RawMessage) string {
	if isArray {
		return "/"
	}
	for _, t := range types {
		switch {
		case bytes.Contains(t, []byte("AnnotationCollection")):
			return "/first/items/"
		case bytes.Contains(t, []byte("AnnotationPage")):
			return "/items/"
		}
	}
	return ""
}

func (r *reader) readOwn(data []byte, format string, version int) error {
	if format != annotation.ExportFormat || version != annotation.ExportVersion {
		return fmt.Errorf("format %q version %d: %w", format, version, annotation.ErrFormat)
	}
	var exp struct {
		Exported    time.Time             `json:"exported"`
		Corpus      annotation.CorpusInfo `json:"corpus"`
		Annotations []json.RawMessage     `json:"annotations"`
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		return fmt.Errorf("%w: %w", annotation.ErrFormat, err)
	}
	r.res.Format, r.res.Corpus, r.res.Exported = FormatClaimtag, exp.Corpus, exp.Exported
	return r.add(len(exp.Annotations), func(i int) ([]annotation.Annotation, string, error) {
		a, err := decodeOwn(exp.Annotations[i])
		return []annotation.Annotation{a}, peekID(exp.Annotations[i]), err
	})
}

func (r *reader) readGold(data []byte, version int) error {
	if version != gold.Version {
		return fmt.Errorf("gold file version %d: %w", version, annotation.ErrFormat)
	}
	f, spans, err := gold.Decode(data)
	if err != nil {
		return err
	}
	r.res.Format, r.res.Corpus, r.res.Exported, r.res.Reviewed = FormatGold, f.Corpus, f.Exported, true
	byID := map[string]gold.Span{}
	err = r.add(len(spans), func(i int) ([]annotation.Annotation, string, error) {
		s, err := gold.DecodeSpan(spans[i])
		if err != nil {
			return nil, peekID(spans[i]), err
		}
		if _, dup := byID[s.ID]; !dup { // add keeps the first of a repeated id
			byID[s.ID] = s
		}
		return []annotation.Annotation{s.Annotation()}, s.ID, nil
	})
	for _, a := range r.res.Annotations {
		r.res.Gold = append(r.res.Gold, byID[a.ID])
	}
	return err
}

func (r *reader) readW3C(data []byte, resolve annotation.DocResolver) error {
	f, err := annotation.DecodeW3C(data)
	if err != nil {
		return err
	}
	r.res.Format, r.res.Corpus, r.res.Exported = FormatW3C, f.Header.Corpus, f.Header.Exported
	return r.add(len(f.Items), func(i int) ([]annotation.Annotation, string, error) {
		e, err := f.Entry(f.Items[i], resolve)
		if err != nil {
			return nil, peekW3CID(f.Items[i]), err
		}
		for j, a := range e.Annotations {
			r.addTitle(a.Anchor.Doc, e.Titles[j])
		}
		for _, s := range e.Skipped {
			r.res.Warnings = append(r.res.Warnings, fmt.Sprintf("entry %d (%s): %s", i, peekW3CID(f.Items[i]), s))
		}
		return e.Annotations, peekW3CID(f.Items[i]), nil
	})
}

func (r *reader) readHypothesis(f hypothesis.File, resolve annotation.DocResolver) error {
	r.res.Format, r.res.Exported = FormatHypothesis, f.Exported
	if f.Kind == hypothesis.SearchResult && f.Total > len(f.Items) {
		r.res.Warnings = append(r.res.Warnings, fmt.Sprintf("this search result holds %d of the %d matching annotations: fetch the other pages too", len(f.Items), f.Total))
	}
	return r.add(len(f.Items), func(i int) ([]annotation.Annotation, string, error) {
		a, title, err := hypothesis.Entry(f.Items[i], resolve)
		if err != nil {
			return nil, peekID(f.Items[i]), err
		}
		r.addTitle(a.Anchor.Doc, title)
		return []annotation.Annotation{a}, a.ID, nil
	})
}

func (r *reader) addTitle(doc, title string) {
	for _, d := range r.res.Corpus.Documents {
		if d.ID == doc {
			return
		}
	}
	r.res.Corpus.Documents = append(r.res.Corpus.Documents, annotation.DocInfo{ID: doc, Title: title})
}

// headerText flags each string outside the entries that is not valid
// UTF-8 (the entries holding one were rejected): the decoders show it with
// U+FFFD, which costs no annotation.
func (r *reader) headerText(data []byte) {
	if r.entries == "" {
		return
	}
	for _, field := range annotation.InvalidUTF8Fields(data) {
		if rest, ok := strings.CutPrefix(field, r.entries); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			continue
		}
		r.res.Warnings = append(r.res.Warnings, "field "+field+": invalid UTF-8, outside the annotations: shown with U+FFFD")
	}
}

// add reads the n entries that entry decodes and validates (returning the
// id to report a bad one under), rejecting the bad ones and repeated ids.
// It checks the context and reports progress every progressEvery entries.
func (r *reader) add(n int, entry func(i int) ([]annotation.Annotation, string, error)) error {
	seen := make(map[string]annotation.Annotation)
	for i := range n {
		if i%progressEvery == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
			if r.progress != nil {
				r.progress(i, n)
			}
		}
		as, id, err := entry(i)
		if err != nil {
			r.res.Rejected = append(r.res.Rejected, Rejection{Index: i, ID: id, Reason: err.Error()})
			continue
		}
		for _, a := range as {
			if old, dup := seen[a.ID]; dup {
				if old.SameContent(a) {
					r.res.Duplicates++
				} else {
					r.res.Rejected = append(r.res.Rejected, Rejection{Index: i, ID: a.ID, Reason: "duplicate id with different content"})
				}
				continue
			}
			seen[a.ID] = a
			r.res.Annotations = append(r.res.Annotations, a)
		}
	}
	if r.progress != nil {
		r.progress(n, n)
	}
	return nil
}

func decodeOwn(raw []byte) (annotation.Annotation, error) {
	if err := annotation.CheckUTF8(raw); err != nil {
		return annotation.Annotation{}, err
	}
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

func peekW3CID(raw []byte) string {
	var v struct {
		ID   string `json:"id"`
		AtID string `json:"@id"`
	}
	_ = json.Unmarshal(raw, &v)
	if v.ID != "" {
		return v.ID
	}
	return v.AtID
}
