package gold

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, testFile(t).Rows()); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\ufeffspan_id,document,document_title,start,end,quote,final_label,")) {
		t.Errorf("got start %q, want a BOM and the header row", b[:min(len(b), 80)])
	}
	// Any RFC 4180 reader gets one row per span and annotator.
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs), 1+5; got != want {
		t.Fatalf("got %d records, want the header and 5 rows", got)
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	byCol := func(rec []string, name string) string {
		for i, h := range CSVHeader {
			if h == name {
				return rec[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	first := recs[1]
	if byCol(first, "quote") != "Revenue rose 22% in Q2" || byCol(first, "final_label") != "fact" || byCol(first, "annotator") != "ann" ||
		byCol(first, "agrees") != "true" || byCol(first, "document_title") != "Q2 notes" || byCol(first, "decided") != "2026-03-02T09:30:00Z" {
		t.Errorf("got first row %q", first)
	}
	// Cells a spreadsheet would run as formulas start with an apostrophe.
	for _, rec := range recs[1:] {
		for i, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("column %s holds a formula: %q", CSVHeader[i], cell)
			}
		}
	}
	if !bytes.Contains(b, []byte(`'=HYPERLINK(""x"")`)) || !bytes.Contains(b, []byte(`'@lena`)) || !bytes.Contains(b, []byte(`'-5% last year`)) {
		t.Errorf("formula-like cells are not guarded:\n%s", b)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	rows := testFile(t).Rows()
	rows = append(rows, Row{SpanID: "s", Doc: "d", Start: 1, End: 2, Quote: "'quoted'\nline two, \"x\"", FinalLabel: annotation.Opinion,
		Reviewer: "+r", Decided: testTime, ReviewNote: "\ttab"})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("got %d rows, want %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i] != rows[i] {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], rows[i])
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, testFile(t).Rows()[:1]); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	tests := []struct{ name, data string }{
		{name: "another header", data: "a,b\r\n1,2\r\n"},
		{name: "a bad start", data: strings.Replace(good, ",0,22,", ",zero,22,", 1)},
		{name: "an unknown label", data: strings.Replace(good, ",fact,Rita,", ",rumour,Rita,", 1)},
		{name: "text that is not UTF-8", data: strings.Replace(good, "Q2 notes", "Q2 \xffnotes", 1)},
		{name: "a short row", data: good + "x,y\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is an error", func(t *testing.T) {
			if _, err := ReadCSV(strings.NewReader(tt.data)); !errors.Is(err, ErrCSV) {
				t.Errorf("got %v, want ErrCSV", err)
			}
		})
	}
}

func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("span", "doc", "=1+1", "note\nmore", "@who", 3, 9)
	f.Add("'", "\r", "-", "\t", "+", 0, 1)
	f.Fuzz(func(t *testing.T, id, doc, quote, note, who string, start, end int) {
		r := Row{SpanID: id, Doc: doc, Quote: quote, ReviewNote: note, Annotator: who, Start: start, End: end,
			FinalLabel: annotation.Fact, AnnotatorLabel: annotation.Opinion, Decided: time.Unix(int64(end)*1000, 0).UTC(),
			AnnotationID: "a", AnnotatorStart: start, AnnotatorEnd: end}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, []Row{r}); err != nil {
			return // encoding/csv refuses nothing; a write error would be the writer's
		}
		got, err := ReadCSV(&buf)
		if err != nil {
			if !isUTF8(id) || !isUTF8(doc) || !isUTF8(quote) || !isUTF8(note) || !isUTF8(who) {
				return // invalid text is refused on the way back, by design
			}
			t.Fatalf("read back: %v\n%q", err, buf.String())
		}
		// encoding/csv, writing CR LF line ends, drops carriage returns
		// inside cells (a line break reads back as LF).
		want := r
		for _, s := range []*string{&want.SpanID, &want.Doc, &want.Quote, &want.ReviewNote, &want.Annotator} {
			*s = strings.ReplaceAll(*s, "\r", "")
		}
		if len(got) != 1 || got[0] != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteCSV(&buf, testFile(f).Rows())
	f.Add(buf.Bytes())
	f.Add([]byte("\ufeff\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, rows); err != nil {
			t.Fatal(err)
		}
	})
}
