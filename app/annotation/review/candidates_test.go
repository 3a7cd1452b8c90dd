package review_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

// everyDocument is the corpus as package anchoring reads it: Reanchor with
// it scans every document, what review.Reanchor did before it looked up
// candidate passages.
type everyDocument struct{ c *review.Corpus }

func (e everyDocument) Text(id string) ([]rune, bool) {
	d, ok := e.c.Document(id)
	return []rune(d.Text), ok
}

func (e everyDocument) Documents() []string {
	var ids []string
	for _, d := range e.c.Documents() {
		ids = append(ids, d.ID)
	}
	return ids
}

// TestReanchorFindsWhatAFullScanFinds compares review.Reanchor, which only
// searches the passages holding a quote's rarest words, with a scan of
// every document, over quotes of the default corpus that moved to an
// unknown source, had a letter or a word changed, or lost their context.
func TestReanchorFindsWhatAFullScanFinds(t *testing.T) {
	c := apptest.DefaultCorpus(t)
	rng := rand.New(rand.NewPCG(5, 6))
	docs := c.Documents()
	mutations := []struct {
		name string
		do   func(a *annotation.Anchor)
	}{
		{"an unknown source", func(a *annotation.Anchor) { a.Doc = "elsewhere.html" }},
		{"an unknown source and no position", func(a *annotation.Anchor) { a.Doc, a.Start, a.End = "elsewhere.html", 0, 0 }},
		{"a letter changed", func(a *annotation.Anchor) {
			q := []rune(a.Exact)
			i := len(q) / 2
			q[i] = map[bool]rune{true: 'x', false: 'q'}[q[i] != 'x']
			a.Exact, a.Doc = string(q), "elsewhere.html"
		}},
		{"a word changed", func(a *annotation.Anchor) {
			words := strings.Fields(a.Exact)
			words[len(words)/2] = "zebra"
			a.Exact, a.Doc = strings.Join(words, " "), "elsewhere.html"
		}},
		{"moved far in its own document and a letter changed", func(a *annotation.Anchor) {
			q := []rune(a.Exact)
			q[1] = map[bool]rune{true: 'x', false: 'q'}[q[1] != 'x']
			a.Exact = string(q)
			a.Start, a.End = 0, len(q) // far from the hint: only the candidates find it
		}},
	}
	agree, total := 0, 0
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			for range 20 {
				d := docs[rng.IntN(len(docs))]
				text := []rune(d.Text)
				n := 30 + rng.IntN(60)
				if len(text) < n+1 {
					continue
				}
				start := rng.IntN(len(text) - n)
				for start > 0 && text[start-1] != ' ' {
					start--
				}
				anc, err := annotation.AnchorRunes(d.ID, "", text, start, start+n)
				if err != nil {
					t.Fatal(err)
				}
				if len(strings.Fields(anc.Exact)) < 3 {
					continue
				}
				orig := anc
				m.do(&anc)
				got := review.Reanchor(anc, c)
				want := anchoring.Reanchor(anc, everyDocument{c})
				total++
				if got.Status.Placed() == want.Status.Placed() && got.Doc == want.Doc && got.Start == want.Start && got.End == want.End {
					agree++
				}
				switch {
				case want.Status.Placed() && !got.Status.Placed():
					t.Errorf("%q: got orphan, the full scan found %s at %s %d-%d", anc.Exact, want.Status, want.Doc, want.Start, want.End)
				case got.Status.Placed() && got.Exact != orig.Exact && (got.Doc != orig.Doc || got.Start > orig.End || got.End < orig.Start) &&
					(got.Doc != want.Doc || got.Start != want.Start):
					// Another occurrence of the same text is as good a place,
					// and the near match Locate finds first is the full scan's too.
					t.Errorf("%q: got %q at %s %d-%d, want the original span %s %d-%d", anc.Exact, got.Exact, got.Doc, got.Start, got.End,
						orig.Doc, orig.Start, orig.End)
				}
			}
		})
	}
	// Where they differ, the candidates found a place the full scan did
	// not (a fuzzy match far from the old position in the annotation's own
	// document, which the scan never searches without a hint).
	t.Logf("%d of %d placed where the full scan placed them", agree, total)
}

func TestReanchorAcrossTheCorpus(t *testing.T) {
	const (
		report = "Revenue rose 22 % in Q2. The board expects margins to widen next year.\n" +
			"Cloud demand grew across every region, the chief executive said."
		notes = "Notes. 金山云第二季度收入增长22%。 Analysts were cautious about margins."
	)
	c := review.NewCorpus(
		review.Document{ID: "report", Text: report, Passages: []review.Passage{{ID: "r1", Start: 0, End: 72}, {ID: "r2", Start: 73, End: utf8.RuneCountInString(report)}}},
		review.Document{ID: "notes", Text: notes},
	)
	anchor := func(doc, quote, prefix, suffix string) annotation.Anchor {
		return annotation.Anchor{Doc: doc, Exact: quote, Prefix: prefix, Suffix: suffix, Start: 0, End: utf8.RuneCountInString(quote)}
	}
	tests := []struct {
		name   string
		a      annotation.Anchor
		status review.Status
		doc    string
		exact  string
	}{
		{name: "a quote from an unknown source is found in its document",
			a: anchor("https://example.org/q2.pdf", "expects margins to widen", "", ""), status: review.OtherDocument, doc: "report", exact: "expects margins to widen"},
		{name: "a quote across two passages is found",
			a: anchor("", "next year.\nCloud demand", "", ""), status: review.OtherDocument, doc: "report", exact: "next year.\nCloud demand"},
		{name: "a quote cut inside words at both ends is found",
			a: anchor("", "evenue rose 22 % in", "R", "Q"), status: review.OtherDocument, doc: "report", exact: "evenue rose 22 % in"},
		{name: "a quote with a changed word is found fuzzily",
			a: anchor("", "Cloud demand grew across each region", "", ""), status: review.OtherDocument, doc: "report", exact: "Cloud demand grew across every region"},
		{name: "a quote in Chinese is found by its characters",
			a: anchor("", "金山云第二季度收入增长", "", ""), status: review.OtherDocument, doc: "notes", exact: "金山云第二季度收入增长"},
		{name: "a quote whose words are nowhere is an orphan",
			a: anchor("", "Zebras danced on Jupiter at dawn", "", ""), status: review.Orphan},
		{name: "a quote of common words only in another order is an orphan",
			a: anchor("", "the margins said the region grew", "", ""), status: review.Orphan},
		{name: "a quote of punctuation is an orphan",
			a: anchor("", "…!", "", ""), status: review.Orphan},
		{name: "a quote far from its position in its own document is found",
			a: annotation.Anchor{Doc: "report", Exact: "Cloud demand grew across each region", Start: 0, End: 10}, status: review.Fuzzy, doc: "report", exact: "Cloud demand grew across every region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := review.Reanchor(tt.a, c)
			if got.Status != tt.status {
				t.Fatalf("got %s (%+v), want %s", got.Status, got, tt.status)
			}
			if tt.status == review.Orphan {
				return
			}
			if got.Doc != tt.doc || got.Exact != tt.exact {
				t.Errorf("got %q in %s, want %q in %s", got.Exact, got.Doc, tt.exact, tt.doc)
			}
			if text := []rune(map[string]string{"report": report, "notes": notes}[got.Doc]); string(text[got.Start:got.End]) != got.Exact {
				t.Errorf("got span %d-%d reading %q, want %q", got.Start, got.End, string(text[got.Start:got.End]), got.Exact)
			}
		})
	}
}

func ExampleReanchor() {
	c := review.NewCorpus(review.Document{ID: "q2", Text: "Revenue rose 22% in Q2, the company said."})
	// A Hypothesis annotation made on the press release's web page: the
	// source names no document of the corpus, so its quote is looked up.
	r := review.Reanchor(annotation.Anchor{Doc: "https://example.org/press", Exact: "Revenue rose 22%"}, c)
	fmt.Println(r.Status, r.Doc, r.Start, r.End)
	// Output: other-document q2 0 16
}
