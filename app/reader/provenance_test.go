package reader

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"â\u0080\u0099", "â⟨U+0080⟩⟨U+0099⟩"},
		{"22\u202f%", "22⟨U+202F⟩%"},
		{"a\u200bb", "a⟨U+200B⟩b"},
		{"plain text, é", "plain text, é"},
	}
	for _, tt := range tests {
		if got := visible(tt.in); got != tt.want {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRepairText(t *testing.T) {
	tests := []struct {
		r    provenance.Repair
		want string
	}{
		{provenance.Repair{From: "â\u0080\u0099", To: "’"}, "Repaired: shows “’”, the file had “â⟨U+0080⟩⟨U+0099⟩”."},
		{provenance.Repair{From: "â", To: "'", Lossy: true}, "Repaired: shows “'”, the file had “â” (a best guess)."},
		{provenance.Repair{From: "âŻ", To: "\u202f", Lossy: true, Figures: true},
			"Repaired: shows “⟨U+202F⟩”, the file had “âŻ” (a best guess that touches figures: check it against the source)."},
	}
	for _, tt := range tests {
		if got := repairText(tt.r); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestProvenanceSummaryAndFacts(t *testing.T) {
	repaired := &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Valid, Reason: "valid UTF-8",
		Repairs: []provenance.Repair{{Start: 3, End: 4, Lossy: true}, {Start: 9, End: 10, Lossy: true, Figures: true}}}
	guessed := &provenance.Provenance{Encoding: "windows-1252", Decided: provenance.Guessed, Reason: "guessed: not valid UTF-8", Controls: 1,
		Sanitized: map[string]int{"script": 2, "on*": 1}}
	plain := &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Valid, Reason: "ASCII only"}
	tests := []struct {
		name    string
		p       *provenance.Provenance
		summary string
		facts   []string // each must be in one of the facts
	}{
		{"repairs are counted and explained", repaired, "Text: utf-8 · 2 repairs",
			[]string{"Read as utf-8: valid UTF-8.", "2 stretches of damaged text (mojibake) were repaired (2 best guesses, 1 touching figures)"}},
		{"a guessed encoding, a dropped control and sanitized markup", guessed, "Text: windows-1252 · 1 character dropped",
			[]string{"Read as windows-1252: guessed: not valid UTF-8.", "1 control character dropped.", "Removed from the page: on* ×1, script ×2."}},
		{"a file read as it was", plain, "Text: utf-8 · as in the file", []string{"Nothing was changed"}},
		{"an index without provenance says so", nil, "Text: how it was read is not recorded", []string{"rebuild it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := provenanceSummary(tt.p); got != tt.summary {
				t.Errorf("summary %q, want %q", got, tt.summary)
			}
			facts := strings.Join(provenanceFacts(tt.p), "\n")
			for _, f := range tt.facts {
				if !strings.Contains(facts, f) {
					t.Errorf("facts %q lack %q", facts, f)
				}
			}
		})
	}
}

func TestRepairNavigation(t *testing.T) {
	rs := []provenance.Repair{{Start: 10, End: 12}, {Start: 20, End: 21}, {Start: 30, End: 33}}
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"next from the start", nextRepair(rs, -1, 1), 0},
		{"next from a repair", nextRepair(rs, 10, 1), 1},
		{"next from between repairs", nextRepair(rs, 15, 1), 1},
		{"next after the last goes round", nextRepair(rs, 30, 1), 0},
		{"previous from a repair", nextRepair(rs, 20, -1), 0},
		{"previous before the first goes round", nextRepair(rs, 10, -1), 2},
		{"previous from the end", nextRepair(rs, 100, -1), 2},
		{"none without repairs", nextRepair(nil, 0, 1), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %d, want %d", tt.got, tt.want)
			}
		})
	}
	if got := repairsAt(rs, 11, 25); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("repairsAt = %v, want the first two", got)
	}
}
