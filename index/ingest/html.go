package ingest

import (
	"strings"

	"github.com/microcosm-cc/bluemonday"
	nethtml "golang.org/x/net/html"
)

// HTML is read in three linear passes, whatever the nesting:
//
//  1. scanPage tokenizes the page as it came, for its <title>, the element
//     chosen by the root selector and a count of its elements and event
//     handler attributes;
//  2. bluemonday sanitizes the page (or the root element);
//  3. extract tokenizes the sanitized HTML into blocks. Text comes only from
//     text tokens, whose character references the tokenizer decodes once:
//     "&lt;div&gt;" is the text "<div>", as a browser shows it, never a tag.
//
// The counts of step 1 less those of step 3 say which elements the
// sanitizer removed with their content, and how many event handlers
// (Provenance.Sanitized).

// sanitizer is the policy every HTML document goes through first: bluemonday's
// UGC policy, which drops script, style, iframe and object elements with
// their content and every event handler and javascript: URL, plus <title>
// so the title can still be read; template, textarea, select, svg and math
// elements go with their content too.
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowElements("title")
	p.AddSpaceWhenStrippingTag(true)
	// Elements whose content a browser does not show as running text: drop
	// it with the element, as bluemonday does for script and style.
	p.SkipElementsContent("template", "textarea", "select", "svg", "math")
	return p
}()

// contentDropped are the elements the sanitizer removes with their content
// (bluemonday's list and the additions above); Provenance.Sanitized counts
// them. Other removed tags leave their text in place and are not counted.
var contentDropped = map[string]bool{
	"frame": true, "frameset": true, "iframe": true, "noembed": true, "noframes": true,
	"noscript": true, "nostyle": true, "object": true, "script": true, "style": true,
	"template": true, "textarea": true, "select": true, "svg": true, "math": true,
}

// blockKinds maps block elements to passage kinds.
var blockKinds = map[string]string{
	"p": "p", "div": "p", "section": "p", "article": "p", "aside": "p",
	"header": "p", "footer": "p", "main": "p", "nav": "p", "blockquote": "p",
	"figure": "p", "figcaption": "p", "details": "p", "summary": "p",
	"address": "p", "table": "p", "tr": "p", "dl": "p", "dt": "p", "dd": "p",
	"ul": "p", "ol": "p", "caption": "p", "hr": "p", "center": "p", "hgroup": "p",
	"li": "li", "pre": "pre", "listing": "pre", "xmp": "pre",
	"h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h",
}

// skipped elements contribute no text: a browser does not show it.
var skipped = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"iframe": true, "object": true, "title": true, "head": true, "svg": true,
	"math": true, "textarea": true, "select": true, "noembed": true, "noframes": true,
}

// voids are the elements that have no end tag and no content.
var voids = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true, "param": true, "keygen": true, "image": true,
}

// handlersKey counts event handler attributes in Provenance.Sanitized.
const handlersKey = "on*"

// htmlOptions choose what parseHTML reads.
type htmlOptions struct {
	root   Selector // zero: the whole page
	alt    bool     // images read as their alt text (Markdown)
	budget *budget
}

// parseHTML extracts the blocks and title of an HTML page.
func parseHTML(s string, opt htmlOptions) parsed {
	page := scanPage(s, opt.root, opt.budget)
	fragment := s
	if page.found {
		fragment = s[page.start:page.end]
	}
	opt.budget.check()
	clean := sanitizer.Sanitize(fragment)
	opt.budget.check()
	x := &extractor{b: opt.budget, alt: opt.alt, cellSep: " | ", open: map[string]int{}, counts: map[string]int{}}
	x.run(clean)
	x.pd.title = page.title
	if x.pd.title == "" {
		x.pd.title = x.h1
	}
	x.pd.rootFound = page.found
	for name, n := range page.counts {
		if d := n - x.counts[name]; d > 0 && (contentDropped[name] || name == handlersKey) {
			if x.pd.sanitized == nil {
				x.pd.sanitized = map[string]int{}
			}
			x.pd.sanitized[name] = d
		}
	}
	return x.pd
}

// pageScan is what scanPage finds in the page as it came.
type pageScan struct {
	title      string
	found      bool // an element matched the root selector
	start, end int  // its byte span, start tag to end tag
	counts     map[string]int
}

// scanPage tokenizes s once: the first <title> outside SVG and MathML, the
// first element matching root (it ends at its matching end tag, counting
// nested elements of the same name, or at the end of the page) and the
// start tags and event handlers inside it (or in the page).
func scanPage(s string, root Selector, b *budget) pageScan {
	ps := pageScan{end: len(s), counts: map[string]int{}}
	z := nethtml.NewTokenizer(strings.NewReader(s))
	off, depth, foreign := 0, 0, 0
	rootName, wantTitle, counting := "", false, len(root.alts) == 0
	attrs := map[string]string{}
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return ps
		}
		b.spend()
		at := off
		off += len(z.Raw())
		switch tt {
		case nethtml.TextToken:
			if wantTitle {
				ps.title, wantTitle = string(z.Text()), false
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			wantTitle = false
			name, hasAttr := z.TagName()
			tag := string(name)
			clear(attrs)
			handlers := 0
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, dup := attrs[string(k)]; !dup {
					attrs[string(k)] = string(v)
					if len(k) > 2 && k[0] == 'o' && k[1] == 'n' {
						handlers++
					}
				}
			}
			opens := !voids[tag] // a self-closing slash does not close an HTML element
			if !ps.found && len(root.alts) > 0 && root.match(tag, attrs) {
				ps.found, ps.start, rootName, counting = true, at, tag, true
				if !opens {
					ps.end, counting = off, false
				}
			} else if counting && tag == rootName && opens {
				depth++
			}
			if counting {
				ps.counts[tag]++
				if handlers > 0 {
					ps.counts[handlersKey] += handlers
				}
			}
			switch {
			case tag == "svg" || tag == "math":
				if opens && tt == nethtml.StartTagToken {
					foreign++
				}
			case tag == "title" && foreign == 0 && ps.title == "":
				wantTitle = true
			}
		case nethtml.EndTagToken:
			wantTitle = false
			name, _ := z.TagName()
			tag := string(name)
			if (tag == "svg" || tag == "math") && foreign > 0 {
				foreign--
			}
			if counting && rootName != "" && tag == rootName {
				if depth == 0 {
					ps.end, counting = off, false
				} else {
					depth--
				}
			}
		}
	}
}

// extractor turns sanitized HTML into blocks, one token at a time. Every
// operation is O(1) per token, amortized, so that nesting depth costs
// nothing: open block elements are counted per name, so an end tag with no
// open element is dropped without a search, and the innermost non-paragraph
// kind is kept on its own stack.
type extractor struct {
	b       *budget
	alt     bool
	cellSep string // written between the cells of a table row
	pd      parsed
	buf     strings.Builder
	stack   []openBlock
	special []int          // indices in stack of the blocks whose kind is not "p"
	open    map[string]int // open blocks by name
	cells   []int          // cells seen in each open table row
	skip    string         // the skipped element being passed over
	depth   int            // its nesting
	counts  map[string]int // start tags seen, for Provenance.Sanitized
	h1      string         // the first heading, a title for pages without <title>
}

// openBlock is a block element not yet closed.
type openBlock struct{ tag, kind string }

func (x *extractor) run(clean string) {
	z := nethtml.NewTokenizer(strings.NewReader(clean))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		x.b.spend()
		switch tt {
		case nethtml.TextToken:
			if x.skip == "" {
				x.buf.Write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			x.start(string(name), z, hasAttr)
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			x.end(string(name))
		}
	}
	x.flush()
}

func (x *extractor) start(tag string, z *nethtml.Tokenizer, hasAttr bool) {
	if x.skip != "" {
		if tag == x.skip && !voids[tag] {
			x.depth++
		}
		return
	}
	x.counts[tag]++
	if skipped[tag] && !voids[tag] {
		x.skip, x.depth = tag, 1
		return
	}
	switch tag {
	case "br":
		x.buf.WriteByte(' ')
	case "td", "th":
		if k := len(x.cells) - 1; k >= 0 {
			if x.cells[k] > 0 {
				x.buf.WriteString(x.cellSep)
			}
			x.cells[k]++
		}
	case "img":
		for x.alt && hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if string(k) == "alt" {
				x.buf.Write(v)
				break
			}
		}
	}
	kind, ok := blockKinds[tag]
	if !ok {
		return
	}
	x.flush()
	if voids[tag] {
		return
	}
	if kind != "p" {
		x.special = append(x.special, len(x.stack))
	}
	x.stack = append(x.stack, openBlock{tag, kind})
	x.open[tag]++
	if tag == "tr" {
		x.cells = append(x.cells, 0)
	}
}

func (x *extractor) end(tag string) {
	if x.skip != "" {
		if tag == x.skip {
			if x.depth--; x.depth == 0 {
				x.skip = ""
			}
		}
		return
	}
	if tag == "br" {
		// </br> is read as <br>, as parsers do.
		x.buf.WriteByte(' ')
		return
	}
	if _, ok := blockKinds[tag]; !ok {
		return
	}
	x.flush()
	if x.open[tag] == 0 {
		return
	}
	for len(x.stack) > 0 {
		top := x.stack[len(x.stack)-1]
		x.stack = x.stack[:len(x.stack)-1]
		if k := len(x.special) - 1; k >= 0 && x.special[k] == len(x.stack) {
			x.special = x.special[:k]
		}
		x.open[top.tag]--
		if top.tag == "tr" && len(x.cells) > 0 {
			x.cells = x.cells[:len(x.cells)-1]
		}
		if top.tag == tag {
			return
		}
	}
}

// kind returns the kind of the innermost enclosing heading, list item or
// preformatted block, else "p".
func (x *extractor) kind() string {
	if k := len(x.special); k > 0 {
		return x.stack[x.special[k-1]].kind
	}
	return "p"
}

// flush ends the current block.
func (x *extractor) flush() {
	if x.buf.Len() == 0 {
		return
	}
	t := x.buf.String()
	x.buf.Reset()
	if strings.TrimFunc(t, isSpace) == "" {
		return
	}
	k := x.kind()
	if k == "h" && x.h1 == "" {
		x.h1 = t
	}
	x.pd.blocks = append(x.pd.blocks, block{k, t})
}
