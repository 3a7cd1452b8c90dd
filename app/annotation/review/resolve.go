package review

import (
	"net/url"
	"path"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
)

// Resolve names the corpus document an imported annotation's target source
// points to, or returns "" when none fits (re-anchoring then looks for the
// quote across the corpus). It tries, in order:
//
//  1. the source is a document id;
//  2. the app's own address of a document, "…/doc?id=<id>" on any host and
//     under any base path (annotation.DocFromIRI);
//  3. the document's original URL;
//  4. a path (of a URL, a file: URL or a file name, from the source IRI or
//     the target's title, which Recogito sets to the file name) that is the
//     document's Path or ends with "/" + its Path, the longest match winning;
//  5. a file name (with any extension) whose base name is that of exactly
//     one document's Path or id.
func (c *Corpus) Resolve(src annotation.W3CSource) string {
	if c == nil {
		return ""
	}
	iri := strings.TrimSpace(src.IRI)
	if _, ok := c.index[iri]; ok && iri != "" {
		return iri
	}
	if id, ok := annotation.DocFromIRI(iri); ok {
		if _, known := c.index[id]; known {
			return id
		}
	}
	for _, d := range c.docs {
		if d.URL != "" && sameURL(d.URL, iri) {
			return d.ID
		}
	}
	for _, cand := range []string{iri, strings.TrimSpace(src.Title)} {
		p := sourcePath(cand)
		if p == "" {
			continue
		}
		if id := c.byPath(p); id != "" {
			return id
		}
	}
	return ""
}

// byPath finds the document whose Path p is or ends with, else the only
// document with p's base name (extension ignored).
func (c *Corpus) byPath(p string) string {
	best, bestLen := "", 0
	for _, d := range c.docs {
		dp := strings.TrimPrefix(d.Path, "./")
		if dp == "" {
			continue
		}
		if (p == dp || strings.HasSuffix(p, "/"+dp)) && len(dp) > bestLen {
			best, bestLen = d.ID, len(dp)
		}
	}
	if best != "" {
		return best
	}
	stem := strings.TrimSuffix(path.Base(p), path.Ext(p))
	found := ""
	for _, d := range c.docs {
		names := []string{path.Base(d.ID)}
		if d.Path != "" {
			names = append(names, strings.TrimSuffix(path.Base(d.Path), path.Ext(d.Path)))
		}
		for _, n := range names {
			if n != "" && n == stem {
				if found != "" && found != d.ID {
					return "" // ambiguous: let the quote decide
				}
				found = d.ID
			}
		}
	}
	return found
}

// sourcePath returns the slash-separated path a source names: the
// unescaped path of a URL, or s itself as a file path.
func sourcePath(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, `\`, "/")
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && len(u.Scheme) > 1 { // not a Windows drive letter
		if u.Opaque != "" { // urn:…
			return ""
		}
		s = u.Path
	}
	s = strings.Trim(s, "/")
	if s == "" || path.Base(s) == "doc" {
		return ""
	}
	return s
}

// sameURL compares two URLs ignoring a trailing slash and the fragment.
func sameURL(a, b string) bool {
	norm := func(s string) string {
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		return strings.TrimRight(strings.TrimSpace(s), "/")
	}
	return a != "" && norm(a) == norm(b)
}
