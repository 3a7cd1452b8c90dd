package main

import (
	"fmt"
	"io"
	"time"

	"github.com/claimtag/claimtag/build/pydocs"
)

// runRelevance prints first-hit-right and top-3 figures of the golden
// python-docs judgments (build/pydocs/testdata/judgments.tsv), by set and
// query category: the bench shows them beside the other engines'.
func runRelevance(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("relevance", stderr)
	src := fs.String("in", pydocs.DefaultSource, "the python3.11-doc HTML folder")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	fmt.Fprintf(stderr, "indexing the python-docs pages of %s\n", *src)
	p := &progress{w: stderr, interval: time.Second}
	rel, err := pydocs.Relevance(*src, p.report)
	if err != nil {
		return err
	}
	rel.WriteTable(stdout)
	return nil
}
