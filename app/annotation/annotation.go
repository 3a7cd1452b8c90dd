package annotation

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrInvalid is returned, wrapped, when an annotation or anchor breaks a
// constraint; the message says which.
var ErrInvalid = errors.New("invalid annotation")

// Annotation is one tagged span. Times are RFC 3339 in JSON.
type Annotation struct {
	ID       string    `json:"id"`
	Tag      Tag       `json:"tag"`
	Note     string    `json:"note,omitempty"`
	Evidence string    `json:"evidence,omitempty"`
	Creator  string    `json:"creator,omitempty"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified,omitzero"`
	Anchor   Anchor    `json:"anchor"`
	Status   Status    `json:"status,omitempty"`
}

// New returns an annotation with a fresh ID, created and modified at now.
func New(tag Tag, anc Anchor, creator string, now time.Time) Annotation {
	now = now.UTC().Truncate(time.Second)
	return Annotation{ID: NewID(), Tag: tag, Creator: creator, Created: now, Modified: now, Anchor: anc}
}

// NewID returns a random version 4 UUID URN ("urn:uuid:...") read from crypto/rand.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error since Go 1.24.
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Validate checks a's own constraints: an ID, a known tag and status, a
// creation time and a valid anchor. Errors wrap ErrInvalid.
func (a Annotation) Validate() error {
	switch {
	case strings.TrimSpace(a.ID) == "":
		return fmt.Errorf("%w: empty id", ErrInvalid)
	case !a.Tag.Valid():
		return fmt.Errorf("%w: annotation %s: tag %q: %w", ErrInvalid, a.ID, a.Tag, ErrInvalidTag)
	case !a.Status.Valid():
		return fmt.Errorf("%w: annotation %s: unknown status %q", ErrInvalid, a.ID, a.Status)
	case a.Created.IsZero():
		return fmt.Errorf("%w: annotation %s: no created time", ErrInvalid, a.ID)
	}
	if err := a.Anchor.Validate(); err != nil {
		return fmt.Errorf("annotation %s: %w", a.ID, err)
	}
	return nil
}

// SameContent reports whether a and b agree on everything but review status.
func (a Annotation) SameContent(b Annotation) bool {
	a.Status, b.Status = "", ""
	return a.ID == b.ID && a.Tag == b.Tag && a.Note == b.Note && a.Evidence == b.Evidence &&
		a.Creator == b.Creator && a.Created.Equal(b.Created) && a.Modified.Equal(b.Modified) && a.Anchor == b.Anchor
}

// LastModified returns Modified, or Created when a was never modified.
func (a Annotation) LastModified() time.Time {
	if a.Modified.IsZero() {
		return a.Created
	}
	return a.Modified
}

// ContextLen is the number of code points of prefix and suffix an anchor keeps.
const ContextLen = 32

// Anchor locates a span of a document: a TextQuoteSelector (Exact, Prefix,
// Suffix) plus a TextPositionSelector (Start, End: code point offsets into
// the document's normalized text, End exclusive).
type Anchor struct {
	Doc     string `json:"doc"`
	Passage string `json:"passage,omitempty"`
	Exact   string `json:"exact"`
	Prefix  string `json:"prefix,omitempty"`
	Suffix  string `json:"suffix,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// NewAnchor anchors the code points [start, end) of docText, the document's
// normalized text, keeping ContextLen code points of context each side.
// It returns an error wrapping ErrInvalid unless 0 <= start < end <= length.
func NewAnchor(docID, passageID, docText string, start, end int) (Anchor, error) {
	return AnchorRunes(docID, passageID, []rune(docText), start, end)
}

// AnchorRunes is NewAnchor for a text already split into code points, so
// callers anchoring many spans in one document convert it once.
func AnchorRunes(docID, passageID string, text []rune, start, end int) (Anchor, error) {
	if docID == "" {
		return Anchor{}, fmt.Errorf("%w: anchor: empty document id", ErrInvalid)
	}
	if start < 0 || end > len(text) || start >= end {
		return Anchor{}, fmt.Errorf("%w: anchor %s [%d,%d): out of bounds or empty (length %d)", ErrInvalid, docID, start, end, len(text))
	}
	return Anchor{
		Doc:     docID,
		Passage: passageID,
		Exact:   string(text[start:end]),
		Prefix:  string(text[max(0, start-ContextLen):start]),
		Suffix:  string(text[end:min(len(text), end+ContextLen)]),
		Start:   start,
		End:     end,
	}, nil
}

// Validate checks that the anchor names a document, that its span is
// non-empty and that Exact is End-Start code points long. Errors wrap ErrInvalid.
func (a Anchor) Validate() error {
	switch {
	case strings.TrimSpace(a.Doc) == "":
		return fmt.Errorf("%w: anchor: empty document id", ErrInvalid)
	case a.Start < 0 || a.Start >= a.End:
		return fmt.Errorf("%w: anchor: bad span [%d,%d)", ErrInvalid, a.Start, a.End)
	case a.Exact == "":
		return fmt.Errorf("%w: anchor: empty exact quote", ErrInvalid)
	case !utf8.ValidString(a.Exact) || !utf8.ValidString(a.Prefix) || !utf8.ValidString(a.Suffix):
		return fmt.Errorf("%w: anchor: quote is not valid UTF-8", ErrInvalid)
	case utf8.RuneCountInString(a.Exact) != a.End-a.Start:
		return fmt.Errorf("%w: anchor: exact quote has %d code points, span [%d,%d) has %d",
			ErrInvalid, utf8.RuneCountInString(a.Exact), a.Start, a.End, a.End-a.Start)
	}
	return nil
}

// Overlap returns how many code points the spans of a and b share in the
// same document (0 for different documents).
func (a Anchor) Overlap(b Anchor) int {
	if a.Doc != b.Doc {
		return 0
	}
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}
