// Package pydocs prepares the python-docs corpus (Debian's python3.11-doc
// HTML) the way the side-by-side search bench indexes it, so that claimtag's
// relevance can be judged on the same pages and words as Pagefind's,
// MiniSearch's and lunr's.
//
// The bench (shared/bench/scripts/prepare-corpus.js) takes every *.html
// page except the generated ones (genindex*, contents.html,
// py-modindex.html, search.html, and the _* folders) and indexes only the
// text of Sphinx's content area, <div role="main">, without the "¶" header
// links and scripts. Prepare writes one trimmed page per source page holding
// just that region (headings stay headings, so claimtag's ingestion keeps
// them as heading passages) plus a claimtag.json with each page's title from
// its <title>, without the " — Python 3.11 documentation" tail:
//
//	if err := pydocs.Prepare("/usr/share/doc/python3.11/html", dir); err != nil { ... }
//	rep, err := ingest.Dir(dir, ingest.Options{})
//
// A page's claimtag document id is its path without ".html" ("library/json"),
// the bench's page id with ".html" ("library/json.html").
package pydocs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultSource is where Debian's python3.11-doc package installs the pages.
const DefaultSource = "/usr/share/doc/python3.11/html"

// ErrNoPages is returned by Prepare when the source folder holds no page to
// prepare.
var ErrNoPages = errors.New("no python-docs pages found")

// Stats says what Prepare wrote.
type Stats struct {
	Pages     int // pages written
	HTMLBytes int // bytes of the source pages read
}

// Skip reports whether the page at rel (a slash path relative to the docs
// root) is one the bench leaves out: Sphinx's generated index pages and
// anything under a top-level "_" folder.
func Skip(rel string) bool {
	return strings.HasPrefix(rel, "_") || strings.HasPrefix(rel, "genindex") ||
		rel == "contents.html" || rel == "py-modindex.html" || rel == "search.html"
}

// Pages lists the pages of src that the bench indexes, as sorted slash paths.
func Pages(src string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".html") {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); !Skip(rel) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("python-docs %s: %w", src, err)
	}
	sort.Strings(out)
	return out, nil
}

// meta is the claimtag.json the preparer writes.
type meta struct {
	Documents []metaDoc `json:"documents"`
}

type metaDoc struct {
	Path  string `json:"path"`
	Title string `json:"title"`
}

// Prepare writes the trimmed pages of src into dst (created if needed) and
// their titles into dst/claimtag.json. Errors name the page.
func Prepare(src, dst string) (Stats, error) {
	var st Stats
	pages, err := Pages(src)
	if err != nil {
		return st, err
	}
	if len(pages) == 0 {
		return st, fmt.Errorf("python-docs %s: %w (install python3.11-doc)", src, ErrNoPages)
	}
	var m meta
	for _, rel := range pages {
		raw, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			return st, fmt.Errorf("python-docs: %w", err)
		}
		st.HTMLBytes += len(raw)
		title, body, err := Extract(raw)
		if err != nil {
			return st, fmt.Errorf("python-docs %s: %w", rel, err)
		}
		out := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return st, fmt.Errorf("python-docs: %w", err)
		}
		if err := os.WriteFile(out, page(title, body), 0o644); err != nil {
			return st, fmt.Errorf("python-docs: %w", err)
		}
		m.Documents = append(m.Documents, metaDoc{Path: rel, Title: title})
		st.Pages++
	}
	js, _ := json.MarshalIndent(m, "", " ")
	if err := os.WriteFile(filepath.Join(dst, "claimtag.json"), append(js, '\n'), 0o644); err != nil {
		return st, fmt.Errorf("python-docs: %w", err)
	}
	return st, nil
}

// page wraps the content area in a minimal HTML page.
func page(title string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title></head>\n<body>\n")
	b.Write(body)
	b.WriteString("\n</body></html>\n")
	return b.Bytes()
}

// titleTail is the " — Python 3.11.2 documentation" end of every <title>.
var titleTail = regexp.MustCompile(`\s+—\s+Python.*$`)

// Extract returns the title of a Sphinx page (from its <title>) and the HTML
// of its <div role="main"> content, without scripts, styles and "¶" header
// links. A page without such a region is an error.
func Extract(raw []byte) (title string, body []byte, err error) {
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return "", nil, err
	}
	var main *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Title && title == "" {
				title = text(n)
			}
			if main == nil && attr(n, "role") == "main" {
				main = n
				return
			}
		}
		for c := n.FirstChild; c != nil && main == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if main == nil {
		return "", nil, errors.New(`no <div role="main"> content area`)
	}
	title = titleTail.ReplaceAllString(strings.Join(strings.Fields(title), " "), "")
	prune(main)
	var b bytes.Buffer
	for c := main.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", nil, err
		}
	}
	return title, b.Bytes(), nil
}

// prune removes what the bench does not index from n's subtree.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.ElementNode && dropped(c) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	case atom.A:
		return strings.Contains(" "+attr(n, "class")+" ", " headerlink ")
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// DocID returns the claimtag document id of a bench page id
// ("library/json.html" -> "library/json").
func DocID(page string) string { return strings.TrimSuffix(page, path.Ext(page)) }
