package review_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/index/ingest"
)

var benchCorpus = flag.String("corpus", "", "folder of documents for BenchmarkImportReanchor10k (default: build/corpus repeated)")

// benchCopies is how many times the default corpus is repeated.
const benchCopies = 50

// benchDocs returns the documents of -corpus, or the default corpus
// repeated benchCopies times under distinct ids.
func benchDocs(tb testing.TB) []review.Document {
	tb.Helper()
	dir, copies := *benchCorpus, 1
	if dir == "" {
		dir, copies = "../../../build/corpus", benchCopies
	}
	rep, err := ingest.Dir(dir, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []review.Document
	for c := range copies {
		for _, d := range rep.Documents {
			doc := review.Document{ID: fmt.Sprintf("%s/%d", d.ID, c), Title: d.Title, Text: d.Text}
			for _, p := range d.Passages {
				doc.Passages = append(doc.Passages, review.Passage{ID: fmt.Sprintf("%s/%d", p.ID, c), Start: p.Start, End: p.End})
			}
			docs = append(docs, doc)
		}
	}
	return docs
}

// benchFiles makes two annotators' exports of n annotations in all over
// docs: spans of 20 to 120 code points starting on a word, tagged at random.
func benchFiles(tb testing.TB, docs []review.Document, n int) [][]byte {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	byCreator := map[string][]annotation.Annotation{}
	for i := range n {
		d := docs[i%len(docs)]
		text := []rune(d.Text)
		if len(text) < 200 {
			continue
		}
		start := rng.IntN(len(text) - 130)
		for start > 0 && text[start-1] != ' ' {
			start--
		}
		end := start + 20 + rng.IntN(100)
		anc, err := annotation.AnchorRunes(d.ID, "", text, start, end)
		if err != nil {
			tb.Fatal(err)
		}
		creator := []string{"ann", "bob"}[i%2]
		a := annotation.New(annotation.Tags()[rng.IntN(4)], anc, creator, now)
		byCreator[creator] = append(byCreator[creator], a)
	}
	var files [][]byte
	for _, as := range byCreator {
		b, err := annotation.NewExport(annotation.CorpusInfo{Fingerprint: "bench"}, as, now).Marshal()
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, b)
	}
	return files
}

// edited returns docs where every tenth document has a sentence inserted
// at the start, so that its annotations must be found again (moved).
func edited(docs []review.Document) []review.Document {
	out := make([]review.Document, len(docs))
	for i, d := range docs {
		out[i] = d
		if i%10 == 0 {
			const extra = "An editor's note was added here. "
			out[i].Text = extra + d.Text
			n := len([]rune(extra))
			out[i].Passages = nil
			for _, p := range d.Passages {
				out[i].Passages = append(out[i].Passages, review.Passage{ID: p.ID, Start: p.Start + n, End: p.End + n})
			}
		}
	}
	return out
}

// BenchmarkImportReanchor10k imports two annotators' files holding 10,000
// annotations and re-anchors them onto a corpus where a tenth of the
// documents changed, what the review page does on import (target: under
// 2 s in the browser). Run with -args -corpus DIR for another corpus.
func BenchmarkImportReanchor10k(b *testing.B) {
	docs := benchDocs(b)
	files := benchFiles(b, docs, 10000)
	corpus := review.NewCorpus(edited(docs)...)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	var counts map[review.Status]int
	for b.Loop() {
		var rv review.Review
		for i, f := range files {
			res, err := review.Import(fmt.Sprintf("f%d.json", i), f, review.DefaultLimit)
			if err != nil {
				b.Fatal(err)
			}
			rv.Add(res)
		}
		counts = map[review.Status]int{}
		for _, r := range rv.Reanchor(corpus) {
			counts[r.Result.Status]++
		}
	}
	b.StopTimer()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != 10000 || counts[review.Orphan] > 0 {
		b.Fatalf("got %d annotations re-anchored as %v, want 10000 and no orphan", total, counts)
	}
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(float64(counts[review.Moved]+counts[review.OtherDocument]), "moved")
}
