package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSelectorMatches(t *testing.T) {
	type el struct {
		tag   string
		attrs map[string]string
	}
	main := el{"div", map[string]string{"role": "main", "class": "body wide", "id": "content"}}
	tests := []struct {
		name, sel string
		el        el
		want      bool
	}{
		{"A tag matches its name.", "div", main, true},
		{"A tag does not match another.", "main", main, false},
		{"An attribute value matches exactly.", "div[role=main]", main, true},
		{"A quoted value matches.", `[role="main"]`, main, true},
		{"Another value does not match.", "div[role=navigation]", main, false},
		{"A present attribute matches.", "[role]", main, true},
		{"A missing attribute does not.", "[hidden]", main, false},
		{"A class is one of the words of class.", ".wide", main, true},
		{"A class is a whole word.", ".wid", main, false},
		{"Two classes must both be there.", "div.body.wide", main, true},
		{"An id matches.", "#content", main, true},
		{"A star matches any tag.", "*[role=main]", main, true},
		{"Any alternative of a list matches.", "main, #content", main, true},
		{"Tag names are case-insensitive.", "DIV", main, true},
		{"Values are case-sensitive.", "[role=Main]", main, false},
		{"~= matches one word.", "[class~=body]", main, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSelector(tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.match(tt.el.tag, tt.el.attrs); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSelectorErrors(t *testing.T) {
	for _, s := range []string{"", "div p", "div > p", "[role=main", "#", ".", "div,", "[=x]", `[a="x]`, "div!"} {
		if _, err := ParseSelector(s); !errors.Is(err, ErrOptions) {
			t.Errorf("%q: got %v, want ErrOptions", s, err)
		}
	}
}

func TestRootSelector(t *testing.T) {
	page := `<html><head><title>Page title</title></head><body><nav>Menu</nav>
<div role="main"><h1>Heading</h1><div>inner <div>deeper</div></div><script>"</div>"</script><p>last</p></div>
<footer>Footer</footer></body></html>`
	tests := []struct {
		name, root, want string
		found            bool
	}{
		{"The root element and its nested divs are kept.", "div[role=main]", "h:Heading\np:inner\np:deeper\np:last\n", true},
		{"A missing root keeps the whole page.", "article", "p:Menu\nh:Heading\np:inner\np:deeper\np:last\np:Footer\n", false},
		{"The first alternative found in the page wins.", "footer, nav", "p:Menu\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Options{Root: tt.root}.Parse("p.html", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if got := passageSummary(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if doc.Title != "Page title" {
				t.Errorf("got title %q, want the page's <title>", doc.Title)
			}
			if p := doc.Provenance; p.Root != tt.root || p.RootFound != tt.found {
				t.Errorf("got root %q found %v, want %q found %v", p.Root, p.RootFound, tt.root, tt.found)
			}
		})
	}
}

func TestExclude(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":            {Data: []byte("<p>Home</p>")},
		"genindex.html":         {Data: []byte("<p>Index</p>")},
		"genindex-A.html":       {Data: []byte("<p>Index A</p>")},
		"search.html":           {Data: []byte("<p>Search</p>")},
		"library/search.html":   {Data: []byte("<p>Kept: not top level</p>")},
		"library/os.html":       {Data: []byte("<p>os</p>")},
		"_sources/os.rst.txt":   {Data: []byte("os source")},
		"_static/deep/x.txt":    {Data: []byte("static")},
		"notes/draft-1.md":      {Data: []byte("draft")},
		"notes/deep/draft-2.md": {Data: []byte("draft")},
		"notes/final.md":        {Data: []byte("final")},
	}
	rep, err := FS(fsys, Options{Exclude: []string{"genindex*", "search.html", "_*/**", "**/draft-*.md"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Documents {
		got = append(got, d.Path)
	}
	if want := []string{"index.html", "library/os.html", "library/search.html", "notes/final.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got documents %q, want %q", got, want)
	}
	if want := []string{"_sources/", "_static/", "genindex-A.html", "genindex.html", "notes/deep/draft-2.md", "notes/draft-1.md", "search.html"}; !reflect.DeepEqual(rep.Excluded, want) {
		t.Errorf("got excluded %q, want %q", rep.Excluded, want)
	}
	if _, err := FS(fsys, Options{Exclude: []string{"[a-"}}); !errors.Is(err, ErrOptions) || !strings.Contains(err.Error(), `"[a-"`) {
		t.Errorf("got %v, want ErrOptions naming the pattern", err)
	}
}

func TestMatchSegments(t *testing.T) {
	tests := []struct {
		pat, path string
		want      bool
	}{
		{"a/b", "a/b", true}, {"a/*", "a/b", true}, {"a/*", "a/b/c", false}, {"**", "a/b/c", true},
		{"**/c", "c", true}, {"**/c", "a/b/c", true}, {"a/**/c", "a/c", true}, {"a/**/c", "a/x/y/c", true},
		{"a/**/c", "a/x/y/d", false}, {"*.html", "x/y.html", false}, {"**/**/x", "x", true},
	}
	for _, tt := range tests {
		ex, err := newExcluder([]string{tt.pat})
		if err != nil {
			t.Fatal(err)
		}
		if got := ex.file(tt.path); got != tt.want {
			t.Errorf("%q against %q: got %v, want %v", tt.pat, tt.path, got, tt.want)
		}
	}
}
