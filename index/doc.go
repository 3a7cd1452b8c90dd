// Package index builds claimtag's search index and searches it, natively and in
// the browser.
//
// A corpus is ingested (package ingest), split into passages, and indexed with
// bleve's upsidedown index by Build, natively. Build writes a Snapshot: one
// self-describing file holding the documents' normalized text, their passages
// and sentences, and every key/value row of the bleve index in key order. Open
// loads such a snapshot without re-indexing anything: searches read the rows
// from the snapshot's bytes (bleverows.go decodes upsidedown's row formats),
// so opening costs a header check and a few table look-ups, in Go and in
// WebAssembly alike.
//
// Split cuts a snapshot into pieces for the web: a small JSON manifest and
// pieces named by the hash of their bytes (the document table; bleve rows by
// key range; passages and text by corpus range; see pieces.go). OpenPieces
// opens the index from the manifest and the document table, and fetches the
// other pieces from a Source as searches need them, the pieces of a query's
// words all at once; nothing else of the index is copied into memory. A piece
// that is missing or damaged gives a *PieceError naming it.
//
// Search runs bleve query-string queries over the passages:
//
//	ix, err := index.Open(snapshotBytes)
//	// or: ix, err := index.OpenPieces(ctx, manifest, index.Dir("web/index"), index.PieceOptions{})
//	if err != nil { ... }
//	res, err := ix.Search(index.Request{Query: `"Kingsoft Cloud" +EBITDA`, Size: 10})
//	for _, h := range res.Hits {
//		fmt.Println(h.Doc, h.Passage, h.Fragment)
//	}
//
// Every search has a work budget (Request.MaxWork). In WebAssembly, where Go
// has no preemption and the search shares the page's only thread, a search
// lets the browser run every few milliseconds of work, so that typing and
// tagging stay responsive and a newer query can cancel it.
//
// What runs in the browser imports of bleve only its analysis package (the
// token types) and the Snowball stemmer: the row readers (bleverows.go), the
// token filters (filters.go) and the highlighter (highlight.go) are written
// here because bleve's upsidedown, registry, mapping and search packages
// would more than double the size of app.wasm (upsidedown links protobuf; the
// registry links search, geo and json-iterator). Native tests check each
// against bleve's own. Build, natively only, indexes with upsidedown and
// bleve's document package. bleve's top-level package is never imported:
// it pulls scorch, which needs bbolt and mmap. The bleve version is pinned
// to v2.5.7 in go.mod because from v2.6.0 on even bleve/v2/util imports
// bbolt, and the tests and the build's rows are checked against v2.5.7.
package index
