package main

// More end-to-end tests, each on its own browser and site: tagging a mouse
// selection, notes and evidence, removing annotations, the search page's
// keyboard, errors, history and filters, the shortcuts help, and the update
// prompt after a new build. They reuse e2e_test.go's helpers.
//
//	go test ./build -run 'E2E' -v

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/index"
)

// e2eTab is a headless Chromium tab on a served site.
type e2eTab struct {
	ctx  context.Context
	root string // the site's address, ending in /
	srv  *httptest.Server
	w    *watcher
}

// openTab serves dist under e2eBase and opens Chromium on it; both stop
// when the test ends.
func openTab(t *testing.T, dist string) *e2eTab {
	t.Helper()
	chrome := findChromium(t)
	srv := httptest.NewServer(siteServer(dist, e2eBase))
	t.Cleanup(srv.Close)
	ctx := newBrowser(t, chrome)
	tab := &e2eTab{ctx: ctx, root: srv.URL + e2eBase + "/", srv: srv, w: &watcher{origin: srv.URL, logf: t.Logf}}
	tab.w.listen(ctx)
	step(t, ctx, "the browser starts", network.Enable(), runtime.Enable(), cdplog.Enable())
	return tab
}

// quietErrorf logs chromedp's errors but for the top-layer events a modal
// <dialog> sends, which chromedp v0.14 does not know and reports each time.
func quietErrorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "EventTopLayerElementsUpdated") {
		log.Print(msg)
	}
}

// openIndex opens the index of a built site from its pieces, as the app
// does.
func openIndex(t testing.TB, dist string) *index.Index {
	t.Helper()
	ix, err := openPieces(filepath.Join(dist, "web"))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// exportOwn downloads the claimtag JSON export of every annotation into a
// fresh folder, checks it against the schema and parses it.
func exportOwn(t *testing.T, ctx context.Context) annotation.Export {
	t.Helper()
	dir := t.TempDir()
	step(t, ctx, "the claimtag JSON export downloads",
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir),
		eval(`document.querySelector("#export").open = true`, nil),
		chromedp.Click("#export-json", chromedp.ByQuery))
	data := waitFile(t, filepath.Join(dir, "claimtag-annotations.json"))
	validateOwnExport(t, data)
	exp, err := annotation.ParseExport(data)
	if err != nil {
		t.Fatalf("own export: %v", err)
	}
	return exp
}

// storedAnnotations reads the annotations IndexedDB holds, as the app
// would after a reload.
func storedAnnotations(t *testing.T, ctx context.Context) map[string]annotation.Annotation {
	t.Helper()
	var recs []string
	step(t, ctx, "IndexedDB is read", eval(storedJS, &recs))
	out := map[string]annotation.Annotation{}
	for _, r := range recs {
		a, err := annotation.Migrate([]byte(r))
		if err != nil {
			t.Fatalf("stored record %s: %v", r, err)
		}
		out[a.ID] = a
	}
	return out
}

// storedJS resolves to the records of the app's IndexedDB store.
const storedJS = `new Promise((ok, fail) => {
	const open = indexedDB.open("claimtag");
	open.onerror = () => fail(open.error);
	open.onsuccess = () => {
		const db = open.result;
		const all = db.transaction("annotations").objectStore("annotations").getAll();
		all.onsuccess = () => { db.close(); ok(all.result); };
		all.onerror = () => fail(all.error);
	};
})`

// waitStored polls IndexedDB until the JavaScript predicate holds for the
// array of stored annotations, recs.
func waitStored(pred string) chromedp.Action {
	return waitJS(`(` + storedJS + `).then(raw => { const recs = raw.map(r => JSON.parse(r)); return ` + pred + `; })`)
}

// selectJS selects the UTF-16 units [from, to) of the text of passage
// element #p-ID, across its sentence spans and marks, as a mouse would, and
// returns the selected text.
func selectJS(passage string, from, to int) string {
	return fmt.Sprintf(`(() => {
	const p = document.getElementById(%q), from = %d, to = %d;
	const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
	const r = document.createRange();
	let at = 0, started = false, n;
	while ((n = walk.nextNode())) {
		const len = n.data.length;
		if (!started && from < at + len) { r.setStart(n, from - at); started = true; }
		if (started && to <= at + len) { r.setEnd(n, to - at); break; }
		at += len;
	}
	const s = getSelection();
	s.removeAllRanges();
	s.addRange(r);
	return s.toString();
})()`, "p-"+passage, from, to)
}

// u16 is the length of s in UTF-16 code units, as the DOM counts.
func u16(s []rune) int { return len(utf16.Encode(s)) }

// annText is the text of every mark of annotation id, in order.
func annText(id string) string {
	return fmt.Sprintf(`[...document.querySelectorAll('#doc mark[data-ann=%q]')].map(m => m.textContent).join("")`, id)
}

// press types a printable key as one native key press: the keydown carries
// the text, so the page's preventDefault stops it as in a browser.
// chromedp.KeyEvent sends the text as a separate char event, which lands in
// whatever has the focus by then (the name dialog a tag key opens).
func press(key string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		v, ok := kb.Keys[[]rune(key)[0]]
		if !ok || !v.Print {
			return fmt.Errorf("press %q: not a printable key", key)
		}
		var mod input.Modifier
		if v.Shift {
			mod = input.ModifierShift
		}
		down := input.DispatchKeyEvent(input.KeyDown).WithKey(v.Key).WithCode(v.Code).WithModifiers(mod).
			WithText(v.Text).WithUnmodifiedText(v.Unmodified).
			WithWindowsVirtualKeyCode(v.Windows).WithNativeVirtualKeyCode(v.Native)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(v.Key).WithCode(v.Code).WithModifiers(mod).
			WithWindowsVirtualKeyCode(v.Windows).WithNativeVirtualKeyCode(v.Native).Do(ctx)
	})
}

// TestE2ETagSelection tags text selected in the DOM, across sentences and
// non-ASCII characters, and a word selected by a double click, and checks
// the marks, IndexedDB and the export against the index's own text.
func TestE2ETagSelection(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx

	// A passage with an em dash: select from "rose" to the "First" that
	// starts the next sentence.
	var doc string
	var ps index.Passage
	for _, d := range ix.Documents() {
		for _, p := range ix.Passages(d.ID) {
			if doc == "" && strings.Contains(p.Text, "rose —") && strings.Contains(p.Text, "pillars. First") {
				doc, ps = d.ID, p
			}
		}
	}
	if doc == "" {
		t.Fatal(`no passage has "rose — … pillars. First"; the corpus changed`)
	}
	text := []rune(ix.Text(doc))
	prunes := []rune(ps.Text)
	from := strings.Index(ps.Text, "rose")
	to := strings.Index(ps.Text, "pillars. First") + len("pillars. First")
	from, to = len([]rune(ps.Text[:from])), len([]rune(ps.Text[:to]))
	want := string(prunes[from:to])
	if !strings.Contains(want, "—") || len(ps.Sentences) < 2 {
		t.Fatalf("selection %q: want it to hold the em dash and cross a sentence", want)
	}

	step(t, ctx, "the document opens", chromedp.Navigate(tab.root+"doc?id="+doc),
		chromedp.WaitVisible("#p-"+ps.ID, chromedp.ByQuery))
	var selected string
	step(t, ctx, "text across two sentences is selected", eval(selectJS(ps.ID, u16(prunes[:from]), u16(prunes[:to])), &selected))
	if selected != want {
		t.Fatalf("the DOM selection is %q, want %q", selected, want)
	}
	step(t, ctx, "2 tags the selection as a forecast, after asking for a name",
		press("2"),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery),
		chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		chromedp.WaitVisible(`#doc mark[data-tag="forecast"]`, chromedp.ByQuery),
		waitStored(`recs.some(a => a.tag === "forecast")`))
	var forecastID, marked string
	var collapsed bool
	step(t, ctx, "the forecast is marked",
		eval(`document.querySelector('#doc mark[data-tag="forecast"]').dataset.ann`, &forecastID))
	step(t, ctx, "the marks hold the selected text", eval(annText(forecastID), &marked),
		eval(`getSelection().isCollapsed`, &collapsed))
	if marked != want {
		t.Errorf("the forecast's marks read %q, want the selection %q", marked, want)
	}
	if !collapsed {
		t.Error("the selection is still there after tagging it")
	}

	// A double click selects a word with the mouse; 3 tags it.
	word := "utilisation"
	wi := strings.Index(ps.Text, "server "+word)
	if wi < 0 {
		t.Fatalf("no %q in passage %s", word, ps.ID)
	}
	wFrom := len([]rune(ps.Text[:wi+len("server ")]))
	var box []float64
	step(t, ctx, "the word is located on screen", eval(fmt.Sprintf(`(() => {
		%s;
		const r = getSelection().getRangeAt(0).getBoundingClientRect();
		getSelection().removeAllRanges();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`, selectJS(ps.ID, u16(prunes[:wFrom]), u16(prunes[:wFrom+len(word)]))), &box))
	var dbl string
	step(t, ctx, "a double click selects the word",
		chromedp.MouseClickXY(box[0], box[1]),
		chromedp.MouseClickXY(box[0], box[1], chromedp.ClickCount(2)),
		waitJS(`!getSelection().isCollapsed`),
		eval(`getSelection().toString()`, &dbl))
	if strings.TrimSpace(dbl) != word {
		t.Fatalf("the double click selected %q, want %q", dbl, word)
	}
	var opinionID string
	step(t, ctx, "3 tags the word as an opinion", press("3"),
		chromedp.WaitVisible(`#doc mark[data-tag="opinion"]`, chromedp.ByQuery),
		eval(`document.querySelector('#doc mark[data-tag="opinion"]').dataset.ann`, &opinionID),
		waitStored(`recs.length === 2`))
	step(t, ctx, "the opinion's mark holds the word", eval(annText(opinionID), &marked))
	if marked != word {
		t.Errorf("the opinion's marks read %q, want %q", marked, word)
	}

	// The export anchors both spans in the document text.
	exp := exportOwn(t, ctx)
	got := map[annotation.Tag]annotation.Annotation{}
	for _, a := range exp.Annotations {
		got[a.Tag] = a
	}
	for _, c := range []struct {
		tag        annotation.Tag
		exact      string
		start, end int
	}{
		{annotation.Forecast, want, ps.Start + from, ps.Start + to},
		{annotation.Opinion, word, ps.Start + wFrom, ps.Start + wFrom + len(word)},
	} {
		a, ok := got[c.tag]
		if !ok {
			t.Errorf("the export has no %s (%+v)", c.tag, exp.Annotations)
			continue
		}
		if a.Anchor.Doc != doc || a.Anchor.Exact != c.exact || a.Anchor.Start != c.start || a.Anchor.End != c.end {
			t.Errorf("%s anchor = %s [%d,%d) %q, want %s [%d,%d) %q", c.tag, a.Anchor.Doc, a.Anchor.Start, a.Anchor.End, a.Anchor.Exact,
				doc, c.start, c.end, c.exact)
		}
		if a.Anchor.Start >= 0 && a.Anchor.End <= len(text) && a.Anchor.Start < a.Anchor.End {
			if s := string(text[a.Anchor.Start:a.Anchor.End]); s != a.Anchor.Exact {
				t.Errorf("%s: the document text at [%d,%d) is %q, want Exact %q", c.tag, a.Anchor.Start, a.Anchor.End, s, a.Anchor.Exact)
			}
		}
		if a.Creator != "Ada" {
			t.Errorf("%s creator = %q, want Ada", c.tag, a.Creator)
		}
	}
	tab.w.check(t)
}

// tagSentences tags the next n sentences as facts with j then 1, naming
// the creator on the first, and returns the new annotations' ids in order.
func tagSentences(t *testing.T, ctx context.Context, n int) []string {
	t.Helper()
	var ids []string
	for i := 0; i < n; i++ {
		acts := []chromedp.Action{press("j"), press("1")}
		if i == 0 {
			acts = append(acts, chromedp.WaitVisible("#creator-name", chromedp.ByQuery),
				chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery))
		}
		var id string
		acts = append(acts, waitJS(fmt.Sprintf(`document.querySelectorAll('#doc mark[data-tag="fact"]').length === %d`, i+1)),
			eval(`document.querySelector("#ann-panel").dataset.ann`, &id))
		step(t, ctx, fmt.Sprintf("j then 1 tags sentence %d as a fact", i+1), acts...)
		ids = append(ids, id)
	}
	want := fmt.Sprintf("recs.length === %d", n)
	step(t, ctx, "the facts are stored", waitStored(want))
	return ids
}

func markSel(id string) string { return fmt.Sprintf(`#doc mark[data-ann=%q]`, id) }

// TestE2ENoteAndEvidence edits a fact's note and evidence in the panel and
// checks that they are stored, shown for that fact only, kept across a
// reload and exported.
func TestE2ENoteAndEvidence(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx
	doc := ix.Documents()[0].ID
	const note, evidence = "Revenue figure from the Q4 release – see p. 3", "https://example.org/kc-q4-2025"

	step(t, ctx, "the document opens", chromedp.Navigate(tab.root+"doc?id="+doc), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery))
	ids := tagSentences(t, ctx, 2)
	a, b := ids[0], ids[1]

	step(t, ctx, "clicking the first fact shows it in the panel",
		chromedp.Click(markSel(a), chromedp.ByQuery),
		chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q] #ann-evidence`, a), chromedp.ByQuery))
	step(t, ctx, "a note and evidence are typed into the panel",
		chromedp.SendKeys("#ann-note", note, chromedp.ByQuery), chromedp.KeyEvent(kb.Tab),
		waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.note === %q)`, a, note)),
		chromedp.SendKeys("#ann-evidence", evidence, chromedp.ByQuery), chromedp.KeyEvent(kb.Tab),
		waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.evidence === %q)`, a, evidence)))

	panel := func(name, id, wantNote, wantEvidence string) {
		t.Helper()
		var gotNote, gotEvidence string
		step(t, ctx, name, chromedp.Click(markSel(id), chromedp.ByQuery),
			chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q] #ann-evidence`, id), chromedp.ByQuery),
			chromedp.Value("#ann-note", &gotNote, chromedp.ByQuery),
			chromedp.Value("#ann-evidence", &gotEvidence, chromedp.ByQuery))
		if gotNote != wantNote || gotEvidence != wantEvidence {
			t.Errorf("%s: the panel shows note %q, evidence %q; want %q, %q", name, gotNote, gotEvidence, wantNote, wantEvidence)
		}
	}
	var undone, redone string
	step(t, ctx, "undo takes the evidence back out of the panel and the store",
		chromedp.KeyEvent("z", chromedp.KeyModifiers(input.ModifierCtrl)),
		waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.note === %q && !a.evidence)`, a, note)),
		chromedp.Sleep(200*time.Millisecond), chromedp.Value("#ann-evidence", &undone, chromedp.ByQuery))
	step(t, ctx, "redo puts it back",
		chromedp.KeyEvent("Z", chromedp.KeyModifiers(input.ModifierCtrl|input.ModifierShift)),
		waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.evidence === %q)`, a, evidence)),
		chromedp.Sleep(200*time.Millisecond), chromedp.Value("#ann-evidence", &redone, chromedp.ByQuery))
	if undone != "" || redone != evidence {
		t.Errorf("the evidence field shows %q after undo and %q after redo, want %q and %q", undone, redone, "", evidence)
	}
	panel("the second fact's panel is empty", b, "", "")
	panel("the first fact's panel shows its note again", a, note, evidence)
	step(t, ctx, "the page reloads", chromedp.Reload(), chromedp.WaitVisible(markSel(a), chromedp.ByQuery))
	panel("after the reload the panel shows the note and evidence", a, note, evidence)
	panel("after the reload the second fact has none", b, "", "")

	exp := exportOwn(t, ctx)
	byID := map[string]annotation.Annotation{}
	for _, x := range exp.Annotations {
		byID[x.ID] = x
	}
	if got := byID[a]; got.Note != note || got.Evidence != evidence {
		t.Errorf("exported first fact: note %q, evidence %q; want %q, %q", got.Note, got.Evidence, note, evidence)
	}
	if got, ok := byID[b]; !ok || got.Note != "" || got.Evidence != "" {
		t.Errorf("exported second fact: %+v (present %v), want it with no note or evidence", got, ok)
	}
	tab.w.check(t)
}

// TestE2ERemoveAnnotation removes annotations with the panel's button, x
// and Delete, and checks that the removals are stored and survive a reload.
func TestE2ERemoveAnnotation(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx
	doc := ix.Documents()[0].ID

	step(t, ctx, "the document opens", chromedp.Navigate(tab.root+"doc?id="+doc), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery))
	ids := tagSentences(t, ctx, 4)

	gone := func(id string) chromedp.Action {
		return chromedp.Tasks{
			waitJS(fmt.Sprintf(`!document.querySelector('%s')`, markSel(id))),
			waitStored(fmt.Sprintf(`!recs.some(a => a.id === %q)`, id)),
		}
	}
	step(t, ctx, "the panel's Remove button removes the clicked fact",
		chromedp.Click(markSel(ids[0]), chromedp.ByQuery),
		chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, ids[0]), chromedp.ByQuery),
		chromedp.Click("#ann-remove", chromedp.ByQuery), gone(ids[0]),
		chromedp.WaitVisible("#ann-panel.empty", chromedp.ByQuery))
	step(t, ctx, "x removes the clicked fact",
		chromedp.Click(markSel(ids[1]), chromedp.ByQuery),
		chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, ids[1]), chromedp.ByQuery),
		press("x"), gone(ids[1]))
	// x left the focus on the removed fact's sentence: j goes to the next.
	step(t, ctx, "Delete removes the fact focused with j",
		press("j"),
		chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, ids[2]), chromedp.ByQuery),
		chromedp.KeyEvent(kb.Delete), gone(ids[2]))
	step(t, ctx, "x with nothing focused removes nothing",
		chromedp.KeyEvent(kb.Escape), chromedp.WaitVisible("#ann-panel.empty", chromedp.ByQuery),
		press("x"), chromedp.Sleep(300*time.Millisecond),
		waitStored(fmt.Sprintf(`recs.length === 1 && recs[0].id === %q`, ids[3])))

	var left []string
	step(t, ctx, "after a reload only the last fact is there", chromedp.Reload(),
		chromedp.WaitVisible(markSel(ids[3]), chromedp.ByQuery),
		eval(`[...new Set([...document.querySelectorAll("#doc mark")].map(m => m.dataset.ann))]`, &left))
	if len(left) != 1 || left[0] != ids[3] {
		t.Errorf("marks after the reload: %v, want only %s", left, ids[3])
	}
	if st := storedAnnotations(t, ctx); len(st) != 1 {
		t.Errorf("IndexedDB holds %d annotations, want 1", len(st))
	}
	tab.w.check(t)
}

// historyGo moves through the tab's history like the browser's back and
// forward buttons.
func historyGo(delta int64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		cur, entries, err := page.GetNavigationHistory().Do(ctx)
		if err != nil {
			return err
		}
		i := cur + delta
		if i < 0 || i >= int64(len(entries)) {
			return fmt.Errorf("no history entry %d from %d of %d", delta, cur, len(entries))
		}
		return page.NavigateToHistoryEntry(entries[i].ID).Do(ctx)
	})
}

// query puts q into the search box as one input event, so that exactly
// one search (and one history entry) follows.
func query(q string) chromedp.Action {
	return eval(fmt.Sprintf(`(() => { const s = document.getElementById("search"); s.value = %q; s.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, q), nil)
}

// TestE2ESearchUX checks the search page: / focuses the box, a broken query
// explains itself, an empty result says so, back and forward restore
// searches, and facets filter the hits through the URL.
func TestE2ESearchUX(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx

	var active, value string
	step(t, ctx, "the search page loads", chromedp.Navigate(tab.root), chromedp.WaitVisible("#documents", chromedp.ByQuery))
	step(t, ctx, "/ focuses the search box without typing into it",
		eval(`document.activeElement.blur()`, nil), waitJS(`document.activeElement.id !== "search"`),
		press("/"), chromedp.Sleep(100*time.Millisecond),
		eval(`document.activeElement.id`, &active), chromedp.Value("#search", &value, chromedp.ByQuery))
	if active != "search" || value != "" {
		t.Errorf("after /, the focus is on %q and the box holds %q; want the box, empty", active, value)
	}

	var msg, hint string
	step(t, ctx, "an unclosed quote explains the problem",
		chromedp.SendKeys("#search", `"unclosed`, chromedp.ByQuery),
		chromedp.WaitVisible("#query-error", chromedp.ByQuery),
		chromedp.Text("#query-error .msg", &msg, chromedp.ByQuery), chromedp.Text("#query-error .hint", &hint, chromedp.ByQuery))
	if !strings.Contains(msg, "phrase is not closed") || !strings.Contains(hint, `closing "`) {
		t.Errorf("query error: %q / %q, want the unclosed phrase and how to close it", msg, hint)
	}

	var total string
	step(t, ctx, "the page still searches after the error", query("EBITDA"),
		chromedp.WaitVisible(".hit mark", chromedp.ByQuery), waitJS(`!document.querySelector("#query-error")`),
		chromedp.Text("#total", &total, chromedp.ByQuery))
	// A misspelling is corrected from the corpus's own words (the index's
	// Result.Corrected); a word with no near match says nothing matches.
	var marked []string
	step(t, ctx, "a misspelling is corrected and finds Kingsoft", query("Kingsfot"),
		waitJS(`new URLSearchParams(location.search).get("q") === "Kingsfot" && document.querySelector(".hit mark")?.textContent.toLowerCase() === "kingsoft"`),
		eval(`[...document.querySelectorAll(".hit mark")].map(m => m.textContent.toLowerCase())`, &marked))
	if len(marked) == 0 || marked[0] != "kingsoft" {
		t.Errorf("Kingsfot: marked %v, want Kingsoft", marked)
	}
	var none string
	step(t, ctx, "a word matching nothing says so", query("Qzxwvq"),
		chromedp.WaitVisible("#no-hits", chromedp.ByQuery), chromedp.Text("#no-hits", &none, chromedp.ByQuery))
	if none != "No passage matches “Qzxwvq”." {
		t.Errorf("no hits = %q", none)
	}

	// Back and forward bring the earlier searches back, box included.
	restored := func(name string, delta int64, q, totalJS string) {
		t.Helper()
		step(t, ctx, name, historyGo(delta),
			waitJS(fmt.Sprintf(`new URLSearchParams(location.search).get("q") === %q`, q)),
			waitJS(fmt.Sprintf(`document.getElementById("search").value === %q`, q)),
			waitJS(totalJS))
	}
	restored("back restores the corrected search", -1, "Kingsfot", `document.querySelector(".hit mark")?.textContent.toLowerCase() === "kingsoft"`)
	restored("back again restores the EBITDA hits", -1, "EBITDA",
		`document.querySelector("#total")?.textContent === `+jsString(total)+` && document.querySelector(".hit mark")?.textContent === "EBITDA"`)
	restored("forward restores the corrected search", 1, "Kingsfot", `document.querySelector(".hit mark")?.textContent.toLowerCase() === "kingsoft"`)

	// Facets: a document, then (instead) a date.
	var all int
	step(t, ctx, "a broad search lists facets", query("cloud"),
		chromedp.WaitVisible(".facet a", chromedp.ByQuery),
		waitJS(`new URLSearchParams(location.search).get("q") === "cloud" && document.querySelector("#total") !== null`),
		eval(`+document.querySelector("#total").dataset.total`, &all))
	docs := ix.Documents()
	target := docs[2]
	facet := func(title, label string) string {
		return fmt.Sprintf(`//div[contains(@class,"facet")][h2=%q]//a[starts-with(normalize-space(.), %q)]`, title, label+" (")
	}
	var hitDocs []string
	var n int
	step(t, ctx, "a document facet narrows the hits to it",
		chromedp.Click(facet("Document", target.Title), chromedp.BySearch),
		waitJS(fmt.Sprintf(`new URLSearchParams(location.search).get("doc") === %q`, target.ID)),
		waitJS(fmt.Sprintf(`(hs => hs.length > 0 && hs.every(h => h.dataset.doc === %q))([...document.querySelectorAll(".hit")])`, target.ID)),
		eval(`[...document.querySelectorAll(".hit")].map(h => h.dataset.doc)`, &hitDocs),
		eval(`+document.querySelector("#total").dataset.total`, &n))
	if len(hitDocs) == 0 || n >= all {
		t.Errorf("document filter: %d hits of %d, want fewer, all in %s", n, all, target.ID)
	}
	step(t, ctx, "clicking the active facet drops the filter",
		chromedp.Click(facet("Document", target.Title), chromedp.BySearch),
		waitJS(`!new URLSearchParams(location.search).has("doc")`),
		waitJS(fmt.Sprintf(`+document.querySelector("#total")?.dataset.total === %d`, all)))

	// Every date facet must give as many hits as it says, all of that date
	// (2026-03 covers 2026-03-10: the filter matches prefixes).
	dateOf := map[string]string{}
	for _, d := range docs {
		dateOf[d.ID] = d.Date
	}
	var dates []struct {
		Value string
		Count int
	}
	step(t, ctx, "the date facets are read", eval(`[...document.querySelectorAll(".facet")].filter(f => f.querySelector("h2").textContent === "Date")
		.flatMap(f => [...f.querySelectorAll("a")]).map(a => { const m = a.textContent.match(/^(.*) \((\d+)\)$/); return {Value: m[1], Count: +m[2]}; })`, &dates))
	if len(dates) < 2 {
		t.Fatalf("date facets: %v, want several", dates)
	}
	for _, d := range dates {
		var n int
		// The filtered result arrives after the URL and the active facet
		// change: wait until every hit shown is of a document of that date.
		var allowed []string
		for id, date := range dateOf {
			if strings.HasPrefix(date, d.Value) {
				allowed = append(allowed, id)
			}
		}
		step(t, ctx, "the date facet "+d.Value+" narrows the hits",
			chromedp.Navigate(tab.root+"?q=cloud"), chromedp.WaitVisible(".facet a", chromedp.ByQuery),
			chromedp.Click(facet("Date", d.Value), chromedp.BySearch),
			waitJS(fmt.Sprintf(`new URLSearchParams(location.search).get("date") === %q`, d.Value)),
			waitJS(fmt.Sprintf(`document.querySelector(".facet a.active")?.textContent.startsWith(%q + " (")`, d.Value)),
			waitJS(fmt.Sprintf(`(() => { const ok = %s; const hs = [...document.querySelectorAll(".hit")]; return hs.length > 0 && hs.every(h => ok.includes(h.dataset.doc)); })()`, jsString(strings.Join(allowed, "\n"))+`.split("\n")`)),
			eval(`+document.querySelector("#total").dataset.total`, &n),
			eval(`[...document.querySelectorAll(".hit")].map(h => h.dataset.doc)`, &hitDocs))
		if n != d.Count {
			t.Errorf("date %s: the facet says %d passages, the filter shows %d", d.Value, d.Count, n)
		}
		for _, id := range hitDocs {
			if !strings.HasPrefix(dateOf[id], d.Value) {
				t.Errorf("date %s: a hit from %s, dated %s", d.Value, id, dateOf[id])
				break
			}
		}
	}
	tab.w.check(t)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestE2EShortcutsHelp opens the shortcuts help with ? on both pages and
// the header button, checks it lists every key keys.go handles, and closes
// it with Escape and with Close.
func TestE2EShortcutsHelp(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx

	step(t, ctx, "the search page loads", chromedp.Navigate(tab.root), chromedp.WaitVisible("#documents", chromedp.ByQuery),
		eval(`document.activeElement.blur()`, nil))
	var keys []string
	step(t, ctx, "? opens the help", press("?"), chromedp.WaitVisible("#help", chromedp.ByQuery),
		eval(`[...document.querySelectorAll("#help kbd")].map(k => k.textContent)`, &keys))
	listed := strings.Join(keys, " | ")
	for _, want := range []string{"1", "2", "3", "4", "j / k", "/", "?", "n", "x / Delete", "Ctrl+Z", "Ctrl+Shift+Z / Ctrl+Y", "Esc"} {
		found := false
		for _, k := range keys {
			found = found || k == want
		}
		if !found {
			t.Errorf("the help does not list %q (it lists %s)", want, listed)
		}
	}
	step(t, ctx, "Escape closes the help", chromedp.KeyEvent(kb.Escape), waitJS(`!document.querySelector("#help")`))
	step(t, ctx, "the header button opens it and Close closes it",
		chromedp.Click("#help-button", chromedp.ByQuery), chromedp.WaitVisible("#help", chromedp.ByQuery),
		chromedp.Click(`//*[@id="help"]//button[.="Close"]`, chromedp.BySearch), waitJS(`!document.querySelector("#help")`))
	step(t, ctx, "? toggles the help on the document page too",
		chromedp.Navigate(tab.root+"doc?id="+ix.Documents()[0].ID), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery),
		press("?"), chromedp.WaitVisible("#help", chromedp.ByQuery),
		press("?"), waitJS(`!document.querySelector("#help")`))
	tab.w.check(t)
}

// waitAcrossLoads polls until the JavaScript expression is true, through
// page loads that destroy the context it runs in.
func waitAcrossLoads(expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ok bool
			if err := chromedp.Evaluate(expr, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", expr, ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

// buildWasm compiles app.wasm into dir.
func buildWasm(t *testing.T, dir string) string {
	t.Helper()
	wasm := filepath.Join(dir, "app.wasm")
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", wasm, "../app/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building app.wasm: %v\n%s", err, out)
	}
	return wasm
}

// TestE2EUpdatePrompt builds the site, lets its service worker take the
// page, builds it again into the same folder with one more document, and
// checks that a reload offers the update and that Reload shows the new
// document.
func TestE2EUpdatePrompt(t *testing.T) {
	findChromium(t)
	dir := t.TempDir()
	wasm := buildWasm(t, dir)
	corpus, dist := filepath.Join(dir, "corpus"), filepath.Join(dir, "dist")
	copyTree(t, "corpus", corpus)
	build := func() {
		t.Helper()
		var log strings.Builder
		if err := buildSite(siteConfig{In: corpus, Out: dist, Base: e2eBase, Web: "../web", Wasm: wasm}, &log); err != nil {
			t.Fatalf("building the site: %v\n%s", err, log.String())
		}
	}
	build()
	tab := openTab(t, dist)
	ctx := tab.ctx

	step(t, ctx, "the first visit installs the service worker",
		chromedp.Navigate(tab.root), chromedp.WaitVisible("#documents", chromedp.ByQuery),
		eval(`navigator.serviceWorker.ready.then(r => r.active.state)`, new(string)),
		waitJS(`navigator.serviceWorker.ready.then(r => r.active.state === "activated")`))
	step(t, ctx, "the next load is controlled by it", chromedp.Reload(), chromedp.WaitVisible("#documents", chromedp.ByQuery),
		waitJS(`navigator.serviceWorker.controller !== null`))
	var banner bool
	step(t, ctx, "no update is offered yet", chromedp.Sleep(500*time.Millisecond), eval(`!!document.querySelector("#update-banner")`, &banner))
	if banner {
		t.Fatal("the update banner shows before any new build")
	}

	if err := os.WriteFile(filepath.Join(corpus, "900_update.txt"), []byte("Zebrafish hatchery audit\n\nThe zebrafish hatchery passed its audit.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build()
	title := ""
	for _, d := range openIndex(t, dist).Documents() {
		if strings.HasPrefix(d.Path, "900_") {
			title = d.Title
		}
	}
	if title == "" {
		t.Fatal("the second build does not index the new document")
	}

	// go-app looks for a new worker when the page registers it, on load,
	// and when the app calls app.TryUpdate (goappTryUpdate). A reload
	// races: the browser's own update check after the navigation installs
	// and activates the new worker (it skips waiting) before go-app's
	// "updatefound" listener is attached, so no banner shows and the page
	// gets whichever files each worker served. The open page checks instead.
	step(t, ctx, "an update check finds the new build and offers it",
		eval(`goappTryUpdate(), true`, nil),
		chromedp.WaitVisible(`//div[@id="update-banner"]//button[.="Reload"]`, chromedp.BySearch))
	var docsText string
	step(t, ctx, "the page still shows the old build", chromedp.Text("#documents", &docsText, chromedp.ByQuery))
	if strings.Contains(docsText, title) {
		t.Errorf("the old build already lists %q", title)
	}
	step(t, ctx, "Reload shows the new document",
		eval(`window.__oldPage = true`, nil),
		chromedp.Click(`//div[@id="update-banner"]//button[.="Reload"]`, chromedp.BySearch),
		waitAcrossLoads(fmt.Sprintf(`!window.__oldPage && document.querySelector("#documents")?.textContent.includes(%q) === true &&
			!document.querySelector("#update-banner")`, title)))
	tab.w.check(t)
}

// jsClick clicks the element matching sel from script, wherever it is
// (a fixed footer may cover it for a mouse click).
func jsClick(sel string) chromedp.Action {
	return eval(fmt.Sprintf(`(() => { document.querySelector(%q).click(); return true })()`, sel), nil)
}
