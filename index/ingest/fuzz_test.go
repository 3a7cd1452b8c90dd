package ingest

import (
	"errors"
	"testing"
)

// fuzzParse parses data as path and checks the document invariants.
func fuzzParse(t *testing.T, path string, data []byte) *Document {
	doc, err := Parse(path, data)
	if err != nil {
		if errors.Is(err, ErrEmpty) || errors.Is(err, ErrBinary) {
			return nil
		}
		t.Fatalf("got unexpected error %v", err)
	}
	checkDocument(t, doc)
	return doc
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{
		"<p>Hello <b>world</b>.</p>",
		"<html><head><title>T</title><script>alert(1)</script></head><body><h1>H</h1><ul><li>a</li></ul></body></html>",
		"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
		"<scr<script>ipt>alert(1)</script><img src=x onerror=alert(1)>",
		"<table><tr><td>a<td>b<tr><td>c</table><pre>x\n y</pre>",
		"<p>cafÃ© Cloudâs Q2âŻ2025 âŻ</p>",
		"<title>&lt;script&gt;</title><p>x</p>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.html", data) })
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{
		"03/10 2026\n398\nOn March 9, the sector surged. Kingsoft Cloud's stock rose 13%.\n",
		"Title\n\nPara one\nwraps.\n\nPara two.",
		"Kingsoft Cloudâs Q2âŻ2025 revenue roseâŻââŻ22âŻ% YoY, three âsecularâ AIâoptimized",
		"cafe\u0301\u00a0\u200b\r\nx\x85\u2028y",
		"cafÃ©\nÃ",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.txt", data) })
}

func FuzzParseMarkdown(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2026-03-10\n---\n# H\n\nPara **bold** [l](u).\n\n- a\n- b\n\n```\ncode\n```\n",
		"Setext\n===\n\n> quote\n\n1. one\n2) two",
		"```\nunclosed",
		"---\nno end",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.md", data) })
}
