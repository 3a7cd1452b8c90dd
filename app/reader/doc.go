// Package reader is the reader page ("/doc"): a document's passages with
// the user's annotations marked inline, the search's matches, the text
// ingestion repaired, keyboard, mouse and touch tagging, the annotation
// panel (tag, note, evidence, where re-anchoring put it), the list of the
// document's annotations, and the annotations the current text no longer
// holds, listed as not placed.
//
// The page renders the session's workspace and calls its commands (Tag,
// Retag, Untag, Note, Evidence, Delete, Confirm, Undo, Redo); what a
// command did is shown in the message line, and what the keys act on in
// the legend's status line. The keyboard follows the WAI-ARIA Authoring
// Practices: each annotation's first mark is a Tab stop that Enter opens;
// j and k pick a sentence and l, h, L and H words in it (keys.go).
//
// What can be worked out without a browser is in plain functions with
// native tests: where the marks go and how they nest (segments.go), the
// words the keyboard selects (words.go), a DOM selection in code points
// (selection.go), the list's order and states (listing.go), stepping
// through matches (matches.go) and describing provenance and repairs
// (provenance.go). The rest is checked in Chromium by the browser tests in
// build/ (e2e_reader_test.go).
package reader
