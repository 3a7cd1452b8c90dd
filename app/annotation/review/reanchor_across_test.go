package review_test

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/review"
)

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
