package annotation

import (
	"testing"
	"time"
)

// testText is a small document used across tests.
const testText = "Inflation fell to 2.1% in March. Rates will drop next year, analysts say. This is the best policy."

var testTime = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// mustAnnotation builds a valid annotation over testText's runes [start, end).
func mustAnnotation(tb testing.TB, id string, tag Tag, creator string, start, end int) Annotation {
	tb.Helper()
	anc, err := NewAnchor("doc-1", "p1", testText, start, end)
	if err != nil {
		tb.Fatal(err)
	}
	return Annotation{ID: id, Tag: tag, Creator: creator, Created: testTime, Modified: testTime, Anchor: anc}
}

// testExport returns an export exercising every field.
func testExport(tb testing.TB) Export {
	tb.Helper()
	a := mustAnnotation(tb, "urn:uuid:00000000-0000-4000-8000-00000000000a", Fact, "Ann", 0, 31)
	a.Evidence = "https://stats.example/cpi?m=3"
	a.Note = "Matches the <official> release & notes"
	b := mustAnnotation(tb, "urn:uuid:00000000-0000-4000-8000-00000000000b", Forecast, "Bob", 33, 58)
	b.Evidence = "Central bank report, p. 4"
	b.Status = Accepted
	c := mustAnnotation(tb, "urn:uuid:00000000-0000-4000-8000-00000000000c", Opinion, "Zoë", 74, 97)
	c.Anchor.Doc = "doc 2/é"
	c.Modified = c.Modified.Add(time.Hour)
	corpus := CorpusInfo{Fingerprint: "sha256-0123abcd", Documents: []DocInfo{{ID: "doc-1", Title: "March report"}, {ID: "doc 2/é", Title: "Op-ed"}}}
	return NewExport(corpus, []Annotation{c, b, a}, testTime)
}
