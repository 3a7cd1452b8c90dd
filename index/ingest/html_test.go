package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
)

func TestHTMLTextIsWhatABrowserShows(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Escaped angle brackets around figures stay (issue probe).",
			`<p>EPS came in at &lt;US$0.50 in Q1, guidance &gt;US$0.60.</p>`, "p:EPS came in at <US$0.50 in Q1, guidance >US$0.60.\n"},
		{"An escaped tag name stays text (issue probe).",
			`<p>Use the &lt;div&gt; element</p>`, "p:Use the <div> element\n"},
		{"Escaped script markup is text, not a script.",
			`<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>`, "p:a <script>alert(1)</script> b\n"},
		{"Entities are decoded once: &amp;lt; is the text &lt;.",
			`<p>AT&amp;T: &amp;lt;b&amp;gt; and 1 &lt; 2 &amp;&amp; 3 &gt; 2</p>`, "p:AT&T: &lt;b&gt; and 1 < 2 && 3 > 2\n"},
		{"Named and numeric references decode.",
			`<p>Price: &euro;5 &#8364;6 &#x20AC;7 &nbsp;&copy;&notit; &amp</p>`, "p:Price: €5 €6 €7 ©¬it; &\n"},
		{"Comments are not text.", `<p>x<!-- <p>comment</p> -->y</p>`, "p:xy\n"},
		{"List items close each other.", `<ul><li>a<li>b</ul><p>c`, "li:a\nli:b\np:c\n"},
		{"An unmatched end tag is ignored.", `<p>a</li></h1></div>b</p>`, "p:a\np:b\n"},
		{"Headings inside a root keep their kind.", `<div><h2>Head</h2><div><p>Body</p></div></div>`, "h:Head\np:Body\n"},
		{"A table row joins its cells.", `<table><tr><th>k<th>v<tr><td>1<td>2</table>`, "p:k | v\np:1 | 2\n"},
		{"Nested rows keep their own cells.", `<table><tr><td>a<table><tr><td>x<td>y</table></td><td>b</table>`, "p:a\np:x | y\np:| b\n"},
		{"A line break is a space, and so is </br>.", `<p>a<br>b</br>c</p>`, "p:a b c\n"},
		{"Preformatted text is pre.", `<pre>  a  &lt; b</pre>`, "pre:a < b\n"},
		{"Text in a textarea, select or template is not shown.", `<p>a<textarea>t</textarea><select><option>o</select><template>x</template>b</p>`, "p:a b\n"},
		{"A self-closing slash does not close a div.", `<div/>inside<p>next</p>`, "p:inside\np:next\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("t.html", []byte(tt.in))
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

func TestDeepNestingKeepsTheText(t *testing.T) {
	const n = 80000
	tests := []struct{ name, in, want string }{
		{"80,000 nested divs (issue probe).", strings.Repeat("<div>", n) + "Deep text." + strings.Repeat("</div>", n), "p:Deep text.\n"},
		{"80,000 unclosed divs.", strings.Repeat("<div>", n) + "Deep text.", "p:Deep text.\n"},
		{"80,000 stray end tags.", "<p>a" + strings.Repeat("</div>", n) + "b</p>", "p:a\np:b\n"},
		{"80,000 unclosed list items.", "<ul>" + strings.Repeat("<li>", n) + "x</ul><p>after</p>", "li:x\np:after\n"},
		{"80,000 nested spans.", "<p>" + strings.Repeat("<span>", n) + "in" + strings.Repeat("</span>", n) + "</p>", "p:in\n"},
		{"80,000 nested headings in a div.", "<div>" + strings.Repeat("<h2>", n) + "H" + strings.Repeat("</h2>", n) + "</div><p>body</p>", "h:H\np:body\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("deep.html", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := passageSummary(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// browserText returns the text nodes of the tree x/net/html builds from s,
// outside the elements that show no text, as the extractor sees them: the
// oracle of FuzzHTMLText.
func browserText(s string) (string, bool) {
	root, err := nethtml.Parse(strings.NewReader(s))
	if err != nil {
		return "", false
	}
	var b strings.Builder
	// An explicit stack: the tree may be as deep as the input is long.
	stack := []*nethtml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n.Type {
		case nethtml.TextNode:
			b.WriteString(n.Data)
			continue
		case nethtml.ElementNode:
			if skipped[n.Data] {
				continue
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String(), true
}

// visible drops whitespace: block breaks and spaces are layout, not text.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// sameRunes reports whether a and b hold the same runes, in any order.
func sameRunes(a, b string) bool {
	count := map[rune]int{}
	for _, r := range a {
		count[r]++
	}
	for _, r := range b {
		count[r]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// FuzzHTMLText checks the extractor against x/net/html's tree builder on
// the same sanitized HTML: the same text, in the same order except where
// the tree builder moves text out of tables (foster parenting).
func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{
		`<p>EPS &lt;US$0.50, guidance &gt;US$0.60.</p>`, `<p>Use the &lt;div&gt; element</p>`,
		`<b>1<p>2</b>3</p>`, `<ul><li>a<li>b<ol><li>c</ul>d`, `<table>x<tr><td>a<td>b</table>`,
		`<a href=x>1<a href=y>2</a>3`, `<p>a<h1>b</p>c</h1>d`, `<title>t</title><p>&amp;lt;</p>`,
		`<pre>` + "\n" + `x</pre><textarea>y</textarea>`, `<div/>a<br/>b</br>c`, `x<!--y-->z<![CDATA[w]]>`,
		`<plaintext><p>all text`, `<noscript><p>n</p></noscript><p>v</p>`, `<scr<script>ipt>alert(1)</script>`,
		`<dl><dt>a<dd>b<dt>c</dl>`, `<details><summary>s</summary>d</details>`, `<i><b><u>x</i>y</b>z`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || strings.ContainsRune(s, '\r') {
			return
		}
		clean := sanitizer.Sanitize(s)
		x := &extractor{cellSep: " ", open: map[string]int{}, counts: map[string]int{}}
		x.run(clean)
		var got strings.Builder
		for _, b := range x.pd.blocks {
			got.WriteString(b.text)
		}
		want, ok := browserText(clean)
		if !ok {
			return
		}
		g, w := visible(got.String()), visible(want)
		if g == w {
			return
		}
		if strings.Contains(clean, "<t") || strings.Contains(clean, "<c") {
			// Tables: the tree builder moves stray text before the table.
			if sameRunes(g, w) {
				return
			}
		}
		t.Fatalf("sanitized %q:\ngot  %q\nwant %q (x/net/html's text nodes)", clean, g, w)
	})
}
