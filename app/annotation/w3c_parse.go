package annotation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrW3C is returned, wrapped, when data is not a W3C annotation document
// that claimtag can read.
var ErrW3C = errors.New("not a usable W3C web annotation")

// UnknownDoc is the document id of an annotation whose target names no
// source at all (RecogitoJS writes none): re-anchoring finds it by quote.
const UnknownDoc = "?"

// ParseW3C reads what W3C writes (or an AnnotationPage, one Annotation, or
// a JSON array of annotations as Recogito writes) back into an Export, with
// document ids taken from the target sources by DocFromIRI (any other
// source is kept as the id). Any unusable annotation makes it fail;
// review.Import keeps the good ones instead and resolves sources against
// the corpus.
func ParseW3C(data []byte) (Export, error) {
	if err := CheckUTF8(data); err != nil {
		return Export{}, fmt.Errorf("parse w3c: %w", err)
	}
	f, err := DecodeW3C(data)
	if err != nil {
		return Export{}, err
	}
	exp := f.Header
	var docs []DocInfo
	for i, raw := range f.Items {
		e, err := f.Entry(raw, nil)
		if err != nil {
			return Export{}, fmt.Errorf("parse w3c: item %d: %w", i, err)
		}
		for j, a := range e.Annotations {
			exp.Annotations = append(exp.Annotations, a)
			docs = addDoc(docs, a.Anchor.Doc, e.Titles[j])
		}
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

// W3CFile is a W3C annotation document split into its annotations, to be
// read one by one with Entry.
type W3CFile struct {
	// Header holds the format, version, export time and corpus
	// fingerprint; no annotations and no documents.
	Header Export
	// Items are the raw annotations.
	Items [][]byte
	// Claimtag is true for claimtag's own exports, whose "describing"
	// bodies are evidence; in other files they are notes.
	Claimtag bool
}

// DecodeW3C splits a W3C AnnotationCollection (with an embedded first
// page), an AnnotationPage, a single Annotation or a JSON array of
// annotations into its header and raw items. It fails with ErrW3C for
// anything else.
func DecodeW3C(data []byte) (W3CFile, error) {
	f := W3CFile{Header: Export{Format: ExportFormat, Version: ExportVersion}}
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(data, &list); err != nil {
			return W3CFile{}, fmt.Errorf("decode w3c: %w: %w", ErrW3C, err)
		}
		if len(list) > 0 {
			var probe w3cHead
			if json.Unmarshal(list[0], &probe) != nil || !probe.isType("Annotation") {
				return W3CFile{}, fmt.Errorf("decode w3c: a JSON array whose first item is not an Annotation: %w", ErrW3C)
			}
			f.Claimtag = probe.claimtag()
		}
		for _, r := range list {
			f.Items = append(f.Items, r)
		}
		return f, nil
	}
	var doc w3cHead
	if err := json.Unmarshal(data, &doc); err != nil {
		return W3CFile{}, fmt.Errorf("decode w3c: %w: %w", ErrW3C, err)
	}
	f.Header.Corpus.Fingerprint = cmpOr(doc.Fingerprint, doc.OldFingerprint)
	if t, err := parseTime(doc.Created); err == nil {
		f.Header.Exported = t
	}
	f.Claimtag = doc.claimtag()
	var items json.RawMessage
	switch {
	case doc.isType("AnnotationCollection"):
		if len(doc.First) == 0 || bytes.Equal(doc.First, []byte("null")) {
			return f, nil
		}
		var page struct {
			Items json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(doc.First, &page); err != nil {
			return W3CFile{}, fmt.Errorf("decode w3c: first page must be embedded: %w: %w", ErrW3C, err)
		}
		items = page.Items
	case doc.isType("AnnotationPage"):
		items = doc.Items
	case doc.isType("Annotation"):
		f.Items = [][]byte{data}
		return f, nil
	default:
		return W3CFile{}, fmt.Errorf("decode w3c: type %s: %w", cmpOr(string(doc.Type), string(doc.AtType)), ErrW3C)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(items, &list); err != nil {
		return W3CFile{}, fmt.Errorf("decode w3c: items: %w: %w", ErrW3C, err)
	}
	for _, r := range list {
		f.Items = append(f.Items, r)
	}
	return f, nil
}

// w3cHead is what DecodeW3C reads of a document.
type w3cHead struct {
	Context        json.RawMessage `json:"@context"`
	Type           json.RawMessage `json:"type"`
	AtType         json.RawMessage `json:"@type"`
	Created        string          `json:"created"`
	Fingerprint    string          `json:"fingerprint"`
	OldFingerprint string          `json:"claimtag:fingerprint"` // exports before W3CTerms
	Generator      json.RawMessage `json:"generator"`
	First          json.RawMessage `json:"first"`
	Items          json.RawMessage `json:"items"`
}

func (h w3cHead) isType(want string) bool {
	return hasType(h.Type, want) || hasType(h.AtType, want) || hasType(h.AtType, "oa:"+want)
}

// claimtag reports whether claimtag wrote the document: its context defines
// claimtag's terms, or (older exports) it carries claimtag:fingerprint or
// names claimtag as its generator.
func (h w3cHead) claimtag() bool {
	for _, c := range many(h.Context) {
		var terms map[string]json.RawMessage
		var ns string
		if json.Unmarshal(c, &terms) == nil && json.Unmarshal(terms["claimtag"], &ns) == nil && ns == Namespace {
			return true
		}
	}
	var gen struct{ Name string }
	return h.OldFingerprint != "" || (json.Unmarshal(h.Generator, &gen) == nil && gen.Name == "claimtag")
}

// W3CEntry is what one W3C annotation yields: a claimtag annotation per
// usable target, in target order.
type W3CEntry struct {
	Annotations []Annotation
	// Titles[i] is the document title the target of Annotations[i] gives
	// (its source's title or its label), if any.
	Titles []string
	// Skipped says why targets that could not be used were left out.
	Skipped []string
}

// W3CSource is where a W3C target points: its source IRI (empty when the
// target names none) and a title (the source's title, or the target's
// label, which Recogito sets to the file name).
type W3CSource struct {
	IRI   string
	Title string
}

// DocResolver names the corpus document a target source points to, or
// returns "" when it cannot tell.
type DocResolver func(W3CSource) string

// Entry decodes and validates one raw annotation of f. resolve names the
// document of each target; when it is nil or returns "", the id comes from
// DocFromIRI, else the source IRI itself (UnknownDoc without one) is kept
// for re-anchoring to find the quote across the corpus.
//
// The label (the annotation's Tag) is read, ignoring case, from a body
// whose purpose is "tagging" or "classifying", from a body without purpose
// when the motivation is "tagging" or "classifying", or from a plain string
// body; other tags are ignored, and two different claimtag labels are an
// error. Bodies with purpose "commenting", TextualBodies without purpose
// under another motivation, and (except in claimtag's own files)
// "describing" bodies make the note; "linking" bodies and claimtag's own
// "describing" bodies make the evidence. An annotation with several
// targets gives one annotation per target, with ids suffixed
// "#target-<n>". Without an id, the id is derived from the content, so
// reading a file twice gives the same ids. Strings must be valid UTF-8
// (see CheckUTF8).
func (f W3CFile) Entry(raw []byte, resolve DocResolver) (e W3CEntry, err error) {
	if err := CheckUTF8(raw); err != nil {
		return W3CEntry{}, fmt.Errorf("%w: %w", ErrW3C, err)
	}
	var in w3cIn
	if err := json.Unmarshal(raw, &in); err != nil {
		return W3CEntry{}, fmt.Errorf("%w: %w", ErrW3C, err)
	}
	if !(hasType(in.Type, "Annotation") || hasType(in.AtType, "Annotation") || hasType(in.AtType, "oa:Annotation")) {
		return W3CEntry{}, fmt.Errorf("%w: type is not Annotation", ErrW3C)
	}
	id := cmpOr(in.ID, in.AtID)
	if id == "" {
		sum := sha256.Sum256(raw)
		id = "urn:sha256:" + hex.EncodeToString(sum[:16])
	}
	what := "annotation " + id
	a := Annotation{ID: id, Status: in.Status}
	if a.Status == "" {
		a.Status = in.OldStatus
	}
	if !a.Status.Valid() {
		return W3CEntry{}, fmt.Errorf("%w: %s: unknown review status %q", ErrW3C, what, a.Status)
	}
	bodies, err := f.readBodies(in)
	if err != nil {
		return W3CEntry{}, fmt.Errorf("%w: %s: %w", ErrW3C, what, err)
	}
	if bodies.tag == "" {
		return W3CEntry{}, fmt.Errorf("%w: %s: no label: no tagging or classifying body names fact, forecast, opinion or unverified: %w",
			ErrW3C, what, ErrInvalidTag)
	}
	a.Tag, a.Note, a.Evidence = bodies.tag, bodies.note, bodies.evidence
	a.Creator = cmpOr(agentName(in.Creator), bodies.creator)
	if a.Created, err = firstTime(in.Created, in.Modified, bodies.created, in.Generated); err != nil {
		return W3CEntry{}, fmt.Errorf("%w: %s: created: %w", ErrW3C, what, err)
	}
	if m, err := firstTime(in.Modified, bodies.modified); err == nil {
		a.Modified = m
	}
	targets := many(in.Target)
	if len(targets) == 0 {
		return W3CEntry{}, fmt.Errorf("%w: %s: no target", ErrW3C, what)
	}
	for i, t := range targets {
		one := a
		if len(targets) > 1 {
			one.ID = fmt.Sprintf("%s#target-%d", id, i+1)
		}
		var title string
		one.Anchor, title, err = ReadW3CTarget(t, resolve)
		if err == nil {
			err = one.Validate()
		}
		if err != nil {
			e.Skipped = append(e.Skipped, fmt.Sprintf("target %d: %v", i+1, err))
			continue
		}
		e.Annotations = append(e.Annotations, one)
		e.Titles = append(e.Titles, title)
	}
	if len(e.Annotations) == 0 {
		return W3CEntry{}, fmt.Errorf("%w: %s: %s", ErrW3C, what, strings.Join(e.Skipped, "; "))
	}
	return e, nil
}

type w3cIn struct {
	ID         string          `json:"id"`
	AtID       string          `json:"@id"`
	Type       json.RawMessage `json:"type"`
	AtType     json.RawMessage `json:"@type"`
	Motivation json.RawMessage `json:"motivation"`
	Creator    json.RawMessage `json:"creator"`
	Created    string          `json:"created"`
	Modified   string          `json:"modified"`
	Generated  string          `json:"generated"`
	Status     Status          `json:"reviewStatus"`
	OldStatus  Status          `json:"claimtag:status"` // exports before W3CTerms
	Body       json.RawMessage `json:"body"`
	BodyValue  *string         `json:"bodyValue"`
	Target     json.RawMessage `json:"target"`
}

type w3cBodyIn struct {
	ID       string          `json:"id"`
	Source   json.RawMessage `json:"source"`
	Type     json.RawMessage `json:"type"`
	Value    *string         `json:"value"`
	Purpose  json.RawMessage `json:"purpose"`
	Creator  json.RawMessage `json:"creator"`
	Created  string          `json:"created"`
	Modified string          `json:"modified"`
}

// bodies is what readBodies finds in an annotation's bodies.
type bodies struct {
	tag               Tag
	note, evidence    string
	creator           string // of the label body, else of the first body naming one
	created, modified string // of the label body, else of the first body with one
}

func (f W3CFile) readBodies(in w3cIn) (bodies, error) {
	var b bodies
	classifying := slices.ContainsFunc(strs(in.Motivation), isLabelPurpose)
	var notes []string
	label := func(t Tag, body w3cBodyIn) error {
		if b.tag != "" && b.tag != t {
			return fmt.Errorf("two labels, %s and %s: %w", b.tag, t, ErrInvalidTag)
		}
		if b.tag == "" {
			b.tag = t
			if name := agentName(body.Creator); name != "" {
				b.creator = name
			}
			if body.Created != "" || body.Modified != "" {
				b.created, b.modified = cmpOr(body.Created, body.Modified), body.Modified
			}
		}
		return nil
	}
	list := many(in.Body)
	if in.BodyValue != nil {
		v, _ := json.Marshal(map[string]string{"type": "TextualBody", "value": *in.BodyValue})
		list = append(list, v)
	}
	for _, raw := range list {
		var s string
		if json.Unmarshal(raw, &s) == nil { // a plain string body
			if t, err := ParseTag(s); err == nil {
				if err := label(t, w3cBodyIn{}); err != nil {
					return bodies{}, err
				}
			}
			continue
		}
		var body w3cBodyIn
		if json.Unmarshal(raw, &body) != nil {
			continue
		}
		if b.creator == "" {
			b.creator = agentName(body.Creator)
		}
		if b.created == "" && (body.Created != "" || body.Modified != "") {
			b.created, b.modified = cmpOr(body.Created, body.Modified), body.Modified
		}
		purposes := strs(body.Purpose)
		value := ""
		if body.Value != nil {
			value = *body.Value
		}
		switch {
		case slices.ContainsFunc(purposes, isLabelPurpose), len(purposes) == 0 && classifying:
			if t, err := ParseTag(value); err == nil {
				if err := label(t, body); err != nil {
					return bodies{}, err
				}
			}
		case slices.Contains(purposes, "linking"):
			b.evidence = body.ID
			var src struct{ ID string }
			if json.Unmarshal(body.Source, &b.evidence) != nil && json.Unmarshal(body.Source, &src) == nil {
				b.evidence = src.ID
			}
		case slices.Contains(purposes, "describing") && f.Claimtag:
			b.evidence = value
		case slices.Contains(purposes, "commenting"), slices.Contains(purposes, "describing"),
			len(purposes) == 0 && body.Value != nil:
			if strings.TrimSpace(value) != "" {
				notes = append(notes, value)
			}
		}
	}
	b.note = strings.Join(notes, "\n\n")
	return b, nil
}

func isLabelPurpose(p string) bool {
	p = strings.TrimPrefix(p, "oa:")
	return p == "tagging" || p == "classifying"
}

// strs returns the strings of a JSON string or array of strings.
func strs(raw json.RawMessage) []string {
	var out []string
	for _, r := range many(raw) {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, strings.TrimPrefix(s, "oa:"))
		}
	}
	return out
}

// agentName returns a readable name for a W3C creator: an Agent's name or
// nickname, else its id; a string IRI gives its user name ("acct:kim@host"
// gives "kim", "https://host/users/kim" gives "kim").
func agentName(raw json.RawMessage) string {
	for _, c := range many(raw) {
		var ag struct{ ID, Name, Nickname string }
		var s string
		switch {
		case json.Unmarshal(c, &ag) == nil && (ag.Name != "" || ag.Nickname != ""):
			return cmpOr(ag.Name, ag.Nickname)
		case ag.ID != "":
			return UserName(ag.ID)
		case json.Unmarshal(c, &s) == nil && s != "":
			return UserName(s)
		}
	}
	return ""
}

// UserName turns an account IRI into a user name: "acct:kim@hypothes.is"
// gives "kim", an http(s) URL its last path segment
// ("https://recogito.example/kim" gives "kim"); anything else is returned
// trimmed.
func UserName(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "acct:"); ok {
		if name, _, ok := strings.Cut(rest, "@"); ok && name != "" {
			return name
		}
		return rest
	}
	if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		if base := path.Base(strings.TrimRight(u.Path, "/")); base != "." && base != "/" && base != "" {
			return base
		}
	}
	return s
}

// parseTime reads an RFC 3339 time, or one without a zone (taken as UTC),
// as Python's isoformat writes.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339, s)
	if err == nil {
		return t, nil
	}
	if t, err2 := time.ParseInLocation("2006-01-02T15:04:05", s, time.UTC); err2 == nil {
		return t, nil
	}
	return time.Time{}, err
}

// firstTime parses the first non-empty string of ss.
func firstTime(ss ...string) (time.Time, error) {
	for _, s := range ss {
		if s != "" {
			return parseTime(s)
		}
	}
	return time.Time{}, errors.New("no created time")
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
	return slices.Contains(strs(raw), strings.TrimPrefix(want, "oa:"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

type w3cTargetIn struct {
	Source     json.RawMessage `json:"source"`
	Label      string          `json:"label"`
	Passage    string          `json:"passage"`
	OldPassage string          `json:"claimtag:passage"`
	Selector   json.RawMessage `json:"selector"`
}

// ReadW3CTarget reads the anchor of one W3C target (a SpecificResource
// with a source and selectors, as W3C, Hypothesis and Recogito write it)
// and returns the title it gives. The document comes from resolve, else
// DocFromIRI, else the source IRI itself (UnknownDoc without one). The
// TextQuoteSelector is required, its prefix and suffix cut to ContextLen
// code points; a TextPositionSelector whose length does not fit the quote
// (other tools count UTF-16 units, or offsets into another rendering of
// the text) is kept only as a hint for re-anchoring.
func ReadW3CTarget(raw json.RawMessage, resolve DocResolver) (anc Anchor, title string, err error) {
	var iri string
	if json.Unmarshal(raw, &iri) == nil {
		return Anchor{}, "", errors.New("the target is a bare IRI with no TextQuoteSelector")
	}
	var t w3cTargetIn
	if err := json.Unmarshal(raw, &t); err != nil {
		return Anchor{}, "", fmt.Errorf("target: %w", err)
	}
	var src struct{ ID, Title string }
	if json.Unmarshal(t.Source, &iri) == nil {
		src.ID = iri
	} else if len(t.Source) > 0 && json.Unmarshal(t.Source, &src) != nil {
		return Anchor{}, "", errors.New("target source is neither an IRI nor a resource")
	}
	source := W3CSource{IRI: strings.TrimSpace(src.ID), Title: cmpOr(src.Title, t.Label)}
	anc.Doc = ""
	if resolve != nil {
		anc.Doc = resolve(source)
	}
	if anc.Doc == "" {
		if id, ok := DocFromIRI(source.IRI); ok {
			anc.Doc = id
		} else {
			anc.Doc = cmpOr(source.IRI, UnknownDoc)
		}
	}
	anc.Passage = cmpOr(t.Passage, t.OldPassage)
	start, havePos := 0, false
	end := 0
	haveQuote := false
	for _, r := range many(t.Selector) {
		var sel struct {
			Type                  string
			Exact, Prefix, Suffix string
			Start, End            int
		}
		if json.Unmarshal(r, &sel) != nil {
			continue
		}
		switch strings.TrimPrefix(sel.Type, "oa:") {
		case "TextQuoteSelector":
			if !haveQuote {
				anc.Exact, anc.Prefix, anc.Suffix, haveQuote = sel.Exact, lastRunes(sel.Prefix, ContextLen), firstRunes(sel.Suffix, ContextLen), true
			}
		case "TextPositionSelector":
			if !havePos {
				start, end, havePos = sel.Start, sel.End, true
			}
		}
	}
	if anc.Exact == "" {
		return Anchor{}, "", errors.New("no TextQuoteSelector with an exact quote")
	}
	n := utf8.RuneCountInString(anc.Exact)
	// Other tools count offsets in UTF-16 units or in another rendering of
	// the text: a position that does not fit the quote is only a hint.
	if !havePos || start < 0 || end-start != n {
		start = max(0, start)
		if !havePos {
			start = 0
		}
		end = start + n
	}
	anc.Start, anc.End = start, end
	return anc, source.Title, nil
}

func lastRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[len(r)-n:])
}

func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
