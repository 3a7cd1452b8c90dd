package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// nestedDivs returns an HTML page of n nested divs around one sentence.
func nestedDivs(n int) []byte {
	return []byte(strings.Repeat("<div>", n) + "Deep text survives." + strings.Repeat("</div>", n))
}

// BenchmarkNestedDivs measures ingestion against nesting depth; it must grow
// linearly (issue: 80,000 nested divs in under 10 s and at most ~6x the
// 20,000 case). ns/op is per file.
func BenchmarkNestedDivs(b *testing.B) {
	for _, n := range []int{20000, 40000, 80000} {
		data := nestedDivs(n)
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("nested.html", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
