package anchoring

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/internal/annotest"
)

// docs is a Corpus of a few documents (id, text), in the order given.
type docs [][2]string

func (d docs) corpus() *Corpus {
	var ds []Doc
	for _, x := range d {
		ds = append(ds, Doc{ID: x[0], Text: []rune(x[1])})
	}
	return NewCorpus(ds)
}

const (
	intro   = "Kingsoft Cloud reported its first quarter on 20 May. "
	claim   = "Revenue grew 12% to RMB 2.1 billion, driven by AI customers. "
	outlook = "Management expects margins to improve in the second half. "
	v1      = intro + claim + outlook
	// v2: a sentence inserted before the claim, a word of the claim changed.
	v2 = intro + "Shares rose 4% in early trading. " + "Revenue grew 12% to RMB 2.1 billion, driven by cloud customers. " + outlook
	// v3: the claim's paragraph deleted.
	v3 = intro + outlook
)

func TestReanchorAcrossCorpusVersions(t *testing.T) {
	tests := []struct {
		name      string
		texts     docs
		quote     string // in v1
		want      Status
		wantDoc   string
		wantExact string // found text, in the new version of wantDoc
	}{
		{name: "an unchanged sentence before the edit stays exact", texts: docs{{"r", v2}},
			quote: "Kingsoft Cloud reported", want: Exact, wantDoc: "r", wantExact: "Kingsoft Cloud reported"},
		{name: "a sentence after the insertion is moved", texts: docs{{"r", v2}},
			quote: "Management expects margins", want: Moved, wantDoc: "r", wantExact: "Management expects margins"},
		{name: "a claim with a changed word moves and matches fuzzily", texts: docs{{"r", v2}},
			quote: "Revenue grew 12% to RMB 2.1 billion, driven by AI customers.", want: Fuzzy, wantDoc: "r",
			wantExact: "Revenue grew 12% to RMB 2.1 billion, driven by cloud customers."},
		{name: "a deleted claim is an orphan", texts: docs{{"r", v3}},
			quote: "Revenue grew 12% to RMB 2.1 billion", want: Orphan, wantDoc: "r", wantExact: "Revenue grew 12% to RMB 2.1 billion"},
		{name: "a claim whose document was renamed is found in the other document", texts: docs{{"other", "x"}, {"renamed", v1}},
			quote: "driven by AI customers", want: OtherDocument, wantDoc: "renamed", wantExact: "driven by AI customers"},
		{name: "no documents find nothing", texts: nil,
			quote: "driven by AI customers", want: Orphan, wantDoc: "r", wantExact: "driven by AI customers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := annotest.AnchorOn(t, "r", v1, tt.quote)
			c := tt.texts.corpus()
			got := c.Reanchor(a, Everywhere)
			if got.Status != tt.want || got.Doc != tt.wantDoc || got.Exact != tt.wantExact {
				t.Fatalf("got %s in %s %q, want %s in %s %q", got.Status, got.Doc, got.Exact, tt.want, tt.wantDoc, tt.wantExact)
			}
			if got.Status == Orphan {
				if got.Start != a.Start || got.End != a.End || got.Score != 0 {
					t.Errorf("got orphan [%d,%d) score %.2f, want the old span [%d,%d) and no score", got.Start, got.End, got.Score, a.Start, a.End)
				}
				return
			}
			text, _ := c.text(got.Doc)
			if s := string(text[got.Start:got.End]); s != got.Exact {
				t.Errorf("got text %q at [%d,%d), want Exact %q", s, got.Start, got.End, got.Exact)
			}
			if got.Score < MinScore || got.Score > 1 {
				t.Errorf("got score %.3f", got.Score)
			}
		})
	}
}

func TestOwnDocumentScopeKeepsADeletedClaimAnOrphan(t *testing.T) {
	a := annotest.AnchorOn(t, "r", v1, "Revenue grew 12% to RMB 2.1 billion")
	texts := docs{{"r", v3}, {"copy", v1}}
	if got := texts.corpus().Reanchor(a, OwnDocument); got.Status != Orphan {
		t.Errorf("got %s in %s, want an orphan: its document is there, without it", got.Status, got.Doc)
	}
	if got := texts.corpus().Reanchor(a, Everywhere); got.Status != OtherDocument || got.Doc != "copy" {
		t.Errorf("got %s in %s, want it found in the copy", got.Status, got.Doc)
	}
	gone := docs{{"copy", v1}}
	if got := gone.corpus().Reanchor(a, OwnDocument); got.Status != OtherDocument || got.Doc != "copy" {
		t.Errorf("got %s in %s with its document gone, want it found in the copy", got.Status, got.Doc)
	}
}

func TestLocatePrefersTheHintOnEqualContext(t *testing.T) {
	text := []rune("ok. ok. ok. ok.")
	a := annotation.Anchor{Doc: "d", Exact: "ok.", Start: 9, End: 12} // hint near the third, no context
	got, ok := Locate(a, "d", text)
	if !ok || got.Start != 8 || got.Status != Moved {
		t.Errorf("got %s at %d (%v), want moved to 8, the occurrence nearest the hint", got.Status, got.Start, ok)
	}
}

func TestPlaced(t *testing.T) {
	for _, s := range []Status{Exact, Moved, Fuzzy, OtherDocument} {
		if !s.Placed() {
			t.Errorf("got %s not placed, want placed", s)
		}
	}
	if Orphan.Placed() || Status("").Placed() {
		t.Error("got an orphan or no status placed, want not")
	}
}

// goDiffBitap is what bitap ports: go-diff's MatchMain on the text and
// pattern re-encoded one byte per code point (0 for code points not in
// the pattern).
func goDiffBitap(text, pattern []rune, hint int) int {
	codes := map[rune]byte{}
	p := make([]byte, len(pattern))
	for i, r := range pattern {
		if _, ok := codes[r]; !ok {
			codes[r] = byte(len(codes) + 1)
		}
		p[i] = codes[r]
	}
	t := make([]byte, len(text))
	for i, r := range text {
		t[i] = codes[r]
	}
	dmp := diffmatchpatch.New()
	dmp.MatchDistance = matchDistance
	if hint < 0 {
		hint = 0
		dmp.MatchDistance = 100 * max(1000, len(text))
	}
	return dmp.MatchMain(string(t), string(p), min(hint, len(text)))
}

// TestBitap checks that bitap, which searches only near the hint and
// ports go-diff, finds what go-diff finds searching the whole text: for
// near and far matches, edited patterns, hints at both ends or none.
func TestBitap(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	words := strings.Fields("the revenue grew in asia while costs fell and analysts expect more growth next year, größer à Köln")
	var b strings.Builder
	for b.Len() < 20000 {
		b.WriteString(words[rng.IntN(len(words))] + " ")
	}
	text := []rune(b.String())
	for i := range 3000 {
		at := rng.IntN(len(text) - maxBits)
		pattern := slices.Clone(text[at : at+1+rng.IntN(maxBits)])
		for range rng.IntN(4) {
			pattern[rng.IntN(len(pattern))] = []rune("zé")[rng.IntN(2)]
		}
		hint := []int{at, at + rng.IntN(1200) - 600, at + rng.IntN(5000) - 2500, 0, len(text), len(text) + 10, -1}[i%7]
		if hint < -1 {
			hint = 0
		}
		in := text
		if i%5 == 0 { // a short text, searched whole
			lo := max(0, at-rng.IntN(300))
			in, hint = text[lo:min(len(text), at+rng.IntN(300)+len(pattern))], max(-1, min(hint, at-lo))
		}
		if got, want := bitap(in, pattern, hint), goDiffBitap(in, pattern, hint); got != want {
			t.Fatalf("pattern %q at %d, hint %d: got %d, want %d", string(pattern), at, hint, got, want)
		}
	}
}

func TestNilCorpusFindsNothing(t *testing.T) {
	a := annotest.AnchorOn(t, "r", v1, "Revenue grew 12%")
	var c *Corpus
	if got := c.Reanchor(a, Everywhere); got.Status != Orphan || got.Doc != "r" || got.Start != a.Start || got.End != a.End {
		t.Errorf("got %s in %s [%d,%d), want an orphan with the old span", got.Status, got.Doc, got.Start, got.End)
	}
}
