// Package workspace is the user's annotations over the loaded corpus: the
// commands that change them, their undo history, their storage records,
// their re-anchoring when the documents change, and the merging of edits
// made in other tabs. It is pure Go (no go-app, no syscall/js) and runs
// under go test -race; the pages only render it and call its methods.
//
// A workspace reads the documents through a Corpus (the app adapts its
// search index to it) and writes every change to a Sink (the app's
// storage.Saver, which writes to IndexedDB):
//
//	w := workspace.New(corpus, workspace.Options{Sink: saver, Tab: tabID, Creator: "Ada"})
//	w.Load(records)        // what the store holds, by key
//	w.Reanchor(ctx)        // place annotations made on another corpus build
//	w.Open(ctx, docID)     // read a document before editing it
//	out, err := w.Tag(workspace.Span{Doc: docID, Start: 10, End: 42}, annotation.Fact)
//	show(out.Message)      // "Tagged “…” as fact."
//
// # Commands
//
// Tag, Retag, Untag, Note, Evidence, Delete, Confirm, ConfirmAll and Adopt
// change the annotations; each returns an Outcome whose Message says what
// it did, or why it did nothing. There is one annotation per span and
// user: Tag on a span the user already tagged retags that annotation, and
// says so. A span outside the document's text fails with ErrOutsideText
// and changes nothing.
//
// # Undo
//
// Each command is one step of its document's history; Undo and Redo take
// the document the user is looking at and act on that document's steps
// only, saying what they undid ("Undid tagging “…” as fact."). Typing into
// a note or an evidence field is one step however many keystrokes it
// takes, until EndEdit (the field loses the focus, Esc) or another
// command. A step whose annotation another tab changed since is not
// undone: that would drop the other tab's edit.
//
// # Saving
//
// Every change goes to the Sink at once, except typing, which asks for
// TypingDelay so that a burst of keystrokes makes one write. Records are
// Record values (see FORMAT.md in package annotation): an annotation plus
// the corpus fingerprint its offsets refer to, the outcome of
// re-anchoring and one Stamp per field.
//
// # When the corpus changes
//
// An annotation keeps the fingerprint of the corpus its offsets refer to.
// Reanchor finds the ones made on another build and places them with
// package anchoring (exact quote, position hint, fuzzy quote): placed ones
// that moved are marked for the user to Confirm, the others are orphans
// that NotPlaced lists and every export keeps. Nothing is deleted, and the
// outcome is stored, so a reload shows the same thing.
//
// # Tabs
//
// Remote merges a record another tab stored: each field (tag, note,
// evidence, place) keeps the later write, and when that drops an edit
// this tab made without the other tab seeing it, a Notice quotes what was
// replaced. Recover merges the changes a closing page kept aside.
package workspace
