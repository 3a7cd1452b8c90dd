//go:build !js

package index

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/claimtag/claimtag/index/ingest"
)

// denseWords is a small vocabulary, so that every word of the dense corpus
// is in most passages: the worst case for a long phrase.
var denseWords = strings.Fields("cloud revenue margin growth server capex quarter guidance demand pricing model compute storage network customer partner market share cost price")

var (
	denseOnce sync.Once
	denseIx   *Index
	denseErr  error
)

// denseIndex builds a corpus of about 2 MB of passages drawn from
// denseWords, once per test binary.
func denseIndex(tb testing.TB) *Index {
	tb.Helper()
	denseOnce.Do(func() { denseIx, _, denseErr = buildDense(20) })
	if denseErr != nil {
		tb.Fatal(denseErr)
	}
	return denseIx
}

// buildDense builds docs documents of 400 passages of 40 words drawn from
// denseWords (about 100 KB each), and returns the index and its text size.
func buildDense(docs int) (*Index, int, error) {
	r := rand.New(rand.NewSource(1))
	var all []*ingest.Document
	size := 0
	for d := 0; d < docs; d++ {
		var b strings.Builder
		for p := 0; p < 400; p++ {
			for w := 0; w < 40; w++ {
				b.WriteString(denseWords[r.Intn(len(denseWords))])
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		size += b.Len()
		doc, err := ingest.Parse(fmt.Sprintf("dense%03d.txt", d), []byte(b.String()))
		if err != nil {
			return nil, 0, err
		}
		all = append(all, doc)
	}
	data, _, err := Build(all, BuildOptions{})
	if err != nil {
		return nil, 0, err
	}
	ix, err := Open(data)
	return ix, size, err
}

// TestLongPhrasesAreAnsweredOrRefusedWithinBudget is issue 13's probe: a
// quoted phrase of 5, 20, 50 words on a dense corpus either answers or is
// refused with a *QueryError wrapping ErrBudget, and never does more than
// its budget of work.
func TestLongPhrasesAreAnsweredOrRefusedWithinBudget(t *testing.T) {
	ix := denseIndex(t)
	r := rand.New(rand.NewSource(2))
	for _, n := range []int{5, 20, 50, MaxPhraseWords} {
		t.Run(fmt.Sprintf("%d words", n), func(t *testing.T) {
			words := make([]string, n)
			for i := range words {
				words[i] = denseWords[r.Intn(len(denseWords))]
			}
			res, err := ix.Search(Request{Query: `"` + strings.Join(words, " ") + `"`})
			if err != nil {
				var qe *QueryError
				if !errors.As(err, &qe) || !errors.Is(err, ErrBudget) || qe.Hint == "" {
					t.Fatalf("got %v, want hits or a budget *QueryError", err)
				}
				return
			}
			if res.Work > DefaultMaxWork {
				t.Errorf("got %d units of work, want at most %d", res.Work, DefaultMaxWork)
			}
		})
	}
}

func TestPhraseOverTheCapIsRefusedBeforeAnyWork(t *testing.T) {
	ix := denseIndex(t)
	q := `"` + strings.Repeat("cloud ", MaxPhraseWords+1) + `"`
	_, err := ix.Search(Request{Query: q})
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "more than") {
		t.Fatalf("got %v, want a *QueryError about the phrase length", err)
	}
}

func TestASmallBudgetRefusesACommonWord(t *testing.T) {
	ix := denseIndex(t)
	_, err := ix.Search(Request{Query: "cloud margin", MaxWork: 100})
	if !errors.Is(err, ErrBudget) {
		t.Fatalf("got %v, want ErrBudget", err)
	}
}

func TestUnclosedParenthesesAreASyntaxError(t *testing.T) {
	_, err := openSeeds(t).Search(Request{Query: "(((((((((("})
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "never closed") {
		t.Fatalf("got %v, want a syntax error about the parentheses", err)
	}
}

// BenchmarkLongPhraseDense times the 50-word phrase on a dense corpus of
// 12 MB of text (issue 13: answered or refused within 1 s natively); the
// build is not timed.
func BenchmarkLongPhraseDense(b *testing.B) {
	ix, size, err := buildDense(120)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	words := make([]string, 50)
	for i := range words {
		words[i] = denseWords[r.Intn(len(denseWords))]
	}
	q := `"` + strings.Join(words, " ") + `"`
	b.ResetTimer()
	b.ReportMetric(float64(size)/1e6, "corpus-MB")
	for i := 0; i < b.N; i++ {
		if _, err := ix.Search(Request{Query: q}); err != nil && !errors.Is(err, ErrBudget) {
			b.Fatal(err)
		}
	}
}
