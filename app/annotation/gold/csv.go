package gold

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
)

// CSVHeader is the header row of WriteCSV, one column name per Row field.
var CSVHeader = []string{
	"span_id", "document", "document_title", "start", "end", "quote",
	"final_label", "reviewer", "decided", "review_note",
	"annotator", "annotator_label", "agrees", "annotation_id", "annotator_start", "annotator_end", "annotator_note",
}

// ErrCSV is returned, wrapped, by ReadCSV for a file that is not a gold CSV.
var ErrCSV = errors.New("not a claimtag gold CSV")

// Row is one line of the CSV: one span and one annotator's label of it. A
// span no annotator labelled (impossible from the review desk, possible in
// a hand-made file) has one row with the annotator columns empty.
type Row struct {
	SpanID, Doc, DocTitle string
	Start, End            int
	Quote                 string
	FinalLabel            annotation.Tag
	Reviewer              string
	Decided               time.Time
	ReviewNote            string
	Annotator             string
	AnnotatorLabel        annotation.Tag
	// Agrees reports whether the annotator's label is the final label.
	Agrees                       bool
	AnnotationID                 string
	AnnotatorStart, AnnotatorEnd int
	AnnotatorNote                string
}

// Rows returns the CSV rows of f, span by span in document order, each
// span's annotators in order.
func (f File) Rows() []Row {
	var out []Row
	for _, s := range f.Spans {
		base := Row{SpanID: s.ID, Doc: s.Anchor.Doc, DocTitle: f.Corpus.Title(s.Anchor.Doc), Start: s.Anchor.Start, End: s.Anchor.End,
			Quote: s.Anchor.Exact, FinalLabel: s.Label, Reviewer: s.Reviewer, Decided: s.Decided.UTC(), ReviewNote: s.Note}
		if len(s.Annotations) == 0 {
			out = append(out, base)
			continue
		}
		for _, src := range s.Annotations {
			r := base
			r.Annotator, r.AnnotatorLabel, r.Agrees = src.Annotator, src.Label, src.Label == s.Label
			r.AnnotationID, r.AnnotatorStart, r.AnnotatorEnd, r.AnnotatorNote = src.Annotation, src.Start, src.End, src.Note
			out = append(out, r)
		}
	}
	return out
}

// WriteCSV writes rows as CSV (RFC 4180 through encoding/csv: CRLF line
// ends, quotes where needed), UTF-8 with a byte order mark so that
// spreadsheets read it as UTF-8, and a header row (CSVHeader). pandas reads
// it with pandas.read_csv(path); the decided column is RFC 3339.
//
// Carriage returns inside a cell are dropped (a line break is written as
// CR LF and reads back as LF).
//
// A cell starting with =, +, -, @, a tab or a carriage return would be run
// as a formula by a spreadsheet (CSV injection), so such a cell, and one
// starting with an apostrophe, is written with an apostrophe in front,
// which spreadsheets hide and ReadCSV removes.
func WriteCSV(w io.Writer, rows []Row) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rows {
		rec := []string{r.SpanID, r.Doc, r.DocTitle, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Quote,
			string(r.FinalLabel), r.Reviewer, r.Decided.UTC().Format(time.RFC3339), r.ReviewNote,
			r.Annotator, string(r.AnnotatorLabel), strconv.FormatBool(r.Agrees), r.AnnotationID, "", "", r.AnnotatorNote}
		if r.AnnotationID != "" {
			rec[14], rec[15] = strconv.Itoa(r.AnnotatorStart), strconv.Itoa(r.AnnotatorEnd)
		}
		for i := range rec {
			rec[i] = defuse(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// defuse guards a cell against formula injection (see WriteCSV).
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ReadCSV reads what WriteCSV wrote back into rows. It fails with ErrCSV
// (naming the line) for another header, a malformed number, time or label,
// or text that is not UTF-8.
func ReadCSV(r io.Reader) ([]Row, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read csv: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = len(CSVHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read csv: %w: %w", ErrCSV, err)
	}
	if !slices.Equal(head, CSVHeader) {
		return nil, fmt.Errorf("read csv: header %q: %w", head, ErrCSV)
	}
	var out []Row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read csv: %w: %w", ErrCSV, err)
		}
		line, _ := cr.FieldPos(0)
		row, err := parseRow(rec)
		if err != nil {
			return nil, fmt.Errorf("read csv: line %d: %w: %w", line, ErrCSV, err)
		}
		out = append(out, row)
	}
}

func parseRow(rec []string) (Row, error) {
	for i := range rec {
		if !isUTF8(rec[i]) {
			return Row{}, fmt.Errorf("column %s: %w", CSVHeader[i], annotation.ErrInvalidUTF8)
		}
		if strings.HasPrefix(rec[i], "'") {
			rec[i] = rec[i][1:]
		}
	}
	r := Row{SpanID: rec[0], Doc: rec[1], DocTitle: rec[2], Quote: rec[5], FinalLabel: annotation.Tag(rec[6]), Reviewer: rec[7],
		ReviewNote: rec[9], Annotator: rec[10], AnnotatorLabel: annotation.Tag(rec[11]), AnnotationID: rec[13], AnnotatorNote: rec[16]}
	var err error
	if r.Start, err = strconv.Atoi(rec[3]); err != nil {
		return Row{}, fmt.Errorf("start: %w", err)
	}
	if r.End, err = strconv.Atoi(rec[4]); err != nil {
		return Row{}, fmt.Errorf("end: %w", err)
	}
	if r.Decided, err = time.Parse(time.RFC3339, rec[8]); err != nil {
		return Row{}, fmt.Errorf("decided: %w", err)
	}
	if r.Agrees, err = strconv.ParseBool(rec[12]); err != nil {
		return Row{}, fmt.Errorf("agrees: %w", err)
	}
	if rec[14] != "" || rec[15] != "" {
		if r.AnnotatorStart, err = strconv.Atoi(rec[14]); err != nil {
			return Row{}, fmt.Errorf("annotator_start: %w", err)
		}
		if r.AnnotatorEnd, err = strconv.Atoi(rec[15]); err != nil {
			return Row{}, fmt.Errorf("annotator_end: %w", err)
		}
	}
	if !r.FinalLabel.Valid() || (r.AnnotatorLabel != "" && !r.AnnotatorLabel.Valid()) {
		return Row{}, fmt.Errorf("label %q / %q: %w", r.FinalLabel, r.AnnotatorLabel, annotation.ErrInvalidTag)
	}
	return r, nil
}

func isUTF8(s string) bool { return utf8.ValidString(s) }
