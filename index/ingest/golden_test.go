package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// corpusDir is the default corpus shipped with the site.
const corpusDir = "../../build/corpus"

// goldenDoc is the golden form of a Document.
type goldenDoc struct {
	ID, Path, Title, Date, Format string
	Runes                         int
	Repairs                       []Repair
	Passages                      []goldenPassage
}

type goldenPassage struct {
	ID, Kind           string
	Start, End         int
	ByteStart, ByteEnd int
	Excerpt            string
	Sentences          []Sentence
}

// excerpt returns the first 60 code points of s.
func excerpt(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// copyCorpus copies the corpus's text files, without claimtag.json, into a
// temporary folder so the golden file does not depend on metadata.
func copyCorpus(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus at %s: %v", corpusDir, err)
	}
	dir := tb.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestGoldenSeeds(t *testing.T) {
	rep, err := Dir(copyCorpus(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 0 {
		t.Errorf("got skipped %v, want none", rep.Skipped)
	}
	var got []goldenDoc
	for _, d := range rep.Documents {
		checkDocument(t, d)
		g := goldenDoc{ID: d.ID, Path: d.Path, Title: d.Title, Date: d.Date, Format: d.Format,
			Runes: utf8.RuneCountInString(d.Text), Repairs: d.Repairs}
		for _, p := range d.Passages {
			g.Passages = append(g.Passages, goldenPassage{p.ID, p.Kind, p.Start, p.End,
				p.ByteStart, p.ByteEnd, excerpt(p.Text(d)), p.Sentences})
		}
		got = append(got, g)
	}
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	golden := filepath.Join("testdata", "golden", "seeds.json")
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("output differs from %s; run go test ./index/ingest -update and review the diff", golden)
	}
}

func TestCorpusWithMetadata(t *testing.T) {
	// The real corpus, which may or may not have a claimtag.json.
	rep, err := Dir(corpusDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rep.Documents), 4; got < want {
		t.Errorf("got %d documents, want at least %d", got, want)
	}
	for _, d := range rep.Documents {
		checkDocument(t, d)
	}
}

func TestSeedMojibakeRepaired(t *testing.T) {
	rep, err := Dir(copyCorpus(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc *Document
	for _, d := range rep.Documents {
		if d.ID == "002_811ec14697f2496f" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("seed 002 missing")
	}
	for _, want := range []string{"AI-optimized", "Kingsoft Cloud's Q2 2025", "three \"secular\" growth", "12–18 months", "Kingsoft's"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("got text without %q", want)
		}
	}
	if strings.ContainsAny(doc.Text, "âŻ") {
		t.Errorf("got damaged characters left in %q", excerpt(doc.Text[strings.IndexAny(doc.Text, "âŻ"):]))
	}
	if len(doc.Repairs) == 0 {
		t.Error("got no repairs recorded")
	}
}
