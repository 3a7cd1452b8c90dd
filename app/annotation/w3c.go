package annotation

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// W3CContext is the JSON-LD context of the W3C Web Annotation model.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// Custom JSON-LD terms (absolute "claimtag:" IRIs) carrying what the W3C
// model has no place for.
const (
	w3cFingerprint = "claimtag:fingerprint"
	w3cStatus      = "claimtag:status"
	w3cPassage     = "claimtag:passage"
)

type w3cCollection struct {
	Context     string    `json:"@context"`
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	Label       string    `json:"label"`
	Total       int       `json:"total"`
	Created     string    `json:"created,omitempty"`
	Fingerprint string    `json:"claimtag:fingerprint"`
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
	Status     Status    `json:"claimtag:status,omitempty"`
	Body       []w3cBody `json:"body"`
	Target     w3cTarget `json:"target"`
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
	Passage  string        `json:"claimtag:passage,omitempty"`
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

// DocIRI returns the IRI of document id under baseURL: baseURL + "doc/" + id,
// with id path-escaped and a "/" added to baseURL if missing.
func DocIRI(baseURL, id string) string {
	return withSlash(baseURL) + "doc/" + url.PathEscape(id)
}

func withSlash(s string) string {
	if !strings.HasSuffix(s, "/") {
		return s + "/"
	}
	return s
}

// W3C returns exp as a W3C Web Annotation AnnotationCollection (JSON-LD)
// with one embedded AnnotationPage. baseURL must be an absolute http(s) URL
// (the app's address); documents become baseURL + "doc/" + id. The corpus
// fingerprint rides in "claimtag:fingerprint", document titles in each
// target source's "title", the review status in "claimtag:status" and the
// passage id in the target's "claimtag:passage".
func W3C(exp Export, baseURL string) ([]byte, error) {
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
		Context: W3CContext, ID: base + "collections/" + url.PathEscape(name), Type: "AnnotationCollection",
		Label: "claimtag annotations (" + name + ")", Total: len(exp.Annotations), Fingerprint: exp.Corpus.Fingerprint,
		Generator: &w3cAgent{Type: "Software", Name: "claimtag", Homepage: base},
	}
	if !exp.Exported.IsZero() {
		coll.Created = rfc3339(exp.Exported)
	}
	if len(exp.Annotations) > 0 {
		page := &w3cPage{ID: coll.ID + "/page1", Type: "AnnotationPage", PartOf: coll.ID, Items: []json.RawMessage{}}
		for _, a := range exp.Annotations {
			b, err := json.Marshal(toW3C(a, base, exp.Corpus.Title(a.Anchor.Doc)))
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
