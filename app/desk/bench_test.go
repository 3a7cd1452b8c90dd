//go:build !(js && wasm)

package desk

import (
	"fmt"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

// BenchmarkDeskImport10k is what the review page does with a file of
// 10,000 annotations by two annotators who marked the same 5,000 spans
// (one per passage of the default corpus repeated 50 times, agreeing on
// three in four): import and place them, then compute the agreement and
// the adjudication queue the page shows.
func BenchmarkDeskImport10k(b *testing.B) {
	base := apptest.DefaultCorpus(b)
	var docs []review.Document
	for c := range 50 {
		for _, d := range base.Documents() {
			d.ID = fmt.Sprintf("%s/%d", d.ID, c)
			docs = append(docs, d)
		}
	}
	corpus := review.NewCorpus(docs...)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var as []annotation.Annotation
	for _, d := range docs {
		text := []rune(d.Text)
		for i, p := range d.Passages {
			if len(as) == 10000 || p.End-p.Start < 20 {
				continue
			}
			anc, err := annotation.AnchorRunes(d.ID, p.ID, text, p.Start, p.Start+20)
			if err != nil {
				b.Fatal(err)
			}
			tag := annotation.Tags()[i%4]
			as = append(as, annotation.New(tag, anc, "ann", now))
			if i%4 == 3 {
				tag = annotation.Tags()[(i+1)%4]
			}
			as = append(as, annotation.New(tag, anc, "bob", now))
		}
	}
	data, err := annotation.NewExport(corpus.Info("fp"), as, now).Marshal()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		d := New(corpus, "fp")
		if rep := d.Import(Upload{Name: "big.json", Data: data}); rep.Imported() != len(as) {
			b.Fatalf("got %+v", rep)
		}
		r := d.Agreement()
		if len(r.Units) != len(as)/2 || d.Progress().Total != len(as)/2 || len(d.Items()) != len(as)/2 {
			b.Fatalf("got %d units", len(r.Units))
		}
	}
}
