package review

import (
	"strconv"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/internal/annotest"
)

var testTime = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// ann builds an annotation by creator on quote (occurring once) in text.
func ann(tb testing.TB, id, creator string, tag annotation.Tag, doc, text, quote string) annotation.Annotation {
	tb.Helper()
	return annotation.Annotation{ID: id, Tag: tag, Creator: creator, Created: testTime, Modified: testTime, Anchor: annotest.AnchorOn(tb, doc, text, quote)}
}

// exportOf returns the claimtag export bytes of as.
func exportOf(tb testing.TB, as ...annotation.Annotation) []byte {
	tb.Helper()
	b, err := annotation.NewExport(annotation.CorpusInfo{Fingerprint: "fp", Documents: []annotation.DocInfo{{ID: "report", Title: "Report"}}}, as, testTime).Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func itoa(i int) string { return strconv.Itoa(i) }
