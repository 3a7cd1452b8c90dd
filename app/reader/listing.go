package reader

import (
	"slices"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/claimtag/claimtag/app/workspace"
)

// The states an entry of the annotation list shows.
const (
	stateSaved     = "saved"
	stateSaving    = "saving…"
	stateNotSaved  = "not saved"
	stateNotPlaced = "not placed"
	stateConfirm   = "needs confirming"
)

// entry is one line of the annotation list.
type entry struct {
	ID     string
	Tag    annotation.Tag
	Quote  string
	Note   string
	Placed bool
	// States says where it is: saved, saving… or not saved, and not
	// placed or needs confirming when re-anchoring says so.
	States []string
}

// entries lists a document's annotations as the list shows them: the
// placed ones in text order (start, then the longer first, as their marks
// nest), then the ones not placed, in the order they had. unsaved names
// the annotations the store has not acknowledged, and status is the
// saver's.
func entries(placed, lost []workspace.Item, unsaved map[string]bool, status storage.State) []entry {
	placed = slices.Clone(placed)
	slices.SortStableFunc(placed, func(a, b workspace.Item) int {
		if a.Anchor.Start != b.Anchor.Start {
			return a.Anchor.Start - b.Anchor.Start
		}
		if a.Anchor.End != b.Anchor.End {
			return b.Anchor.End - a.Anchor.End
		}
		return strings.Compare(a.ID, b.ID)
	})
	lost = slices.Clone(lost)
	slices.SortStableFunc(lost, func(a, b workspace.Item) int { return a.Anchor.Start - b.Anchor.Start })
	var out []entry
	for _, group := range [][]workspace.Item{placed, lost} {
		for _, it := range group {
			e := entry{ID: it.ID, Tag: it.Tag, Quote: it.Anchor.Exact, Note: it.Note, Placed: it.Placed()}
			switch {
			case !unsaved[it.ID]:
				e.States = append(e.States, stateSaved)
			case status == storage.Failed:
				e.States = append(e.States, stateNotSaved)
			default:
				e.States = append(e.States, stateSaving)
			}
			if !e.Placed {
				e.States = append(e.States, stateNotPlaced)
			} else if it.Confirm {
				e.States = append(e.States, stateConfirm)
			}
			out = append(out, e)
		}
	}
	return out
}

// only returns the entries tagged t; all of them for "".
func only(es []entry, t annotation.Tag) []entry {
	if t == "" {
		return es
	}
	var out []entry
	for _, e := range es {
		if e.Tag == t {
			out = append(out, e)
		}
	}
	return out
}

// tagCounts counts the entries by tag.
func tagCounts(es []entry) map[annotation.Tag]int {
	n := map[annotation.Tag]int{}
	for _, e := range es {
		n[e.Tag]++
	}
	return n
}

// tagIcon is the sign that tells a tag apart without its colour, as
// web/app.css draws it before each mark, tag button and tag chip (the
// list's filter buttons write it).
func tagIcon(t annotation.Tag) string {
	switch t {
	case annotation.Fact:
		return "✓"
	case annotation.Forecast:
		return "↗"
	case annotation.Opinion:
		return "✎"
	case annotation.Unverified:
		return "?"
	}
	return "•"
}

// shorten cuts s to about n code points at a space, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for i := n; i > n*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}
