package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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
	if _, err := os.Stat(filepath.Join(out, SnapshotName+".gz")); err != nil {
		t.Errorf("no gzip twin: %v", err)
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
	for _, want := range []string{"blob.txt: binary", "empty.txt: empty", "latin1.txt: not valid UTF-8", "report.pdf: unsupported file type .pdf", "3 documents", "4 files skipped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "hidden") {
		t.Errorf("a dot folder was read:\n%s", stderr)
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
