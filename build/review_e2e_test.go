package main

// The review end-to-end test does in headless Chromium what issue 14 asks
// of the review desk: two W3C files using "classifying" and a Hypothesis
// client export, made on the default corpus, are imported into a fresh
// profile; the page counts what was imported and shows the orphan with its
// note; each pair's kappa and Krippendorff's alpha match a hand
// computation; every span is adjudicated with the keyboard alone; the gold
// file (JSON, W3C) and the CSV download, the CSV parses, and the gold file
// imports back (changing nothing in its own review, resuming the
// adjudication in a fresh one). Then a file of 2,000 quotes found nowhere
// shows its progress, a larger one is cancelled, and a review version 1
// kept in local storage moves to IndexedDB. It reuses e2e_test.go's site,
// server and browser helpers.
//
//	go test ./build -run ReviewE2E -v

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/gold"
)

// reviewFixtures are the three files, made on the default corpus
// in the shapes the tools write (app/annotation/review fixtures_gen_test.go).
var reviewFixtures = []string{"ann.w3c.jsonld", "bob.w3c.json", "cara.hypothesis.json"}

const fixturesDir = "../app/annotation/testdata/review"

// handKappas and handAlpha are the agreement of the fixtures computed by
// hand. The labels per span (F fact, C forecast, O opinion, U unverified,
// "." not marked):
//
//	span  1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17
//	Ann   F C O F U F O C F F  U  O  F  C  O  O  .
//	bob   F C C F C F O C F F  F  O  U  C  O  F  F
//	Cara  F O O F U F O C F .  U  O  F  C  .  F  .
//
// Cohen's kappa is (po - pe) / (1 - pe) over the spans both marked, po the
// share they agree on, pe the sum over labels of the product of their
// shares. Krippendorff's alpha is 1 - (n - 1) Do / De over the n labels of
// the spans two or more marked, Do the off-diagonal coincidences (each
// span with one dissent among three adds 4 ordered pairs over m - 1 = 2)
// and De the off-diagonal products of the label totals.
func handKappas() map[string]string {
	k := func(po, pe float64) string { return fmt.Sprintf("%.2f", (po-pe)/(1-pe)) }
	return map[string]string{
		// 16 shared spans, agreeing on all but 3, 5, 11, 13, 16; Ann F6 C3 O5 U2, bob F7 C5 O3 U1.
		"Ann/bob": k(11.0/16, (6*7+3*5+5*3+2*1)/(16.0*16)),
		// 14 shared (not 10, 15), agreeing on all but 2, 16; Ann F5 C3 O4 U2, Cara F6 C2 O4 U2.
		"Ann/Cara": k(12.0/14, (5*6+3*2+4*4+2*2)/(14.0*14)),
		// 14 shared, agreeing on all but 2, 3, 5, 11, 13; bob F6 C5 O2 U1, Cara F6 C2 O4 U2.
		"Cara/bob": k(9.0/14, (6*6+5*2+2*4+1*2)/(14.0*14)),
	}
}

// handAlpha: 46 labels on spans 1-16; six spans with one dissent add 6 * 4
// / 2 = 12 off-diagonal coincidences; the totals are F 19, C 10, O 12, U 5.
func handAlpha() string {
	n, do := 46.0, 12.0
	de := n*n - (19*19 + 10*10 + 12*12 + 5*5)
	return fmt.Sprintf("%.2f", 1-(n-1)*do/de)
}

// key presses a key that types nothing (Enter, Esc, the arrows) or a
// shortcut with a modifier, on whatever has the focus; press (e2e_more_test.go)
// types the others.
func key(k string, mods ...input.Modifier) chromedp.Action {
	var opts []chromedp.KeyOption
	for _, m := range mods {
		opts = append(opts, chromedp.KeyModifiers(m))
	}
	return chromedp.KeyEvent(k, opts...)
}

// blur leaves any field, so that the next keys go to the page.
func blur() chromedp.Action {
	return eval(`(() => { document.activeElement && document.activeElement.blur(); return true })()`, nil)
}

// decided is the number of spans the page says are decided.
const decided = `+document.querySelector("#adjudication-progress").dataset.decided`

// setSelect chooses value in the <select> matching sel and fires change.
func setSelect(sel, value string) chromedp.Action {
	return eval(fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, sel, value), nil)
}

func TestReviewE2E(t *testing.T) {
	dist, _ := e2eSite(t)
	tab := openTab(t, dist)
	ctx, w, root := tab.ctx, tab.w, tab.root
	downloads := t.TempDir()
	step(t, ctx, "start", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true))
	var files []string
	for _, f := range reviewFixtures {
		abs, err := filepath.Abs(filepath.Join(fixturesDir, f))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, abs)
	}

	// Import the three files into a fresh profile with the file picker.
	step(t, ctx, "open the review page", chromedp.Navigate(root), chromedp.WaitVisible("#documents", chromedp.ByQuery),
		chromedp.Click("#nav-review", chromedp.ByQuery), chromedp.WaitVisible("#review-import", chromedp.ByQuery))
	step(t, ctx, "import the three files", chromedp.SetUploadFiles("#review-files", files, chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#import-reports .import-report").length === 3`))
	type report struct {
		File, Format                                          string
		Read, Imported, Reanchored, Orphaned, Rejected, Fails int
	}
	var reports []report
	step(t, ctx, "read the reports", eval(`[...document.querySelectorAll("#import-reports .import-report")].map(e => ({
		File: e.dataset.file, Format: e.dataset.format || "", Read: +e.dataset.read || 0, Imported: +e.dataset.imported || 0,
		Reanchored: +e.dataset.reanchored || 0, Orphaned: +e.dataset.orphaned || 0, Rejected: +e.dataset.rejected || 0,
		Fails: e.classList.contains("failed") ? 1 : 0}))`, &reports))
	orphaned, imported := 0, 0
	for _, r := range reports {
		if r.Fails != 0 || r.Rejected != 0 || r.Read == 0 || r.Imported != r.Read {
			t.Errorf("%s: got %+v, want every entry imported (accepted or re-anchored)", r.File, r)
		}
		orphaned += r.Orphaned
		imported += r.Imported
	}
	if imported != 48 || orphaned != 1 {
		t.Errorf("got %d imported, %d orphaned, want 48 and 1", imported, orphaned)
	}
	var total, orphanText string
	step(t, ctx, "the page counts what was imported and shows the orphan with its note",
		chromedp.Text("#review-total", &total, chromedp.ByQuery),
		chromedp.Text("#orphans .orphan", &orphanText, chromedp.ByQuery))
	if !strings.HasPrefix(total, "48 annotations imported from 3 annotators: 47 placed") {
		t.Errorf("got total %q", total)
	}
	if !strings.Contains(orphanText, "full-year revenue guidance") || !strings.Contains(orphanText, "Heard on the earnings call") {
		t.Errorf("got orphan %q, want its quote and note", orphanText)
	}

	// Importing a file again, or dropping it, adds nothing.
	step(t, ctx, "import a file again", chromedp.SetUploadFiles("#review-files", files[:1], chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#import-reports .import-report").length === 4`),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.imported === "0"`))
	cara, err := os.ReadFile(files[2])
	if err != nil {
		t.Fatal(err)
	}
	drop := fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([%q], "dropped.json", {type: "application/json"}));
		document.body.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true })()`, cara)
	step(t, ctx, "drop a file", eval(drop, nil),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.file === "dropped.json"`),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.imported === "0"`))

	// Agreement: each pair's kappa and the alpha, as computed by hand.
	var kappas map[string]string
	var alpha, rule string
	step(t, ctx, "agreement", eval(`Object.fromEntries([...document.querySelectorAll("#kappa .pair")].map(e => [e.dataset.a + "/" + e.dataset.b, e.dataset.kappa]))`, &kappas),
		chromedp.AttributeValue("#alpha", "data-value", &alpha, nil, chromedp.ByQuery),
		chromedp.Text("#agreement-rule", &rule, chromedp.ByQuery))
	if want := handKappas(); fmt.Sprint(kappas) != fmt.Sprint(want) {
		t.Errorf("got kappas %v, want %v", kappas, want)
	}
	if alpha != handAlpha() {
		t.Errorf("got alpha %q, want %q", alpha, handAlpha())
	}
	if !strings.Contains(rule, "overlap by at least half") {
		t.Errorf("got unit rule %q", rule)
	}

	// Adjudicate with the keyboard alone: bulk accept (Enter on its
	// button; the name is asked once), move with j/k and the arrows, a
	// note (n, type, Esc), a label key for each span, undo and redo.
	var current string
	curKey := `document.querySelector("#current-span").dataset.key`
	step(t, ctx, "bulk accept the unanimous spans",
		eval(`document.querySelector("#accept-unanimous").focus()`, nil), key(kb.Enter),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery), chromedp.SendKeys("#creator-name", "Rita"+kb.Enter, chromedp.ByQuery),
		waitJS(decided+` === 10`), blur(),
		chromedp.AttributeValue("#current-span", "data-key", &current, nil, chromedp.ByQuery))
	var moved string
	step(t, ctx, "j moves to the next span", press("j"), waitJS(curKey+` !== `+jsString(current)), eval(curKey, &moved))
	step(t, ctx, "k moves back", press("k"), waitJS(curKey+` === `+jsString(current)))
	step(t, ctx, "the down arrow moves to the next span", key(kb.ArrowDown), waitJS(curKey+` === `+jsString(moved)))
	step(t, ctx, "the up arrow moves back", key(kb.ArrowUp), waitJS(curKey+` === `+jsString(current)))
	const note = "Checked against the Q1 filing."
	step(t, ctx, "a note for the first span", press("n"), waitJS(`document.activeElement.id === "decision-note"`),
		chromedp.SendKeys("#decision-note", note, chromedp.ByQuery), key(kb.Escape),
		waitJS(`document.activeElement.id !== "decision-note"`))
	firstKey := current
	for n := 10; n < 17; n++ {
		var labels []string
		step(t, ctx, fmt.Sprintf("read span %d", n+1), eval(`[...document.querySelectorAll("#current-span .annotator-label")].map(e => e.dataset.tag)`, &labels))
		label := majority(labels)
		digit := fmt.Sprint(slices.Index(annotation.Tags(), annotation.Tag(label)) + 1)
		step(t, ctx, fmt.Sprintf("decide span %d with %s", n+1, digit), blur(), press(digit), waitJS(fmt.Sprintf(`%s === %d`, decided, n+1)))
		if n == 11 {
			step(t, ctx, "undo and redo", key("z", input.ModifierCtrl), waitJS(fmt.Sprintf(`%s === %d`, decided, n)),
				key("z", input.ModifierCtrl|input.ModifierShift), waitJS(fmt.Sprintf(`%s === %d`, decided, n+1)))
		}
	}
	var progress string
	step(t, ctx, "every span is decided", chromedp.Text("#adjudication-progress", &progress, chromedp.ByQuery))
	if progress != "17 of 17 spans decided" {
		t.Errorf("got %q", progress)
	}

	// Decisions are saved like every other edit: a reload keeps them.
	step(t, ctx, "reload", waitJS(`document.querySelector("#review-saved").dataset.state === "saved"`),
		chromedp.Reload(), chromedp.WaitVisible("#adjudication-progress", chromedp.ByQuery),
		waitJS(`document.querySelector("#adjudication-progress").textContent === "17 of 17 spans decided"`))

	// Export the gold file (JSON, W3C) and the CSV.
	step(t, ctx, "export", chromedp.Click("#export-gold-json", chromedp.ByQuery), chromedp.Click("#export-gold-w3c", chromedp.ByQuery),
		chromedp.Click("#export-gold-csv", chromedp.ByQuery))
	goldJSON := waitFile(t, filepath.Join(downloads, "claimtag-gold.json"))
	validateGold(t, goldJSON)
	g, err := gold.Parse(goldJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Spans) != 17 || !slices.Equal(g.Annotators, []string{"Ann", "Cara", "bob"}) {
		t.Errorf("got %d spans by %v, want 17 by the three annotators", len(g.Spans), g.Annotators)
	}
	noted := false
	for _, s := range g.Spans {
		var labels []string
		for _, src := range s.Annotations {
			labels = append(labels, string(src.Label))
		}
		if s.Reviewer != "Rita" || len(s.Annotations) == 0 || string(s.Label) != majority(labels) {
			t.Errorf("span %q: got %s by %q from %v, want the majority label by Rita with every annotator's", s.Anchor.Exact, s.Label, s.Reviewer, labels)
		}
		if s.Note == note {
			noted = true
			if s.ID != gold.SpanID(firstKey) {
				t.Errorf("the note is on span %q, want the first one, %s", s.Anchor.Exact, firstKey)
			}
		}
	}
	if !noted {
		t.Errorf("no span has the note %q", note)
	}
	goldW3C := waitFile(t, filepath.Join(downloads, "claimtag-gold.w3c.jsonld"))
	validateW3CExport(t, goldW3C)
	rows := readCSV(t, waitFile(t, filepath.Join(downloads, "claimtag-gold.csv")))
	if len(rows) != 1+14*3+2*2+1 || !slices.Equal(rows[0], gold.CSVHeader) {
		t.Errorf("got %d CSV rows, header %q, want a header and one row per span and annotator (47)", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if len(r) != len(gold.CSVHeader) || r[7] != "Rita" || r[10] == "" {
			t.Errorf("got CSV row %q", r)
		}
	}

	// The gold file imports back: into the review it came from it changes
	// nothing (every span is decided the same way already).
	goldPath := filepath.Join(downloads, "claimtag-gold.json")
	step(t, ctx, "import the gold file", chromedp.SetUploadFiles("#review-files", []string{goldPath}, chromedp.ByQuery),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.file === "claimtag-gold.json"`))
	var back struct {
		Format          string
		Read, Decisions int
		Text            string
	}
	step(t, ctx, "read its report", eval(`(e => ({Format: e.dataset.format, Read: +e.dataset.read, Decisions: +e.dataset.decisions,
		Text: e.textContent}))(document.querySelector("#import-reports .import-report"))`, &back))
	if back.Format != "claimtag-gold" || back.Read != 17 || back.Decisions != 0 || !strings.Contains(back.Text, "17 already decided the same way") {
		t.Errorf("got gold import %+v, want 17 spans read, all already decided", back)
	}

	// The overview counts the imported annotations and searches by tag.
	var found int
	step(t, ctx, "overview", chromedp.Click("#to-overview", chromedp.ByQuery), chromedp.WaitVisible("#overview-docs", chromedp.ByQuery),
		setSelect("#tag-search-tag", "forecast"), chromedp.Click("#tag-search button[type=submit]", chromedp.ByQuery),
		chromedp.WaitVisible("#tag-search-total", chromedp.ByQuery),
		eval(`+document.querySelector("#tag-search-total").dataset.total`, &found))
	if found == 0 {
		t.Error("got no forecast passage in the overview")
	}

	// 2,000 quotes found nowhere: the page shows the progress of placing
	// them, and every one is kept as an orphan.
	far := unplaceableFile(t, dist, 2000)
	watch := `(() => { window.seen = {phases: [], total: 0};
		new MutationObserver(() => { const e = document.querySelector("#import-progress[data-phase]");
			if (e) { if (!seen.phases.includes(e.dataset.phase)) seen.phases.push(e.dataset.phase); seen.total = +e.dataset.total; } })
		.observe(document.body, {subtree: true, childList: true, attributes: true}); return true })()`
	var seen struct {
		Phases []string
		Total  int
	}
	step(t, ctx, "import 2,000 unplaceable annotations", chromedp.Navigate(root+"review"), chromedp.WaitVisible("#review-files", chromedp.ByQuery),
		eval(watch, nil), chromedp.SetUploadFiles("#review-files", []string{far}, chromedp.ByQuery),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.file === "unplaceable.json"`),
		eval(`window.seen`, &seen))
	var farReport report
	var took float64
	step(t, ctx, "read the report", eval(`(e => ({Imported: +e.dataset.imported, Orphaned: +e.dataset.orphaned}))(document.querySelector("#import-reports .import-report"))`, &farReport),
		eval(`performance.getEntriesByName("claimtag-review-import").at(-1).duration`, &took))
	t.Logf("2,000 unplaceable annotations imported and placed in the page in %.0f ms; progress seen: %+v", took, seen)
	if !slices.Contains(seen.Phases, "placing") || seen.Total != 2000 {
		t.Errorf("got progress %+v, want placing 2,000 annotations shown", seen)
	}
	if farReport.Imported != 2000 || farReport.Orphaned != 2000 {
		t.Errorf("got %+v, want 2,000 imported, all orphans", farReport)
	}

	// A larger file can be cancelled: nothing of it is added.
	larger := unplaceableFile(t, dist, 40000)
	var before, after string
	step(t, ctx, "cancel a large import", chromedp.Text("#review-total", &before, chromedp.ByQuery),
		chromedp.SetUploadFiles("#review-files", []string{larger}, chromedp.ByQuery),
		chromedp.WaitVisible("#import-cancel", chromedp.ByQuery),
		eval(`document.querySelector("#import-cancel").focus()`, nil), key(kb.Enter),
		waitJS(`document.querySelector("#import-reports .import-report.failed")?.textContent.includes("cancelled")`),
		chromedp.Text("#review-total", &after, chromedp.ByQuery))
	if before != after {
		t.Errorf("got %q after a cancelled import, want %q", after, before)
	}

	// A review that version 1 kept in local storage moves to IndexedDB.
	legacyAnn := g.Spans[0].Annotation()
	legacy, err := json.Marshal(map[string]any{"version": 1, "annotations": []annotation.Annotation{legacyAnn},
		"files": []map[string]any{{"Name": "old.json", "Read": 1, "Added": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	setLegacy := fmt.Sprintf(`(() => { indexedDB.deleteDatabase("claimtag-review"); localStorage.setItem("claimtag.review", %q); return true })()`, legacy)
	migrated := []chromedp.Action{chromedp.WaitVisible("#anchor-counts", chromedp.ByQuery),
		waitJS(`document.querySelector('#anchor-counts [data-status="exact"]').dataset.count === "1"`),
		waitJS(`document.querySelector('.import-report[data-file="old.json"]') !== null`)}
	step(t, ctx, "migrate from local storage", append([]chromedp.Action{eval(setLegacy, nil), chromedp.Reload()}, append(migrated,
		waitJS(`document.querySelector("#review-saved").dataset.state === "saved"`),
		waitJS(`localStorage.getItem("claimtag.review") === null`))...)...)
	step(t, ctx, "the migrated review stays", append([]chromedp.Action{chromedp.Reload()}, migrated...)...)

	// In a fresh review, the annotators' files and the gold file resume
	// the adjudication where it was.
	step(t, ctx, "resume from the gold file", eval(`(() => { indexedDB.deleteDatabase("claimtag-review"); return true })()`, nil),
		chromedp.Reload(), chromedp.WaitVisible("#review-files", chromedp.ByQuery),
		waitJS(`document.querySelector("#review-total").textContent.startsWith("0 annotations")`),
		chromedp.SetUploadFiles("#review-files", append(slices.Clone(files), goldPath), chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#import-reports .import-report").length === 4`),
		waitJS(`document.querySelector('.import-report[data-file="claimtag-gold.json"]').dataset.decisions === "17"`),
		waitJS(`document.querySelector("#adjudication-progress").textContent === "17 of 17 spans decided"`))
	w.check(t)
}

// majority returns the label most of labels are, the first on a tie.
func majority(labels []string) string {
	count := map[string]int{}
	best := ""
	for _, l := range labels {
		if count[l]++; count[l] > count[best] {
			best = l
		}
	}
	return best
}

// readCSV parses a downloaded CSV as a spreadsheet or pandas would: UTF-8
// with a byte order mark, RFC 4180.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}

// validateGold checks a downloaded gold file against its JSON Schema.
func validateGold(t *testing.T, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(gold.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("claimtag-gold.v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("claimtag-gold.v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gold file: %v", err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("the gold file does not match its schema: %v", err)
	}
}

// unplaceableFile writes a claimtag export of n annotations whose quotes
// are nowhere in the site's corpus: 6 to 14 of its words in random order,
// on its documents at random positions, and returns its path.
func unplaceableFile(t *testing.T, dist string, n int) string {
	t.Helper()
	ix := openIndex(t, dist)
	var vocab []string
	docs := ix.Documents()
	for _, d := range docs {
		vocab = append(vocab, strings.Fields(ix.Text(d.ID))...)
	}
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	now := time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC)
	as := make([]annotation.Annotation, 0, n)
	for i := range n {
		words := make([]string, 6+rng.IntN(9))
		for j := range words {
			words[j] = vocab[rng.IntN(len(vocab))]
		}
		quote := strings.Join(words, " ") + fmt.Sprintf(" (%d)", i)
		d := docs[rng.IntN(len(docs))]
		start := rng.IntN(max(1, d.Runes))
		anc := annotation.Anchor{Doc: d.ID, Exact: quote, Start: start, End: start + len([]rune(quote))}
		as = append(as, annotation.New(annotation.Tags()[i%4], anc, "far", now))
	}
	out, err := annotation.NewExport(annotation.CorpusInfo{Fingerprint: ix.Header().Fingerprint}, as, now).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	name := "unplaceable.json"
	if n > 2000 {
		name = fmt.Sprintf("unplaceable-%d.json", n)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
