package apptest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/index/ingest"
)

// root is the repository's root folder.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// DefaultCorpus returns the default corpus (build/corpus) as the review
// desk sees it in the app: each document's text, passages and path.
func DefaultCorpus(tb testing.TB) *review.Corpus {
	tb.Helper()
	rep, err := ingest.Dir(filepath.Join(root(), "build", "corpus"), ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []review.Document
	for _, d := range rep.Documents {
		doc := review.Document{ID: d.ID, Title: d.Title, Text: d.Text, Path: d.Path}
		for _, p := range d.Passages {
			doc.Passages = append(doc.Passages, review.Passage{ID: p.ID, Start: p.Start, End: p.End})
		}
		docs = append(docs, doc)
	}
	return review.NewCorpus(docs...)
}

// ReviewFixture returns the content of one of the review fixtures made on
// the default corpus (app/annotation/testdata/review): "ann.w3c.jsonld"
// and "bob.w3c.json" (W3C, labels in classifying bodies),
// "cara.hypothesis.json" (a Hypothesis client export) and others.
func ReviewFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(root(), "app", "annotation", "testdata", "review", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
