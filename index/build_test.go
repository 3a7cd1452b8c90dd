//go:build !js

package index

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/claimtag/claimtag/index/ingest"
)

// seedsDir is the default corpus shipped with the build command.
const seedsDir = "../build/corpus"

func ingestSeeds(t *testing.T) []*ingest.Document {
	t.Helper()
	rep, err := ingest.Dir(seedsDir, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Documents
}

func TestSeedSnapshotIsCurrent(t *testing.T) {
	data, _, err := Build(ingestSeeds(t), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(seedSnapshotPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(data, seedSnapshot(t)) {
		t.Fatalf("a fresh build of %s differs from %s: rerun with -update and review the golden searches", seedsDir, seedSnapshotPath)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	docs := ingestSeeds(t)
	a, _, err := Build(docs, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := Build(docs, BuildOptions{})
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds of the same corpus differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestBuildReportsProgress(t *testing.T) {
	calls, last := map[string]int{}, map[string][2]int{}
	_, st, err := Build(ingestSeeds(t), BuildOptions{Progress: func(what string, done, total int) {
		calls[what]++
		last[what] = [2]int{done, total}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := last["indexing passages"], [2]int{st.Passages, st.Passages}; calls["indexing passages"] == 0 || got != want {
		t.Errorf("indexing: got %d calls ending at %v, want at least one ending at %v", calls["indexing passages"], got, want)
	}
	if got := last["writing index rows"]; calls["writing index rows"] == 0 || got[0] != got[1] || got[0] < st.Rows {
		t.Errorf("writing: got %d calls ending at %v, want at least one ending at done = total >= %d rows", calls["writing index rows"], got, st.Rows)
	}
}

func TestBuildWithoutPassagesFails(t *testing.T) {
	if _, _, err := Build([]*ingest.Document{{ID: "empty"}}, BuildOptions{}); !errors.Is(err, ErrNoPassages) {
		t.Errorf("got %v, want ErrNoPassages", err)
	}
}

func TestPassagesMatchTheDocumentText(t *testing.T) {
	ix := openSeeds(t)
	for _, d := range ingestSeeds(t) {
		text := []rune(ix.Text(d.ID))
		if string(text) != d.Text {
			t.Fatalf("%s: text differs from the ingested text", d.ID)
		}
		ps := ix.Passages(d.ID)
		if len(ps) != len(d.Passages) {
			t.Fatalf("%s: got %d passages, want %d", d.ID, len(ps), len(d.Passages))
		}
		for i, p := range ps {
			want := d.Passages[i]
			if got := string(text[p.Start:p.End]); got != p.Text {
				t.Errorf("%s passage %d: offsets select %q, text is %q", d.ID, i, got, p.Text)
			}
			if p.ID != want.ID || p.Kind != want.Kind || len(p.Sentences) != len(want.Sentences) {
				t.Fatalf("%s passage %d: got %s %s with %d sentences, want %s %s with %d", d.ID, i, p.ID, p.Kind, len(p.Sentences), want.ID, want.Kind, len(want.Sentences))
			}
			for j, s := range p.Sentences {
				if w := want.Sentences[j]; s.ID != w.ID || s.Start != w.Start || s.End != w.End {
					t.Errorf("%s passage %d sentence %d: got %+v, want %+v", d.ID, i, j, s, w)
				}
			}
			if q, ok := ix.Passage(p.ID); !ok || q.Start != p.Start {
				t.Errorf("Passage(%s): got %+v, %v", p.ID, q, ok)
			}
		}
	}
}
