package workspace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
)

// Sink receives the records to store: *storage.Saver is one. Put and
// Delete must not block.
type Sink interface {
	Put(key string, rec []byte, delay time.Duration)
	Delete(key string, delay time.Duration)
}

// TypingDelay is the delay the workspace asks of its Sink for a change
// typed into a field (a note, evidence): storage.TypingDelay.
const TypingDelay = 300 * time.Millisecond

// Options configure a Workspace.
type Options struct {
	// Sink stores every change; nil keeps them in memory only.
	Sink Sink
	// Tab names this tab among the others open on the same storage (any
	// unique string, e.g. annotation.NewID()).
	Tab string
	// Creator is the user's name, written on each new annotation.
	Creator string
	// OnChange, if set, is called after every change, local or merged
	// from another tab, outside the workspace's lock. typing is set for a
	// keystroke in a note or evidence field of this tab: the field already
	// shows it, and nothing else on a page depends on it, so a page may
	// skip re-rendering for it.
	OnChange func(typing bool)
	// Now replaces time.Now, for tests.
	Now func() time.Time
}

// Workspace is the user's annotations over one corpus, with their undo
// history. It is safe for concurrent use; no lock is held while the
// corpus is read.
type Workspace struct {
	corpus Corpus
	fp     string
	docs   []Document
	opt    Options

	mu       sync.Mutex
	recs     map[string]*Record
	gone     map[string]Stamp // deleted here or by another tab, this session
	contents map[string]*loaded
	hist     history
	last     int64 // the stamp clock
	rev      int
	unread   []error // stored records that could not be read
}

// New returns an empty workspace over corpus c.
func New(c Corpus, opt Options) *Workspace {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Tab == "" {
		opt.Tab = annotation.NewID()
	}
	return &Workspace{corpus: c, fp: c.Fingerprint(), docs: c.Documents(), opt: opt,
		recs: map[string]*Record{}, gone: map[string]Stamp{}, contents: map[string]*loaded{}, hist: newHistory()}
}

// Load adds the stored records recs (by key), as read from the store when
// the app starts. Records that cannot be read are left out, and left
// untouched in the store; Unreadable lists them. Load writes nothing: call
// Reanchor next.
func (w *Workspace) Load(recs map[string][]byte) {
	keys := make([]string, 0, len(recs))
	for k := range recs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.mu.Lock()
	for _, k := range keys {
		r, err := DecodeRecord(recs[k])
		if err == nil && r.ID != k {
			err = fmt.Errorf("%w: stored under %s", annotation.ErrInvalid, k)
		}
		if err != nil {
			w.unread = append(w.unread, fmt.Errorf("record %s: %w", k, err))
			continue
		}
		w.observe(r.Stamps)
		w.recs[k] = r
	}
	w.rev++
	w.mu.Unlock()
	w.changed()
}

// Unreadable returns the stored records Load could not read, each error
// naming the record and the problem.
func (w *Workspace) Unreadable() []error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.unread)
}

// Fingerprint returns the corpus fingerprint.
func (w *Workspace) Fingerprint() string { return w.fp }

// Documents returns the corpus's documents, in order.
func (w *Workspace) Documents() []Document { return w.docs }

// Document returns the document with the given id.
func (w *Workspace) Document(id string) (Document, bool) {
	for _, d := range w.docs {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

// Open reads document id's contents from the corpus, once, and keeps
// them: commands on a document need it open. It may be slow: call it from
// a goroutine (go-app's ctx.Async), never while rendering.
func (w *Workspace) Open(ctx context.Context, id string) (Contents, error) {
	w.mu.Lock()
	l, ok := w.contents[id]
	w.mu.Unlock()
	if ok {
		return l.Contents, nil
	}
	c, err := w.corpus.Contents(ctx, id)
	if err != nil {
		return Contents{}, fmt.Errorf("open %s: %w", id, err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if l, ok := w.contents[id]; ok {
		return l.Contents, nil
	}
	w.contents[id] = &loaded{Contents: c, runes: []rune(c.Text)}
	return c, nil
}

// Contents returns document id's contents if Open read them.
func (w *Workspace) Contents(id string) (Contents, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	l, ok := w.contents[id]
	if !ok {
		return Contents{}, false
	}
	return l.Contents, true
}

// SetCreator sets the name written on new annotations.
func (w *Workspace) SetCreator(name string) {
	w.mu.Lock()
	w.opt.Creator = strings.TrimSpace(name)
	w.mu.Unlock()
}

// Creator returns the name written on new annotations.
func (w *Workspace) Creator() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.opt.Creator
}

// Rev returns a number that changes with every change of the workspace.
func (w *Workspace) Rev() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.rev
}

// Item is an annotation as the pages show it: where it sits on the
// current corpus.
type Item struct {
	annotation.Annotation
	// Status is how it sits on the current text: exact (made or confirmed
	// here), moved, fuzzy or other-document (placed by re-anchoring), or
	// orphan (not placed: its text was not found). It is "" for an
	// annotation not yet checked against this corpus (its document could
	// not be read).
	Status anchoring.Status
	// Confirm is set when re-anchoring placed it and the user has not
	// confirmed the place yet.
	Confirm bool
	// Was is the anchor before re-anchoring moved it (for Confirm).
	Was *annotation.Anchor
	// Score is the fuzzy match's score.
	Score float64
}

// Placed reports whether the item sits on the current text.
func (it Item) Placed() bool { return it.Status.Placed() }

func (w *Workspace) item(r *Record) Item {
	it := Item{Annotation: r.Annotation}
	switch {
	case r.Corpus == w.fp:
		it.Status = anchoring.Exact
		if p := r.Placement; p != nil && p.Status.Placed() && p.Status != anchoring.Exact {
			it.Status, it.Confirm, it.Was, it.Score = p.Status, true, p.Was, p.Score
		}
	case r.Placement != nil && r.Placement.Checked == w.fp:
		it.Status = r.Placement.Status // an orphan on this corpus
	}
	return it
}

// Get returns the annotation with the given id.
func (w *Workspace) Get(id string) (Item, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.recs[id]
	if !ok {
		return Item{}, false
	}
	return w.item(r), true
}

// list returns the items keep accepts, in document order. w.mu is held.
func (w *Workspace) list(keep func(Item) bool) []Item {
	var out []Item
	for _, r := range w.recs {
		if it := w.item(r); keep(it) {
			out = append(out, it)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Anchor, out[j].Anchor
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Placed returns the annotations on document doc's current text, in
// document order: what the reader marks.
func (w *Workspace) Placed(doc string) []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.list(func(it Item) bool { return it.Placed() && it.Anchor.Doc == doc })
}

// NotPlaced returns the annotations made on document doc whose text the
// current corpus no longer holds (and those not checked yet): the reader
// lists them apart, with their quote and note. They are kept, and
// exported, until the user removes them.
func (w *Workspace) NotPlaced(doc string) []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.list(func(it Item) bool { return !it.Placed() && it.Anchor.Doc == doc })
}

// Items returns every annotation, placed or not, in document order.
func (w *Workspace) Items() []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.list(func(Item) bool { return true })
}

// Annotations returns every annotation, placed or not, in document order.
func (w *Workspace) Annotations() []annotation.Annotation {
	var out []annotation.Annotation
	for _, it := range w.Items() {
		out = append(out, it.Annotation)
	}
	return out
}

// Len returns the number of annotations.
func (w *Workspace) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.recs)
}

// Count returns the number of annotations tagged t.
func (w *Workspace) Count(t annotation.Tag) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range w.recs {
		if r.Tag == t {
			n++
		}
	}
	return n
}

// TaggedPassages returns the ids of the passages overlapped by a placed
// annotation tagged t, sorted. It opens the documents it needs: call it
// from a goroutine.
func (w *Workspace) TaggedPassages(ctx context.Context, t annotation.Tag) ([]string, error) {
	var docs []string
	w.mu.Lock()
	for _, it := range w.list(func(it Item) bool { return it.Placed() && it.Tag == t }) {
		if !slices.Contains(docs, it.Anchor.Doc) {
			docs = append(docs, it.Anchor.Doc)
		}
	}
	w.mu.Unlock()
	var errs []error
	for _, d := range docs {
		if _, err := w.Open(ctx, d); err != nil {
			errs = append(errs, err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := map[string]bool{}
	for _, it := range w.list(func(it Item) bool { return it.Placed() && it.Tag == t }) {
		if it.Anchor.Passage != "" {
			seen[it.Anchor.Passage] = true
		}
		if l, ok := w.contents[it.Anchor.Doc]; ok {
			for _, p := range l.Passages {
				if p.Start < it.Anchor.End && it.Anchor.Start < p.End {
					seen[p.ID] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, errors.Join(errs...)
}

// CorpusInfo describes the corpus for exports.
func (w *Workspace) CorpusInfo() annotation.CorpusInfo {
	c := annotation.CorpusInfo{Fingerprint: w.fp, Documents: []annotation.DocInfo{}}
	for _, d := range w.docs {
		c.Documents = append(c.Documents, annotation.DocInfo{ID: d.ID, Title: d.Title, Provenance: d.Provenance})
	}
	return c
}

// Export returns the annotations matching f as an export stamped now.
// Annotations that are not placed are exported too, with the anchor they
// had: a reader of the file re-anchors them by their quote.
func (w *Workspace) Export(f annotation.Filter, now time.Time) annotation.Export {
	return annotation.NewExport(w.CorpusInfo(), w.Annotations(), now).Subset(f)
}

// stamp returns a new stamp of this tab. w.mu is held.
func (w *Workspace) stamp() Stamp {
	t := w.opt.Now().UnixMilli()
	if t <= w.last {
		t = w.last + 1
	}
	w.last = t
	return Stamp{T: t, Tab: w.opt.Tab}
}

// observe moves the stamp clock past the stamps s. w.mu is held.
func (w *Workspace) observe(s Stamps) {
	if l := s.latest(); l.T > w.last {
		w.last = l.T
	}
}

// changed tells the observer, without the lock.
func (w *Workspace) changed() { w.notify(false) }

// typed tells the observer of a keystroke in a field, without the lock.
func (w *Workspace) typed() { w.notify(true) }

func (w *Workspace) notify(typing bool) {
	if w.opt.OnChange != nil {
		w.opt.OnChange(typing)
	}
}

// persist writes record id (or its deletion) to the sink. w.mu is held.
func (w *Workspace) persist(id string, delay time.Duration) {
	if w.opt.Sink == nil {
		return
	}
	r, ok := w.recs[id]
	if !ok {
		w.opt.Sink.Delete(id, delay)
		return
	}
	b, err := r.Encode()
	if err != nil { // unreachable: a record is plain data
		return
	}
	w.opt.Sink.Put(id, b, delay)
}
