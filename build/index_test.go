package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
)

// runCmd runs a build command line and returns its stdout, stderr and error.
func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// writeFiles creates files (name -> content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIndexCommandBuildsTheDefaultCorpus(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, err := runCmd(t, "index", "-v", "-out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, SnapshotName))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Header().Documents, 4; got != want {
		t.Errorf("got %d documents, want %d", got, want)
	}
	if gz, err := os.ReadFile(filepath.Join(out, SnapshotName+".gz")); err != nil {
		t.Errorf("no gzip twin: %v", err)
	} else if zr, err := gzip.NewReader(bytes.NewReader(gz)); err != nil {
		t.Errorf("gzip twin: %v", err)
	} else if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, data) {
		t.Errorf("the gzip twin does not hold the snapshot (%d bytes, %v)", len(got), err)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{PiecesDir, SnapshotName, SnapshotName + ".gz"}; !slices.Equal(names, want) {
		t.Errorf("the index folder holds %q, want %q (no temporary files left)", names, want)
	}
	for _, want := range []string{"writing index rows", "index: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, want := range []string{"default corpus: 4 documents", "repaired 002_811ec14697f2496f.txt", `guessed "âŻ" -> " "`, "indexing passages"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "fingerprint "+ix.Header().Fingerprint) {
		t.Errorf("stdout %q does not name the fingerprint %s", stdout, ix.Header().Fingerprint)
	}
}

func TestIndexCommandSkipsBadFilesAndNamesThem(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFiles(t, in, map[string]string{
		"good.txt":        "Revenue rose 37.2% in Q1.",
		"notes/good.md":   "# Outlook\n\nMargins may widen.",
		"blob.txt":        "PK\x03\x04\x00\x00binary",
		"empty.txt":       "  \n\n ",
		"latin1.txt":      "caf\xe9 au lait",
		"report.pdf":      "%PDF-1.7",
		"page.html":       "<p>Kept</p><script>alert(1)</script>",
		".hidden/skip.md": "never read",
	})
	_, stderr, err := runCmd(t, "index", "-in", in, "-out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"blob.txt: binary", "empty.txt: empty", "report.pdf: unsupported file type .pdf", "4 documents", "3 files skipped",
		"latin1.txt: windows-1252 (guessed: not valid UTF-8 (first bad byte 0xE9 at offset 3)", "encodings: 3 utf-8 (3 valid), 1 windows-1252 (1 guessed)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "hidden") {
		t.Errorf("a dot folder was read:\n%s", stderr)
	}
}

func TestIndexCommandSaysHowEachFileWasDecoded(t *testing.T) {
	_, stderr, err := runCmd(t, "index", "-in", "../index/ingest/testdata/encodings", "-out", t.TempDir())
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		`gbk.html: gbk (declared by <meta charset="GBK">)`,
		`iso-8859-1.html: windows-1252 (declared by <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">; browsers read "iso-8859-1" as windows-1252)`,
		"utf16le-bom.txt: utf-16le (UTF-16 little-endian byte order mark)",
		"utf16be-bom.txt: utf-16be (UTF-16 big-endian byte order mark)",
		"cp1252.txt: windows-1252 (guessed: not valid UTF-8",
		"guess-big5.txt: big5 (guessed: ",
		"encodings: 4 windows-1252 (2 declared, 2 guessed), 2 gbk (1 declared, 1 guessed), 2 shift_jis (1 declared, 1 guessed)",
		"15 documents",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	_, stderr, err = runCmd(t, "index", "-v", "-in", "../index/ingest/testdata/encodings", "-out", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(stderr, "\nread "); got != 15 {
		t.Errorf("-v: got %d read lines, want one per file:\n%s", got, stderr)
	}
}

func TestIndexCommandRootAndExclude(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	page := func(body string) string {
		return "<html><head><title>T</title></head><body><nav>Menu Home Next</nav>" + body + "<footer>Copyright notice</footer></body></html>"
	}
	writeFiles(t, in, map[string]string{
		"library/os.html":   page(`<div class="body" role="main"><h1>os module</h1><p>Portable operating system interfaces.</p></div>`),
		"library/sys.html":  page(`<p>No main element here.</p>`),
		"genindex-A.html":   page(`<div role="main"><p>Index entries</p></div>`),
		"search.html":       page(`<div role="main"><p>Search page</p></div>`),
		"_sources/os.txt":   "Source text of the os page.",
		"about.txt":         "A text file before the pages: the root selector is not for it.",
		"notes/search.html": page(`<div role="main"><p>A nested search page is kept.</p></div>`),
	})
	_, stderr, err := runCmd(t, "index", "-in", in, "-out", out, "-root", "div[role=main]", "-exclude", "genindex*,search.html", "-exclude", "_*/**")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, SnapshotName))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range ix.Documents() {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, " "), "about library/os library/sys notes/search"; got != want {
		t.Errorf("got documents %q, want %q", got, want)
	}
	if got, want := ix.Text("library/os"), "os module\n\nPortable operating system interfaces."; got != want {
		t.Errorf("got the root's text %q, want %q", got, want)
	}
	if ps := ix.Passages("library/os"); len(ps) == 0 || ps[0].Kind != "h" {
		t.Errorf("got passages %+v, want the heading kept as a heading", ps)
	}
	if got := ix.Text("library/sys"); !strings.Contains(got, "Menu") || !strings.Contains(got, "No main element here.") {
		t.Errorf("got %q for a page without the root, want the whole page", got)
	}
	if d, _ := ix.Document("library/os"); d.Provenance == nil || d.Provenance.Root != "div[role=main]" || !d.Provenance.RootFound {
		t.Errorf("got provenance %+v, want the root recorded as found", d.Provenance)
	}
	for _, want := range []string{"no div[role=main] in " + filepath.Join(in, "library/sys.html") + ": ingested the whole page",
		"root div[role=main]: found in 2 of 3 HTML documents", "excluded 3 paths"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestIndexCommandRejectsBadIngestFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a file size above the limit is refused, not capped", []string{"-max-file-size", "2000000000"}, "-max-file-size 2000000000 is above the limit of 1073741824 bytes"},
		{"a selector with a combinator is refused", []string{"-root", "div p"}, "combinators are not supported"},
		{"a malformed exclude pattern is refused", []string{"-exclude", "[abc"}, `exclude pattern "[abc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, cmd := range []string{"index", "site"} {
				_, _, err := runCmd(t, append([]string{cmd, "-out", t.TempDir()}, tt.args...)...)
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s: got %v, want a usage error containing %q", cmd, err, tt.want)
				}
			}
		})
	}
}

func TestIndexCommandFailsWithoutUsableDocumentsAndKeepsTheOldSnapshot(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFiles(t, in, map[string]string{"blob.txt": "\x00\x01\x02", "empty.md": ""})
	old := []byte("the snapshot built before")
	if err := os.WriteFile(filepath.Join(out, SnapshotName), old, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, "index", "-in", in, "-out", out)
	if err == nil || !strings.Contains(err.Error(), in) {
		t.Fatalf("got error %v, want one naming %s", err, in)
	}
	if !strings.Contains(stderr, "blob.txt: binary") {
		t.Errorf("stderr does not say why blob.txt was skipped:\n%s", stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(out, SnapshotName)); !bytes.Equal(got, old) {
		t.Errorf("the old snapshot was overwritten")
	}
}

func TestSearchCommand(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, err := runCmd(t, "index", "-out", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	tests := []struct {
		name    string
		args    []string
		wantOut string // in stdout
		wantErr string // in the error, if one is expected
	}{
		{"a query prints ranked hits with marked words", []string{"-index", dir, "EBITDA"}, "[EBITDA]", ""},
		{"a bad query says how to fix it", []string{"-index", dir, `"gross margin`}, "", "add the closing"},
		{"a missing index says how to build one", []string{"-index", t.TempDir(), "cloud"}, "", "go run ./build index"},
		{"no query is a usage error", []string{"-index", dir}, "", "needs a query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, _, err := runCmd(t, append([]string{"search"}, tt.args...)...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stdout, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, stdout)
			}
		})
	}
	t.Run("JSON carries each hit's document, passage, offsets and text", func(t *testing.T) {
		stdout, _, err := runCmd(t, "search", "-index", dir, "-json", "37.2%")
		if err != nil {
			t.Fatal(err)
		}
		var res index.Result
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		if res.Total == 0 || res.Hits[0].Doc != "001_bf618552857fbc22" || res.Hits[0].Passage == "" ||
			res.Hits[0].End <= res.Hits[0].Start || !strings.Contains(res.Hits[0].Text, "37.2%") {
			t.Errorf("got %+v", res)
		}
	})
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"index", "-nope"}, {"index", "extra"}} {
		if _, _, err := runCmd(t, args...); !errors.Is(err, errUsage) {
			t.Errorf("run(%q): got %v, want a usage error", args, err)
		}
	}
}
