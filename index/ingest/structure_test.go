package ingest

import (
	"strings"
	"testing"
)

// passageSummary renders passages as "kind:text" lines for comparison.
func passageSummary(d *Document) string {
	var b strings.Builder
	for _, p := range d.Passages {
		b.WriteString(p.Kind + ":" + p.Text(d) + "\n")
	}
	return b.String()
}

func TestStructure(t *testing.T) {
	tests := []struct{ name, path, in, want string }{
		{"Plain text with blank lines joins wrapped lines.", "a.txt",
			"Heading Line\n\nFirst para\nwraps here.\n\nSecond para.\n",
			"h:Heading Line\np:First para wraps here.\np:Second para.\n"},
		{"Plain text without blank lines has one paragraph per line.", "a.txt",
			"KC\nAI commentary\nPrimary evidence is constructive.\n398\n",
			"h:KC\nh:AI commentary\np:Primary evidence is constructive.\np:398\n"},
		{"Plain text with long lines keeps one paragraph per line across blank lines.", "a.txt",
			strings.Repeat("x", 160) + "\nNext line.\n\nAfter.\n",
			"p:" + strings.Repeat("x", 160) + "\np:Next line.\np:After.\n"},
		{"Markdown headings, lists, code and inline markup.", "a.md",
			"# Title #\n\nSome **bold** and _it_ and `code` with [a link](http://x) and ![img](y.png).\nSame para.\n\n- one\n* two\n  continued\n1. three\n\n```go\nx := 1\n```\n\n> quoted *text*\n\nSetext\n======\n\n---\n",
			"h:Title\np:Some bold and it and code with a link and img. Same para.\nli:one\nli:two continued\nli:three\npre:x := 1\np:quoted text\nh:Setext\n"},
		{"Markdown front matter is removed.", "a.md",
			"---\ntitle: T\ndate: 2026-03-10\n---\nBody.\n",
			"p:Body.\n"},
		{"HTML blocks become passages.", "a.html",
			`<html><head><title>T</title></head><body><h2>Head</h2><p>One <b>two</b><br>three &amp; four&nbsp;five</p>
			<ul><li>item <i>one</i></li><li><p>item two</p></li></ul><pre>a
  b</pre><table><tr><th>k</th><td>v</td></tr><tr><td>1</td><td>2</td></tr></table>
			<div>div text<div>nested</div>tail</div><blockquote>quote</blockquote></body></html>`,
			"h:Head\np:One two three & four five\nli:item one\nli:item two\npre:a b\np:k | v\np:1 | 2\np:div text\np:nested\np:tail\np:quote\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := passageSummary(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestHostileHTML(t *testing.T) {
	const hostile = `<!DOCTYPE html><html><head><title>Safe title<script>alert('t')</script></title>
<style>body{background:url(javascript:alert('css'))}</style>
<script>alert('head')</script><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head>
<body onload="alert('body')">
<p>Visible <img src=x onerror="alert('img')"> text.</p>
<a href="javascript:alert('link')">link text</a>
<iframe src="https://evil.example/">iframe fallback</iframe>
<object data="evil.swf">object fallback</object>
<svg><script>alert('svg')</script></svg>
<noscript>noscript text</noscript>
<p>Escaped &lt;script&gt;alert('escaped')&lt;/script&gt; markup.</p>
<SCRIPT SRC=//evil.example/x.js></SCRIPT><scr<script>ipt>alert('split')</script>
<p style="color:red" onclick="alert('click')">End.</p>
</body></html>`
	doc, err := Parse("hostile.html", []byte(hostile))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	// The text is what a browser shows, and only that: markup escaped in
	// the source is text (the reader renders it as text), and
	// "<scr<script>ipt>" is a tag named "scr<script" followed by the text
	// "ipt>alert('split')", in browsers too. Nothing inside a script,
	// style, iframe, object, svg or noscript element is text.
	want := "Visible text.\n\nlink text\n\nEscaped <script>alert('escaped')</script> markup.\n\nipt>alert('split')\n\nEnd."
	if got := doc.Text; got != want {
		t.Errorf("got text %q, want %q", got, want)
	}
	if got, want := doc.Title, "Safe title<script>alert('t')</script>"; got != want {
		t.Errorf("got title %q, want the title element's text %q", got, want)
	}
	got := doc.Provenance.Sanitized
	for _, removed := range []string{"script", "style", "iframe", "object", "svg", "noscript", handlersKey} {
		if got[removed] == 0 {
			t.Errorf("got sanitized %v, want it to count %s", got, removed)
		}
	}
	if got[handlersKey] != 3 {
		t.Errorf("got %d event handlers removed, want 3 (onload, onerror, onclick)", got[handlersKey])
	}
}

func TestLongBlocksAreSplit(t *testing.T) {
	tests := []struct{ name, in string }{
		{"A paragraph of thousands of sentences splits between sentences.", strings.Repeat("The margin rose again this quarter. ", 3000)},
		{"One endless sentence splits between words.", strings.Repeat("word ", 6000)},
		{"Text without spaces splits between characters.", strings.Repeat("金山云发布财报收入增长", 3000)},
		{"A split never separates a combining mark from its base.", strings.Repeat("q\u0301", 15000)},
		{"Repairs on both sides of a split keep their spans.", strings.Repeat("A cafÃ© costs â‚¬5. ", 2000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("long.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if len(doc.Passages) < 2 {
				t.Fatalf("got %d passages, want the block split", len(doc.Passages))
			}
			var parts []string
			for _, p := range doc.Passages {
				if n := p.End - p.Start; n > maxPassage {
					t.Errorf("got a passage of %d code points, want at most %d", n, maxPassage)
				}
				parts = append(parts, p.Text(doc))
			}
			// Joined again, the parts are the block.
			want, _ := normalize(tt.in, nil)
			if strings.Contains(tt.in, "Ã") {
				want, _ = normalize(strings.ReplaceAll(strings.ReplaceAll(tt.in, "Ã©", "é"), "â‚¬", "€"), nil)
				if got := len(doc.Repairs); got != 4000 {
					t.Errorf("got %d repairs, want 4000", got)
				}
			}
			sep := " "
			if !strings.Contains(want, " ") {
				sep = ""
			}
			if got := strings.Join(parts, sep); got != want {
				t.Errorf("the parts joined differ from the block")
			}
		})
	}
}
