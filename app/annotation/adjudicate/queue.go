package adjudicate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/agreement"
	"github.com/claimtag/claimtag/app/annotation/gold"
)

// Item is one span of the queue with its decision, if any.
type Item struct {
	Unit  agreement.Unit
	State agreement.State
	// Decision is the unit's decision; nil while undecided.
	Decision *Decision
	// Stale is true when the unit's annotations or their labels changed
	// since the decision (a file imported later, a re-anchoring): the
	// decision is kept but counts as undecided until taken again.
	Stale bool
}

// Decided reports whether the item has a decision that still holds.
func (it Item) Decided() bool { return it.Decision != nil && !it.Stale }

// Change is what a queue operation asks the saver to persist: the records
// to write (by Decision.Key) and the keys to delete. Applying Changes in
// order keeps storage equal to Queue.Decisions.
type Change struct {
	Put    []Decision
	Delete []string
}

// Empty reports whether c changes nothing.
func (c Change) Empty() bool { return len(c.Put) == 0 && len(c.Delete) == 0 }

// step is one undoable operation: each touched decision key before and
// after (nil: absent), and which unit each decision sits on.
type step struct {
	keys          []string
	before, after []*Decision
	units         []string // unit key of each decision
}

// HistoryLimit is the number of operations a Queue can undo.
const HistoryLimit = 200

// Queue is the adjudication of a set of units. Build it with NewQueue; it
// is not safe for concurrent use.
type Queue struct {
	units     []agreement.Unit
	unitIndex map[string]int      // unit key -> index in units
	decisions map[string]Decision // decision key -> decision
	onUnit    map[string]string   // unit key -> decision key
	unitOf    map[string]string   // decision key -> unit key ("" when unplaced)
	order     []int               // indices into units, queue order
	undo      []step
	redo      []step
}

// NewQueue returns the queue of units with the stored decisions (as loaded
// from the saver) placed on them: a decision goes to the unit with its Key,
// else to the undecided unit holding the most of its source annotations.
// Decisions that fit no unit are kept (Unplaced, and in the gold file) and
// never deleted. Invalid decisions are skipped.
func NewQueue(units []agreement.Unit, stored []Decision) *Queue {
	q := &Queue{units: slices.Clone(units), unitIndex: map[string]int{}, decisions: map[string]Decision{},
		onUnit: map[string]string{}, unitOf: map[string]string{}}
	for i, u := range q.units {
		q.unitIndex[u.Key] = i
	}
	var rest []Decision
	for _, d := range stored {
		if d.Validate() != nil {
			continue
		}
		if _, dup := q.decisions[d.Key]; dup {
			continue
		}
		q.decisions[d.Key] = d
		if _, ok := q.unitIndex[d.Key]; ok {
			q.place(d.Key, d.Key)
		} else {
			rest = append(rest, d)
		}
	}
	byAnnotation := map[string]int{}
	for i, u := range q.units {
		for _, a := range u.Annotations {
			byAnnotation[a.ID] = i
		}
	}
	for _, d := range rest {
		votes := map[int]int{}
		for _, s := range d.Sources {
			if i, ok := byAnnotation[s.Annotation]; ok {
				votes[i]++
			}
		}
		best, bestN := -1, 0
		for i, n := range votes {
			if _, taken := q.onUnit[q.units[i].Key]; !taken && (n > bestN || n == bestN && i < best) {
				best, bestN = i, n
			}
		}
		if best >= 0 {
			q.place(d.Key, q.units[best].Key)
		} else {
			q.unitOf[d.Key] = ""
		}
	}
	q.order = make([]int, len(q.units))
	for i := range q.order {
		q.order[i] = i
	}
	rank := map[agreement.State]int{agreement.Disagreement: 0, agreement.Single: 1, agreement.Unanimous: 2}
	slices.SortStableFunc(q.order, func(a, b int) int {
		return cmp.Compare(rank[q.units[a].State()], rank[q.units[b].State()])
	})
	return q
}

func (q *Queue) place(decision, unit string) {
	q.onUnit[unit], q.unitOf[decision] = decision, unit
}

// Len returns the number of units.
func (q *Queue) Len() int { return len(q.units) }

// Items returns the units in queue order: disagreements, then spans one
// annotator marked, then unanimous ones; each group in document order.
func (q *Queue) Items() []Item {
	out := make([]Item, 0, len(q.order))
	for _, i := range q.order {
		out = append(out, q.item(i))
	}
	return out
}

func (q *Queue) item(i int) Item {
	u := q.units[i]
	it := Item{Unit: u, State: u.State()}
	if k, ok := q.onUnit[u.Key]; ok {
		d := q.decisions[k]
		it.Decision = &d
		it.Stale = !sameSources(d.Sources, sources(u))
	}
	return it
}

// Item returns the unit with the given key and its decision.
func (q *Queue) Item(key string) (Item, bool) {
	i, ok := q.unitIndex[key]
	if !ok {
		return Item{}, false
	}
	return q.item(i), true
}

// Next returns the first undecided item after the one with key in queue
// order, wrapping around (from the start when key is ""); ok is false when
// every unit is decided.
func (q *Queue) Next(key string) (Item, bool) {
	start := 0
	if i, ok := q.unitIndex[key]; ok {
		start = slices.Index(q.order, i) + 1
	}
	for n := range q.order {
		it := q.item(q.order[(start+n)%len(q.order)])
		if !it.Decided() {
			return it, true
		}
	}
	return Item{}, false
}

// Progress is how far the adjudication is.
type Progress struct {
	// Decided counts the units with a decision that still holds, Stale
	// those whose decision must be taken again, Total all units.
	Decided, Stale, Total int
}

// String reads "12 of 20 spans decided", adding ", 2 to check again"
// when decisions went stale.
func (p Progress) String() string {
	s := fmt.Sprintf("%d of %d spans decided", p.Decided, p.Total)
	if p.Stale > 0 {
		s += fmt.Sprintf(", %d to check again", p.Stale)
	}
	return s
}

// Done reports whether every unit is decided.
func (p Progress) Done() bool { return p.Decided == p.Total }

// Progress counts the decided units.
func (q *Queue) Progress() Progress {
	p := Progress{Total: len(q.units)}
	for i := range q.units {
		it := q.item(i)
		switch {
		case it.Decided():
			p.Decided++
		case it.Stale:
			p.Stale++
		}
	}
	return p
}

// Decide sets the final label of the unit with key, with the reviewer's
// note and name. It fails with ErrNoUnit, or ErrInvalid for an unknown
// label or an empty reviewer name.
func (q *Queue) Decide(key string, label annotation.Tag, note, reviewer string, now time.Time) (Change, error) {
	if !label.Valid() {
		return Change{}, fmt.Errorf("decide %s: %w: label %q: %w", key, ErrInvalid, label, annotation.ErrInvalidTag)
	}
	return q.set(key, label, false, note, reviewer, now)
}

// DecideSpan is Decide with the gold span taken from one annotator's
// annotation of the unit (its id) instead of the unit's span, as a curator
// picks whose boundaries to keep. It also fails with ErrNoUnit when the
// unit holds no such annotation.
func (q *Queue) DecideSpan(key, annotationID string, label annotation.Tag, note, reviewer string, now time.Time) (Change, error) {
	i, ok := q.unitIndex[key]
	if !ok {
		return Change{}, fmt.Errorf("decide %s: %w", key, ErrNoUnit)
	}
	j := slices.IndexFunc(q.units[i].Annotations, func(a annotation.Annotation) bool { return a.ID == annotationID })
	if j < 0 {
		return Change{}, fmt.Errorf("decide %s: annotation %s: %w", key, annotationID, ErrNoUnit)
	}
	if !label.Valid() {
		return Change{}, fmt.Errorf("decide %s: %w: label %q: %w", key, ErrInvalid, label, annotation.ErrInvalidTag)
	}
	return q.setOn(key, q.units[i].Annotations[j].Anchor, label, false, note, reviewer, now)
}

// Drop records that the unit with key is no claim: it stays out of the
// gold file. Errors are those of Decide.
func (q *Queue) Drop(key, note, reviewer string, now time.Time) (Change, error) {
	return q.set(key, "", true, note, reviewer, now)
}

func (q *Queue) set(key string, label annotation.Tag, dropped bool, note, reviewer string, now time.Time) (Change, error) {
	i, ok := q.unitIndex[key]
	if !ok {
		return Change{}, fmt.Errorf("decide %s: %w", key, ErrNoUnit)
	}
	return q.setOn(key, q.units[i].Anchor, label, dropped, note, reviewer, now)
}

func (q *Queue) setOn(key string, span annotation.Anchor, label annotation.Tag, dropped bool, note, reviewer string, now time.Time) (Change, error) {
	d := q.newDecision(q.units[q.unitIndex[key]], now)
	d.Anchor = span
	d.Label, d.Dropped, d.Note, d.Reviewer = label, dropped, strings.TrimSpace(note), strings.TrimSpace(reviewer)
	if err := d.Validate(); err != nil {
		return Change{}, fmt.Errorf("decide %s: %w", key, err)
	}
	return q.do(stepOf(q, []Decision{d}, []string{key})), nil
}

// newDecision returns a decision on u, under the key of the decision u
// already has (a record keeps its key), else u's key.
func (q *Queue) newDecision(u agreement.Unit, now time.Time) Decision {
	key := u.Key
	if k, ok := q.onUnit[u.Key]; ok {
		key = k
	}
	return Decision{Version: DecisionVersion, Key: key, Anchor: u.Anchor, Decided: now.UTC().Truncate(time.Second), Sources: sources(u)}
}

// Undecide removes the decision of the unit with key. It fails with
// ErrNoUnit, also when the unit is undecided.
func (q *Queue) Undecide(key string) (Change, error) {
	k, ok := q.onUnit[key]
	if !ok {
		return Change{}, fmt.Errorf("undecide %s: %w (no decision)", key, ErrNoUnit)
	}
	s := step{keys: []string{k}, units: []string{key}}
	d := q.decisions[k]
	s.before, s.after = []*Decision{&d}, []*Decision{nil}
	return q.do(s), nil
}

// AcceptUnanimous gives every undecided unanimous unit (two or more
// annotators, one label) that label, by reviewer, as one undoable step. The
// change is empty when there is none. It fails with ErrInvalid for an
// empty reviewer name.
func (q *Queue) AcceptUnanimous(reviewer string, now time.Time) (Change, error) {
	if strings.TrimSpace(reviewer) == "" {
		return Change{}, fmt.Errorf("accept unanimous: %w: no reviewer name", ErrInvalid)
	}
	var ds []Decision
	var units []string
	for _, i := range q.order {
		it := q.item(i)
		if it.State != agreement.Unanimous || it.Decision != nil {
			continue
		}
		d := q.newDecision(it.Unit, now)
		d.Label, d.Reviewer = it.Unit.Annotations[0].Tag, strings.TrimSpace(reviewer)
		ds, units = append(ds, d), append(units, it.Unit.Key)
	}
	if len(ds) == 0 {
		return Change{}, nil
	}
	return q.do(stepOf(q, ds, units)), nil
}

// stepOf is the step that writes ds onto units.
func stepOf(q *Queue, ds []Decision, units []string) step {
	s := step{units: units}
	for _, d := range ds {
		s.keys = append(s.keys, d.Key)
		if old, ok := q.decisions[d.Key]; ok {
			s.before = append(s.before, &old)
		} else {
			s.before = append(s.before, nil)
		}
		s.after = append(s.after, &d)
	}
	return s
}

// Undo reverts the latest operation and returns what to persist; ok is
// false when there is nothing to undo.
func (q *Queue) Undo() (c Change, ok bool) {
	if len(q.undo) == 0 {
		return Change{}, false
	}
	s := q.undo[len(q.undo)-1]
	q.undo = q.undo[:len(q.undo)-1]
	q.redo = append(q.redo, s)
	return q.apply(step{keys: s.keys, before: s.after, after: s.before, units: s.units}), true
}

// Redo re-applies the latest undone operation; ok is false when there is
// nothing to redo.
func (q *Queue) Redo() (c Change, ok bool) {
	if len(q.redo) == 0 {
		return Change{}, false
	}
	s := q.redo[len(q.redo)-1]
	q.redo = q.redo[:len(q.redo)-1]
	q.undo = append(q.undo, s)
	return q.apply(s), true
}

// CanUndo reports whether Undo would do something.
func (q *Queue) CanUndo() bool { return len(q.undo) > 0 }

// CanRedo reports whether Redo would do something.
func (q *Queue) CanRedo() bool { return len(q.redo) > 0 }

func (q *Queue) do(s step) Change {
	c := q.apply(s)
	q.undo = append(q.undo, s)
	if len(q.undo) > HistoryLimit {
		q.undo = slices.Delete(q.undo, 0, len(q.undo)-HistoryLimit)
	}
	q.redo = nil
	return c
}

// apply writes the after side of s and returns the change to persist.
func (q *Queue) apply(s step) Change {
	var c Change
	for i, k := range s.keys {
		if d := s.after[i]; d != nil {
			q.decisions[k] = *d
			q.place(k, s.units[i])
			c.Put = append(c.Put, *d)
			continue
		}
		delete(q.decisions, k)
		if q.onUnit[s.units[i]] == k {
			delete(q.onUnit, s.units[i])
		}
		delete(q.unitOf, k)
		c.Delete = append(c.Delete, k)
	}
	return c
}

// Decisions returns every decision, placed or not, sorted by key: what
// storage must hold.
func (q *Queue) Decisions() []Decision {
	out := make([]Decision, 0, len(q.decisions))
	for _, d := range q.decisions {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Decision) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Unplaced returns the decisions whose unit is gone (its annotations were
// removed or moved apart), sorted by key. They are kept and exported.
func (q *Queue) Unplaced() []Decision {
	var out []Decision
	for _, d := range q.Decisions() {
		if q.unitOf[d.Key] == "" {
			out = append(out, d)
		}
	}
	return out
}

// Gold returns the gold file of the decisions: one span per decision that
// is not Dropped, placed or not, with its provenance as decided.
func (q *Queue) Gold(corpus annotation.CorpusInfo, now time.Time) gold.File {
	var spans []gold.Span
	for _, d := range q.Decisions() {
		if !d.Dropped {
			spans = append(spans, d.span())
		}
	}
	return gold.New(corpus, spans, now)
}
