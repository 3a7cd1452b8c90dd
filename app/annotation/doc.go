// Package annotation holds claimtag's annotation model and its codecs.
//
// An Annotation tags a span of a document as a Fact, Forecast, Opinion or
// Unverified claim. Its Anchor records where the span is twice, the way the
// W3C Web Annotation model does: as a TextQuoteSelector (the exact text
// plus up to ContextLen code points of context on each side) and as a
// TextPositionSelector (code point offsets into the document's normalized
// text). Build anchors with NewAnchor:
//
//	anc, err := annotation.NewAnchor("doc-1", "p3", text, 10, 42)
//	a := annotation.New(annotation.Fact, anc, "Ada", time.Now())
//
// Filter and Select choose annotations by document, tag and creator; Sort
// puts them in document order. Editing them, with undo and redo, is the
// job of package app/workspace; finding their text again after the
// documents changed is package anchoring's.
//
// Stored records carry a version (StoredVersion); Migrate upgrades older
// records. An Export is the project's own interchange file, written by
// Export.Marshal and read by ParseExport; its JSON Schema is
// schema/claimtag-annotations.v1.schema.json and FORMAT.md describes it.
// W3C and ParseW3C convert to and from a W3C Web Annotation
// AnnotationCollection; DecodeW3C and W3CFile.Entry read other tools' W3C
// files entry by entry. CheckUTF8 refuses text that is not UTF-8, naming
// the field, before any decoder can replace it. FORMAT.md describes every
// file claimtag writes and reads.
//
// The package is pure Go: it imports neither go-app nor syscall/js.
package annotation
