package pydocs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index/ingest"
)

var skipTests = []struct {
	name string
	page string
	want bool
}{
	{"a library page is kept", "library/json.html", false},
	{"the general index is left out", "genindex-A.html", true},
	{"the table of contents is left out", "contents.html", true},
	{"the module index is left out", "py-modindex.html", true},
	{"the search page is left out", "search.html", true},
	{"Sphinx's own folders are left out", "_static/x.html", true},
	{"a page named like an index below the root is kept", "library/contents.html", false},
}

func TestSkipLeavesOutWhatTheBenchDoes(t *testing.T) {
	for _, tt := range skipTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Skip(tt.page); got != tt.want {
				t.Errorf("Skip(%q): got %v, want %v", tt.page, got, tt.want)
			}
		})
	}
}

const samplePage = `<!DOCTYPE html><html><head><title>json — JSON encoder and decoder &#8212; Python 3.11.2 documentation</title>
<script>var x = "not text";</script></head><body>
<nav role="navigation"><a href="x">Navigation words</a></nav>
<div class="body" role="main">
<section id="module-json"><h1><code>json</code> — JSON encoder and decoder<a class="headerlink" href="#module-json">¶</a></h1>
<p><strong>Source code:</strong> Lib/json/__init__.py &lt;tag&gt;</p>
<dl><dt class="sig"><span>json.dumps</span>(obj)</dt><dd><p>Serialize <em>obj</em>.</p></dd></dl>
<!-- a comment --><script>alert(1)</script>
</section></div>
<footer>Footer words</footer></body></html>`

func TestPreparedPageHoldsTheContentAreaOnly(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	for _, p := range []string{"library/json.html", "genindex.html", "_static/a.html"} {
		if err := os.MkdirAll(filepath.Join(src, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, p), []byte(samplePage), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := Prepare(src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 1 {
		t.Fatalf("got %d pages, want 1", st.Pages)
	}
	rep, err := ingest.Dir(dst, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Documents) != 1 {
		t.Fatalf("got %d documents, want 1", len(rep.Documents))
	}
	d := rep.Documents[0]
	if got, want := d.ID, "library/json"; got != want {
		t.Errorf("id: got %q, want %q", got, want)
	}
	if got, want := d.Title, "json — JSON encoder and decoder"; got != want {
		t.Errorf("title: got %q, want %q", got, want)
	}
	if d.Passages[0].Kind != "h" || !strings.HasPrefix(d.Passages[0].Text(d), "json — JSON") {
		t.Errorf("first passage: got %s %q, want the heading", d.Passages[0].Kind, d.Passages[0].Text(d))
	}
	for _, gone := range []string{"Navigation", "Footer", "not text", "alert", "¶", "comment"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("text holds %q: %q", gone, d.Text)
		}
	}
	for _, kept := range []string{"Source code:", "json.dumps(obj)", "Serialize obj."} {
		if !strings.Contains(d.Text, kept) {
			t.Errorf("text lacks %q: %q", kept, d.Text)
		}
	}
}

func TestPageWithoutContentAreaIsAnError(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "a.html"), []byte("<p>no main</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Prepare(src, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "a.html") {
		t.Errorf("got %v, want an error naming a.html", err)
	}
}

func TestJudgmentsParse(t *testing.T) {
	js, err := Judgments()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, j := range js {
		n[j.Set]++
		for _, w := range j.Want {
			if strings.HasSuffix(w, ".html") {
				t.Errorf("%q wants %q, not a document id", j.Query, w)
			}
		}
	}
	if n["bench"] != 51 || n["extra"] < 50 {
		t.Errorf("got %v judgments, want 51 bench and at least 50 extra", n)
	}
}
