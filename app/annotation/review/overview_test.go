package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

// TestTaggedPassagesCoverEveryMatch builds 1,500 passages, 1,200 of them
// tagged, more than any top-hits window: the candidates and the counts come
// from all of them.
func TestTaggedPassagesCoverEveryMatch(t *testing.T) {
	var b strings.Builder
	var doc Document
	doc.ID = "big"
	for i := range 1500 {
		start := b.Len()
		fmt.Fprintf(&b, "passage %04d. ", i)
		doc.Passages = append(doc.Passages, Passage{ID: fmt.Sprintf("p%d", i), Start: start, End: b.Len()})
	}
	doc.Text = b.String()
	c := NewCorpus(doc)
	var as []annotation.Annotation
	for i := range 1200 {
		p := doc.Passages[i]
		tag, who := annotation.Fact, "ann"
		if i%4 == 0 {
			tag, who = annotation.Opinion, "bob"
		}
		as = append(as, annotation.Annotation{ID: fmt.Sprintf("a%d", i), Tag: tag, Creator: who, Created: testTime,
			Anchor: annotation.Anchor{Doc: "big", Exact: doc.Text[p.Start : p.Start+7], Start: p.Start, End: p.Start + 7}})
	}
	// One annotation across two passages counts once.
	p0, p1 := doc.Passages[1300], doc.Passages[1301]
	as = append(as, annotation.Annotation{ID: "wide", Tag: annotation.Forecast, Creator: "ann", Created: testTime,
		Anchor: annotation.Anchor{Doc: "big", Exact: doc.Text[p0.Start:p1.End], Start: p0.Start, End: p1.End}})
	tests := []struct {
		name       string
		f          TagFilter
		wantN      int
		wantCounts map[annotation.Tag]int
	}{
		{name: "every tagged passage is a candidate", f: TagFilter{}, wantN: 1202,
			wantCounts: map[annotation.Tag]int{annotation.Fact: 900, annotation.Opinion: 300, annotation.Forecast: 1}},
		{name: "a tag keeps its passages only", f: TagFilter{Tag: annotation.Opinion}, wantN: 300,
			wantCounts: map[annotation.Tag]int{annotation.Opinion: 300}},
		{name: "an annotator keeps theirs", f: TagFilter{Creator: "ann"}, wantN: 902,
			wantCounts: map[annotation.Tag]int{annotation.Fact: 900, annotation.Forecast: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tps := TaggedPassages(as, c, tt.f)
			if len(tps) != tt.wantN || len(PassageIDs(tps)) != tt.wantN {
				t.Fatalf("got %d passages, want %d", len(tps), tt.wantN)
			}
			if got := TagCounts(tps, nil); fmt.Sprint(got) != fmt.Sprint(tt.wantCounts) {
				t.Errorf("got counts %v, want %v", got, tt.wantCounts)
			}
		})
	}
	// Counts over the hits of a search: the passages it matched.
	tps := TaggedPassages(as, c, TagFilter{})
	hits := map[string]bool{"p0": true, "p1": true, "p1300": true, "p1301": true, "p1400": true}
	if got := TagCounts(tps, hits); fmt.Sprint(got) != fmt.Sprint(map[annotation.Tag]int{annotation.Fact: 1, annotation.Opinion: 1, annotation.Forecast: 1}) {
		t.Errorf("got counts over hits %v", got)
	}
}

func TestReanchorAllReportsProgressAndCancels(t *testing.T) {
	rv, c := reviewFixture(t)
	as := rv.Annotations()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if out, err := ReanchorAll(ctx, as, c, nil); !errors.Is(err, context.Canceled) || out != nil {
		t.Fatalf("got %d results and %v, want none and cancelled", len(out), err)
	}
	var calls int
	var last [2]int
	out, err := ReanchorAll(context.Background(), as, c, func(done, total int) { calls, last = calls+1, [2]int{done, total} })
	if err != nil || len(out) != len(as) || last != [2]int{len(as), len(as)} || calls < 2 {
		t.Errorf("got %d results, %v, %d progress calls ending at %v, want all %d, at least 2 calls ending at the total", len(out), err, calls, last, len(as))
	}
	for i, p := range out {
		if p.Annotation.ID != as[i].ID {
			t.Errorf("result %d is %s, want %s: the order of the input", i, p.Annotation.ID, as[i].ID)
		}
	}
}
