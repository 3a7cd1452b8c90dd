package ingest

import (
	"bytes"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// declaration is the charset an HTML page declares for itself.
type declaration struct {
	label string // as written, lowercased: "iso-8859-1"
	name  string // the WHATWG encoding it stands for: "windows-1252"
	tag   string // the declaring element as written, shortened
	late  bool   // found after the first 1024 bytes
}

// prescanBytes is how far browsers look for a declaration before parsing.
const prescanBytes = 1024

// lateScanBytes bounds the search for a declaration after the first 1024
// bytes, which browsers also honour while the page's head is being parsed.
const lateScanBytes = 64 << 10

// declaredCharset finds the page's charset declaration with the prescan of
// the HTML standard, as golang.org/x/net/html/charset.DetermineEncoding runs
// it (it only says which encoding, not which element declared it, so the
// rules are repeated here; a test checks the two agree). When the first
// 1024 bytes have none, the rest of the head is searched, as a browser
// changes the encoding when its parser meets a <meta charset> there.
func declaredCharset(data []byte) (declaration, bool) {
	if d, ok := prescan(data[:min(len(data), prescanBytes)], false); ok {
		return d, true
	}
	if len(data) > prescanBytes {
		return prescan(data[:min(len(data), lateScanBytes)], true)
	}
	return declaration{}, false
}

// headElements may appear before the body without ending the head.
var headElements = map[string]bool{
	"html": true, "head": true, "meta": true, "link": true, "title": true, "style": true,
	"script": true, "base": true, "noscript": true, "template": true,
}

// prescan looks for the first <meta> that declares a known encoding. With
// late set it stops where the body starts: at any other element or at text.
func prescan(data []byte, late bool) (declaration, bool) {
	z := nethtml.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return declaration{}, false
		case nethtml.TextToken:
			if late && len(bytes.TrimSpace(z.Text())) > 0 {
				return declaration{}, false
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			raw := string(z.Raw())
			name, hasAttr := z.TagName()
			if string(name) != "meta" {
				if late && !headElements[string(name)] {
					return declaration{}, false
				}
				continue
			}
			if d, ok := metaCharset(z, hasAttr); ok {
				d.tag, d.late = shortTag(raw), late
				return d, true
			}
		}
	}
}

// metaCharset applies the prescan's rules to one <meta> element's
// attributes: a charset attribute, or http-equiv="content-type" with a
// charset in content; the first of each attribute counts.
func metaCharset(z *nethtml.Tokenizer, hasAttr bool) (declaration, bool) {
	const (
		dontKnow = iota
		needPragma
		noPragma
	)
	seen := map[string]bool{}
	pragma, known, need := false, false, dontKnow
	var label string
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		key := string(k)
		if seen[key] {
			continue
		}
		seen[key] = true
		val := strings.ToLower(string(v))
		switch key {
		case "http-equiv":
			pragma = pragma || val == "content-type"
		case "content":
			if !known {
				if l := charsetFromContent(val); l != "" {
					if e, _ := charset.Lookup(l); e != nil {
						label, known, need = l, true, needPragma
					}
				}
			}
		case "charset":
			_, name := charset.Lookup(val)
			label, known, need = val, name != "", noPragma
		}
	}
	if need == dontKnow || (need == needPragma && !pragma) || !known {
		return declaration{}, false
	}
	_, name := charset.Lookup(label)
	if strings.HasPrefix(name, "utf-16") {
		// A page that can declare itself in ASCII is not UTF-16.
		name = "utf-8"
	}
	return declaration{label: strings.TrimSpace(label), name: name}, true
}

// charsetFromContent extracts the charset from a content attribute such as
// "text/html; charset=gbk", following the HTML standard's algorithm.
func charsetFromContent(s string) string {
	for s != "" {
		i := strings.Index(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			s = s[1:]
			end := strings.IndexByte(s, q)
			if end < 0 {
				return ""
			}
			return s[:end]
		}
		if end := strings.IndexAny(s, "; \t\n\f\r"); end >= 0 {
			return s[:end]
		}
		return s
	}
	return ""
}

// shortTag returns a tag's source on one line, at most 100 characters, for
// a log line.
func shortTag(raw string) string {
	t := strings.Join(strings.Fields(raw), " ")
	if r := []rune(t); len(r) > 100 {
		t = string(r[:99]) + "…"
	}
	return t
}
