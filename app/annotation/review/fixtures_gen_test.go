package review_test

// The import fixtures under app/annotation/testdata/review are three
// annotators' files made on the default corpus (build/corpus) in the shapes
// their tools write: Ann's W3C collection from a tool that labels with
// "classifying" bodies, Bob's W3C page with purposeless bodies under a
// "classifying" motivation, Cara's Hypothesis client export of the app's
// reader pages; and files of other shapes to be refused entry by entry
// (a Hypothesis API search result, a Recogito download). They are written
// from fixtureSpans by
//
//	go test ./app/annotation/review -run TestWriteFixtures -fixtures
//
// and committed; the tests read the committed files.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

var writeFixtures = flag.Bool("fixtures", false, "rewrite the import fixtures in ../testdata/review from the default corpus")

// fixtureDir holds the import fixtures, relative to this package.
const fixtureDir = "../testdata/review"

// fixtureMark is one annotator's mark of a span: the exact quote (unique
// in the document), the label and a note; a zero mark means not marked.
type fixtureMark struct{ quote, label, note string }

// fixtureSpans are the claims the three annotators marked. Labels: F fact,
// C forecast, O opinion, U unverified; the agreement test's table repeats
// them.
var fixtureSpans = []struct {
	doc            string
	ann, bob, cara fixtureMark
}{
	{"000_e8a7284548e64c77", fixtureMark{"with Kingsoft Cloud's stock price soaring by over 13%", "Fact", ""},
		fixtureMark{"Kingsoft Cloud's stock price soaring by over 13%", "fact", ""},
		fixtureMark{"On March 9, the Hong Kong-listed cloud computing sector suddenly surged, with Kingsoft Cloud's stock price soaring by over 13%.", "fact", ""}},
	{"000_e8a7284548e64c77", fixtureMark{`2026 may mark a watershed, with AI transitioning from "answering questions" to "executing tasks,"`, "Forecast", ""},
		fixtureMark{`2026 may mark a watershed, with AI transitioning from "answering questions" to "executing tasks,"`, "forecast", ""},
		fixtureMark{"2026 may mark a watershed", "opinion", "the author's own view"}},
	{"000_e8a7284548e64c77", fixtureMark{"may now be presented with an opportunity for revaluation", "Opinion", ""},
		fixtureMark{"may now be presented with an opportunity for revaluation", "forecast", ""},
		fixtureMark{"may now be presented with an opportunity for revaluation", "Opinion", ""}},
	{"000_e8a7284548e64c77", fixtureMark{"In the third quarter of 2025, the company achieved its first adjusted net profit", "Fact", "Q3 2025 results"},
		fixtureMark{"In the third quarter of 2025, the company achieved its first adjusted net profit", "fact", ""},
		fixtureMark{"In the third quarter of 2025, the company achieved its first adjusted net profit", "fact", "check the Q3 2025 release"}},
	{"000_e8a7284548e64c77", fixtureMark{"Goldman Sachs estimates that Xiaomi will invest approximately RMB 10 billion in AI in 2026", "Unverified", "which Goldman note?"},
		fixtureMark{"Goldman Sachs estimates that Xiaomi will invest approximately RMB 10 billion in AI in 2026", "forecast", ""},
		fixtureMark{"Goldman Sachs estimates that Xiaomi will invest approximately RMB 10 billion in AI in 2026", "unverified", ""}},
	{"000_e8a7284548e64c77", fixtureMark{"Over the past year, Kingsoft Cloud's stock price has fluctuated by over 150%", "Fact", ""},
		fixtureMark{"Over the past year, Kingsoft Cloud's stock price has fluctuated by over 150%", "fact", ""},
		fixtureMark{"Over the past year, Kingsoft Cloud's stock price has fluctuated by over 150%", "fact", ""}},
	{"000_e8a7284548e64c77", fixtureMark{"The answer likely lies somewhere in between.", "Opinion", ""},
		fixtureMark{"The answer likely lies somewhere in between.", "opinion", ""},
		fixtureMark{"The answer likely lies somewhere in between.", "opinion", ""}},
	{"000_e8a7284548e64c77", fixtureMark{"low-latency edge computing power will become a new scarce resource", "Forecast", ""},
		fixtureMark{"low-latency edge computing power will become a new scarce resource", "forecast", ""},
		fixtureMark{"low-latency edge computing power will become a new scarce resource", "forecast", ""}},
	{"001_bf618552857fbc22", fixtureMark{"total revenue of RMB2,703.7 million, up 37.2% year over year", "Fact", ""},
		fixtureMark{"total revenue of RMB2,703.7 million, up 37.2% year over year", "fact", "both from the May 27 release"},
		fixtureMark{"total revenue of RMB2,703.7 million, up 37.2% year over year", "fact", ""}},
	{"001_bf618552857fbc22", fixtureMark{"gross margin fell to 12.8%", "Fact", ""},
		fixtureMark{"gross margin fell to 12.8%", "fact", ""}, // the same annotation as the revenue: two targets
		fixtureMark{}},
	{"001_bf618552857fbc22", fixtureMark{"A secondary market-data article flagged a sharp 23% pre-market drop after the print", "Unverified", ""},
		fixtureMark{"A secondary market-data article flagged a sharp 23% pre-market drop after the print", "fact", ""},
		fixtureMark{"flagged a sharp 23% pre-market drop after the print", "unverified", "secondary source only"}},
	{"001_bf618552857fbc22", fixtureMark{"this stays a tentative monitoring-style hold rather than a stronger post-earnings re-rating call", "Opinion", ""},
		fixtureMark{"this stays a tentative monitoring-style hold rather than a stronger post-earnings re-rating call", "opinion", ""},
		fixtureMark{"this stays a tentative monitoring-style hold rather than a stronger post-earnings re-rating call", "opinion", ""}},
	{"002_811ec14697f2496f", fixtureMark{"Kingsoft Cloud's Q2 2025 revenue rose \u2014 22 % YoY", "Fact", ""},
		fixtureMark{"Kingsoft Cloud's Q2 2025 revenue rose \u2014 22 % YoY", "unverified", "the file's encoding was damaged"},
		fixtureMark{"Kingsoft Cloud's Q2 2025 revenue rose \u2014 22 % YoY", "fact", ""}},
	{"002_811ec14697f2496f", fixtureMark{"should keep the AI-services growth rate above 20 % YoY for the next 12\u201318 months", "Forecast", ""},
		fixtureMark{"should keep the AI-services growth rate above 20 % YoY for the next 12\u201318 months", "forecast", ""},
		fixtureMark{"should keep the AI-services growth rate above 20 % YoY for the next 12\u201318 months", "forecast", ""}},
	{"003_b8f8d3d2afcff4c0", fixtureMark{"The technical underpinnings of this strategic shift are profound.", "Opinion", ""},
		fixtureMark{"The technical underpinnings of this strategic shift are profound.", "opinion", ""},
		fixtureMark{}},
	{"003_b8f8d3d2afcff4c0", fixtureMark{"Cloud providers can no longer rely on scaling out homogeneous data centers.", "Opinion", ""},
		fixtureMark{"Cloud providers can no longer rely on scaling out homogeneous data centers.", "fact", ""},  // a plain string body
		fixtureMark{"Cloud providers can no longer rely on scaling out homogeneous data centers.", "fact", ""}}, // on the article's own address
	{"000_e8a7284548e64c77", fixtureMark{},
		fixtureMark{"Third, global cloud providers have rare ly (rarely) initiated computing power price hikes", "fact", ""},
		fixtureMark{}},
}

// The orphan: Cara quoted text the corpus does not hold.
const (
	orphanQuote = "Kingsoft Cloud raised its full-year revenue guidance to RMB 11 billion"
	orphanNote  = "Heard on the earnings call; the transcript is not in the corpus yet."
)

// fixtureBase is the app's address when the annotators worked.
const fixtureBase = "http://127.0.0.1:8000/"

// anchorIn returns code point offsets and 32 code points of context of a
// quote unique in text.
func anchorIn(tb testing.TB, text, quote string) (start, end int, prefix, suffix string) {
	tb.Helper()
	if strings.Count(text, quote) != 1 {
		tb.Fatalf("%q occurs %d times", quote, strings.Count(text, quote))
	}
	i := strings.Index(text, quote)
	rs := []rune(text)
	start = len([]rune(text[:i]))
	end = start + len([]rune(quote))
	return start, end, string(rs[max(0, start-32):start]), string(rs[end:min(len(rs), end+32)])
}

// hTime is a time as the h API writes it.
func hTime(day, minute int) string {
	return time.Date(2026, 3, day, 9, minute, 7, 123456000, time.UTC).Format("2006-01-02T15:04:05.000000-07:00")
}

func fixtureTime(day, minute int) string {
	return time.Date(2026, 3, day, 9, minute, 0, 0, time.UTC).Format(time.RFC3339)
}

func writeJSON(tb testing.TB, name string, v any) {
	tb.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fixtureDir, name), append(b, '\n'), 0o644); err != nil {
		tb.Fatal(err)
	}
}

type (
	w3cSel struct {
		Type   string `json:"type"`
		Exact  string `json:"exact,omitempty"`
		Prefix string `json:"prefix,omitempty"`
		Suffix string `json:"suffix,omitempty"`
		Start  *int   `json:"start,omitempty"`
		End    *int   `json:"end,omitempty"`
	}
	w3cTgt struct {
		Type     string   `json:"type,omitempty"`
		Source   any      `json:"source"`
		Selector []w3cSel `json:"selector"`
	}
	w3cAnn struct {
		Context    string `json:"@context"`
		ID         string `json:"id"`
		Type       string `json:"type"`
		Motivation string `json:"motivation"`
		Creator    any    `json:"creator"`
		Created    string `json:"created"`
		Modified   string `json:"modified,omitempty"`
		Body       any    `json:"body"`
		Target     any    `json:"target"`
	}
)

func TestWriteFixtures(t *testing.T) {
	if !*writeFixtures {
		t.Skip("run with -fixtures to rewrite the fixtures")
	}
	c := apptest.DefaultCorpus(t)
	text := func(doc string) string {
		d, ok := c.Document(doc)
		if !ok {
			t.Fatalf("no document %s", doc)
		}
		return d.Text
	}
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}

	// Ann: a W3C collection; classifying bodies with capitalised labels;
	// targets on the app's reader page for 000 and 001, on the file name
	// for 002 and 003; quote and code point position selectors.
	var annItems []w3cAnn
	for i, s := range fixtureSpans {
		m := s.ann
		if m.quote == "" {
			continue
		}
		start, end, pre, suf := anchorIn(t, text(s.doc), m.quote)
		body := []map[string]string{{"type": "TextualBody", "purpose": "classifying", "value": m.label}}
		if m.note != "" {
			body = append(body, map[string]string{"type": "TextualBody", "purpose": "commenting", "value": m.note, "format": "text/plain"})
		}
		source := fixtureBase + "doc?id=" + s.doc
		if s.doc >= "002" {
			source = s.doc + ".txt"
		}
		annItems = append(annItems, w3cAnn{Context: "http://www.w3.org/ns/anno.jsonld", ID: fmt.Sprintf("https://annotations.example.org/ann/%02d", i+1),
			Type: "Annotation", Motivation: "classifying", Creator: map[string]string{"type": "Person", "name": "Ann"}, Created: fixtureTime(10, i),
			Body: body, Target: w3cTgt{Type: "SpecificResource", Source: source, Selector: []w3cSel{
				{Type: "TextQuoteSelector", Exact: m.quote, Prefix: pre, Suffix: suf}, {Type: "TextPositionSelector", Start: &start, End: &end}}}})
	}
	writeJSON(t, "ann.w3c.jsonld", map[string]any{
		"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://annotations.example.org/ann/collection", "type": "AnnotationCollection",
		"label": "Ann's claim labels on the Kingsoft Cloud corpus", "total": len(annItems),
		"first": map[string]any{"id": "https://annotations.example.org/ann/collection/page1", "type": "AnnotationPage", "startIndex": 0, "items": annItems},
	})

	// Bob: a W3C page; bodies without purpose under a classifying
	// motivation (one a plain string); the revenue and margin claims in one
	// annotation with two targets; sources a mirror URL ending in the
	// document's path, or a file: URL; quotes without positions.
	var bobItems []w3cAnn
	var pending *w3cAnn
	for i, s := range fixtureSpans {
		m := s.bob
		if m.quote == "" {
			continue
		}
		_, _, pre, suf := anchorIn(t, text(s.doc), m.quote)
		var source any = map[string]string{"id": "file:///home/bob/corpus/" + s.doc + ".txt", "type": "Text"}
		if strings.HasPrefix(s.doc, "001") {
			source = "https://mirror.example.org/kingsoft/" + s.doc + ".txt"
		}
		target := w3cTgt{Source: source, Selector: []w3cSel{{Type: "TextQuoteSelector", Exact: m.quote, Prefix: pre, Suffix: suf}}}
		if pending != nil { // the second target of the two-target annotation
			pending.Target = []w3cTgt{pending.Target.(w3cTgt), target}
			bobItems = append(bobItems, *pending)
			pending = nil
			continue
		}
		var body any = map[string]string{"type": "TextualBody", "value": m.label}
		if strings.HasPrefix(m.quote, "Cloud providers can no longer") {
			body = m.label
		} else if m.note != "" {
			body = []any{body, map[string]string{"type": "TextualBody", "purpose": "commenting", "value": m.note}}
		}
		a := w3cAnn{Context: "http://www.w3.org/ns/anno.jsonld", ID: fmt.Sprintf("urn:uuid:6f1c0d2e-0000-4000-8000-%012d", i+1), Type: "Annotation",
			Motivation: "classifying", Creator: map[string]string{"type": "Person", "nickname": "bob"}, Created: fixtureTime(11, i), Modified: fixtureTime(12, i),
			Body: body, Target: target}
		if strings.HasPrefix(m.quote, "total revenue of RMB2,703.7") {
			pending = &a
			continue
		}
		bobItems = append(bobItems, a)
	}
	writeJSON(t, "bob.w3c.json", map[string]any{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://bob.example.net/annotations/page1",
		"type": "AnnotationPage", "startIndex": 0, "items": bobItems})

	// Cara: a Hypothesis client export of the app's reader pages. The
	// client counts positions in UTF-16 units of the page's text, which
	// begins with the app's header: they are off, a hint only.
	var caraRows []map[string]any
	add := func(i int, doc, quote, label, note, uri string) {
		var start, end int
		var pre, suf string
		if body := text(doc); strings.Contains(body, quote) {
			start, end, pre, suf = anchorIn(t, body, quote)
		} else {
			start, end, pre, suf = 1200, 1200+len(quote), "guidance discussion. ", " for 2026."
		}
		u16 := func(n int) int { return len(utf16.Encode([]rune(text(doc))[:min(n, len([]rune(text(doc))))])) + 388 }
		sum := sha256.Sum256([]byte(quote))
		id := base64.RawURLEncoding.EncodeToString(sum[:])[:22]
		title := doc
		if d, ok := c.Document(doc); ok {
			title = d.Title
		}
		caraRows = append(caraRows, map[string]any{
			"id": id, "created": hTime(13, i), "updated": hTime(13, i+30),
			"user": "acct:cara@hypothes.is", "uri": uri, "text": note, "tags": []string{label, "kingsoft-cloud"},
			"group": "__world__",
			"permissions": map[string]any{"read": []string{"group:__world__"}, "admin": []string{"acct:cara@hypothes.is"},
				"update": []string{"acct:cara@hypothes.is"}, "delete": []string{"acct:cara@hypothes.is"}},
			"target": []any{map[string]any{"source": uri, "selector": []any{
				map[string]any{"type": "RangeSelector", "startContainer": "/main[1]/article[1]/p[3]", "startOffset": 12, "endContainer": "/main[1]/article[1]/p[3]", "endOffset": 12 + end - start},
				map[string]any{"type": "TextPositionSelector", "start": u16(start), "end": u16(end)},
				map[string]any{"type": "TextQuoteSelector", "exact": quote, "prefix": pre, "suffix": suf},
			}}},
			"document": map[string]any{"title": []string{title + " · claimtag"}},
			"links": map[string]string{"html": "https://hypothes.is/a/" + id, "incontext": "https://hyp.is/" + id + "/" + strings.TrimPrefix(uri, "http://"),
				"json": "https://hypothes.is/api/annotations/" + id},
			"user_info": map[string]any{"display_name": "Cara"}, "flagged": false, "hidden": false,
		})
	}
	for i, s := range fixtureSpans {
		m := s.cara
		if m.quote == "" {
			continue
		}
		uri := fixtureBase + "doc?id=" + s.doc
		if strings.HasPrefix(s.doc, "003") {
			uri = "https://research.example.com/2026/03/ai-factories" // read on the original site
		}
		add(i, s.doc, m.quote, m.label, m.note, uri)
	}
	add(len(fixtureSpans), "001_bf618552857fbc22", orphanQuote, "unverified", orphanNote, fixtureBase+"doc?id=001_bf618552857fbc22")
	writeJSON(t, "cara.hypothesis.json", map[string]any{"export_date": "2026-03-14T08:00:00.000Z", "export_userid": "acct:cara@hypothes.is",
		"client_version": "1.1578.0", "annotations": caraRows})

	writeOtherFixtures(t, c, text)
}

// writeOtherFixtures writes the files of other shapes, each entry refused
// or accepted for a reason the import test checks.
func writeOtherFixtures(t *testing.T, c *review.Corpus, text func(string) string) {
	// A Hypothesis API search response (GET /api/search): six rows of
	// seven matches.
	doc := "002_811ec14697f2496f"
	uri := fixtureBase + "doc?id=" + doc
	quote := "All three levers have medium-to-long-term tailwinds."
	start, end, pre, suf := anchorIn(t, text(doc), quote)
	row := func(id string, tags []string, txt string, target map[string]any) map[string]any {
		r := map[string]any{"id": id, "created": hTime(20, 1), "updated": hTime(20, 2), "user": "acct:dan@hypothes.is", "uri": uri,
			"text": txt, "tags": tags, "group": "__world__", "target": []any{target},
			"document": map[string]any{"title": []string{"Kingsoft Cloud Q2 2025 · claimtag"}},
			"links":    map[string]string{"html": "https://hypothes.is/a/" + id}, "user_info": map[string]any{"display_name": nil},
			"flagged": false, "hidden": false}
		return r
	}
	onQuote := map[string]any{"source": uri, "selector": []any{
		map[string]any{"type": "TextPositionSelector", "start": start + 388, "end": end + 388},
		map[string]any{"type": "TextQuoteSelector", "exact": quote, "prefix": pre, "suffix": suf}}}
	pageOnly := map[string]any{"source": uri}
	reply := row("Rp1yAbCdEfGhIjKlMnOpQr", []string{"fact"}, "agreed", pageOnly)
	reply["references"] = []string{"Gd0aBcDeFgHiJkLmNoPqRs"}
	rows := []any{
		row("Gd0aBcDeFgHiJkLmNoPqRs", []string{"Forecast"}, "sounds like guidance", onQuote), // accepted, by "dan"
		row("Pn0tEaBcDeFgHiJkLmNoPq", []string{"opinion"}, "A page note on the whole answer.", pageOnly),
		reply,
		row("Hl1ghTaBcDeFgHiJkLmNoP", []string{}, "", onQuote),                              // a highlight: no label
		row("Tw0LaBeLsAbCdEfGhIjKlM", []string{"fact", "Opinion"}, "which is it?", onQuote), // two labels
		row("BaDuTf8AbCdEfGhIjKlMnO", []string{"fact"}, "@@BAD@@", onQuote),                 // invalid UTF-8 in the note
	}
	b, err := json.MarshalIndent(map[string]any{"total": 7, "rows": rows}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "@@BAD@@", "Margin \\u00e9 fell \xe9 4 ppt", 1)) // an escaped é, then a Latin-1 byte
	if err := os.WriteFile(filepath.Join(fixtureDir, "dan.hypothesis-search.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}

	// A Recogito download (Web Annotation, a JSON array): no annotation
	// creator or created time, the body carries them; the target's label
	// is the uploaded file's name; positions count the uploaded text.
	doc3 := "003_b8f8d3d2afcff4c0"
	q3 := "The industry impact of this pivot is multi-layered"
	s3, e3, _, _ := anchorIn(t, text(doc3), q3)
	q2 := "Government contracts, while lucrative, are subject to policy cycles"
	s2, e2, _, _ := anchorIn(t, text(doc), q2)
	rec := func(uuid, label, value, purpose, note string, target map[string]any) map[string]any {
		body := []any{map[string]any{"type": "TextualBody", "value": value, "creator": "https://recogito.pelagios.org/lena",
			"modified": "2026-03-16T10:11:12Z", "purpose": purpose}}
		if purpose == "identifying" {
			body[0].(map[string]any)["type"] = "SpecificResource"
		}
		if note != "" {
			body = append(body, map[string]any{"type": "TextualBody", "value": note, "creator": "https://recogito.pelagios.org/lena",
				"modified": "2026-03-16T10:12:00Z", "purpose": "commenting"})
		}
		return map[string]any{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://recogito.pelagios.org/document/8x2pq4/part/1#" + uuid,
			"type": "Annotation", "generator": "https://recogito.pelagios.org/", "generated": "2026-03-17T08:00:00Z", "body": body, "target": target}
	}
	target := func(file string, start, end int, exact string) map[string]any {
		return map[string]any{"source": "https://recogito.pelagios.org/annotation/resolve/part/31", "type": "Text", "label": file,
			"selector": []any{map[string]any{"type": "TextPositionSelector", "start": start + 3, "end": end + 3},
				map[string]any{"type": "TextQuoteSelector", "exact": exact}}}
	}
	writeJSON(t, "lena.recogito.json", []any{
		rec("0b6e0d7a-8d5c-4f37-9a52-2f0d9c1e6a11", "", "Opinion", "tagging", "reads as the author's framing", target(doc3+".txt", s3, e3, q3)),
		rec("1c7f1e8b-9e6d-4a48-8b63-3a1e0d2f7b22", "", "http://sws.geonames.org/1816670/", "identifying", "", target(doc3+".txt", s3, e3, q3)),
		rec("2d801f9c-af7e-4b59-9c74-4b2f1e308c33", "", "unverified", "tagging", "", target(doc+".txt", s2, e2, q2)),
	})
}
