package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"github.com/claimtag/claimtag/index"
)

// hitsHold returns JavaScript that is true when results are shown and every
// hit marks each of words (lower case).
func hitsHold(words ...string) string {
	return fmt.Sprintf(`(() => {
		const hs = [...document.querySelectorAll(".hit")];
		const want = %s;
		return hs.length > 0 && hs.every(h => {
			const marked = [...h.querySelectorAll("mark")].map(m => m.textContent.toLowerCase().replace(/\s+/g, " "));
			return want.every(w => marked.some(m => m.includes(w)));
		});
	})()`, jsString(strings.Join(words, "\n"))+`.split("\n")`)
}

// shownFor returns JavaScript that is true once the page shows the results
// of q: the box and the URL hold it and the search is not under way.
func shownFor(q string) string {
	return fmt.Sprintf(`document.getElementById("search").value === %s && new URLSearchParams(location.search).get("q") === %s &&
		document.querySelector("#results")?.getAttribute("aria-busy") === "false" && document.querySelector("#total") !== null`, jsString(q), jsString(q))
}

// TestE2ESearchPage types the queries into the real page and
// checks what a user sees: one history entry for a query typed letter by
// letter, corrections with the exact search and "did you mean", results
// grouped by document with counts, Boolean queries, field clauses,
// numbers as written, and a document filter.
func TestE2ESearchPage(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx
	step(t, ctx, "the search page loads", chromedp.Navigate(tab.root), chromedp.WaitVisible("#documents", chromedp.ByQuery))

	// Typed letter by letter: each keystroke searches, one history entry.
	var before, after int
	var corrected string
	step(t, ctx, "a misspelling typed letter by letter is corrected",
		eval(`history.length`, &before),
		chromedp.SendKeys("#search", "Kingsfot", chromedp.ByQuery),
		waitJS(shownFor("Kingsfot")),
		chromedp.WaitVisible("#corrected", chromedp.ByQuery),
		chromedp.Text("#corrected", &corrected, chromedp.ByQuery),
		eval(`history.length`, &after))
	if corrected != "Showing results for Kingsoft. Search instead for Kingsfot." {
		t.Errorf("corrected = %q", corrected)
	}
	if after != before+1 {
		t.Errorf("typing 8 letters made %d history entries, want 1", after-before)
	}
	var groups []struct{ Doc, Count string }
	step(t, ctx, "the results are grouped by document",
		eval(`[...document.querySelectorAll(".group")].map(g => ({Doc: g.dataset.doc, Count: g.querySelector(".group-count").textContent}))`, &groups))
	if len(groups) < 2 {
		t.Errorf("groups: %v, want several documents", groups)
	}
	for _, g := range groups {
		if g.Count != "1 matching passage" && !strings.HasSuffix(g.Count, " matching passages") || g.Count == "1 matching passages" {
			t.Errorf("group %s says %q", g.Doc, g.Count)
		}
	}

	var none, mean string
	step(t, ctx, "search instead for the words as typed",
		chromedp.Click("#search-instead", chromedp.ByQuery),
		waitJS(`new URLSearchParams(location.search).get("exact") === "1"`),
		chromedp.WaitVisible("#did-you-mean", chromedp.ByQuery),
		chromedp.Text("#no-hits", &none, chromedp.ByQuery), chromedp.Text("#did-you-mean", &mean, chromedp.ByQuery))
	if none != "No passage matches “Kingsfot”." || mean != "Did you mean Kingsoft?" {
		t.Errorf("exact search: %q / %q, want no passage and did you mean Kingsoft", none, mean)
	}
	step(t, ctx, "did you mean searches the suggestion",
		chromedp.Click("#did-you-mean a", chromedp.ByQuery),
		waitJS(shownFor("Kingsoft")), waitJS(hitsHold("kingsoft")),
		waitJS(`!document.querySelector("#corrected")`))

	// The queries, each doing what a user means.
	only002 := `[...document.querySelectorAll(".group")].every(g => g.dataset.doc === "002_811ec14697f2496f")`
	noCapex := `[...document.querySelectorAll(".hit")].every(h => !/capex/i.test(h.textContent))`
	for _, c := range []struct{ q, check string }{
		{"gross margin", hitsHold("gross", "margin")},
		{"margin AND capex", hitsHold("margin", "capex")},
		{"margin NOT capex", hitsHold("margin") + " && " + noCapex},
		{"margin -capex", hitsHold("margin") + " && " + noCapex},
		{"doc:002_811ec14697f2496f margin", hitsHold("margin") + " && " + only002},
		{"22%", hitsHold("22")},
		{`"RMB2,703.7 million"`, hitsHold("rmb2,703.7 million")},
	} {
		step(t, ctx, c.q, query(c.q), waitJS(shownFor(c.q)), waitJS(c.check))
	}
	var revenue string
	step(t, ctx, "revenu grwoth", query("revenu grwoth"), waitJS(shownFor("revenu grwoth")),
		waitJS(hitsHold("revenue", "growth")), chromedp.Text("#corrected strong", &revenue, chromedp.ByQuery))
	if revenue != "revenu growth" {
		t.Errorf("revenu grwoth: showing results for %q", revenue)
	}

	// A query matching more documents than the first screenful shows
	// them first, then the rest: every document, once the page is no
	// longer busy, and no "Show more" for what is on its way.
	full, err := ix.Search(index.Request{Query: "cloud", Groups: 10})
	if err != nil || len(full.Docs) <= 3 {
		t.Fatalf("cloud matches %d documents (%v): the test needs more than a first screenful", len(full.Docs), err)
	}
	var shown int
	var more bool
	step(t, ctx, "the first screenful, then the rest", query("cloud"), waitJS(shownFor("cloud")),
		eval(`document.querySelectorAll(".group").length`, &shown), eval(`document.querySelector("#more-docs") !== null`, &more))
	if shown != len(full.Docs) || more {
		t.Errorf("cloud: %d documents shown (Show more: %v), want all %d", shown, more, len(full.Docs))
	}

	// A document filter keeps that document's passages, as many as its
	// facet says.
	target := ix.Documents()[0]
	var facetCount, total int
	step(t, ctx, "a document facet filters", query("cloud"), waitJS(shownFor("cloud")),
		eval(fmt.Sprintf(`+[...document.querySelectorAll(".facet a")].find(a => a.textContent.startsWith(%s + " (")).textContent.match(/\((\d+)\)$/)[1]`, jsString(target.Title)), &facetCount),
		chromedp.Click(fmt.Sprintf(`//div[contains(@class,"facet")][h2="Document"]//a[starts-with(normalize-space(.), %q)]`, target.Title+" ("), chromedp.BySearch),
		waitJS(fmt.Sprintf(`new URLSearchParams(location.search).get("doc") === %q`, target.ID)),
		waitJS(fmt.Sprintf(`(gs => gs.length === 1 && gs[0].dataset.doc === %q)([...document.querySelectorAll(".group")])`, target.ID)),
		eval(`+document.querySelector("#total").dataset.total`, &total))
	if total != facetCount || total == 0 {
		t.Errorf("the facet says %d passages, the filter shows %d", facetCount, total)
	}
	tab.w.check(t)
}

// TestE2ESearchBeforeTheAppStarts holds app.wasm back, types into the
// prerendered page, then lets the app start: it takes the query, the focus
// and the caret over and shows the results.
func TestE2ESearchBeforeTheAppStarts(t *testing.T) {
	dist, _ := e2eSite(t)
	tab := openTab(t, dist)
	ctx := tab.ctx
	paused := make(chan fetch.RequestID, 8)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e.RequestID
		}
	})
	step(t, ctx, "app.wasm is held back", fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*app.wasm*"}}))
	var usable bool
	step(t, ctx, "the prerendered page shows the box", chromedp.Navigate(tab.root), chromedp.WaitVisible("#search", chromedp.ByQuery),
		eval(`(() => { const b = document.getElementById("search").getBoundingClientRect();
			return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)?.id === "search"; })()`, &usable))
	if !usable {
		t.Error("something covers the search box before the app starts")
	}
	step(t, ctx, "type before the app starts", chromedp.SendKeys("#search", "EBITDA", chromedp.ByQuery))
	select {
	case id := <-paused:
		step(t, ctx, "app.wasm arrives", fetch.ContinueRequest(id), fetch.Disable())
	case <-time.After(30 * time.Second):
		t.Fatal("the page never asked for app.wasm")
	}
	var active string
	step(t, ctx, "the app searches what was typed", waitJS(shownFor("EBITDA")), waitJS(hitsHold("ebitda")),
		eval(`document.activeElement?.id`, &active))
	if active != "search" {
		t.Errorf("the focus is on %q, want the search box", active)
	}
	tab.w.check(t)
}

// TestE2EDocumentListShowsMore builds a corpus of more documents than the
// home page lists at first: it shows the first ones and says how many
// there are, and its button shows the rest, a step at a time, then goes.
func TestE2EDocumentListShowsMore(t *testing.T) {
	chrome := findChromium(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	const docs = 57 // more than one step (50), less than two
	for i := range docs {
		text := fmt.Sprintf("Note %d\n\nRevenue grew %d percent in the quarter.\n", i, i)
		if err := os.WriteFile(filepath.Join(corpus, fmt.Sprintf("note-%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dist := filepath.Join(dir, "dist")
	var log strings.Builder
	if err := buildSite(siteConfig{In: corpus, Out: dist, Base: e2eBase, Web: "../web", Wasm: buildTestWasm(t, dir)}, &log); err != nil {
		t.Fatalf("building the site: %v\n%s", err, log.String())
	}
	srv := httptest.NewServer(siteServer(dist, e2eBase))
	defer srv.Close()
	ctx := newBrowser(t, chrome)
	var listed int
	var said string
	step(t, ctx, "the home page lists the first documents", chromedp.Navigate(srv.URL+e2eBase+"/"),
		chromedp.WaitVisible("#more-documents", chromedp.ByQuery),
		eval(`document.querySelectorAll("#documents li").length`, &listed), chromedp.Text("#documents", &said, chromedp.ByQuery))
	if listed != 50 || !strings.Contains(said, "57 documents") || !strings.Contains(said, "Showing 50 of 57 documents") || !strings.Contains(said, "Show 7 more") {
		t.Errorf("the list shows %d documents and says %q, want 50 and the count of all 57", listed, said)
	}
	step(t, ctx, "its button shows the rest and goes", chromedp.Focus("#more-documents", chromedp.ByQuery), chromedp.KeyEvent("\r"),
		waitJS(`document.querySelectorAll("#documents li").length === 57 && !document.querySelector("#more-documents")`),
		eval(`document.activeElement.textContent`, &said))
	if said != "Note 50" {
		t.Errorf("after the button the focus is on %q, want the first document it showed (Note 50)", said)
	}
	// The list is plain HTML (app.Raw): its links must open the reader in
	// the app, as go-app's own links do, not load the page again.
	var loc string
	var stayed bool
	step(t, ctx, "Enter on a document opens it in the app", eval(`window.__samePage = true`, nil), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible("#doc .passage", chromedp.ByQuery), chromedp.Location(&loc), eval(`window.__samePage === true`, &stayed))
	if !strings.Contains(loc, "/doc?id=") || !stayed {
		t.Errorf("Enter on the link went to %q (same page: %v), want the reader, opened in the app", loc, stayed)
	}
}
