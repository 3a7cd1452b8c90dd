package main

// The rebuild test tags a claim, rebuilds the site on an edited corpus and
// checks, as a user would, where the user's annotation went: onto the
// claim's new place after a sentence was inserted before its paragraph and
// a word changed in it, and into "not placed" (still exported) once the
// paragraph is deleted. It reuses e2e_test.go's helpers.
//
//	go test ./build -run E2ERebuilt -v

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/claimtag/claimtag/index"
)

// The memo of the rebuild test, in three versions.
const (
	memoIntro   = "Kingsoft Cloud reported its first quarter results on 20 May."
	memoClaim   = "Revenue grew 12% to RMB 2.1 billion, driven by AI customers."
	memoEdited  = "Revenue grew 12% to RMB 2.1 billion, driven by cloud customers."
	memoMargin  = "Gross margin was 15%."
	memoOutlook = "Management expects margins to improve in the second half."
	memoShares  = "Shares rose 4% in early trading."
)

func memo(paragraphs ...string) []byte {
	return []byte("Claims memo\n\n" + strings.Join(paragraphs, "\n\n") + "\n")
}

// findPassage returns the passage of doc holding s, and s's code point
// offset in the document's text.
func findPassage(t *testing.T, ix *index.Index, doc, s string) (index.Passage, int) {
	t.Helper()
	for _, p := range ix.Passages(doc) {
		if i := strings.Index(p.Text, s); i >= 0 {
			return p, p.Start + len([]rune(p.Text[:i]))
		}
	}
	t.Fatalf("no %q in %s", s, doc)
	return index.Passage{}, 0
}

func TestE2ERebuiltCorpus(t *testing.T) {
	findChromium(t)
	dir := t.TempDir()
	wasm := buildTestWasm(t, dir)
	corpus, dist := filepath.Join(dir, "corpus"), filepath.Join(dir, "dist")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, "testdata/hostile", corpus) // a second document
	build := func(text []byte) *index.Index {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpus, "memo.txt"), text, 0o644); err != nil {
			t.Fatal(err)
		}
		var log strings.Builder
		if err := buildSite(siteConfig{In: corpus, Out: dist, Base: e2eBase, Web: "../web", Wasm: wasm}, &log); err != nil {
			t.Fatalf("building the site: %v\n%s", err, log.String())
		}
		return openIndex(t, dist)
	}
	ix := build(memo(memoIntro, memoClaim+" "+memoMargin, memoOutlook))
	const doc = "memo"
	if _, ok := ix.Document(doc); !ok {
		t.Fatalf("no document %q", doc)
	}
	tab := openTab(t, dist)
	ctx := tab.ctx
	docURL := tab.root + "doc?id=" + doc

	// Tag the claim with the mouse, and note it.
	ps, _ := findPassage(t, ix, doc, memoClaim)
	prunes := []rune(ps.Text)
	from := len([]rune(ps.Text[:strings.Index(ps.Text, memoClaim)]))
	to := from + len([]rune(memoClaim))
	var id string
	const note = "Check against the 6-K"
	step(t, ctx, "the claim is tagged and noted",
		chromedp.Navigate(docURL), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery),
		eval(selectJS(ps.ID, u16(prunes[:from]), u16(prunes[:to])), nil),
		press("1"),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery),
		chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="fact"]`, chromedp.ByQuery),
		eval(`document.querySelector('#doc mark[data-tag="fact"]').dataset.ann`, &id),
		chromedp.WaitVisible("#ann-note", chromedp.ByQuery),
		chromedp.SendKeys("#ann-note", note, chromedp.ByQuery), chromedp.KeyEvent(kb.Escape),
		waitStored(fmt.Sprintf(`recs.some(a => a.note === %q)`, note)))

	// A new build is installed the way the app offers it: an update check,
	// then the banner's Reload.
	update := func(name string) {
		t.Helper()
		step(t, ctx, name,
			eval(`window.__oldPage = true`, nil),
			eval(`goappTryUpdate(), true`, nil),
			chromedp.WaitVisible(`//div[@id="update-banner"]//button[.="Reload"]`, chromedp.BySearch),
			chromedp.Click(`//div[@id="update-banner"]//button[.="Reload"]`, chromedp.BySearch),
			waitAcrossLoads(`!window.__oldPage && document.querySelector("#doc .passage") !== null`))
	}
	step(t, ctx, "the service worker controls the page", waitJS(`navigator.serviceWorker.ready.then(r => r.active.state === "activated")`),
		chromedp.Reload(), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery), waitJS(`navigator.serviceWorker.controller !== null`))

	// Version 2: a sentence inserted before the claim's paragraph, a word
	// of the claim changed.
	ix2 := build(memo(memoIntro+" "+memoShares, memoEdited+" "+memoMargin, memoOutlook))
	_, at := findPassage(t, ix2, doc, memoEdited)
	update("the rebuilt site is loaded")
	checkMoved := func(name string) {
		t.Helper()
		var marked, placement string
		step(t, ctx, name, chromedp.WaitVisible(markSel(id), chromedp.ByQuery),
			eval(annText(id), &marked),
			chromedp.AttributeValue(markSel(id), "data-placement", &placement, nil, chromedp.ByQuery),
			chromedp.WaitVisible(`#placement-note[data-count="1"]`, chromedp.ByQuery))
		if marked != memoEdited {
			t.Errorf("%s: the mark holds %q, want the edited claim %q", name, marked, memoEdited)
		}
		if placement != "fuzzy" {
			t.Errorf("%s: the mark's placement is %q, want fuzzy, to confirm", name, placement)
		}
	}
	checkMoved("the mark sits on the claim's new place")
	var was string
	step(t, ctx, "the panel says what was tagged",
		chromedp.Click(markSel(id), chromedp.ByQuery),
		chromedp.WaitVisible(`#ann-placement[data-status="fuzzy"] #ann-confirm`, chromedp.ByQuery),
		chromedp.Text("#ann-placement .was", &was, chromedp.ByQuery))
	if was != memoClaim {
		t.Errorf("the panel says you tagged %q, want %q", was, memoClaim)
	}
	step(t, ctx, "a reload shows the same", chromedp.Reload(), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery))
	checkMoved("after a reload the mark is still on the new place, to confirm")
	exp := exportOwn(t, ctx)
	if len(exp.Annotations) != 1 {
		t.Fatalf("the export has %d annotations, want 1", len(exp.Annotations))
	}
	if a := exp.Annotations[0]; a.Anchor.Exact != memoEdited || a.Anchor.Start != at || a.Note != note || exp.Corpus.Fingerprint != ix2.Header().Fingerprint {
		t.Errorf("exported %q at %d (note %q, corpus %s), want %q at %d on %s", a.Anchor.Exact, a.Anchor.Start, a.Note,
			exp.Corpus.Fingerprint, memoEdited, at, ix2.Header().Fingerprint)
	}

	// Version 3: the claim's paragraph deleted.
	build(memo(memoIntro+" "+memoShares, memoOutlook))
	update("the site without the claim is loaded")
	var quote, shownNote string
	step(t, ctx, "the annotation is listed as not placed, with its quote and note",
		chromedp.WaitVisible(fmt.Sprintf(`#not-placed .not-placed-item[data-ann=%q]`, id), chromedp.ByQuery),
		chromedp.Text(fmt.Sprintf(`#not-placed .not-placed-item[data-ann=%q] .quote`, id), &quote, chromedp.ByQuery),
		chromedp.Text(fmt.Sprintf(`#not-placed .not-placed-item[data-ann=%q] .note`, id), &shownNote, chromedp.ByQuery))
	if quote != memoEdited || shownNote != note {
		t.Errorf("not placed shows %q with note %q, want %q with %q", quote, shownNote, memoEdited, note)
	}
	var marks int
	step(t, ctx, "no mark is left on the text", eval(`document.querySelectorAll("#doc mark").length`, &marks))
	if marks != 0 {
		t.Errorf("%d marks on the text, want none", marks)
	}
	step(t, ctx, "a reload shows it not placed still", chromedp.Reload(),
		chromedp.WaitVisible(fmt.Sprintf(`#not-placed .not-placed-item[data-ann=%q]`, id), chromedp.ByQuery))
	exp = exportOwn(t, ctx)
	if len(exp.Annotations) != 1 || exp.Annotations[0].ID != id || exp.Annotations[0].Note != note {
		t.Errorf("the export has %+v, want the annotation not placed, with its note", exp.Annotations)
	}
	tab.w.check(t)
}
