package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// writeFiles creates files (slash paths) under a new temporary folder.
func writeFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

var badFiles = map[string]string{
	"bin.txt":      "GIF89a\x00\x01\x02",
	"empty.md":     "  \n\u200b\n\t\n",
	"big.html":     "<p>" + strings.Repeat("big ", 100) + "</p>",
	"image.png":    "PNG",
	".hidden.txt":  "hidden",
	".git/x.txt":   "hidden dir",
	"sub/.env.txt": "hidden in sub",
}

func TestDirSkips(t *testing.T) {
	files := map[string]string{"sub/good.txt": "Good document.\n", "latin1.txt": "caf\xe9 au lait"}
	for k, v := range badFiles {
		files[k] = v
	}
	var progress []string
	rep, err := Dir(writeFiles(t, files), Options{MaxFileSize: 200, Progress: func(done, total int, p string) {
		if total != 6 {
			t.Errorf("got total %d, want 6", total)
		}
		progress = append(progress, p)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rep.Documents), 2; got != want {
		t.Fatalf("got %d documents, want %d", got, want)
	}
	if got, want := rep.Documents[1].ID, "sub/good"; got != want {
		t.Errorf("got id %q, want %q", got, want)
	}
	if got, want := rep.Documents[0].Text, "café au lait"; got != want {
		t.Errorf("got Latin-1 text %q, want %q", got, want)
	}
	want := []Skipped{
		{"big.html", "too large: 407 bytes (limit 200)"},
		{"bin.txt", "binary file"},
		{"empty.md", "empty: no text after cleaning"},
		{"image.png", "unsupported file type .png"},
	}
	if !reflect.DeepEqual(rep.Skipped, want) {
		t.Errorf("got skipped %q, want %q", rep.Skipped, want)
	}
	if got, want := len(progress), 6; got != want {
		t.Errorf("got %d progress calls %v, want %d", got, progress, want)
	}
}

func TestDirNoDocuments(t *testing.T) {
	tests := []struct {
		name string
		root func(t *testing.T) string
	}{
		{"A folder of bad files has no documents.", func(t *testing.T) string { return writeFiles(t, badFiles) }},
		{"An empty folder has no documents.", func(t *testing.T) string { return t.TempDir() }},
		{"A missing folder has no documents.", func(t *testing.T) string { return filepath.Join(t.TempDir(), "missing") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tt.root(t)
			_, err := Dir(root, Options{MaxFileSize: 200})
			if !errors.Is(err, ErrNoDocuments) {
				t.Fatalf("got %v, want ErrNoDocuments", err)
			}
			if !strings.Contains(err.Error(), root) {
				t.Errorf("got %q, want it to name %s", err, root)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             error
	}{
		{"An unknown extension is unsupported.", "a.pdf", "%PDF", ErrUnsupported},
		{"NUL bytes are binary.", "a.txt", "a\x00b", ErrBinary},
		{"Many control characters are binary.", "a.txt", "\x01\x02\x03abc", ErrBinary},
		{"Only markup is empty.", "a.html", "<script>x</script><p> </p>", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.path, []byte(tt.data))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), tt.path) {
				t.Errorf("got %q, want it to name %s", err, tt.path)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	fsys := fstest.MapFS{
		"claimtag.json": {Data: []byte(`{"documents": [
			{"path": "a.txt", "title": "Meta Title", "date": "2026-03-10", "source": "Example Wire"},
			{"path": "gone.txt", "title": "Missing"}]}`)},
		"a.txt": {Data: []byte("Own Title\n2020-01-01\nBody.\n")},
		"b.txt": {Data: []byte("Other Title\nJanuary 5, 2021\nBody.\n")},
	}
	rep, err := FS(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type meta struct{ ID, Title, Date, Source string }
	var got []meta
	for _, d := range rep.Documents {
		got = append(got, meta{d.ID, d.Title, d.Date, d.Source})
	}
	want := []meta{{"a", "Meta Title", "2026-03-10", "Example Wire"}, {"b", "Other Title", "2021-01-05", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "gone.txt") {
		t.Errorf("got warnings %q, want one naming gone.txt", rep.Warnings)
	}
}

func TestMetadataMalformed(t *testing.T) {
	fsys := fstest.MapFS{
		"claimtag.json": {Data: []byte(`{"documents": [{"path": "a.txt",}]}`)},
		"a.txt":         {Data: []byte("Body.")},
	}
	_, err := FS(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "claimtag.json") || !strings.Contains(err.Error(), "offset 33") {
		t.Errorf("got %v, want an error naming claimtag.json and offset 33", err)
	}
}

func TestDuplicateIDs(t *testing.T) {
	rep, err := FS(fstest.MapFS{"a.md": {Data: []byte("One.")}, "a.txt": {Data: []byte("Two.")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := []string{rep.Documents[0].ID, rep.Documents[1].ID}, []string{"a", "a.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got ids %q, want %q", got, want)
	}
}

func TestIDStability(t *testing.T) {
	const body = "Alpha paragraph. It has two sentences.\n\nBeta paragraph.\n\nAlpha paragraph. It has two sentences.\n"
	before, err := Parse("r/q1.txt", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	after, err := Parse("r/q1.txt", []byte("A new first paragraph.\n\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := after.ID, "r/q1"; got != want {
		t.Errorf("got id %q, want %q", got, want)
	}
	if got, want := len(after.Passages), len(before.Passages)+1; got != want {
		t.Fatalf("got %d passages, want %d", got, want)
	}
	if before.Passages[0].ID == before.Passages[2].ID {
		t.Errorf("got the same id %s for repeated text, want distinct ids", before.Passages[0].ID)
	}
	for i, p := range before.Passages {
		q := after.Passages[i+1]
		if p.ID != q.ID {
			t.Errorf("passage %d: got id %s after the insert, want %s", i, q.ID, p.ID)
		}
		for j := range p.Sentences {
			if p.Sentences[j].ID != q.Sentences[j].ID {
				t.Errorf("passage %d sentence %d: got id %s, want %s", i, j, q.Sentences[j].ID, p.Sentences[j].ID)
			}
		}
		if len(p.ID) != 11 || p.ID[0] != 'p' || strings.ToLower(p.ID) != p.ID {
			t.Errorf("got malformed id %q", p.ID)
		}
	}
}

func TestSlice(t *testing.T) {
	doc, err := Parse("s.txt", []byte("Zürich café.\n\nΔέλτα ok."))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		start, end int
		want       string
	}{
		{"A span inside the first passage.", 1, 6, "ürich"},
		{"A span across passages.", 11, 16, ".\n\nΔέ"},
		{"A span clamped to the text.", 20, 99, "ok."},
		{"A reversed span is empty.", 5, 2, ""},
		{"A negative start is clamped.", -3, 2, "Zü"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := doc.Slice(tt.start, tt.end); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
