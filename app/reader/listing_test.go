package reader

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/claimtag/claimtag/app/workspace"
)

func TestEntries(t *testing.T) {
	ann := func(id string, tag annotation.Tag, s string) workspace.Item {
		a, b := at(t, s)
		return testAnn(t, id, tag, "d", testDoc, a, b)
	}
	sentence := ann("sentence", annotation.Opinion, "Revenue grew 20%.")
	word := ann("word", annotation.Fact, "Revenue")
	later := ann("later", annotation.Forecast, "Margins will fall.")
	later.Note = "CFO guidance"
	moved := ann("moved", annotation.Fact, "grew 20%")
	moved.Status, moved.Confirm = anchoring.Fuzzy, true
	lost := ann("lost", annotation.Unverified, "fall")
	lost.Status = anchoring.Orphan

	tests := []struct {
		name    string
		unsaved map[string]bool
		status  storage.State
		filter  annotation.Tag
		want    []string // id: states
	}{
		{"text order, the longer first at one start, the ones not placed last", nil, storage.Saved, "", []string{
			"sentence: saved", "word: saved", "moved: saved, needs confirming", "later: saved", "lost: saved, not placed"}},
		{"an unacknowledged write is saving, and not saved once the store refused it", map[string]bool{"word": true}, storage.Saving, "", []string{
			"sentence: saved", "word: saving…", "moved: saved, needs confirming", "later: saved", "lost: saved, not placed"}},
		{"a refused write", map[string]bool{"later": true}, storage.Failed, annotation.Forecast, []string{"later: not saved"}},
		{"filtered by tag", nil, storage.Saved, annotation.Fact, []string{"word: saved", "moved: saved, needs confirming"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := only(entries([]workspace.Item{later, moved, word, sentence}, []workspace.Item{lost}, tt.unsaved, tt.status), tt.filter)
			var got []string
			for _, e := range es {
				got = append(got, e.ID+": "+strings.Join(e.States, ", "))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	es := entries([]workspace.Item{later, moved, word, sentence}, []workspace.Item{lost}, nil, storage.Saved)
	if es[3].Note != "CFO guidance" || es[3].Quote != "Margins will fall." || es[3].Tag != annotation.Forecast {
		t.Errorf("got %+v, want the forecast's quote, note and tag", es[3])
	}
	counts := tagCounts(es)
	if counts[annotation.Fact] != 2 || counts[annotation.Unverified] != 1 || counts[annotation.Opinion] != 1 {
		t.Errorf("got counts %v", counts)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"Revenue grew strongly, in every region", 16, "Revenue grew…"},
		{"金山云金山云金山云", 4, "金山云金…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.s, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
