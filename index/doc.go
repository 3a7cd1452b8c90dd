// Package index builds claimtag's search index and searches it, natively and in
// the browser.
//
// A corpus is ingested (package ingest), split into passages, and indexed with
// bleve's upsidedown index by Build, natively. Build writes a Snapshot: one
// self-describing file holding the documents' normalized text, their passages
// and sentences, and every key/value row of the bleve index in key order. Open
// loads such a snapshot without re-indexing anything: the rows are served from
// the snapshot's bytes by a read-only KV store, so opening costs a header check
// and a few table look-ups, in Go and in WebAssembly alike.
//
// Search runs bleve query-string queries over the passages:
//
//	ix, err := index.Open(snapshotBytes)
//	if err != nil { ... }
//	res, err := ix.Search(index.Request{Query: `"Kingsoft Cloud" +EBITDA`, Size: 10})
//	for _, h := range res.Hits {
//		fmt.Println(h.Doc, h.Passage, h.Fragment)
//	}
//
// Only bleve subpackages that compile for GOOS=js are imported here
// (index/upsidedown, mapping, document, search/...): bleve's top-level package
// pulls scorch, which needs bbolt and mmap. The bleve version is pinned to
// v2.5.7 in go.mod because from v2.6.0 on even bleve/v2/util imports bbolt and
// the browser build breaks.
package index
