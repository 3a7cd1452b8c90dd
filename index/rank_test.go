//go:build !js

package index_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// rankCorpus is a small corpus in which each pair of documents differs by
// one ranking signal. Filler documents make the query words rare, as they
// are in a real corpus.
var rankCorpus = map[string]string{
	"inventory.md": "# inventory — Stock records\n\nThe inventory module keeps stock records.\n\nEach record in the inventory has a count.",
	"inventory-audit.md": "# inventory.audit — Audits of stock records\n\nAudits compare the inventory with the shelves.\n\n" +
		"An inventory audit runs at night.\n\nThe inventory audit reports missing stock.\n\nA failed inventory audit is retried.\n\nEvery inventory audit is logged.",
	"report-generator.md": "# Templates\n\nThe report generator fills a template.",
	"generate-reports.md": "# Reports\n\nGenerate a report from the ledger.\n\nGenerated reports are kept for a year.\n\nTo generate many reports at once, pass a list.\n\nReports generate no invoices.",
	"glossary.md":         "# Glossary\n\nreconciliation\n\nMatching two sets of records so that their totals agree.\n\nledger\n\nThe book of accounts.",
	"closing.md":          "# Closing the month\n\nThe month ends with a reconciliation of the bank statements.\n\nA second reconciliation checks the cash box against the till.",
	"store-path.md":       "# store.path — Paths in the store\n\nstore.path.join(a, b)\n\nJoins two paths.",
	"pathways.md":         "# Working with paths\n\nCall store.path.join to build a path.\n\nstore.path.join never touches the disk.\n\nUse store.path.join for portable code.",
	"errors-api.md":       "# Errors\n\nexception LedgerError\n\nRaised when the books do not balance.",
	"errors-howto.md":     "# Handling errors\n\nCatch LedgerError around each posting.\n\nA LedgerError leaves the books as they were.\n\nLog every LedgerError with its posting.",
	"filler-1.md":         "# Weather\n\nRain is expected on Monday.\n\nThe wind will calm by Friday.",
	"filler-2.md":         "# Gardening\n\nWater the tomatoes in the morning.\n\nPrune the roses in March.",
	"filler-3.md":         "# Cooking\n\nBake the bread for forty minutes.\n\nLet the dough rest overnight.",
	"filler-4.md":         "# Travel\n\nThe train leaves at noon.\n\nBook the hotel a week ahead.",
}

func openRankCorpus(t *testing.T) *index.Index {
	t.Helper()
	names := make([]string, 0, len(rankCorpus))
	for name := range rankCorpus {
		names = append(names, name)
	}
	slices.Sort(names)
	var docs []*ingest.Document
	for _, name := range names {
		d, err := ingest.Parse(name, []byte(rankCorpus[name]))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	data, _, err := index.Build(docs, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestRankingSaysWhyADocumentRanksAbove checks, for each signal of the
// ranking, that the document having it ranks above one that does not,
// although the other has more matching passages or as many, and that the
// explanation names the signal: a part larger for the winner.
func TestRankingSaysWhyADocumentRanksAbove(t *testing.T) {
	ix := openRankCorpus(t)
	docID := func(title string) string {
		for _, d := range ix.Documents() {
			if d.Title == title {
				return d.ID
			}
		}
		t.Fatalf("no document titled %q", title)
		return ""
	}
	tests := []struct {
		name, query, above, below, part string
	}{
		{"a title naming exactly what was typed beats one that starts with it",
			"inventory", "inventory — Stock records", "inventory.audit — Audits of stock records", "title names the query"},
		{"a word as typed beats other words of the same stem",
			"generator", "Templates", "Reports", "passages"},
		{"a glossary term that is the query beats passing mentions",
			"reconciliation", "Glossary", "Closing the month", "a passage names the query"},
		{"the declaration of an identifier beats pages that use it",
			"LedgerError", "Errors", "Handling errors", "a passage declares the query"},
		{"the module a dotted name belongs to beats pages that use it",
			"store.path.join", "store.path — Paths in the store", "Working with paths", "title names the query's qualifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(index.Request{Query: tt.query, Explain: true, Groups: 20})
			if err != nil {
				t.Fatal(err)
			}
			above, below := docID(tt.above), docID(tt.below)
			ia, ib := -1, -1
			for i, g := range res.Groups {
				switch g.Doc {
				case above:
					ia = i
				case below:
					ib = i
				}
			}
			var table strings.Builder
			for _, g := range res.Groups {
				fmt.Fprintf(&table, "\n  %s %.2f %+v", g.Title, g.Score, g.Explain.Parts)
			}
			if ia < 0 || ib < 0 || ia > ib {
				t.Fatalf("%q: %q at %d, %q at %d; want the first above the second:%s", tt.query, tt.above, ia, tt.below, ib, table.String())
			}
			if a, b := part(res.Groups[ia].Explain, tt.part), part(res.Groups[ib].Explain, tt.part); a <= b {
				t.Errorf("%q: the part %q is %.2f for %q and %.2f for %q, want it larger for the first:%s", tt.query, tt.part, a, tt.above, b, tt.below, table.String())
			}
			for _, g := range res.Groups {
				sum := 0.0
				for _, p := range g.Explain.Parts {
					sum += p.Value
				}
				if d := sum - g.Score; d > 1e-9 || d < -1e-9 {
					t.Errorf("%s: parts add up to %v, score %v", g.Title, sum, g.Score)
				}
			}
		})
	}
}

// part returns the value of e's part named name, 0 without one.
func part(e *index.Explanation, name string) float64 {
	for _, p := range e.Parts {
		if p.Name == name {
			return p.Value
		}
	}
	return 0
}
