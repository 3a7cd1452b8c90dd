package pydocs

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// judgmentsTSV is the golden relevance judgments (see the file's header).
//
//go:embed testdata/judgments.tsv
var judgmentsTSV []byte

// Judgments returns the golden judgments, with the bench's page ids turned
// into claimtag document ids.
func Judgments() ([]index.Judgment, error) {
	js, err := index.ParseJudgments(bytes.NewReader(judgmentsTSV), "build/pydocs/testdata/judgments.tsv")
	if err != nil {
		return nil, err
	}
	for i := range js {
		for k, p := range js[i].Want {
			js[i].Want[k] = DocID(p)
		}
	}
	return js, nil
}

// Index prepares the python-docs pages of src in a temporary folder,
// ingests and indexes them, and opens the snapshot. progress, when not
// nil, hears how ingestion and the build go (index.BuildOptions.Progress).
func Index(src string, progress func(what string, done, total int)) (*index.Index, error) {
	dir, err := os.MkdirTemp("", "claimtag-pydocs-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := Prepare(src, dir); err != nil {
		return nil, err
	}
	var iopt ingest.Options
	if progress != nil {
		iopt.Progress = func(done, total int, _ string) { progress("ingesting files", done, total) }
	}
	rep, err := ingest.Dir(dir, iopt)
	if err != nil {
		return nil, fmt.Errorf("python-docs: %w", err)
	}
	data, _, err := index.Build(rep.Documents, index.BuildOptions{Progress: progress})
	if err != nil {
		return nil, fmt.Errorf("python-docs: %w", err)
	}
	return index.Open(data)
}

// Relevance indexes the python-docs pages of src and runs the golden
// judgments on them; progress is as Index's.
func Relevance(src string, progress func(what string, done, total int)) (index.Relevance, error) {
	js, err := Judgments()
	if err != nil {
		return nil, err
	}
	ix, err := Index(src, progress)
	if err != nil {
		return nil, err
	}
	return index.Evaluate(ix, js), nil
}
