package annotation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrW3C is returned, wrapped, when data is not a W3C annotation document
// that claimtag can read.
var ErrW3C = errors.New("not a usable W3C web annotation")

// ParseW3C reads what W3C writes (or an AnnotationPage, or one Annotation)
// back into an Export. Document ids are taken from the target source IRI:
// the part after its last "doc/", unescaped. Any unusable annotation makes
// it fail; review.Import keeps the good ones instead.
func ParseW3C(data []byte) (Export, error) {
	exp, items, err := DecodeW3C(data)
	if err != nil {
		return Export{}, err
	}
	var docs []DocInfo
	for i, raw := range items {
		a, title, err := decodeW3CAnnotation(raw)
		if err != nil {
			return Export{}, fmt.Errorf("parse w3c: item %d: %w", i, err)
		}
		exp.Annotations = append(exp.Annotations, a)
		docs = addDoc(docs, a.Anchor.Doc, title)
	}
	exp.Corpus.Documents = docs
	if err := exp.Validate(); err != nil {
		return Export{}, fmt.Errorf("parse w3c: %w", err)
	}
	return exp, nil
}

func addDoc(docs []DocInfo, id, title string) []DocInfo {
	for _, d := range docs {
		if d.ID == id {
			return docs
		}
	}
	return append(docs, DocInfo{ID: id, Title: title})
}

// DecodeW3C splits a W3C AnnotationCollection (with an embedded first
// page), AnnotationPage or single Annotation into an Export header (no
// annotations, no documents) and the raw items, to be read one by one with
// W3CAnnotation. It fails with ErrW3C for anything else.
func DecodeW3C(data []byte) (Export, [][]byte, error) {
	var doc struct {
		Type        json.RawMessage `json:"type"`
		Created     string          `json:"created"`
		Fingerprint string          `json:"claimtag:fingerprint"`
		First       json.RawMessage `json:"first"`
		Items       json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return Export{}, nil, fmt.Errorf("decode w3c: %w: %w", ErrW3C, err)
	}
	exp := Export{Format: ExportFormat, Version: ExportVersion, Corpus: CorpusInfo{Fingerprint: doc.Fingerprint}}
	if t, err := time.Parse(time.RFC3339, doc.Created); err == nil {
		exp.Exported = t
	}
	var items json.RawMessage
	switch {
	case hasType(doc.Type, "AnnotationCollection"):
		if len(doc.First) == 0 || bytes.Equal(doc.First, []byte("null")) {
			return exp, nil, nil
		}
		var page struct {
			Items json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(doc.First, &page); err != nil {
			return Export{}, nil, fmt.Errorf("decode w3c: first page must be embedded: %w: %w", ErrW3C, err)
		}
		items = page.Items
	case hasType(doc.Type, "AnnotationPage"):
		items = doc.Items
	case hasType(doc.Type, "Annotation"):
		return exp, [][]byte{data}, nil
	default:
		return Export{}, nil, fmt.Errorf("decode w3c: type %s: %w", doc.Type, ErrW3C)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(items, &list); err != nil {
		return Export{}, nil, fmt.Errorf("decode w3c: items: %w: %w", ErrW3C, err)
	}
	out := make([][]byte, len(list))
	for i, r := range list {
		out[i] = r
	}
	return exp, out, nil
}

// W3CAnnotation decodes and validates one W3C Annotation as written by W3C.
// It returns the document title found on the target source, if any.
func W3CAnnotation(raw []byte) (a Annotation, title string, err error) {
	return decodeW3CAnnotation(raw)
}

// many returns the elements of a JSON array, or raw itself.
func many(raw json.RawMessage) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	var list []json.RawMessage
	if raw[0] == '[' && json.Unmarshal(raw, &list) == nil {
		return list
	}
	return []json.RawMessage{raw}
}

func hasType(raw json.RawMessage, want string) bool {
	for _, r := range many(raw) {
		var s string
		if json.Unmarshal(r, &s) == nil && s == want {
			return true
		}
	}
	return false
}

type w3cIn struct {
	ID       string          `json:"id"`
	Type     json.RawMessage `json:"type"`
	Creator  json.RawMessage `json:"creator"`
	Created  string          `json:"created"`
	Modified string          `json:"modified"`
	Status   Status          `json:"claimtag:status"`
	Body     json.RawMessage `json:"body"`
	Target   json.RawMessage `json:"target"`
}

type w3cBodyIn struct {
	ID      string          `json:"id"`
	Source  json.RawMessage `json:"source"`
	Type    json.RawMessage `json:"type"`
	Value   string          `json:"value"`
	Purpose string          `json:"purpose"`
}

type w3cTargetIn struct {
	Source   json.RawMessage `json:"source"`
	Passage  string          `json:"claimtag:passage"`
	Selector json.RawMessage `json:"selector"`
}

func decodeW3CAnnotation(raw []byte) (Annotation, string, error) {
	var in w3cIn
	if err := json.Unmarshal(raw, &in); err != nil {
		return Annotation{}, "", fmt.Errorf("%w: %w", ErrW3C, err)
	}
	if !hasType(in.Type, "Annotation") {
		return Annotation{}, "", fmt.Errorf("%w: type is not Annotation", ErrW3C)
	}
	a := Annotation{ID: in.ID, Status: in.Status}
	var err error
	if a.Created, err = time.Parse(time.RFC3339, in.Created); err != nil {
		return Annotation{}, "", fmt.Errorf("%w: annotation %s: created: %w", ErrW3C, in.ID, err)
	}
	if in.Modified != "" {
		if a.Modified, err = time.Parse(time.RFC3339, in.Modified); err != nil {
			return Annotation{}, "", fmt.Errorf("%w: annotation %s: modified: %w", ErrW3C, in.ID, err)
		}
	}
	for _, c := range many(in.Creator) {
		var ag struct{ Name, Nickname string }
		var s string
		if json.Unmarshal(c, &ag) == nil && (ag.Name != "" || ag.Nickname != "") {
			a.Creator = cmpOr(ag.Name, ag.Nickname)
		} else if json.Unmarshal(c, &s) == nil {
			a.Creator = s
		}
		break
	}
	for _, b := range many(in.Body) {
		var body w3cBodyIn
		if json.Unmarshal(b, &body) != nil {
			continue
		}
		switch body.Purpose {
		case "tagging":
			if t, err := ParseTag(body.Value); err == nil && a.Tag == "" {
				a.Tag = t
			}
		case "commenting":
			a.Note = body.Value
		case "linking":
			a.Evidence = body.ID
			var src struct{ ID string }
			if json.Unmarshal(body.Source, &a.Evidence) != nil && json.Unmarshal(body.Source, &src) == nil {
				a.Evidence = src.ID
			}
		case "describing":
			a.Evidence = body.Value
		}
	}
	if a.Tag == "" {
		return Annotation{}, "", fmt.Errorf("%w: annotation %s: no tagging body with a claimtag tag: %w", ErrW3C, in.ID, ErrInvalidTag)
	}
	title, err := decodeTarget(in.Target, &a.Anchor)
	if err != nil {
		return Annotation{}, "", fmt.Errorf("annotation %s: %w", in.ID, err)
	}
	if err := a.Validate(); err != nil {
		return Annotation{}, "", err
	}
	return a, title, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func decodeTarget(raw json.RawMessage, anc *Anchor) (title string, err error) {
	targets := many(raw)
	if len(targets) == 0 {
		return "", fmt.Errorf("%w: no target", ErrW3C)
	}
	var t w3cTargetIn
	if err := json.Unmarshal(targets[0], &t); err != nil {
		return "", fmt.Errorf("%w: target: %w", ErrW3C, err)
	}
	var src struct{ ID, Title string }
	var s string
	if json.Unmarshal(t.Source, &s) == nil {
		src.ID = s
	} else if err := json.Unmarshal(t.Source, &src); err != nil {
		return "", fmt.Errorf("%w: target source: %w", ErrW3C, err)
	}
	anc.Doc = docID(src.ID)
	anc.Passage = t.Passage
	havePos := false
	for _, r := range many(t.Selector) {
		var sel struct {
			Type                  string
			Exact, Prefix, Suffix string
			Start, End            int
		}
		if json.Unmarshal(r, &sel) != nil {
			continue
		}
		switch sel.Type {
		case "TextQuoteSelector":
			anc.Exact, anc.Prefix, anc.Suffix = sel.Exact, sel.Prefix, sel.Suffix
		case "TextPositionSelector":
			anc.Start, anc.End, havePos = sel.Start, sel.End, true
		}
	}
	if anc.Exact == "" {
		return "", fmt.Errorf("%w: no TextQuoteSelector", ErrW3C)
	}
	if !havePos { // a quote alone: the offsets are only a hint to re-anchor from
		anc.Start, anc.End = 0, utf8.RuneCountInString(anc.Exact)
	}
	return src.Title, nil
}

// docID recovers a document id from its IRI (see DocIRI).
func docID(iri string) string {
	i := strings.LastIndex(iri, "doc/")
	if i < 0 {
		return iri
	}
	id, err := url.PathUnescape(iri[i+len("doc/"):])
	if err != nil {
		return iri[i+len("doc/"):]
	}
	return id
}
