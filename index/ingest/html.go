package ingest

import (
	"html"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sanitizer is the policy every HTML document goes through first: bluemonday's
// UGC policy, which drops script, style, iframe and object elements with
// their content and every event handler and javascript: URL, plus <title>
// so the title can still be read.
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowElements("title")
	p.AddSpaceWhenStrippingTag(true)
	return p
}()

// strict removes every tag; it cleans markup that was escaped in the source
// and so became text.
var strict = bluemonday.StrictPolicy()

// blockKinds maps block elements to passage kinds.
var blockKinds = map[atom.Atom]string{
	atom.P: "p", atom.Div: "p", atom.Section: "p", atom.Article: "p", atom.Aside: "p",
	atom.Header: "p", atom.Footer: "p", atom.Main: "p", atom.Nav: "p", atom.Blockquote: "p",
	atom.Figure: "p", atom.Figcaption: "p", atom.Details: "p", atom.Summary: "p",
	atom.Address: "p", atom.Table: "p", atom.Tr: "p", atom.Dl: "p", atom.Dt: "p", atom.Dd: "p",
	atom.Ul: "p", atom.Ol: "p", atom.Caption: "p", atom.Hr: "p",
	atom.Li: "li", atom.Pre: "pre",
	atom.H1: "h", atom.H2: "h", atom.H3: "h", atom.H4: "h", atom.H5: "h", atom.H6: "h",
}

// skipped elements contribute no text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Title: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Textarea: true, atom.Select: true,
}

// htmlWalker collects blocks from a parsed HTML tree.
type htmlWalker struct {
	pd    parsed
	buf   strings.Builder
	kinds []string // enclosing block kinds, innermost last
	cells []int    // cells seen in each enclosing row
	h1    string
}

// parseHTML sanitizes s, then extracts its blocks and title.
func parseHTML(s string) parsed {
	clean := sanitizer.Sanitize(s)
	root, err := nethtml.Parse(strings.NewReader(clean))
	w := &htmlWalker{}
	if err != nil {
		// x/net/html only fails on reader errors; fall back to plain text.
		w.pd.blocks = []block{{"p", stripMarkup(html.UnescapeString(strict.Sanitize(clean)))}}
		return w.pd
	}
	w.walk(root)
	w.flush()
	if t := findTitle(root); t != "" {
		w.pd.title = t
	} else {
		w.pd.title = w.h1
	}
	return w.pd
}

// findTitle returns the text of the first <title>.
func findTitle(n *nethtml.Node) string {
	if n.Type == nethtml.ElementNode && n.DataAtom == atom.Title {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == nethtml.TextNode {
				b.WriteString(c.Data)
			}
		}
		return stripMarkup(b.String())
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTitle(c); t != "" {
			return t
		}
	}
	return ""
}

// kind returns the kind of the innermost enclosing heading, list item or
// preformatted block, else "p".
func (w *htmlWalker) kind() string {
	for i := len(w.kinds) - 1; i >= 0; i-- {
		if w.kinds[i] != "p" {
			return w.kinds[i]
		}
	}
	return "p"
}

// flush ends the current block.
func (w *htmlWalker) flush() {
	t := stripMarkup(w.buf.String())
	w.buf.Reset()
	if strings.TrimFunc(t, isSpace) == "" {
		return
	}
	k := w.kind()
	if k == "h" && w.h1 == "" {
		w.h1 = t
	}
	w.pd.blocks = append(w.pd.blocks, block{k, t})
}

func (w *htmlWalker) walk(n *nethtml.Node) {
	switch n.Type {
	case nethtml.TextNode:
		w.buf.WriteString(n.Data)
		return
	case nethtml.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.buf.WriteByte(' ')
			return
		case atom.Tr:
			w.cells = append(w.cells, 0)
			defer func() { w.cells = w.cells[:len(w.cells)-1] }()
		case atom.Td, atom.Th:
			if k := len(w.cells) - 1; k >= 0 {
				if w.cells[k] > 0 {
					w.buf.WriteString(" | ")
				}
				w.cells[k]++
			}
		}
		if k, ok := blockKinds[n.DataAtom]; ok {
			w.flush()
			w.kinds = append(w.kinds, k)
			defer func() {
				w.flush()
				w.kinds = w.kinds[:len(w.kinds)-1]
			}()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// stripMarkup removes markup from extracted text: markup escaped in the
// source (&lt;script&gt;) is text after parsing and would otherwise survive.
func stripMarkup(t string) string {
	for range 4 {
		if !looksLikeMarkup(t) {
			return t
		}
		t = html.UnescapeString(strict.Sanitize(t))
	}
	return strings.ReplaceAll(t, "<", "< ")
}

// looksLikeMarkup reports whether t has a "<" followed by a letter, "/",
// "!" or "?", the start of a tag, comment or processing instruction.
func looksLikeMarkup(t string) bool {
	for i := strings.IndexByte(t, '<'); i >= 0 && i+1 < len(t); {
		c := t[i+1]
		if c == '/' || c == '!' || c == '?' || (c|0x20 >= 'a' && c|0x20 <= 'z') {
			return true
		}
		j := strings.IndexByte(t[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
