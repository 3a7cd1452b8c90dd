package review

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	arev "github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shown renders a piece of a page inside a component.
type shown struct {
	app.Compo
	ui app.UI
}

func (s *shown) Render() app.UI { return s.ui }

func TestReviewComponents(t *testing.T) {
	d := twoAnnotators(t)
	bad := desk.FileReport{Name: "m.json", Format: arev.FormatClaimtag, Read: 1, Added: 1, Placed: map[arev.Status]int{arev.Exact: 1},
		Rejected: []arev.Rejection{{Index: 1, ID: "urn:x", Reason: "invalid tag"}}}
	rows, counts := d.AnchorRows()
	orphan := desk.AnchorRow{ID: "urn:o", Creator: "cara", Title: "Report", Tag: annotation.Unverified, Status: arev.Orphan,
		Quote: "guidance raised", Note: "heard on the call"}
	p := &Page{ref: chrome.DeskRef{D: d}}
	tests := []struct {
		name string
		c    app.Composer
		want []string
	}{
		{name: "an import report counts what was imported and lists rejected entries with the reason",
			c: &importSection{Ireports: []desk.FileReport{bad, {Name: "x.json", Err: "unrecognized file"}}},
			want: []string{`id="review-files"`, "1 imported (1 in place, 0 re-anchored, 0 orphaned)", "1 rejected:",
				"Entry 2 (urn:x): invalid tag", "x.json", "not imported. unrecognized file", `data-orphaned="0"`}},
		{name: "an import under way shows its progress and a Cancel button",
			c:    &importSection{Iprogress: &importProgress{File: "big.json", Phase: desk.Placing, Done: 640, Total: 2000, Waiting: 1}},
			want: []string{`role="status"`, "Placing big.json on the documents: 640 of 2,000 annotations", "<progress", `id="import-cancel"`, "1 more files waiting"}},
		{name: "re-anchoring counts each outcome and shows orphans with their note",
			c:    &anchorsSection{Irows: append(rows, orphan), Icounts: counts},
			want: []string{`data-status="exact"|data-count="4"`, "guidance raised", "Note: ", "heard on the call", `id="export-orphans"`}},
		{name: "agreement states the unit rule and says too few shared spans for two",
			c:    &agreementSection{Iv: viewAgreement(d.Agreement())},
			want: []string{unitRule, `id="alpha"`, "too few shared spans (n = 2, need 10)", `<th scope="row">ann × bob</th>`, `class="confusion"`}},
		{name: "the adjudication shows the disagreement first with every annotator's label and the keys",
			c: &shown{ui: p.renderAdjudication(d)},
			want: []string{"0 of 2 spans decided", "Span 1 of 2: disagreement", "Margins will improve next year", `data-annotator="ann"|data-tag="forecast"`,
				`data-annotator="bob"|data-tag="opinion"`, "Accept the 1 unanimous spans", `aria-current`, "j / k or ↓ / ↑", `for="decision-note"`}},
		{name: "the gold section offers the three downloads", c: &shown{ui: p.renderGold(d)},
			want: []string{"export-gold-json", "export-gold-w3c", "export-gold-csv", "0 of 2 spans decided"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := render(t, tt.c)
			for _, w := range tt.want {
				if !contains(html, w) {
					t.Errorf("got no %q in\n%s", w, html)
				}
			}
		})
	}
}

// contains reports whether html holds want, or, for attributes separated
// by "|", one tag holding them all (in any order: go-app writes a tag's
// attributes in map order).
func contains(html, want string) bool {
	if !strings.Contains(want, "|") {
		return strings.Contains(html, want)
	}
	for _, tag := range tagRe.FindAllString(html, -1) {
		all := true
		for _, attr := range strings.Split(want, "|") {
			all = all && strings.Contains(tag, attr)
		}
		if all {
			return true
		}
	}
	return false
}

var tagRe = regexp.MustCompile(`<[a-z][^>]*>`)

func TestImportSummary(t *testing.T) {
	tests := []struct {
		name string
		r    desk.FileReport
		want string
	}{
		{name: "a new file counts what it imported and how it was placed", r: desk.FileReport{Read: 3, Added: 3,
			Placed: map[arev.Status]int{arev.Exact: 1, arev.Moved: 1, arev.Orphan: 1}},
			want: "3 read: 3 imported (1 in place, 1 re-anchored, 1 orphaned), 0 rejected."},
		{name: "a second import imports nothing", r: desk.FileReport{Read: 2, Unchanged: 2}, want: "2 read: 0 imported, 2 already here, 0 rejected."},
		{name: "a gold file restores decisions", r: desk.FileReport{Format: arev.FormatGold, Read: 17, Decisions: 15, Unchanged: 2},
			want: "17 spans read: 15 decisions restored, 2 already decided the same way, 0 rejected."},
		{name: "rejections end with a colon for the list", r: desk.FileReport{Read: 1, Added: 1, Placed: map[arev.Status]int{arev.Exact: 1},
			Rejected: make([]arev.Rejection, 1)}, want: "1 read: 1 imported (1 in place, 0 re-anchored, 0 orphaned), 1 rejected:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importSummary(tt.r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestViewSpan(t *testing.T) {
	d := twoAnnotators(t)
	items := d.Items()
	v := viewSpan(items[0], 1, d.Title)
	tests := []struct {
		name      string
		got, want string
	}{
		{name: "the disagreement comes first", got: v.StateText, want: "disagreement"},
		{name: "the quote has its context", got: v.Prefix + "[" + v.Exact + "]" + v.Suffix,
			want: "% in Q1 thanks to cloud demand. [Margins will improve next year] as costs fall, the CFO said."},
		{name: "every annotator's label is listed", got: v.Summary(), want: "ann: forecast · bob: opinion"},
		{name: "the document is named", got: v.Title, want: "Report"},
		{name: "it is undecided", got: v.Decision, want: "undecided"},
	}
	if err := d.Decide(v.Key, annotation.Opinion, "hedged", "Rita", apptest.ReviewTime); err != nil {
		t.Fatal(err)
	}
	after, _ := d.Item(v.Key)
	dv := viewSpan(after, 1, d.Title)
	tests = append(tests, struct{ name, got, want string }{"a decision says the label and the reviewer", dv.Decision, "opinion, by Rita"},
		struct{ name, got, want string }{"the note is kept", dv.Note, "hedged"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if lo, hi := windowAround(120, 130); lo != 100 || hi != 130 {
		t.Errorf("got window %d-%d, want 100-130", lo, hi)
	}
}

func TestKeysSettleEverySpan(t *testing.T) {
	d := twoAnnotators(t)
	key := ""
	cur, _ := currentOf(d, key)
	if cur.State != "disagreement" {
		t.Fatalf("got first span %s, want the disagreement", cur.State)
	}
	// 3 (opinion) on the disagreement moves to the next undecided span.
	key, err := settle(d, cur.Unit.Key, annotation.Opinion, "", "Rita", apptest.ReviewTime)
	if err != nil || key != "0-22@d1" {
		t.Fatalf("got %q, %v, want the unanimous span next", key, err)
	}
	if k, _ := neighbor(d, key, false); k != cur.Unit.Key {
		t.Errorf("k: got %q, want back to %q", k, cur.Unit.Key)
	}
	if k, _ := neighbor(d, key, true); k != key {
		t.Errorf("j at the end: got %q, want to stay", k)
	}
	if _, err := settle(d, key, annotation.Fact, "", "Rita", apptest.ReviewTime); err != nil {
		t.Fatal(err)
	}
	if got := d.Progress().String(); got != "2 of 2 spans decided" {
		t.Errorf("got %q", got)
	}
	msg, ok := travel(d, true)
	if !ok || msg != "Undid the latest decision: 1 of 2 spans decided (was 2)." {
		t.Errorf("undo: got %q, %v", msg, ok)
	}
	if msg, ok := travel(d, false); !ok || !strings.HasPrefix(msg, "Redid") || d.Progress().Decided != 2 {
		t.Errorf("redo: got %q, %v", msg, ok)
	}
	if _, err := settle(d, "0-1@nowhere", annotation.Fact, "", "Rita", apptest.ReviewTime); err == nil {
		t.Error("settling an unknown span did not fail")
	}
}

func TestReadUploadRefusesLargeFiles(t *testing.T) {
	u := ReadUpload(browser.NewFile("big.json", make([]byte, desk.Limit+1)))
	if !errors.Is(u.Err, arev.ErrTooLarge) || u.Data != nil {
		t.Errorf("got %v and %d bytes, want ErrTooLarge and none", u.Err, len(u.Data))
	}
	d := desk.New(reviewCorpus(), "fp")
	if rep := d.Import(u); !strings.Contains(rep.Err, "too large") {
		t.Errorf("got report %q, want too large", rep.Err)
	}
}

func TestImportFilesSavesAndPublishes(t *testing.T) {
	tests := []struct {
		name  string
		fail  error
		state storage.State
		saved int // annotations read back
	}{
		{name: "two files are imported one after the other, saved and published", state: storage.Saved, saved: 4},
		{name: "a refused write is shown and the import kept in the tab", fail: errors.New("QuotaExceededError"), state: storage.Failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ctx := apptest.Engine(t)
			store := storage.NewMemory()
			store.SetFail(tt.fail)
			d := desk.New(reviewCorpus(), "fp")
			sv := storage.NewSaver(store, storage.Options{Order: desk.Records})
			d.SaveTo(sv, false)
			p := &Page{ref: chrome.DeskRef{D: d, Saver: sv}}
			ann, bob := apptest.TwoFiles(t)
			p.importFiles(ctx, []browser.File{browser.NewFile("ann.json", ann), browser.NewFile("bob.json", bob)})
			if p.progress == nil || p.progress.File != "ann.json" || p.progress.Waiting != 1 {
				t.Errorf("got progress %+v, want ann.json under way and one file waiting", p.progress)
			}
			e.ConsumeAll()
			e.ConsumeAll()
			sv.Wait()
			if p.progress != nil || d.Len() != 4 || len(d.Files) != 2 {
				t.Fatalf("got progress %+v, %d annotations and %d reports, want done with 4 and 2", p.progress, d.Len(), len(d.Files))
			}
			var got chrome.DeskRef
			ctx.GetState(chrome.StateDesk, &got)
			if got.D != d || got.Rev != d.Rev {
				t.Errorf("got %+v published, want the desk at revision %d", got, d.Rev)
			}
			if st := sv.Status(); st.State != tt.state {
				t.Errorf("got %+v, want %s", st, tt.state)
			}
			store.SetFail(nil)
			recs, _ := store.All(context.Background())
			back, err := desk.Decode(recs)
			if err != nil || len(back.Annotations) != tt.saved {
				t.Errorf("got %d saved, %v, want %d", len(back.Annotations), err, tt.saved)
			}
		})
	}
}

func TestCancelImport(t *testing.T) {
	e, ctx := apptest.Engine(t)
	d := desk.New(reviewCorpus(), "fp")
	p := &Page{ref: chrome.DeskRef{D: d}}
	ann, bob := apptest.TwoFiles(t)
	p.importFiles(ctx, []browser.File{browser.NewFile("ann.json", ann), browser.NewFile("bob.json", bob)})
	p.cancelImport(ctx)
	e.ConsumeAll()
	if d.Len() != 0 || len(d.Files) != 1 || !strings.Contains(d.Files[0].Err, "cancelled") || p.progress != nil {
		t.Errorf("got %d annotations, reports %+v, progress %+v, want the import cancelled, the waiting file dropped", d.Len(), d.Files, p.progress)
	}
	if !strings.Contains(p.Message(), "1 waiting files were not imported") {
		t.Errorf("got message %q", p.Message())
	}
}
