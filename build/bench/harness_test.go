package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
)

func TestFirstHitRight(t *testing.T) {
	js := []index.Judgment{
		{Query: "json", Want: []string{"library/json.html"}},
		{Query: "decorator", Want: []string{"glossary.html", "reference/compound_stmts.html"}},
		{Query: "asyncio", Want: []string{"library/asyncio.html"}},
	}
	s := func(v string) *string { return &v }
	rows := []QueryRow{
		{Q: "json", First: s("library/json.html")},
		{Q: "decorator", First: s("reference/compound_stmts.html")},
		{Q: "asyncio", First: nil},                   // nothing found
		{Q: "unjudged", First: s("library/os.html")}, // not counted
	}
	right, judged := firstHitRight(rows, js)
	if right != 2 || judged != 3 {
		t.Errorf("firstHitRight = %d/%d, want 2/3", right, judged)
	}
}

func TestHarnessTable(t *testing.T) {
	engines := []EngineFigures{
		{Engine: "claimtag", Runs: 3, Net: "none", ColdMs: 1000, WarmMs: 600, P1p95: 20, ColdBytes: 8e6, PSSQueries: 100 << 20},
		{Engine: "pagefind", Runs: 3, Net: "none", ColdMs: 400, WarmMs: 300},
		{Engine: "minisearch", Error: "page error: boom"},
	}
	var b bytes.Buffer
	writeHarnessTable(&b, engines, nil, nil, "claimtag")
	out := b.String()
	for _, want := range []string{
		"| pagefind | 400", "| minisearch | FAILED: page error: boom",
		"claimtag / pagefind: cold 2.50x, warm 2.00x; / minisearch: cold –, warm –",
		"| cold <= 2.5x Pagefind | 2.50x | (met) |", "| warm <= 1.5x Pagefind | 2.00x | (MISSED) |",
		"| <= 7.00 MB before the first result | 8.00 MB | (MISSED) |", "| PSS after the queries <= 207 MB (2026-12-02) | 100 MB | (met) |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "| claimtag |") < strings.Index(out, "| pagefind |") {
		t.Error("claimtag is not the last row")
	}
}

func TestSynthIsDeterministic(t *testing.T) {
	read := func(dir string) string {
		var b strings.Builder
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				c, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				b.WriteString(rel + "\n" + string(c))
			}
			return err
		})
		return b.String()
	}
	opt := SynthOptions{Passages: 450, PerDoc: 200, Vocabulary: 3000, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	if _, _, err := writeSynth(a, opt); err != nil {
		t.Fatal(err)
	}
	var calls [][2]int
	opt.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	if _, _, err := writeSynth(b, opt); err != nil {
		t.Fatal(err)
	}
	// One progress call per document, the last saying all are written.
	if len(calls) != 3 || calls[0] != [2]int{1, 3} || calls[2] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want 1/3, 2/3, 3/3", calls)
	}
	ca := read(a)
	if ca != read(b) {
		t.Error("the same seed wrote two different corpora")
	}
	if lines := strings.Count(ca, "\n") - 3; lines != opt.Passages { // minus the three file names
		t.Errorf("%d passage lines, want %d", lines, opt.Passages)
	}
}
