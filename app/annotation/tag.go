package annotation

import (
	"errors"
	"fmt"
	"strings"
)

// Tag classifies an annotated span.
type Tag string

// The four tags, in the order of keyboard keys 1 to 4.
const (
	Fact       Tag = "fact"
	Forecast   Tag = "forecast"
	Opinion    Tag = "opinion"
	Unverified Tag = "unverified"
)

// ErrInvalidTag is returned, wrapped, by ParseTag and validation for an unknown tag.
var ErrInvalidTag = errors.New("invalid tag")

// Tags lists every tag in key order.
func Tags() []Tag { return []Tag{Fact, Forecast, Opinion, Unverified} }

// ParseTag returns the tag named s, ignoring case and surrounding space.
// It returns an error wrapping ErrInvalidTag for anything else.
func ParseTag(s string) (Tag, error) {
	t := Tag(strings.ToLower(strings.TrimSpace(s)))
	if t.Valid() {
		return t, nil
	}
	return "", fmt.Errorf("parse tag %q: %w", s, ErrInvalidTag)
}

// TagForKey maps the keyboard keys "1" to "4" to their tags; ok is false
// for any other key.
func TagForKey(key string) (t Tag, ok bool) {
	switch key {
	case "1":
		return Fact, true
	case "2":
		return Forecast, true
	case "3":
		return Opinion, true
	case "4":
		return Unverified, true
	}
	return "", false
}

// Valid reports whether t is one of the four tags.
func (t Tag) Valid() bool {
	switch t {
	case Fact, Forecast, Opinion, Unverified:
		return true
	}
	return false
}

// Key returns the keyboard key ("1" to "4") that applies t, or "".
func (t Tag) Key() string {
	for i, x := range Tags() {
		if x == t {
			return fmt.Sprint(i + 1)
		}
	}
	return ""
}

// Status is the review decision on an annotation.
type Status string

// Review statuses; the zero value means not reviewed.
const (
	Pending  Status = ""
	Accepted Status = "accepted"
	Rejected Status = "rejected"
)

// Valid reports whether s is a known review status.
func (s Status) Valid() bool { return s == Pending || s == Accepted || s == Rejected }
