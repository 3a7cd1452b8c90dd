// Package reader is the reader page ("/doc"): a document's passages with
// the user's annotations marked inline, keyboard and mouse tagging, the
// annotation panel (tag, note, evidence, where re-anchoring put it), and
// the annotations the current text no longer holds, listed as not placed.
//
// The page renders the session's workspace and calls its commands (Tag,
// Retag, Untag, Note, Evidence, Delete, Confirm, Undo, Redo); what a
// command did is shown in the message line. segmentPassage (where marks
// go) and selectionSpan (a DOM selection to code point offsets) are plain
// functions with native tests; the rest is checked in Chromium by the
// browser tests in build/.
package reader
