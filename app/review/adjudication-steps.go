package review

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/desk"
)

// What the adjudication's keys and buttons do to the desk, apart from the
// page so that it runs natively: the page adds the reviewer's name, the
// note field and the focus.

// currentOf returns the span with key, else the first undecided one, else
// the first; ok is false when there is no span.
func currentOf(d *desk.Desk, key string) (adjudicate.Item, bool) {
	if it, ok := d.Item(key); ok {
		return it, true
	}
	if it, ok := d.Next(""); ok {
		return it, true
	}
	items := d.Items()
	if len(items) == 0 {
		return adjudicate.Item{}, false
	}
	return items[0], true
}

// neighbor returns the key of the span after (or before) the one with
// key in queue order, staying at the ends.
func neighbor(d *desk.Desk, key string, next bool) (string, bool) {
	cur, ok := currentOf(d, key)
	if !ok {
		return "", false
	}
	items := d.Items()
	i := slices.IndexFunc(items, func(it adjudicate.Item) bool { return it.Unit.Key == cur.Unit.Key })
	if next {
		i = min(i+1, len(items)-1)
	} else {
		i = max(i-1, 0)
	}
	return items[i].Unit.Key, true
}

// settle decides the span with key: label t, or no claim when t is "".
// It returns the span to show next: the next undecided one, or the same
// when every span is decided or the decision failed.
func settle(d *desk.Desk, key string, t annotation.Tag, note, reviewer string, now time.Time) (next string, err error) {
	if t == "" {
		err = d.Drop(key, note, reviewer, now)
	} else {
		err = d.Decide(key, t, note, reviewer, now)
	}
	if err != nil {
		return key, err
	}
	if it, ok := d.Next(key); ok {
		return it.Unit.Key, nil
	}
	return key, nil
}

// travel undoes (back) or redoes the latest decision and says what it
// did; done is false when there was nothing to do.
func travel(d *desk.Desk, back bool) (msg string, done bool) {
	before := d.Progress()
	if back {
		done = d.Undo()
	} else {
		done = d.Redo()
	}
	switch {
	case !done && back:
		return "Nothing to undo in the adjudication.", false
	case !done:
		return "Nothing to redo in the adjudication.", false
	}
	what := map[bool]string{true: "Undid", false: "Redid"}[back]
	after := d.Progress()
	return fmt.Sprintf("%s the latest decision: %d of %d spans decided (was %d).", what, after.Decided, after.Total, before.Decided), true
}
