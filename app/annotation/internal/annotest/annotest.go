// Package annotest holds helpers the annotation packages' tests share.
package annotest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
)

// RuneIndex is strings.Index in code points; it fails the test if sub is
// absent.
func RuneIndex(tb testing.TB, text, sub string) int {
	tb.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		tb.Fatalf("%q not in text", sub)
	}
	return utf8.RuneCountInString(text[:i])
}

// AnchorOn anchors quote, which must occur once, in text, the text of
// document doc.
func AnchorOn(tb testing.TB, doc, text, quote string) annotation.Anchor {
	tb.Helper()
	s := RuneIndex(tb, text, quote)
	a, err := annotation.NewAnchor(doc, "", text, s, s+utf8.RuneCountInString(quote))
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
