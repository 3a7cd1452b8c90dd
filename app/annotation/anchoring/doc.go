// Package anchoring finds an annotation's text again after the documents
// changed. It is claimtag's one re-anchoring implementation: the workspace
// calls it for the user's own annotations when the corpus fingerprint
// differs from the one they were made on, and package review calls it for
// imported files.
//
// An anchor (annotation.Anchor) records its span twice, as W3C's
// TextQuoteSelector (the exact quote, with prefix and suffix) and
// TextPositionSelector (code point offsets). Corpus.Reanchor tries, in order:
//
//  1. the exact quote at its old position (Exact);
//  2. the exact quote elsewhere in the same document, the occurrence whose
//     prefix and suffix match best, the one nearest the old position on a
//     tie (Moved);
//  3. a fuzzy match of the quote near the old position, found with go-diff's
//     Bitap (ported to code points) and scored against the quote and its
//     context (Fuzzy);
//  4. the quote elsewhere, when the anchor's document is unknown or no
//     longer holds it near its old position, as the Scope allows: in the
//     passages holding the quote's rarest words (an index of the corpus's
//     words built on first use), exactly, else fuzzily (OtherDocument, or
//     Fuzzy far in its own document). Scanning every document took minutes
//     for many quotes found nowhere; the tests compare the two.
//
// What none of these finds is an Orphan: its anchor is left as it was, and
// callers keep it (nothing is ever dropped).
//
//	c := anchoring.NewCorpus(docs) // each document's text and passages
//	res := c.Reanchor(a.Anchor, anchoring.OwnDocument)
//	switch res.Status {
//	case anchoring.Orphan:   // list it as "not placed"
//	default:                 // res.Doc, res.Start, res.End hold the new span
//	}
//
// Offsets are Unicode code points into a document's normalized text, as in
// package annotation. The package is pure Go and never panics on hostile
// input.
package anchoring
