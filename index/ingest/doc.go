// Package ingest turns a folder of documents into normalized documents split
// into passages and sentences, ready for a search index built elsewhere.
//
// Supported files are plain text (.txt), Markdown (.md, .markdown) and HTML
// (.html, .htm). Bytes are decoded as a browser would (decode.go): a byte
// order mark, an HTML page's declared charset, valid UTF-8, else a stated
// guess (an East Asian encoding when the bytes say so, else windows-1252).
// HTML is sanitized with bluemonday before anything else reads it, and its
// text comes from the tokenizer (html.go), so escaped markup stays text;
// Markdown is parsed by goldmark and then read like HTML. Every document is
// normalized the same way: CRLF to LF, NFC, every Unicode space turned into
// ' ' and runs collapsed, zero-width characters and control characters
// removed. Text damaged by a wrong single-byte decoding ("mojibake", e.g.
// "cafÃ©" for "café") is repaired.
//
// Document.Provenance records what was done: the encoding and why, what the
// sanitizer removed, the characters dropped and every repair with its code
// point span and original (package provenance, stored in the index snapshot
// and carried in exports).
//
// Options choose what is read and bound the work: Root ingests only one
// element of each HTML page (a small selector such as "div[role=main]"),
// Exclude skips paths by glob, MaxFileSize and MaxFileTime skip a file that
// is too large or takes too long, with the reason. Ingestion is linear in
// the size of a file whatever its nesting.
//
// Ingest a folder and walk its passages:
//
//	rep, err := ingest.Dir("corpus", ingest.Options{})
//	if err != nil {
//		return err // wraps ingest.ErrNoDocuments when nothing was usable
//	}
//	for _, s := range rep.Skipped {
//		log.Printf("skipped %s: %s", s.Path, s.Reason)
//	}
//	for _, d := range rep.Documents {
//		for _, p := range d.Passages {
//			fmt.Println(d.ID, p.ID, p.Kind, p.Text(d))
//		}
//	}
//
// Offsets (Passage.Start, Sentence.Start, Repair.Start, ...) count Unicode
// code points into Document.Text, the unit of the W3C TextPositionSelector;
// Passage.ByteStart and ByteEnd give the same spans in bytes. Use
// Document.Slice to cut text by code points.
//
// IDs are stable: a document's ID is its slash path without extension, and a
// passage's ID hashes the document ID, the passage text and how many times
// that same text occurred earlier in the document, so inserting or editing
// one paragraph leaves the IDs of the others unchanged. Sentence IDs are built
// the same way inside their passage.
//
// A root-level claimtag.json supplies titles, dates and sources:
//
//	{"documents": [{"path": "000_x.txt", "title": "...", "date": "2026-03-10", "source": "..."}]}
//
// Without it, titles and dates are derived from the documents themselves
// (HTML <title>, the first heading, front matter, a leading date).
// The package is pure Go and compiles for GOOS=js GOARCH=wasm, though only
// the native build command uses it.
package ingest
