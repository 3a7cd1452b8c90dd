package workspace

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

// benchCorpora returns a corpus of 20 documents of 50 passages of three
// sentences, and the same rebuilt with a sentence inserted at the start of
// every fifth passage, a word changed in every seventh and every
// eleventh passage deleted.
func benchCorpora() (v1, v2 *fakeCorpus) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("revenue grew margin cloud customers quarter guidance costs fell analysts expect growth AI server demand pricing")
	sentence := func() string {
		var b strings.Builder
		for i := range 8 + rng.IntN(8) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		b.WriteString(fmt.Sprintf(" %d.", rng.IntN(1000)))
		return b.String()
	}
	var d1, d2 [][]string
	for d := range 20 {
		id := fmt.Sprintf("doc-%02d", d)
		p1, p2 := []string{id}, []string{id}
		for p := range 50 {
			ss := []string{sentence(), sentence(), sentence()}
			p1 = append(p1, strings.Join(ss, " "))
			switch {
			case p%11 == 0:
				continue
			case p%7 == 0:
				ss[1] = strings.Replace(ss[1], " ", " new ", 1)
			}
			if p%5 == 0 {
				ss = append([]string{"An inserted sentence."}, ss...)
			}
			p2 = append(p2, strings.Join(ss, " "))
		}
		d1, d2 = append(d1, p1), append(d2, p2)
	}
	return newCorpus("fp-1", d1...), newCorpus("fp-2", d2...)
}

// BenchmarkReanchor10k re-anchors 10,000 annotations (10 per passage, on
// its sentences and words) made on one build onto the next.
func BenchmarkReanchor10k(b *testing.B) {
	v1, v2 := benchCorpora()
	w := New(v1, Options{Creator: "Ada"})
	openAll(b, w)
	for _, d := range w.Documents() {
		c, _ := w.Contents(d.ID)
		for _, p := range c.Passages {
			for k := range 10 {
				start := p.Start + k*3
				end := min(p.End, start+20+k*5)
				if _, err := w.Tag(Span{Doc: d.ID, Start: start, End: end}, annotation.Tags()[k%4]); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	recs := map[string][]byte{}
	for _, it := range w.Items() {
		recs[it.ID] = mustEncode(b, w, it.ID)
	}
	if len(recs) != 10000 {
		b.Fatalf("got %d annotations, want 10000", len(recs))
	}
	var rep Report
	b.ResetTimer()
	for range b.N {
		w2 := New(v2, Options{})
		w2.Load(recs)
		rep = w2.Reanchor(context.Background())
	}
	b.StopTimer()
	b.ReportMetric(float64(rep.Exact), "exact")
	b.ReportMetric(float64(rep.Moved), "moved")
	b.ReportMetric(float64(rep.Fuzzy), "fuzzy")
	b.ReportMetric(float64(rep.Orphan), "orphans")
}
