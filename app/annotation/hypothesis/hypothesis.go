// Package hypothesis reads the annotation files of Hypothesis
// (hypothes.is) into claimtag annotations: the JSON export of its client
// (the sidebar's "Export" menu: an object with export_date, export_userid,
// client_version and annotations[]) and a response of its API's search
// endpoint (GET /api/search: an object with total and rows[]). Both hold
// annotations in the h API's shape:
//
//	{"id": "Qp0Yx...", "created": "...", "updated": "...",
//	 "user": "acct:kim@hypothes.is", "user_info": {"display_name": "Kim"},
//	 "uri": "https://...", "text": "the note (Markdown)", "tags": ["fact"],
//	 "target": [{"source": "https://...", "selector": [
//	   {"type": "RangeSelector", ...},
//	   {"type": "TextPositionSelector", "start": 10, "end": 20},
//	   {"type": "TextQuoteSelector", "exact": "...", "prefix": "...", "suffix": "..."}]}],
//	 "document": {"title": ["..."]}, "links": {"html": "https://hypothes.is/a/Qp0Yx..."},
//	 "references": ["..."]}
//
// Read a file with Decode, then each annotation with Entry:
//
//	f, err := hypothesis.Decode(data) // ErrNotHypothesis for another format
//	for i, raw := range f.Items {
//		a, title, err := hypothesis.Entry(raw, resolve)
//		// err says why entry i cannot be used
//	}
//
// The label is the one tag that names a claimtag tag (fact, forecast,
// opinion, unverified; case ignored): other tags are ignored and two
// different claimtag tags are an error. The note is the text, the
// annotator user_info.display_name or else the user name of the account
// ("acct:kim@hypothes.is" gives "kim"). Page notes (no quote) and replies
// are not annotations of a span and are refused with that reason.
// Hypothesis counts TextPositionSelector offsets in UTF-16 units of the
// web page, so they are kept only as a hint: re-anchoring places the quote.
package hypothesis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

// ErrNotHypothesis is returned, wrapped, by Decode for a file that is
// neither a client export nor a search result.
var ErrNotHypothesis = errors.New("not a Hypothesis annotations file")

// ErrEntry is returned, wrapped, by Entry for an annotation claimtag cannot
// use; the message says why.
var ErrEntry = errors.New("unusable Hypothesis annotation")

// Kind is the kind of a Hypothesis file.
type Kind string

// The two kinds Decode reads.
const (
	ClientExport Kind = "hypothesis-export" // the client's JSON export
	SearchResult Kind = "hypothesis-search" // an API search response
)

// File is a decoded Hypothesis file: its header and raw annotations.
type File struct {
	Kind Kind
	// Exported is export_date of a client export (zero for a search).
	Exported time.Time
	// User is export_userid of a client export.
	User string
	// Total is a search result's total (the matches on the server, which
	// may be more than the rows of this page).
	Total int
	// Items are the raw annotations, in file order.
	Items [][]byte
}

// Decode reads a Hypothesis client export or API search result. It fails
// with ErrNotHypothesis when data is neither (the caller then tries
// another format).
func Decode(data []byte) (File, error) {
	var head struct {
		ExportDate   *string         `json:"export_date"`
		ExportUserID string          `json:"export_userid"`
		Annotations  json.RawMessage `json:"annotations"`
		Rows         json.RawMessage `json:"rows"`
		Total        *int            `json:"total"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return File{}, fmt.Errorf("hypothesis: %w: %w", ErrNotHypothesis, err)
	}
	var f File
	var items json.RawMessage
	switch {
	case head.ExportDate != nil && isArray(head.Annotations):
		f.Kind, f.User, items = ClientExport, head.ExportUserID, head.Annotations
		if t, err := time.Parse(time.RFC3339, *head.ExportDate); err == nil {
			f.Exported = t
		}
	case head.Total != nil && isArray(head.Rows):
		f.Kind, f.Total, items = SearchResult, *head.Total, head.Rows
	default:
		return File{}, fmt.Errorf("hypothesis: no export_date and annotations[], nor total and rows[]: %w", ErrNotHypothesis)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(items, &list); err != nil {
		return File{}, fmt.Errorf("hypothesis: %w: %w", ErrNotHypothesis, err)
	}
	for _, r := range list {
		f.Items = append(f.Items, r)
	}
	return f, nil
}

func isArray(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '['
}

// apiAnnotation is the part of an h API annotation claimtag reads.
type apiAnnotation struct {
	ID       string `json:"id"`
	Created  string `json:"created"`
	Updated  string `json:"updated"`
	User     string `json:"user"`
	UserInfo *struct {
		DisplayName *string `json:"display_name"`
	} `json:"user_info"`
	URI        string            `json:"uri"`
	Text       string            `json:"text"`
	Tags       []string          `json:"tags"`
	Target     []json.RawMessage `json:"target"`
	References []string          `json:"references"`
	Document   struct {
		Title json.RawMessage `json:"title"`
	} `json:"document"`
	Links struct {
		HTML string `json:"html"`
	} `json:"links"`
}

// Entry converts one raw Hypothesis annotation. resolve names the document
// of the target source (see annotation.ReadW3CTarget). The id is the
// annotation's Hypothesis page (links.html), or "urn:x-hypothesis:<id>"
// without one, so importing the same file twice gives the same ids. It
// returns the document title the annotation carries, and an error wrapping
// ErrEntry (or annotation.ErrInvalidUTF8, annotation.ErrInvalidTag) that
// says why an annotation cannot be used.
func Entry(raw []byte, resolve annotation.DocResolver) (a annotation.Annotation, title string, err error) {
	if err := annotation.CheckUTF8(raw); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %w", ErrEntry, err)
	}
	var h apiAnnotation
	if err := json.Unmarshal(raw, &h); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %w", ErrEntry, err)
	}
	if h.ID == "" {
		return annotation.Annotation{}, "", fmt.Errorf("%w: no id (an unsaved draft?)", ErrEntry)
	}
	a.ID = "urn:x-hypothesis:" + h.ID
	if u, err := url.Parse(h.Links.HTML); err == nil && u.IsAbs() && (u.Scheme == "https" || u.Scheme == "http") {
		a.ID = h.Links.HTML
	}
	what := "annotation " + h.ID
	if len(h.References) > 0 {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s is a reply to %s, not an annotation of the text", ErrEntry, what, h.References[len(h.References)-1])
	}
	if a.Tag, err = label(h.Tags); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s: %w", ErrEntry, what, err)
	}
	a.Note = strings.TrimSpace(h.Text)
	if h.UserInfo != nil && h.UserInfo.DisplayName != nil && strings.TrimSpace(*h.UserInfo.DisplayName) != "" {
		a.Creator = strings.TrimSpace(*h.UserInfo.DisplayName)
	} else {
		a.Creator = annotation.UserName(h.User)
	}
	if a.Created, err = time.Parse(time.RFC3339, h.Created); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s: created: %w", ErrEntry, what, err)
	}
	if h.Updated != "" {
		if a.Modified, err = time.Parse(time.RFC3339, h.Updated); err != nil {
			return annotation.Annotation{}, "", fmt.Errorf("%w: %s: updated: %w", ErrEntry, what, err)
		}
	}
	if len(h.Target) == 0 {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s has no target", ErrEntry, what)
	}
	target := h.Target[0] // the h server keeps one target per annotation
	if !hasSelector(target) {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s is a page note: it quotes no text", ErrEntry, what)
	}
	if !hasSource(target) && h.URI != "" { // the source is the annotation's uri
		target = withSource(target, h.URI)
	}
	if a.Anchor, title, err = annotation.ReadW3CTarget(target, resolve); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s: %w", ErrEntry, what, err)
	}
	if title == "" {
		title = docTitle(h.Document.Title)
	}
	if err := a.Validate(); err != nil {
		return annotation.Annotation{}, "", fmt.Errorf("%w: %s: %w", ErrEntry, what, err)
	}
	return a, title, nil
}

// label returns the one claimtag tag among tags.
func label(tags []string) (annotation.Tag, error) {
	var found annotation.Tag
	for _, s := range tags {
		t, err := annotation.ParseTag(s)
		if err != nil {
			continue
		}
		if found != "" && found != t {
			return "", fmt.Errorf("two labels among its tags, %s and %s: %w", found, t, annotation.ErrInvalidTag)
		}
		found = t
	}
	if found == "" {
		return "", fmt.Errorf("no label: none of its tags %q is fact, forecast, opinion or unverified: %w", tags, annotation.ErrInvalidTag)
	}
	return found, nil
}

func hasSelector(target json.RawMessage) bool {
	var t struct {
		Selector json.RawMessage `json:"selector"`
	}
	return json.Unmarshal(target, &t) == nil && len(bytes.TrimSpace(t.Selector)) > 0 && !bytes.Equal(bytes.TrimSpace(t.Selector), []byte("null")) &&
		!bytes.Equal(bytes.TrimSpace(t.Selector), []byte("[]"))
}

func hasSource(target json.RawMessage) bool {
	var t struct {
		Source json.RawMessage `json:"source"`
	}
	return json.Unmarshal(target, &t) == nil && len(t.Source) > 0 && !bytes.Equal(t.Source, []byte(`""`))
}

func withSource(target json.RawMessage, uri string) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(target, &m) != nil {
		return target
	}
	m["source"], _ = json.Marshal(uri)
	b, err := json.Marshal(m)
	if err != nil {
		return target
	}
	return b
}

// docTitle reads document.title: a list of strings in the h API, a string
// in some exports.
func docTitle(raw json.RawMessage) string {
	var list []string
	var s string
	switch {
	case json.Unmarshal(raw, &list) == nil && len(list) > 0:
		return strings.TrimSpace(list[0])
	case json.Unmarshal(raw, &s) == nil:
		return strings.TrimSpace(s)
	}
	return ""
}
