package annotation

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
)

// W3CContext is the JSON-LD context of the W3C Web Annotation model.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// Namespace is the IRI prefix of claimtag's own JSON-LD terms.
const Namespace = "https://claimtag.github.io/ns#"

// W3CTerms returns the JSON-LD context object that defines the terms
// claimtag adds to the W3C model, written beside W3CContext in the
// "@context" of every W3C file it exports (W3CContextValue). FORMAT.md lists
// them. None of them collides with a term of W3CContext.
func W3CTerms() map[string]any {
	return map[string]any{
		"claimtag":     Namespace,
		"fingerprint":  "claimtag:fingerprint",  // on the collection: the corpus build the offsets refer to
		"reviewStatus": "claimtag:reviewStatus", // on an annotation: "accepted" or "rejected"
		"passage":      "claimtag:passage",      // on a target: the passage id
		// A gold span's provenance: each annotator's annotation of the span.
		"annotatorLabels": map[string]any{"@id": "claimtag:annotatorLabels", "@container": "@set"},
		"annotator":       "claimtag:annotator",
		"tag":             "claimtag:tag",
	}
}

// W3CContextValue returns the "@context" of claimtag's W3C files:
// [W3CContext, W3CTerms()].
func W3CContextValue() []any { return []any{W3CContext, W3CTerms()} }

type w3cCollection struct {
	Context     any       `json:"@context"`
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	Label       string    `json:"label"`
	Total       int       `json:"total"`
	Created     string    `json:"created,omitempty"`
	Fingerprint string    `json:"fingerprint"`
	Generator   *w3cAgent `json:"generator,omitempty"`
	First       *w3cPage  `json:"first,omitempty"`
}

type w3cPage struct {
	Context    string            `json:"@context,omitempty"`
	ID         string            `json:"id"`
	Type       string            `json:"type"`
	PartOf     string            `json:"partOf,omitempty"`
	StartIndex int               `json:"startIndex"`
	Items      []json.RawMessage `json:"items"`
}

type w3cAgent struct {
	ID       string `json:"id,omitempty"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Homepage string `json:"homepage,omitempty"`
}

type w3cAnnotation struct {
	Context    string    `json:"@context"`
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Created    string    `json:"created"`
	Modified   string    `json:"modified,omitempty"`
	Status     Status    `json:"reviewStatus,omitempty"`
	Body       []w3cBody `json:"body"`
	Target     w3cTarget `json:"target"`
	// Labels is a gold span's provenance (W3COptions.Labels).
	Labels []W3CLabel `json:"annotatorLabels,omitempty"`
}

// W3CLabel is one annotator's label of a span, written in a gold
// annotation's "annotatorLabels": the annotator's annotation (its id), who
// made it and its tag.
type W3CLabel struct {
	ID        string `json:"id"`
	Annotator string `json:"annotator"`
	Tag       Tag    `json:"tag"`
}

// W3COptions tune W3CWith.
type W3COptions struct {
	// Label is the collection's label; "" means "claimtag annotations".
	Label string
	// Labels gives, by annotation id, the annotator labels a gold
	// annotation was adjudicated from.
	Labels map[string][]W3CLabel
}

type w3cBody struct {
	Type    string `json:"type"`
	Source  string `json:"source,omitempty"`
	Value   string `json:"value,omitempty"`
	Format  string `json:"format,omitempty"`
	Purpose string `json:"purpose"`
}

type w3cTarget struct {
	Type     string        `json:"type"`
	Source   w3cSource     `json:"source"`
	Passage  string        `json:"passage,omitempty"`
	Selector []w3cSelector `json:"selector"`
}

type w3cSource struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title,omitempty"`
}

type w3cSelector struct {
	Type   string  `json:"type"`
	Exact  *string `json:"exact,omitempty"`
	Prefix *string `json:"prefix,omitempty"`
	Suffix *string `json:"suffix,omitempty"`
	Start  *int    `json:"start,omitempty"`
	End    *int    `json:"end,omitempty"`
}

// DocIRI returns the address of document id in the app at baseURL, the
// reader page baseURL + "doc?id=" + id (id query-escaped, a "/" added to
// baseURL if missing). DocFromIRI reverses it.
func DocIRI(baseURL, id string) string {
	return withSlash(baseURL) + "doc?" + url.Values{"id": {id}}.Encode()
}

// DocFromIRI recovers a document id from the app's address of a document:
// the id parameter of a ".../doc?id=..." URL on any host and under any base
// path (DocIRI), or the path after the last "/doc/" as written by earlier
// exports. ok is false for any other IRI.
func DocFromIRI(iri string) (id string, ok bool) {
	u, err := url.Parse(iri)
	if err != nil {
		return "", false
	}
	if path.Base(u.Path) == "doc" {
		if id := u.Query().Get("id"); id != "" {
			return id, true
		}
	}
	p := u.EscapedPath()
	i := strings.LastIndex(p, "/doc/")
	if i < 0 || i+len("/doc/") == len(p) {
		return "", false
	}
	id, err = url.PathUnescape(p[i+len("/doc/"):])
	if err != nil || id == "" {
		return "", false
	}
	return id, true
}

func withSlash(s string) string {
	if !strings.HasSuffix(s, "/") {
		return s + "/"
	}
	return s
}

// W3C returns exp as a W3C Web Annotation AnnotationCollection (JSON-LD)
// with one embedded AnnotationPage. baseURL must be an absolute http(s) URL
// (the app's address); each target source is the document's reader page in
// the app (DocIRI). The corpus fingerprint rides in "fingerprint", document
// titles in each target source's "title", the review status in
// "reviewStatus" and the passage id in the target's "passage", terms the
// collection's "@context" defines (W3CTerms).
func W3C(exp Export, baseURL string) ([]byte, error) {
	return W3CWith(exp, baseURL, W3COptions{})
}

// W3CWith is W3C with options: a collection label, and the provenance of
// gold annotations.
func W3CWith(exp Export, baseURL string, opt W3COptions) ([]byte, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("w3c export: base URL %q must be an absolute http(s) URL", baseURL)
	}
	if err := exp.Validate(); err != nil {
		return nil, fmt.Errorf("w3c export: %w", err)
	}
	base := withSlash(baseURL)
	name := exp.Corpus.Fingerprint
	if name == "" {
		name = "export"
	}
	coll := w3cCollection{
		Context: W3CContextValue(), ID: base + "collections/" + url.PathEscape(name), Type: "AnnotationCollection",
		Label: cmpOr(opt.Label, "claimtag annotations") + " (" + name + ")", Total: len(exp.Annotations), Fingerprint: exp.Corpus.Fingerprint,
		Generator: &w3cAgent{Type: "Software", Name: "claimtag", Homepage: base},
	}
	if !exp.Exported.IsZero() {
		coll.Created = rfc3339(exp.Exported)
	}
	if len(exp.Annotations) > 0 {
		page := &w3cPage{ID: coll.ID + "/page1", Type: "AnnotationPage", PartOf: coll.ID, Items: []json.RawMessage{}}
		for _, a := range exp.Annotations {
			w := toW3C(a, base, exp.Corpus.Title(a.Anchor.Doc))
			w.Labels = opt.Labels[a.ID]
			b, err := json.Marshal(w)
			if err != nil {
				return nil, fmt.Errorf("w3c export %s: %w", a.ID, err)
			}
			page.Items = append(page.Items, b)
		}
		coll.First = page
	}
	b, err := json.MarshalIndent(coll, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("w3c export: %w", err)
	}
	return append(b, '\n'), nil
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func toW3C(a Annotation, base, title string) w3cAnnotation {
	id := a.ID
	if u, err := url.Parse(id); err != nil || !u.IsAbs() {
		id = base + "annotations/" + url.PathEscape(a.ID)
	}
	out := w3cAnnotation{
		Context: W3CContext, ID: id, Type: "Annotation", Motivation: "tagging",
		Created: rfc3339(a.Created), Status: a.Status,
		Body: []w3cBody{{Type: "TextualBody", Value: string(a.Tag), Purpose: "tagging"}},
	}
	if !a.Modified.IsZero() {
		out.Modified = rfc3339(a.Modified)
	}
	if a.Creator != "" {
		out.Creator = &w3cAgent{Type: "Person", Name: a.Creator}
	}
	if a.Note != "" {
		out.Body = append(out.Body, w3cBody{Type: "TextualBody", Value: a.Note, Format: "text/plain", Purpose: "commenting"})
	}
	if a.Evidence != "" {
		if isWebURL(a.Evidence) {
			// An External Web Resource body may not carry a purpose (model
			// 3.3.5), so the link is wrapped in a SpecificResource.
			out.Body = append(out.Body, w3cBody{Type: "SpecificResource", Source: a.Evidence, Purpose: "linking"})
		} else {
			out.Body = append(out.Body, w3cBody{Type: "TextualBody", Value: a.Evidence, Format: "text/plain", Purpose: "describing"})
		}
	}
	anc := a.Anchor
	out.Target = w3cTarget{
		Type:    "SpecificResource",
		Source:  w3cSource{ID: DocIRI(base, anc.Doc), Type: "Text", Title: title},
		Passage: anc.Passage,
		Selector: []w3cSelector{
			{Type: "TextQuoteSelector", Exact: &anc.Exact, Prefix: &anc.Prefix, Suffix: &anc.Suffix},
			{Type: "TextPositionSelector", Start: &anc.Start, End: &anc.End},
		},
	}
	return out
}

// isWebURL reports whether s is a plain absolute http(s) URL usable as an IRI.
func isWebURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
