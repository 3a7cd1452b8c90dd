package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMarkdownInline(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"A link whose URL has parentheses gives its text (issue probe).",
			"[Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar))", "p:Foo (bar)\n"},
		{"A link with a title and an angle-bracket destination.",
			`See [the note](<a b.html> "Title") and [x](u 'y').`, "p:See the note and x.\n"},
		{"A reference link reads as its text.", "Read [the filing][6k].\n\n[6k]: https://example.com/6-K", "p:Read the filing.\n"},
		{"An unresolved reference stays as written.", "Read [the filing][nope].", "p:Read [the filing][nope].\n"},
		{"An image reads as its alt text.", "![Revenue (RMB) chart](img/rev_(q1).png) here", "p:Revenue (RMB) chart here\n"},
		{"An autolink keeps its parentheses.", "<https://en.wikipedia.org/wiki/Foo_(bar)>", "p:https://en.wikipedia.org/wiki/Foo_(bar)\n"},
		{"A bare URL keeps its parentheses.", "See https://en.wikipedia.org/wiki/Foo_(bar) now", "p:See https://en.wikipedia.org/wiki/Foo_(bar) now\n"},
		{"Escapes and entities decode once.", `\<div\> and &lt;div&gt; and &amp;lt; and 1 < 2`, "p:<div> and <div> and &lt; and 1 < 2\n"},
		{"A code span keeps its markup as text.", "Use `a < b && c` here.", "p:Use a < b && c here.\n"},
		{"Emphasis markers disappear.", "Some *em*, **strong**, _it_ and ~~gone~~ text.", "p:Some em, strong, it and gone text.\n"},
		{"Raw HTML is sanitized like a page.", "Text <script>alert(1)</script> and <b onclick=x>bold</b>.\n\n<div>block <img src=x onerror=alert(2)></div>", "p:Text and bold.\np:block\n"},
		{"A table row joins its cells.", "| k | v |\n|---|---|\n| 1 | 2 |\n", "p:k | v\np:1 | 2\n"},
		{"A task list item is its text.", "- [ ] todo\n- [x] done", "li:todo\nli:done\n"},
		{"Nested quotes and lists.", "> quote\n> - item\n\n1. one\n   - sub", "p:quote\nli:item\nli:one\nli:sub\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("t.md", []byte(tt.in))
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

func TestTimeBudgetSkipsAFile(t *testing.T) {
	tests := []struct{ name, path, data string }{
		// goldmark needs quadratic time for unclosed link destinations.
		{"Thousands of unclosed Markdown links.", "links.md", strings.Repeat("[a](", 200000)},
		{"A large HTML page.", "big.html", strings.Repeat("<p>Some text in a paragraph, &amp; more.</p>", 200000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Options{MaxFileTime: time.Millisecond}.Parse(tt.path, []byte(tt.data))
			if !errors.Is(err, ErrTimeBudget) || !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), "1ms") {
				t.Fatalf("got %v after %s, want ErrTimeBudget naming the file and the budget", err, time.Since(start))
			}
		})
	}
}

func TestMaxFileSize(t *testing.T) {
	// 33 MiB, above the default limit, cheap to parse: one comment and a paragraph.
	big := []byte("<!--" + strings.Repeat("x", 33<<20) + "--><p>Past the default limit.</p>")
	if _, err := Parse("big.html", big); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "limit 33554432") {
		t.Errorf("default limit: got %v, want ErrTooLarge", err)
	}
	// The time budget is not what is tested here: under -race on a busy
	// machine a 33 MiB file can take longer than the default 30 s.
	doc, err := Options{MaxFileSize: 40 << 20, MaxFileTime: 10 * time.Minute}.Parse("big.html", big)
	if err != nil {
		t.Fatalf("a 40 MiB limit: got %v, want it honoured", err)
	}
	if doc.Text != "Past the default limit." {
		t.Errorf("got %q", doc.Text)
	}
	for _, o := range []Options{{MaxFileSize: MaxFileSizeLimit + 1}, {MaxFileSize: -1}, {MaxFileTime: -time.Second}} {
		if err := o.Check(); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: got %v, want ErrOptions", o, err)
		}
		if _, err := o.Parse("a.txt", []byte("x")); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: Parse got %v, want ErrOptions", o, err)
		}
	}
	if err := (Options{MaxFileSize: MaxFileSizeLimit}).Check(); err != nil {
		t.Errorf("the limit itself: got %v, want it accepted", err)
	}
}
