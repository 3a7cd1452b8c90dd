//go:build !js

package ingest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// benchBuild ingests one file and indexes it, as `build index` does.
func benchBuild(b *testing.B, name string, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := ingest.Parse(name, data)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := index.Build([]*ingest.Document{doc}, index.BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNestedDivs measures building a page against its nesting depth.
// Issue target: 80,000 nested divs in under 10 s and at most ~6x the 20,000
// case, that is linear time (they took 5, 14 and 59 s before).
func BenchmarkNestedDivs(b *testing.B) {
	for _, n := range []int{20000, 40000, 80000} {
		data := []byte(strings.Repeat("<div>", n) + "Deep text survives." + strings.Repeat("</div>", n))
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) { benchBuild(b, "nested.html", data) })
	}
}

// BenchmarkLongParagraph measures building a page of one paragraph against
// its length: it must grow linearly (a single passage made indexing cost
// grow with its square: 20,000 sentences took 15 s).
func BenchmarkLongParagraph(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000} {
		data := []byte("<body>" + strings.Repeat("The margin rose again this quarter. ", n) + "</body>")
		b.Run(fmt.Sprintf("sentences=%d", n), func(b *testing.B) { benchBuild(b, "long.html", data) })
	}
}
