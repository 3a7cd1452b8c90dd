package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

var (
	reviewTime   = apptest.ReviewTime
	reviewCorpus = apptest.ReviewCorpus
	tagged       = apptest.Tagged
	exportFile   = apptest.ExportFile
)

// twoAnnotators imports ann's and bob's files: they agree on the first
// passage's span and disagree on the second's.
func twoAnnotators(tb testing.TB) *Desk {
	tb.Helper()
	d := New(reviewCorpus(), "fp")
	importTwo(tb, d)
	return d
}

// importTwo imports ann's and bob's files into d.
func importTwo(tb testing.TB, d *Desk) {
	tb.Helper()
	ann, bob := apptest.TwoFiles(tb)
	for _, u := range []Upload{{Name: "ann.json", Data: ann}, {Name: "bob.json", Data: bob}} {
		if rep := d.Import(u); rep.Err != "" {
			tb.Fatal(rep.Err)
		}
	}
}

func TestImportUpload(t *testing.T) {
	good := exportFile(t, tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"))
	var mixed map[string]any
	if err := json.Unmarshal(exportFile(t,
		tagged(t, "urn:a1", "ann", annotation.Fact, "Revenue grew 12% in Q1"),
		tagged(t, "urn:a2", "ann", annotation.Opinion, "the CFO said")), &mixed); err != nil {
		t.Fatal(err)
	}
	mixed["annotations"].([]any)[1].(map[string]any)["tag"] = "rumour"
	bad, _ := json.Marshal(mixed)
	w3c, err := annotation.W3C(annotation.NewExport(reviewCorpus().Info("fp"),
		[]annotation.Annotation{tagged(t, "urn:c1", "cat", annotation.Unverified, "the CFO said")}, reviewTime), "https://x.test/")
	if err != nil {
		t.Fatal(err)
	}
	moved := tagged(t, "urn:m", "ann", annotation.Opinion, "the CFO said")
	moved.Anchor.Start, moved.Anchor.End = 0, 12
	movedFile := exportFile(t, moved)
	tests := []struct {
		name     string
		before   []Upload
		u        Upload
		added    int
		same     int
		rejected int
		placed   map[review.Status]int
		err      string
		total    int
	}{
		{name: "a good file adds its annotations", u: Upload{Name: "a.json", Data: good}, added: 1, total: 1,
			placed: map[review.Status]int{review.Exact: 1}},
		{name: "the same file twice changes nothing", before: []Upload{{Name: "a.json", Data: good}},
			u: Upload{Name: "a.json", Data: good}, same: 1, total: 1},
		{name: "a file whose annotation moved, twice, changes nothing", before: []Upload{{Name: "m.json", Data: movedFile}},
			u: Upload{Name: "m.json", Data: movedFile}, same: 1, total: 1},
		{name: "a bad entry is listed and the good ones imported", u: Upload{Name: "m.json", Data: bad}, added: 1, rejected: 1, total: 1,
			placed: map[review.Status]int{review.Exact: 1}},
		{name: "a W3C file is imported and placed", u: Upload{Name: "c.jsonld", Data: w3c}, added: 1, total: 1,
			placed: map[review.Status]int{review.Exact: 1}},
		{name: "a moved annotation counts as re-anchored", u: Upload{Name: "m.json", Data: movedFile}, added: 1, total: 1,
			placed: map[review.Status]int{review.Moved: 1}},
		{name: "a file that is not JSON is refused whole", before: []Upload{{Name: "a.json", Data: good}},
			u: Upload{Name: "x.json", Data: []byte("hello")}, err: "unrecognized", total: 1},
		{name: "a read failure is reported", u: Upload{Name: "gone.json", Err: errors.New("file moved")}, err: "file moved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(reviewCorpus(), "fp")
			for _, u := range tt.before {
				d.Import(u)
			}
			rep := d.Import(tt.u)
			if tt.err != "" {
				if !strings.Contains(rep.Err, tt.err) {
					t.Errorf("got error %q, want %q", rep.Err, tt.err)
				}
			} else if rep.Err != "" {
				t.Fatalf("got error %q", rep.Err)
			}
			if rep.Added != tt.added || rep.Unchanged != tt.same || rep.Older != 0 || len(rep.Rejected) != tt.rejected {
				t.Errorf("got %d added, %d unchanged, %d older, %d rejected, want %d, %d, 0, %d",
					rep.Added, rep.Unchanged, rep.Older, len(rep.Rejected), tt.added, tt.same, tt.rejected)
			}
			if fmt.Sprint(rep.Placed) != fmt.Sprint(tt.placed) {
				t.Errorf("got placed %v, want %v", rep.Placed, tt.placed)
			}
			if got := d.Len(); got != tt.total {
				t.Errorf("got %d annotations, want %d", got, tt.total)
			}
			if got := d.Files[len(d.Files)-1].Name; got != tt.u.Name {
				t.Errorf("got last report %q, want %q", got, tt.u.Name)
			}
		})
	}
}

func TestPrepareReportsProgressAndCancels(t *testing.T) {
	var as []annotation.Annotation
	for i := range 300 {
		as = append(as, tagged(t, fmt.Sprintf("urn:x%d", i), "ann", annotation.Tags()[i%4], "Revenue grew"))
	}
	w3c, err := annotation.W3C(annotation.NewExport(reviewCorpus().Info("fp"), as, reviewTime), "https://x.test/")
	if err != nil {
		t.Fatal(err)
	}
	u := Upload{Name: "many.jsonld", Data: w3c}
	var phases []string
	p := Prepare(context.Background(), reviewCorpus(), u, func(ph Phase, done, total int) {
		if len(phases) == 0 || !strings.HasPrefix(phases[len(phases)-1], string(ph)) {
			phases = append(phases, string(ph))
		}
		phases[len(phases)-1] = fmt.Sprintf("%s %d/%d", ph, done, total)
	})
	if p.Err != nil || len(p.Placed) != 300 {
		t.Fatalf("got %v, %d placed", p.Err, len(p.Placed))
	}
	if got, want := strings.Join(phases, ", "), "reading 300/300, placing 300/300"; got != want {
		t.Errorf("got progress %q, want %q", got, want)
	}
	d := New(reviewCorpus(), "fp")
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	p = Prepare(ctx, reviewCorpus(), u, func(Phase, int, int) {
		if calls++; calls == 2 {
			cancel() // the reviewer pressed Cancel
		}
	})
	rep := d.Commit(p)
	if !strings.Contains(rep.Err, "cancelled") || d.Len() != 0 || rep.Added != 0 {
		t.Errorf("got %+v and %d annotations, want the import cancelled and nothing added", rep, d.Len())
	}
}

func TestReanchorStatus(t *testing.T) {
	d := New(reviewCorpus(), "fp")
	gone := tagged(t, "urn:x", "ann", annotation.Fact, "Revenue grew 12% in Q1")
	gone.Anchor.Exact, gone.Anchor.Prefix, gone.Anchor.Suffix = "Zebras danced on Jupiter at dawn", "", ""
	gone.Anchor.End = gone.Anchor.Start + len(gone.Anchor.Exact)
	gone.Note = "check this"
	moved := tagged(t, "urn:m", "ann", annotation.Opinion, "the CFO said")
	moved.Anchor.Start, moved.Anchor.End = 0, 12
	rep := d.Import(Upload{Name: "a.json", Data: exportFile(t, tagged(t, "urn:e", "ann", annotation.Fact, "Revenue grew"), moved, gone)})
	if rep.Imported() != 3 || rep.Reanchored() != 1 || rep.Orphaned() != 1 {
		t.Errorf("got %d imported, %d re-anchored, %d orphaned, want 3, 1, 1", rep.Imported(), rep.Reanchored(), rep.Orphaned())
	}
	rows, counts := d.AnchorRows()
	want := map[review.Status]int{review.Exact: 1, review.Moved: 1, review.Orphan: 1}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", counts, want)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}
	for _, r := range rows {
		if r.ID == "urn:m" && (r.Quote != "the CFO said" || r.Title != "Report") {
			t.Errorf("got row %+v, want the moved annotation's quote in Report", r)
		}
	}
	orphans := d.Orphans()
	if len(orphans) != 1 || orphans[0].Note != "check this" {
		t.Fatalf("got orphans %v, want urn:x with its note", orphans)
	}
	b, err := d.ExportOrphans("json", "", reviewTime)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := annotation.ParseExport(b)
	if err != nil || len(exp.Annotations) != 1 || exp.Annotations[0].Anchor.Exact != gone.Anchor.Exact {
		t.Errorf("got orphan export %v, %v, want the orphan", exp.Annotations, err)
	}
	// The rows follow the next import, and the same file again changes
	// nothing.
	d.Import(Upload{Name: "b.json", Data: exportFile(t, tagged(t, "urn:b", "bob", annotation.Fact, "Revenue grew"))})
	d.Import(Upload{Name: "b.json", Data: exportFile(t, tagged(t, "urn:b", "bob", annotation.Fact, "Revenue grew"))})
	if rows, counts := d.AnchorRows(); len(rows) != 4 || counts[review.Exact] != 2 {
		t.Errorf("after another import: got %d rows, counts %v, want 4 rows, 2 in place", len(rows), counts)
	}
}
