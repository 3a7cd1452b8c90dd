package main

// Browser tests of the reader: a keyboard-only run (find, open, select
// words, tag, note, retag, untag; Tab reaching overlapping marks), the
// annotation list, the query's matches, the provenance of seed 002 and its
// repaired text, and a phone-sized window with touch selection. They
// share one site; each has its own browser. They reuse e2e_test.go's
// helpers.
//
//	go test ./build -run E2EReader -v
//	READER_SHOTS=/tmp/shots go test ./build -run E2EReader   # and screenshots

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/claimtag/claimtag/index"
)

// shot saves a screenshot of the page as name.png in $READER_SHOTS, when
// set: a look at the layout while working on it.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("READER_SHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// activeIs waits until the focused element matches the CSS selector sel.
func activeIs(sel string) chromedp.Action {
	return waitJS(fmt.Sprintf(`document.activeElement?.matches(%s) === true`, jsString(sel)))
}

// readoutHas waits until the reader's status line holds s.
func readoutHas(s string) chromedp.Action {
	return waitJS(fmt.Sprintf(`document.querySelector("#reader-status")?.textContent.includes(%s) === true`, jsString(s)))
}

// tabUntil presses Tab until the focused element matches sel, at most n
// times, and returns the data-ann of every mark focused on the way.
func tabUntil(t *testing.T, ctx context.Context, sel string, n int) []string {
	t.Helper()
	var anns []string
	for i := 0; i < n; i++ {
		var ann string
		var done bool
		step(t, ctx, "Tab", chromedp.KeyEvent(kb.Tab),
			eval(`document.activeElement?.matches("#doc mark") ? document.activeElement.dataset.ann : ""`, &ann),
			eval(fmt.Sprintf(`document.activeElement?.matches(%s) === true`, jsString(sel)), &done))
		if ann != "" {
			anns = append(anns, ann)
		}
		if done {
			return anns
		}
	}
	t.Fatalf("%d presses of Tab never reached %s (marks on the way: %v)", n, sel, anns)
	return nil
}

func TestE2EReader(t *testing.T) {
	dist, hostileID := e2eSite(t)
	ix := openIndex(t, dist)
	t.Run("keyboard only", func(t *testing.T) { readerKeyboard(t, dist, hostileID) })
	t.Run("annotation list", func(t *testing.T) { readerList(t, dist, ix) })
	t.Run("query matches", func(t *testing.T) { readerMatches(t, dist, ix) })
	t.Run("provenance of seed 002", func(t *testing.T) { readerProvenance(t, dist, ix) })
	t.Run("phone-sized window", func(t *testing.T) { readerNarrow(t, dist, ix) })
}

// readerKeyboard finds a passage, opens it, selects two words of a
// sentence, tags, notes and retags them, tags the whole sentence around
// them, reaches both marks with Tab, opens the inner one with Enter and
// removes it: with the keyboard only.
func readerKeyboard(t *testing.T, dist, hostileID string) {
	tab := openTab(t, dist)
	ctx := tab.ctx
	step(t, ctx, "the home page loads", chromedp.Navigate(tab.root), chromedp.WaitVisible("#documents", chromedp.ByQuery))
	step(t, ctx, "/ focuses the search box and a query is typed", press("/"), activeIs("#search"),
		chromedp.KeyEvent("EBITDA"), chromedp.WaitVisible(".hit :is(.hit-title, .hit-link)", chromedp.ByQuery))
	// .hit-title links the hit on this branch, .hit-link on the grouped results page.
	tabUntil(t, ctx, fmt.Sprintf(`.hit:not([data-doc=%q]) :is(.hit-title, .hit-link)`, hostileID), 60)
	step(t, ctx, "Enter on the hit opens the document at its passage", chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible("#doc .passage.target", chromedp.ByQuery),
		waitJS(`new URLSearchParams(location.search).get("q") === "EBITDA"`))

	var sentence string
	step(t, ctx, "j gives the target's first sentence the focus", press("j"), activeIs("#doc .sentence.active"),
		eval(`document.activeElement.textContent`, &sentence))
	words := strings.Fields(sentence)
	if len(words) < 4 {
		t.Fatalf("sentence %q: want at least four words", sentence)
	}
	for _, w := range words[:3] {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("sentence %q: want its first three words plain, the corpus changed", sentence)
			}
		}
	}
	want := words[1] + " " + words[2]
	shot(t, ctx, "keyboard-sentence")
	step(t, ctx, "l selects the first word, l the second, L extends to the third",
		press("l"), waitJS(`document.querySelector("#doc .picked")?.textContent === `+jsString(words[0])),
		press("l"), press("L"),
		waitJS(`[...document.querySelectorAll("#doc .picked")].map(e => e.textContent).join("") === `+jsString(want)),
		readoutHas("Selected “"+want+"” (2 words)"))
	step(t, ctx, "Shift+← shrinks the selection to one word, Shift+→ extends it again",
		chromedp.KeyEvent(kb.ArrowLeft, chromedp.KeyModifiers(input.ModifierShift)),
		waitJS(`[...document.querySelectorAll("#doc .picked")].map(e => e.textContent).join("") === `+jsString(words[1])),
		chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(input.ModifierShift)),
		waitJS(`[...document.querySelectorAll("#doc .picked")].map(e => e.textContent).join("") === `+jsString(want)))
	shot(t, ctx, "keyboard-words")
	step(t, ctx, "1 tags the two words, after the name is typed",
		press("1"), activeIs("#creator-name"), chromedp.KeyEvent("Ada"), chromedp.KeyEvent(kb.Enter),
		waitStored(`recs.some(a => a.anchor.exact === `+jsString(want)+` && a.tag === "fact")`),
		activeIs("#doc mark.head[data-tag=fact]"))
	var id string
	step(t, ctx, "the new mark has the focus", eval(`document.activeElement.dataset.ann`, &id))
	step(t, ctx, "n goes to its note; Esc keeps the note and gives the mark the focus back",
		press("n"), activeIs("#ann-note"), chromedp.KeyEvent("needs a source"), chromedp.KeyEvent(kb.Escape),
		activeIs(markSel(id)),
		waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.note === "needs a source")`, id)))
	step(t, ctx, "2 retags the focused mark, which keeps the focus",
		press("2"), waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.tag === "forecast")`, id)),
		activeIs(markSel(id)+`.head[data-tag=forecast]`))

	step(t, ctx, "j then k come back to the sentence; 3 tags all of it around the two words",
		press("j"), press("k"), activeIs("#doc .sentence.active"),
		press("3"), waitStored(`recs.some(a => a.tag === "opinion" && a.anchor.exact === `+jsString(sentence)+`)`))
	var outer string
	step(t, ctx, "the sentence's mark", chromedp.WaitVisible(`#doc mark.head[data-tag="opinion"]`, chromedp.ByQuery), eval(`document.querySelector('#doc mark.head[data-tag="opinion"]').dataset.ann`, &outer))
	shot(t, ctx, "keyboard-overlap")

	step(t, ctx, "the focus goes back to the top of the page", eval(`document.getElementById("back").focus()`, nil))
	seen := tabUntil(t, ctx, markSel(id), 80)
	if len(seen) < 2 || seen[len(seen)-2] != outer || seen[len(seen)-1] != id {
		t.Errorf("Tab reached the marks %v, want the sentence's %s then the two words' %s", seen, outer, id)
	}
	step(t, ctx, "Enter opens the focused mark in the panel", chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, id), chromedp.ByQuery),
		readoutHas("Forecast annotation “"+want+"”"))
	step(t, ctx, "x removes it and gives its sentence the focus", press("x"),
		waitStored(fmt.Sprintf(`!recs.some(a => a.id === %q) && recs.some(a => a.id === %q)`, id, outer)),
		activeIs("#doc .sentence.active"),
		waitJS(fmt.Sprintf(`!document.querySelector(%s)`, jsString(markSel(id)))))
	tab.w.check(t)
}

// readerList tags three sentences out of order and checks the list: text
// order, tags, note and state, the legend's counts, the filter, and that a
// click or Enter on a line gives the mark the focus.
func readerList(t *testing.T, dist string, ix *index.Index) {
	tab := openTab(t, dist)
	ctx := tab.ctx
	doc := ix.Documents()[0].ID
	step(t, ctx, "the document opens", chromedp.Navigate(tab.root+"doc?id="+doc), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery))
	step(t, ctx, "the list says there is none", waitJS(`document.querySelector("#ann-list .empty") !== null`),
		waitJS(`document.querySelector("#ann-count").textContent === "0 annotations"`))
	step(t, ctx, "j then 1 tags the first sentence as a fact", press("j"), press("1"),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery), chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		waitStored(`recs.length === 1`),
		waitJS(`document.querySelector("#ann-count").textContent === "1 annotation"`))
	step(t, ctx, "j j then 2 tags the third as a forecast; k then 3 the second as an opinion",
		press("j"), press("j"), press("2"), waitStored(`recs.length === 2`),
		press("k"), press("3"), waitStored(`recs.length === 3`),
		waitJS(`document.querySelector("#ann-count").textContent === "3 annotations"`))
	stored := storedAnnotations(t, ctx)
	byTag := map[string]string{}
	for _, a := range stored {
		byTag[string(a.Tag)] = a.ID
	}
	fact, opinion, forecast := byTag["fact"], byTag["opinion"], byTag["forecast"]
	step(t, ctx, "a note on the forecast", chromedp.Click(markSel(forecast), chromedp.ByQuery),
		chromedp.WaitVisible("#ann-note", chromedp.ByQuery), chromedp.SendKeys("#ann-note", "guidance", chromedp.ByQuery),
		chromedp.KeyEvent(kb.Escape), waitStored(`recs.some(a => a.note === "guidance")`))

	var order []string
	step(t, ctx, "the list is in text order, every line saved",
		waitJS(`[...document.querySelectorAll("#ann-list .ann-item")].every(b => b.dataset.state === "saved")`),
		eval(`[...document.querySelectorAll("#ann-list .ann-item")].map(b => b.dataset.ann)`, &order))
	if strings.Join(order, ",") != strings.Join([]string{fact, opinion, forecast}, ",") {
		t.Errorf("list order %v, want the fact, the opinion, the forecast (%s, %s, %s): the order of the text", order, fact, opinion, forecast)
	}
	var line, sign string
	step(t, ctx, "the forecast's line", eval(fmt.Sprintf(`document.querySelector('#ann-list .ann-item[data-ann=%q]').innerText`, forecast), &line),
		eval(fmt.Sprintf(`getComputedStyle(document.querySelector('#ann-list .ann-item[data-ann=%q] .tag-chip'), "::before").content`, forecast), &sign))
	if !strings.Contains(sign, "↗") {
		t.Errorf("the forecast's tag shows the sign %s, want ↗: tags are told apart by more than colour", sign)
	}
	quote := stored[forecast].Anchor.Exact
	for _, want := range []string{"forecast", shortQuote(quote), "Note: guidance", "saved"} {
		if !strings.Contains(line, want) {
			t.Errorf("the forecast's line %q lacks %q", line, want)
		}
	}
	shot(t, ctx, "list")

	var shown []string
	step(t, ctx, "the filter shows the opinions only",
		chromedp.Click(`#ann-list .filter[data-filter="opinion"]`, chromedp.ByQuery),
		waitJS(`document.querySelector('#ann-list .filter[data-filter="opinion"]').getAttribute("aria-pressed") === "true"`),
		eval(`[...document.querySelectorAll("#ann-list .ann-item")].map(b => b.dataset.ann)`, &shown))
	if len(shown) != 1 || shown[0] != opinion {
		t.Errorf("filtered list %v, want the opinion %s only", shown, opinion)
	}
	step(t, ctx, "a click on the line opens the opinion and gives its mark the focus",
		chromedp.Click(`#ann-list .ann-item`, chromedp.ByQuery),
		activeIs(markSel(opinion)), chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, opinion), chromedp.ByQuery))
	step(t, ctx, "All shows them all again",
		chromedp.Click(`#ann-list .filter[data-filter="all"]`, chromedp.ByQuery),
		waitJS(`document.querySelectorAll("#ann-list .ann-item").length === 3`))
	step(t, ctx, "Enter on the forecast's line goes to its mark",
		eval(fmt.Sprintf(`document.querySelector('#ann-list .ann-item[data-ann=%q]').focus()`, forecast), nil),
		activeIs(`#ann-list .ann-item`),
		chromedp.KeyEvent(kb.Enter),
		activeIs(markSel(forecast)), chromedp.WaitVisible(fmt.Sprintf(`#ann-panel[data-ann=%q]`, forecast), chromedp.ByQuery))
	step(t, ctx, "4 on a focused line retags its annotation",
		eval(fmt.Sprintf(`document.querySelector('#ann-list .ann-item[data-ann=%q]').focus()`, fact), nil),
		press("4"), waitStored(fmt.Sprintf(`recs.some(a => a.id === %q && a.tag === "unverified")`, fact)),
		waitJS(fmt.Sprintf(`document.querySelector('#ann-list .ann-item[data-ann=%q]').dataset.tag === "unverified"`, fact)))

	// Records made on another build of the corpus: the first fact with a
	// stale position (placed again, to confirm), and one whose text this
	// document does not have (not placed).
	step(t, ctx, "two records of an older build are stored", eval(fmt.Sprintf(`(async () => {
		const db = await new Promise((ok, fail) => { const o = indexedDB.open("claimtag"); o.onsuccess = () => ok(o.result); o.onerror = () => fail(o.error); });
		const tx = db.transaction("annotations", "readwrite"), st = tx.objectStore("annotations");
		const raw = await new Promise(ok => { const g = st.get(%q); g.onsuccess = () => ok(g.result); });
		const moved = JSON.parse(raw);
		moved.corpus = "an-older-build"; moved.anchor.start += 3; moved.anchor.end += 3; delete moved.placement;
		st.put(JSON.stringify(moved), moved.id);
		const lost = JSON.parse(raw);
		lost.id = "not-placed-1"; lost.corpus = "an-older-build"; lost.note = "from the old text"; delete lost.placement;
		lost.anchor = {doc: lost.anchor.doc, exact: "words this document never had", start: 0, end: 29};
		st.put(JSON.stringify(lost), lost.id);
		await new Promise(ok => { tx.oncomplete = ok; });
		db.close();
		return true;
	})()`, fact), nil),
		chromedp.Reload(), chromedp.WaitVisible(`#ann-list .ann-item[data-ann="not-placed-1"]`, chromedp.ByQuery))
	// Re-anchoring writes what it found: the lines say "saving…" until the
	// store has it.
	wantStates := strings.Join([]string{fact + ": saved · needs confirming", opinion + ": saved", forecast + ": saved",
		"not-placed-1: saved · not placed"}, "\n")
	statesJS := `[...document.querySelectorAll("#ann-list .ann-item")].map(b => b.dataset.ann + ": " + b.dataset.state).join("\n")`
	var states string
	err := chromedp.Run(ctx, waitJSFor(10*time.Second, statesJS+` === `+jsString(wantStates)))
	step(t, ctx, "the list gives each its state, the one not placed last", eval(statesJS, &states))
	if err != nil || states != wantStates {
		t.Errorf("list states\n%s\nwant\n%s", states, wantStates)
	}
	step(t, ctx, "the line of the one not placed goes to it below the text",
		chromedp.Click(`#ann-list .ann-item[data-ann="not-placed-1"]`, chromedp.ByQuery),
		activeIs(`.not-placed-item[data-ann="not-placed-1"]`))
	step(t, ctx, "the line of the one to confirm opens it with Confirm this place",
		chromedp.Click(fmt.Sprintf(`#ann-list .ann-item[data-ann=%q]`, fact), chromedp.ByQuery),
		activeIs(markSel(fact)), chromedp.WaitVisible(`#ann-placement #ann-confirm`, chromedp.ByQuery),
		chromedp.Click("#ann-confirm", chromedp.ByQuery),
		waitJS(fmt.Sprintf(`document.querySelector('#ann-list .ann-item[data-ann=%q]').dataset.state === "saved"`, fact)))
	tab.w.check(t)
}

// shortQuote is the start of a quote as the list shows it.
func shortQuote(q string) string {
	r := []rune(q)
	if len(r) > 60 {
		r = r[:60]
	}
	return string(r)
}

// readerMatches opens a document from a query and steps through its
// matches: every match is marked, the count follows, the query stays in the
// URL, and a tag key tags the match shown.
func readerMatches(t *testing.T, dist string, ix *index.Index) {
	const q = "margin"
	var doc string
	var ms []index.Span
	for _, d := range ix.Documents() {
		got, err := ix.Highlights(context.Background(), index.Request{Query: q}, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > len(ms) {
			doc, ms = d.ID, got
		}
	}
	if len(ms) < 3 {
		t.Fatalf("the best document has %d matches of %q, want at least 3", len(ms), q)
	}
	text := []rune(ix.Text(doc))
	n := len(ms)
	// The reader opens at the last match's passage, and shows the first
	// match of that passage.
	var last index.Passage
	for _, p := range ix.Passages(doc) {
		if p.Start <= ms[n-1].Start && ms[n-1].End <= p.End {
			last = p
		}
	}
	first := 0
	for first < n && ms[first].End <= last.Start {
		first++
	}
	if first == 0 {
		t.Fatalf("every match of %q is in the last match's passage; want a document where they are spread", q)
	}
	tab := openTab(t, dist)
	ctx := tab.ctx
	step(t, ctx, "the document opens at the last match's passage",
		chromedp.Navigate(tab.root+"doc?id="+doc+"&p="+last.ID+"&q="+q),
		waitJS(fmt.Sprintf(`document.querySelectorAll("#doc .match[id^='m-']").length === %d`, n)))
	var marked []string
	step(t, ctx, "every match is marked", eval(`[...document.querySelectorAll("#doc .match[id^='m-']")].map(m =>
		[...document.querySelectorAll('#doc .match[data-match="' + m.dataset.match + '"]')].map(e => e.textContent).join(""))`, &marked))
	for i, m := range ms {
		if want := string(text[m.Start:m.End]); i >= len(marked) || marked[i] != want {
			t.Errorf("match %d reads %q, want %q", i, marked, want)
		}
	}
	count := func(i int) chromedp.Action {
		return chromedp.Tasks{
			waitJS(fmt.Sprintf(`document.querySelector("#match-count").textContent === %s`, jsString(fmt.Sprintf("Match %d of %d for “%s”", i, n, q)))),
			waitJS(fmt.Sprintf(`document.querySelector("#doc .match.current")?.dataset.match === "%d"`, i-1)),
		}
	}
	step(t, ctx, "the passage's first match is the current one", count(first+1))
	shot(t, ctx, "matches")
	step(t, ctx, "M goes to the match before, m back", press("M"), count(first), press("m"), count(first+1))
	step(t, ctx, "m from the last goes round to the first", chromedp.ActionFunc(func(ctx context.Context) error {
		for i := first + 1; i < n; i++ {
			if err := press("m").Do(ctx); err != nil {
				return err
			}
		}
		return nil
	}), count(n), press("m"), count(1))
	step(t, ctx, "the buttons step too", chromedp.Click("#match-next", chromedp.ByQuery), count(2),
		chromedp.Click("#match-prev", chromedp.ByQuery), count(1))
	step(t, ctx, "the query is still in the URL", waitJS(`new URLSearchParams(location.search).get("q") === "margin"`))
	want := string(text[ms[0].Start:ms[0].End])
	step(t, ctx, "m selects the match's words; 1 tags them", press("m"), press("M"), count(1),
		readoutHas("Selected “"+want+"”"),
		press("1"), chromedp.WaitVisible("#creator-name", chromedp.ByQuery), chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		waitStored(fmt.Sprintf(`recs.some(a => a.anchor.exact === %s && a.anchor.start === %d)`, jsString(want), ms[0].Start)))
	step(t, ctx, "Clear stops showing the matches and drops the query from the URL", chromedp.Click("#match-clear", chromedp.ByQuery),
		waitJS(`!new URLSearchParams(location.search).has("q") && !document.querySelector("#doc .match")`))
	tab.w.check(t)
}

// readerProvenance opens seed 002, whose mojibake was repaired 74 times,
// and checks the disclosure, the marked spans, their originals on hover
// (title), on focus (r, o) and for a screen reader.
func readerProvenance(t *testing.T, dist string, ix *index.Index) {
	var info index.DocInfo
	for _, d := range ix.Documents() {
		if strings.HasPrefix(d.ID, "002_") {
			info = d
		}
	}
	if info.Provenance == nil || len(info.Provenance.Repairs) != 74 {
		t.Fatalf("seed 002: provenance %+v, want 74 repairs", info.Provenance)
	}
	rs := info.Provenance.Repairs
	tab := openTab(t, dist)
	ctx := tab.ctx
	var summary string
	step(t, ctx, "seed 002 opens", chromedp.Navigate(tab.root+"doc?id="+info.ID), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery),
		chromedp.Text("#provenance summary", &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "74 repairs") || !strings.Contains(summary, "utf-8") {
		t.Errorf("the provenance summary reads %q, want the encoding and 74 repairs", summary)
	}
	var heads int
	var spansOK bool
	step(t, ctx, "each repair is marked once, on its text", eval(`document.querySelectorAll("#doc .repair[id^='r-']").length`, &heads),
		eval(fmt.Sprintf(`(() => { const want = %s; return want.every((w, i) =>
			[...document.querySelectorAll('#doc .repair[data-repair="' + i + '"]')].map(e => e.textContent).join("") === w) })()`,
			jsStrings(func() []string {
				var out []string
				for _, r := range rs {
					out = append(out, r.To)
				}
				return out
			}())), &spansOK))
	if heads != 74 || !spansOK {
		t.Errorf("%d repaired spans marked (text right: %v), want 74 holding each repair's text", heads, spansOK)
	}
	var title string
	step(t, ctx, "hovering shows the original: the title", eval(`document.getElementById("r-0").title`, &title))
	if !strings.Contains(title, "the file had “â") {
		t.Errorf("repair 0's title %q, want what the file had (%q)", title, rs[0].From)
	}
	var open int
	step(t, ctx, "the disclosure lists every repair", chromedp.Click("#provenance summary", chromedp.ByQuery),
		chromedp.WaitVisible("#provenance .repairs", chromedp.ByQuery),
		eval(`document.querySelectorAll("#provenance .repair-link").length`, &open))
	if open != 74 {
		t.Errorf("the disclosure lists %d repairs, want 74", open)
	}
	shot(t, ctx, "provenance")
	var after string
	step(t, ctx, "r goes to the first repair and shows its original",
		eval(`document.activeElement.blur()`, nil), press("r"), activeIs("#r-0"),
		readoutHas("Repaired text 1 of 74."), readoutHas("the file had “â"),
		eval(`getComputedStyle(document.getElementById("r-0"), "::after").content`, &after))
	if !strings.Contains(after, "file had: â") {
		t.Errorf("the focused repair shows %q beside it, want its original", after)
	}
	shot(t, ctx, "provenance-focus")
	step(t, ctx, "R goes round to the last; o shows its original again",
		press("R"), activeIs("#r-73"), readoutHas("Repaired text 74 of 74."), press("o"), readoutHas("Repaired text 74 of 74."))
	var desc string
	step(t, ctx, "a screen reader reads the original as the span's description", chromedp.ActionFunc(func(ctx context.Context) error {
		var obj *runtime.RemoteObject
		if err := chromedp.Evaluate(`document.getElementById("r-73")`, &obj).Do(ctx); err != nil {
			return err
		}
		nodes, err := accessibility.GetPartialAXTree().WithObjectID(obj.ObjectID).WithFetchRelatives(false).Do(ctx)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if n.Description != nil {
				desc += string(n.Description.Value)
			}
		}
		return nil
	}))
	if !strings.Contains(desc, "the file had") {
		t.Errorf("the accessible description of the repaired span is %q, want what the file had", desc)
	}
	step(t, ctx, "a repair in the list goes to it", chromedp.Click(`#provenance .repair-link[data-repair="5"]`, chromedp.ByQuery),
		activeIs("#r-5"), readoutHas("Repaired text 6 of 74."))
	tab.w.check(t)
}

// readerNarrow opens the reader at 390x844 with touch: nothing scrolls
// sideways, a selection made by touch (no mouseup) is tagged with a tap on
// a tag button, and the open annotation is a sheet at the bottom.
func readerNarrow(t *testing.T, dist string, ix *index.Index) {
	doc := ix.Documents()[1].ID
	var ps index.Passage
	for _, p := range ix.Passages(doc) {
		if ps.ID == "" && p.End-p.Start > 120 {
			ps = p
		}
	}
	tab := openTab(t, dist)
	ctx := tab.ctx
	noSideways := func(what string) {
		t.Helper()
		var widths []float64
		step(t, ctx, what+": nothing scrolls sideways", eval(`[document.scrollingElement.scrollWidth, innerWidth]`, &widths))
		if widths[0] > widths[1] {
			var wide []string
			chromedp.Run(ctx, eval(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
				.slice(0, 8).map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`, &wide))
			t.Errorf("%s: the page is %.0f px wide in a %.0f px window; too wide: %v", what, widths[0], widths[1], wide)
		}
	}
	step(t, ctx, "a phone-sized window with touch",
		// Not a mobile viewport: that would widen the layout to fit what
		// overflows, and hide it from the check below.
		emulation.SetDeviceMetricsOverride(390, 844, 3, false),
		emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5),
		chromedp.Navigate(tab.root+"doc?id="+doc+"&p="+ps.ID+"&q=cloud"),
		chromedp.WaitVisible("#p-"+ps.ID, chromedp.ByQuery), waitJS(`document.querySelector("#matches").dataset.count > 0`))
	shot(t, ctx, "narrow")
	noSideways("the reader with the query's matches")
	step(t, ctx, "the provenance disclosure opens", chromedp.Click("#provenance summary", chromedp.ByQuery))
	noSideways("the provenance open")

	prunes := []rune(ps.Text)
	from, to := 4, 30
	want := strings.TrimSpace(string(prunes[from:to]))
	step(t, ctx, "a selection made by touch shows in the legend",
		eval(selectJS(ps.ID, u16(prunes[:from]), u16(prunes[:to])), nil),
		readoutHas("Selected “"+shortQuote(want)))
	step(t, ctx, "the tap on a tag button collapses it; the page keeps and draws it",
		eval(`getSelection().removeAllRanges()`, nil),
		waitJS(`[...document.querySelectorAll("#doc .picked")].map(e => e.textContent).join("") === `+jsString(want)))
	var box []float64
	step(t, ctx, "the fact button", eval(`(() => { const r = document.querySelector('#legend .tag-btn[data-tag="fact"]').getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2] })()`, &box))
	step(t, ctx, "a tap on fact tags the selection", tap(box[0], box[1]),
		chromedp.WaitVisible("#creator-name", chromedp.ByQuery), chromedp.SendKeys("#creator-name", "Ada\r", chromedp.ByQuery),
		waitStored(`recs.some(a => a.tag === "fact" && a.anchor.exact === `+jsString(want)+`)`))
	var sheet []float64
	var position string
	step(t, ctx, "the open annotation is a sheet at the bottom",
		chromedp.WaitVisible(`#ann-panel[data-ann]`, chromedp.ByQuery),
		eval(`getComputedStyle(document.getElementById("ann-panel")).position`, &position),
		eval(`(() => { const r = document.getElementById("ann-panel").getBoundingClientRect();
			return [r.left, r.right, r.bottom, document.documentElement.clientWidth, innerHeight] })()`, &sheet))
	if position != "fixed" || math.Abs(sheet[2]-sheet[4]) > 1 || sheet[0] != 0 || math.Abs(sheet[1]-sheet[3]) > 1 {
		t.Errorf("the panel is %s at %v (left, right, bottom, window width and height), want fixed along the bottom", position, sheet)
	}
	shot(t, ctx, "narrow-sheet")
	noSideways("the sheet open")
	tab.w.check(t)
}

// tap touches the screen at x, y, as a finger would.
func tap(x, y float64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		pt := []*input.TouchPoint{{X: x, Y: y}}
		if err := input.DispatchTouchEvent(input.TouchStart, pt).Do(ctx); err != nil {
			return err
		}
		return input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}).Do(ctx)
	})
}

// waitJSFor polls the JavaScript expression until it is true or d has
// passed.
func waitJSFor(d time.Duration, expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return waitJS(expr).Do(ctx)
	})
}

// jsStrings writes ss as a JavaScript array literal.
func jsStrings(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = jsString(s)
	}
	return "[" + strings.Join(parts, ",") + "]"
}
