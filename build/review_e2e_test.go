package main

// The review end-to-end test imports two annotators' files on the review
// page in headless Chromium, resolves their disagreement, exports the
// reviewed set and checks the downloads. It reuses e2e_test.go's site,
// server and browser helpers.
//
//	go test ./build -run ReviewE2E -v

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/claimtag/claimtag/app/annotation"
)

// reviewFiles writes ann's claimtag export and bob's W3C export over the
// site's corpus: both tag one span as fact (agreement) and another span
// as forecast and opinion (disagreement). Ann's file also holds one broken
// entry. It returns the paths and the ids of the disagreeing annotations.
func reviewFiles(t *testing.T, dist, base string) (annPath, bobPath, annForecast, bobOpinion, disputedPassage string) {
	t.Helper()
	ix := openIndex(t, dist)
	doc := ix.Documents()[0]
	text := []rune(ix.Text(doc.ID))
	var spans []annotation.Anchor
	for _, p := range ix.Passages(doc.ID) {
		if p.End-p.Start < 60 || len(spans) == 2 {
			continue
		}
		anc, err := annotation.AnchorRunes(doc.ID, p.ID, text, p.Start, p.Start+40)
		if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, anc)
	}
	if len(spans) < 2 {
		t.Fatalf("document %s has fewer than two long passages", doc.ID)
	}
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	info := annotation.CorpusInfo{Fingerprint: ix.Header().Fingerprint, Documents: []annotation.DocInfo{{ID: doc.ID, Title: doc.Title}}}
	annFact := annotation.New(annotation.Fact, spans[0], "ann", now)
	annFc := annotation.New(annotation.Forecast, spans[1], "ann", now)
	annFc.Note = "guidance, not a result"
	bobFact := annotation.New(annotation.Fact, spans[0], "bob", now)
	bobOp := annotation.New(annotation.Opinion, spans[1], "bob", now)

	own, err := annotation.NewExport(info, []annotation.Annotation{annFact, annFc}, now).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(own, &raw); err != nil {
		t.Fatal(err)
	}
	raw["annotations"] = append(raw["annotations"].([]any), map[string]any{"id": "urn:uuid:broken", "tag": "rumour"})
	own, _ = json.Marshal(raw)
	w3c, err := annotation.W3C(annotation.NewExport(info, []annotation.Annotation{bobFact, bobOp}, now), "https://example.org"+base+"/")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	annPath, bobPath = filepath.Join(dir, "ann.json"), filepath.Join(dir, "bob.w3c.jsonld")
	if err := os.WriteFile(annPath, own, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bobPath, w3c, 0o644); err != nil {
		t.Fatal(err)
	}
	return annPath, bobPath, annFc.ID, bobOp.ID, spans[1].Passage
}

// jsClick clicks the element matching sel from script, wherever it is
// (a fixed footer may cover it for a mouse click).
func jsClick(sel string) chromedp.Action {
	return eval(fmt.Sprintf(`(() => { document.querySelector(%q).click(); return true })()`, sel), nil)
}

// setSelect chooses value in the <select> matching sel and fires change.
func setSelect(sel, value string) chromedp.Action {
	return eval(fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, sel, value), nil)
}

func TestReviewE2E(t *testing.T) {
	dist, _ := e2eSite(t)
	tab := openTab(t, dist)
	ctx, w, root := tab.ctx, tab.w, tab.root
	annPath, bobPath, annID, bobID, passage := reviewFiles(t, dist, e2eBase)
	downloads := t.TempDir()
	step(t, ctx, "start", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true))

	// Import both files with the file picker.
	step(t, ctx, "open the review page", chromedp.Navigate(root), chromedp.WaitVisible("#documents", chromedp.ByQuery),
		chromedp.Click("#nav-review", chromedp.ByQuery), chromedp.WaitVisible("#review-import", chromedp.ByQuery))
	step(t, ctx, "import two files", chromedp.SetUploadFiles("#review-files", []string{annPath, bobPath}, chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#import-reports .import-report").length === 2`))
	var rejected string
	step(t, ctx, "the broken entry is listed", chromedp.Text(`.import-report[data-file="ann.json"] .rejected`, &rejected, chromedp.ByQuery))
	if !strings.Contains(rejected, "urn:uuid:broken") || !strings.Contains(rejected, "tag") {
		t.Errorf("rejected entries = %q, want the broken id and its bad tag", rejected)
	}
	step(t, ctx, "all four re-anchored exactly", waitJS(`document.querySelector('#anchor-counts [data-status="exact"]').dataset.count === "4"`))

	// Importing the same file again changes nothing.
	step(t, ctx, "import again", chromedp.SetUploadFiles("#review-files", []string{annPath}, chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#import-reports .import-report").length === 3`),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.added === "0"`),
		waitJS(`document.querySelectorAll("#groups .review-annotation").length === 4`))

	// Dropping a file on the page imports it too.
	annData, err := os.ReadFile(annPath)
	if err != nil {
		t.Fatal(err)
	}
	drop := fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([%q], "dropped.json", {type: "application/json"}));
		document.body.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true })()`, annData)
	step(t, ctx, "drop a file", eval(drop, nil),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.file === "dropped.json"`),
		waitJS(`document.querySelector("#import-reports .import-report").dataset.added === "0"`))

	// Only the disagreement, with kappa for the pair.
	var kappa string
	step(t, ctx, "show disagreements", setSelect("#review-view", "disagreements"),
		waitJS(`document.querySelectorAll("#groups .group").length === 1`),
		chromedp.WaitVisible(`#groups .group[data-disagreement="yes"]`, chromedp.ByQuery),
		chromedp.Text(`#kappa .pair .kappa`, &kappa, chromedp.ByQuery))
	// One agreed passage (fact/fact) and one not (forecast/opinion): kappa = (0.5-0.25)/(1-0.25).
	if kappa != "0.33" {
		t.Errorf("kappa = %q, want 0.33", kappa)
	}

	// Resolve it: accept ann's forecast, reject bob's opinion.
	accept := fmt.Sprintf(`#groups button.accept[data-id=%q]`, annID)
	reject := fmt.Sprintf(`#groups button.reject[data-id=%q]`, bobID)
	step(t, ctx, "accept", jsClick(accept),
		waitJS(fmt.Sprintf(`document.querySelector('.review-annotation[data-id=%q]').dataset.status === "accepted"`, annID)))
	step(t, ctx, "reject", jsClick(reject),
		waitJS(fmt.Sprintf(`document.querySelector('.review-annotation[data-id=%q]').dataset.status === "rejected"`, bobID)))

	// A reload keeps the imports and the decisions, once written.
	step(t, ctx, "reload", waitJS(`document.querySelector("#review-saved").dataset.state === "saved"`),
		chromedp.Reload(), chromedp.WaitVisible("#groups", chromedp.ByQuery),
		waitJS(fmt.Sprintf(`document.querySelector('.review-annotation[data-id=%q]')?.dataset.status === "accepted"`, annID)),
		waitJS(`document.querySelectorAll("#groups .review-annotation").length === 4`))

	// Export the reviewed set in both formats.
	step(t, ctx, "export", chromedp.Click("#export-reviewed-json", chromedp.ByQuery), chromedp.Click("#export-reviewed-w3c", chromedp.ByQuery))
	reviewed := waitFile(t, filepath.Join(downloads, "claimtag-reviewed.json"))
	validateOwnExport(t, reviewed)
	exp, err := annotation.ParseExport(reviewed)
	if err != nil {
		t.Fatalf("reviewed export: %v", err)
	}
	if len(exp.Annotations) != 1 || exp.Annotations[0].ID != annID || exp.Annotations[0].Status != annotation.Accepted ||
		exp.Annotations[0].Tag != annotation.Forecast || exp.Annotations[0].Note != "guidance, not a result" {
		t.Errorf("reviewed export = %+v, want ann's accepted forecast only", exp.Annotations)
	}
	reviewedW3C := waitFile(t, filepath.Join(downloads, "claimtag-reviewed.w3c.jsonld"))
	validateW3CExport(t, reviewedW3C)
	wexp, err := annotation.ParseW3C(reviewedW3C)
	if err != nil {
		t.Fatalf("reviewed W3C export: %v", err)
	}
	if len(wexp.Annotations) != 1 || wexp.Annotations[0].ID != annID {
		t.Errorf("reviewed W3C export = %+v, want ann's forecast", wexp.Annotations)
	}

	// The overview charts the tags and finds the forecast by tag.
	var charts, hits int
	var hitPassage string
	step(t, ctx, "overview", chromedp.Click("#to-overview", chromedp.ByQuery), chromedp.WaitVisible("#overview-docs", chromedp.ByQuery),
		eval(`document.querySelectorAll("#overview-docs .chart svg rect").length`, &charts),
		setSelect("#tag-search-tag", "forecast"), chromedp.Click("#tag-search button[type=submit]", chromedp.ByQuery),
		chromedp.WaitVisible("#tag-search-total", chromedp.ByQuery),
		eval(`document.querySelectorAll("#tag-search .hit").length`, &hits),
		chromedp.AttributeValue("#tag-search .hit", "data-passage", &hitPassage, nil, chromedp.ByQuery))
	if charts < 4 || hits != 1 || hitPassage != passage {
		t.Errorf("overview: %d bars, %d forecast hits on %q, want 4+ bars and 1 hit on %q", charts, hits, hitPassage, passage)
	}

	// A workspace over local storage's old 4 MB limit is kept too.
	big, n := bigReviewFile(t, dist)
	total := `[...document.querySelectorAll("#anchor-counts [data-status]")].reduce((n, e) => n + +e.dataset.count, 0)`
	step(t, ctx, "import a large file", chromedp.Navigate(root+"review"), chromedp.WaitVisible("#review-files", chromedp.ByQuery),
		chromedp.SetUploadFiles("#review-files", []string{big}, chromedp.ByQuery),
		waitJS(fmt.Sprintf(`%s === %d`, total, 4+n)),
		waitJS(`document.querySelector("#review-saved").dataset.state === "saved"`))
	var saveErr bool
	step(t, ctx, "reload the large review", chromedp.Reload(), chromedp.WaitVisible("#anchor-counts", chromedp.ByQuery),
		waitJS(fmt.Sprintf(`%s === %d`, total, 4+n)),
		setSelect("#review-view", "annotator:ann"),
		waitJS(fmt.Sprintf(`document.querySelector('.review-annotation[data-id=%q]')?.dataset.status === "accepted"`, annID)),
		eval(`!!document.querySelector("#review-save-error")`, &saveErr))
	if saveErr {
		t.Error("got a save error after reloading the large review, want none")
	}

	// A review that version 1 kept in local storage moves to IndexedDB.
	legacy, err := json.Marshal(map[string]any{"version": 1, "annotations": exp.Annotations,
		"files": []map[string]any{{"Name": "old.json", "Read": 1, "Added": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	setLegacy := fmt.Sprintf(`(() => { indexedDB.deleteDatabase("claimtag-review"); localStorage.setItem("claimtag.review", %q); return true })()`, legacy)
	migrated := []chromedp.Action{chromedp.WaitVisible("#anchor-counts", chromedp.ByQuery),
		waitJS(fmt.Sprintf(`%s === 1`, total)),
		waitJS(`document.querySelector('.import-report[data-file="old.json"]') !== null`),
		waitJS(fmt.Sprintf(`document.querySelector('.review-annotation[data-id=%q]')?.dataset.status === "accepted"`, annID))}
	step(t, ctx, "migrate from local storage", append([]chromedp.Action{eval(setLegacy, nil), chromedp.Reload()}, append(migrated,
		waitJS(`document.querySelector("#review-saved").dataset.state === "saved"`),
		waitJS(`localStorage.getItem("claimtag.review") === null`))...)...)
	step(t, ctx, "the migrated review stays", append([]chromedp.Action{chromedp.Reload()}, migrated...)...)
	w.check(t)
}

// bigReviewFile writes a claimtag export of 2,500 annotations with long
// notes, 5 MB, over the first document of the site in dist, and returns
// its path and the number of annotations.
func bigReviewFile(t *testing.T, dist string) (string, int) {
	t.Helper()
	const n = 2500
	ix := openIndex(t, dist)
	doc := ix.Documents()[0]
	text := []rune(ix.Text(doc.ID))
	ps := ix.Passages(doc.ID)
	now := time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC)
	note := strings.Repeat("A long reviewer's note. ", 80)
	var as []annotation.Annotation
	for i := range n {
		p := ps[i%len(ps)]
		anc, err := annotation.AnchorRunes(doc.ID, p.ID, text, p.Start, min(p.End, p.Start+10))
		if err != nil {
			t.Fatal(err)
		}
		a := annotation.New(annotation.Fact, anc, "cat", now)
		a.Note = note
		as = append(as, a)
	}
	info := annotation.CorpusInfo{Fingerprint: ix.Header().Fingerprint, Documents: []annotation.DocInfo{{ID: doc.ID, Title: doc.Title}}}
	out, err := annotation.NewExport(info, as, now).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 5<<20 {
		t.Fatalf("the large file is %d bytes, want over 5 MB", len(out))
	}
	path := filepath.Join(t.TempDir(), "cat.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, n
}
