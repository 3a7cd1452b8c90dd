package annotation

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Errors returned, wrapped, by Set methods.
var (
	ErrExists   = errors.New("annotation already exists")
	ErrNotFound = errors.New("annotation not found")
)

// Op is the kind of a Change.
type Op string

// The three kinds of change.
const (
	OpAdd    Op = "add"
	OpUpdate Op = "update"
	OpRemove Op = "remove"
)

// Change is one mutation of a Set. Before is zero for OpAdd and After is
// zero for OpRemove. To persist a change, delete Before.ID for OpRemove and
// put After otherwise.
type Change struct {
	Op     Op
	Before Annotation
	After  Annotation
}

// Inverse returns the change that undoes c.
func (c Change) Inverse() Change {
	switch c.Op {
	case OpAdd:
		return Change{Op: OpRemove, Before: c.After}
	case OpRemove:
		return Change{Op: OpAdd, After: c.Before}
	}
	return Change{Op: OpUpdate, Before: c.After, After: c.Before}
}

// HistoryLimit is the number of changes a Set can undo.
const HistoryLimit = 200

// Set is an editable collection of annotations with an undo/redo history.
// Spans may overlap. The zero Set is empty and ready to use; it is not safe
// for concurrent use.
type Set struct {
	byID map[string]Annotation
	undo []Change
	redo []Change
}

// NewSet returns a set holding as, for instance as loaded from storage; the
// loading is not recorded in the history. Invalid or duplicate annotations
// are skipped and reported in the error, which wraps ErrInvalid or ErrExists.
func NewSet(as ...Annotation) (*Set, error) {
	s := &Set{}
	var errs []error
	for _, a := range as {
		if _, err := s.apply(Change{Op: OpAdd, After: a}); err != nil {
			errs = append(errs, err)
		}
	}
	return s, errors.Join(errs...)
}

// Len returns the number of annotations in s.
func (s *Set) Len() int { return len(s.byID) }

// Get returns the annotation with the given id.
func (s *Set) Get(id string) (Annotation, bool) {
	a, ok := s.byID[id]
	return a, ok
}

// Add inserts a new annotation. It fails with ErrInvalid or ErrExists.
func (s *Set) Add(a Annotation) (Change, error) { return s.do(Change{Op: OpAdd, After: a}) }

// Update replaces the annotation with a's ID; the caller sets Modified.
// It fails with ErrInvalid or ErrNotFound.
func (s *Set) Update(a Annotation) (Change, error) {
	old, ok := s.byID[a.ID]
	if !ok {
		return Change{}, fmt.Errorf("update %s: %w", a.ID, ErrNotFound)
	}
	return s.do(Change{Op: OpUpdate, Before: old, After: a})
}

// Remove deletes the annotation with the given id. It fails with ErrNotFound.
func (s *Set) Remove(id string) (Change, error) {
	old, ok := s.byID[id]
	if !ok {
		return Change{}, fmt.Errorf("remove %s: %w", id, ErrNotFound)
	}
	return s.do(Change{Op: OpRemove, Before: old})
}

// Undo reverts the latest change and returns the change it applied, for the
// caller to persist; ok is false when there is nothing to undo.
func (s *Set) Undo() (c Change, ok bool) {
	if len(s.undo) == 0 {
		return Change{}, false
	}
	last := s.undo[len(s.undo)-1]
	inv, err := s.apply(last.Inverse())
	if err != nil { // unreachable: the history mirrors the map
		return Change{}, false
	}
	s.undo = s.undo[:len(s.undo)-1]
	s.redo = append(s.redo, last)
	return inv, true
}

// Redo re-applies the latest undone change and returns it; ok is false when
// there is nothing to redo.
func (s *Set) Redo() (c Change, ok bool) {
	if len(s.redo) == 0 {
		return Change{}, false
	}
	next := s.redo[len(s.redo)-1]
	if _, err := s.apply(next); err != nil {
		return Change{}, false
	}
	s.redo = s.redo[:len(s.redo)-1]
	s.undo = append(s.undo, next)
	return next, true
}

// CanUndo reports whether Undo would do something.
func (s *Set) CanUndo() bool { return len(s.undo) > 0 }

// CanRedo reports whether Redo would do something.
func (s *Set) CanRedo() bool { return len(s.redo) > 0 }

func (s *Set) do(c Change) (Change, error) {
	c, err := s.apply(c)
	if err != nil {
		return Change{}, err
	}
	s.undo = append(s.undo, c)
	if len(s.undo) > HistoryLimit {
		s.undo = slices.Delete(s.undo, 0, len(s.undo)-HistoryLimit)
	}
	s.redo = nil
	return c, nil
}

func (s *Set) apply(c Change) (Change, error) {
	if s.byID == nil {
		s.byID = make(map[string]Annotation)
	}
	switch c.Op {
	case OpAdd, OpUpdate:
		if err := c.After.Validate(); err != nil {
			return Change{}, fmt.Errorf("%s: %w", c.Op, err)
		}
		if _, ok := s.byID[c.After.ID]; ok && c.Op == OpAdd {
			return Change{}, fmt.Errorf("add %s: %w", c.After.ID, ErrExists)
		}
		s.byID[c.After.ID] = c.After
	case OpRemove:
		delete(s.byID, c.Before.ID)
	}
	return c, nil
}

// Filter selects annotations; a zero field matches everything.
type Filter struct {
	Doc     string
	Tag     Tag
	Creator string
}

// Match reports whether a passes f.
func (f Filter) Match(a Annotation) bool {
	return (f.Doc == "" || a.Anchor.Doc == f.Doc) && (f.Tag == "" || a.Tag == f.Tag) &&
		(f.Creator == "" || a.Creator == f.Creator)
}

// List returns the annotations matching f in document order (by document,
// start, end, then ID).
func (s *Set) List(f Filter) []Annotation {
	var out []Annotation
	for _, a := range s.byID {
		if f.Match(a) {
			out = append(out, a)
		}
	}
	Sort(out)
	return out
}

// Sort orders as by document, start, end, then ID.
func Sort(as []Annotation) {
	slices.SortFunc(as, func(a, b Annotation) int {
		return cmp.Or(cmp.Compare(a.Anchor.Doc, b.Anchor.Doc), cmp.Compare(a.Anchor.Start, b.Anchor.Start),
			cmp.Compare(a.Anchor.End, b.Anchor.End), cmp.Compare(a.ID, b.ID))
	})
}
