package desk

import (
	"encoding/json"
	"errors"
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
	tests := []struct {
		name     string
		before   []Upload
		u        Upload
		added    int
		rejected int
		err      string
		total    int
	}{
		{name: "a good file adds its annotations", u: Upload{Name: "a.json", Data: good}, added: 1, total: 1},
		{name: "the same file twice changes nothing", before: []Upload{{Name: "a.json", Data: good}},
			u: Upload{Name: "a.json", Data: good}, added: 0, total: 1},
		{name: "a bad entry is listed and the good ones imported", u: Upload{Name: "m.json", Data: bad}, added: 1, rejected: 1, total: 1},
		{name: "a W3C file is imported", u: Upload{Name: "c.jsonld", Data: w3c}, added: 1, total: 1},
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
			if rep.Added != tt.added || len(rep.Rejected) != tt.rejected {
				t.Errorf("got %d added, %d rejected, want %d, %d", rep.Added, len(rep.Rejected), tt.added, tt.rejected)
			}
			if got := len(d.rv.Annotations()); got != tt.total {
				t.Errorf("got %d annotations, want %d", got, tt.total)
			}
			if got := d.Files[len(d.Files)-1].Name; got != tt.u.Name {
				t.Errorf("got last report %q, want %q", got, tt.u.Name)
			}
		})
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
	d.Import(Upload{Name: "a.json", Data: exportFile(t, tagged(t, "urn:e", "ann", annotation.Fact, "Revenue grew"), moved, gone)})
	rows, counts := d.AnchorRows()
	want := map[review.Status]int{review.Exact: 1, review.Moved: 1, review.Orphan: 1}
	for st, n := range want {
		if counts[st] != n {
			t.Errorf("got %d %s, want %d", counts[st], st, n)
		}
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}
	orphans := d.rv.Orphans()
	if len(orphans) != 1 || orphans[0].Note != "check this" {
		t.Fatalf("got orphans %v, want urn:x with its note", orphans)
	}
	b, err := d.Export("orphans", "json", "", reviewTime)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := annotation.ParseExport(b)
	if err != nil || len(exp.Annotations) != 1 || exp.Annotations[0].Anchor.Exact != gone.Anchor.Exact {
		t.Errorf("got orphan export %v, %v, want the orphan", exp.Annotations, err)
	}
}

// decision is a decision to take in a test.
type decision struct {
	ID     string
	Status annotation.Status
}

func TestDecideAndExport(t *testing.T) {
	d := twoAnnotators(t)
	for _, dec := range []decision{{"urn:a1", annotation.Accepted}, {"urn:a2", annotation.Accepted}, {"urn:b2", annotation.Rejected}} {
		if err := d.Decide(dec.ID, dec.Status); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Decide("urn:none", annotation.Accepted); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
	if err := d.Decide("urn:a1", annotation.Pending); !errors.Is(err, annotation.ErrInvalid) {
		t.Errorf("got %v, want ErrInvalid", err)
	}
	b, err := d.Export("reviewed", "json", "", reviewTime)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := annotation.ParseExport(b)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range exp.Annotations {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "urn:a1 urn:a2"; got != want {
		t.Errorf("got reviewed %q, want %q", got, want)
	}
	w, err := d.Export("reviewed", "w3c", "https://x.test/", reviewTime)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := annotation.ParseW3C(w); err != nil || len(back.Annotations) != 2 {
		t.Errorf("got W3C %d annotations, %v, want 2", len(back.Annotations), err)
	}
}
