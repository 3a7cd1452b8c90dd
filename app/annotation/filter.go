package annotation

import (
	"cmp"
	"errors"
	"slices"
)

// ErrNotFound is returned, wrapped, when an annotation id is unknown.
var ErrNotFound = errors.New("annotation not found")

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

// Select returns the annotations of as matching f, in document order.
func Select(as []Annotation, f Filter) []Annotation {
	var out []Annotation
	for _, a := range as {
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
