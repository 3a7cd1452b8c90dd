package app

import (
	"errors"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/search"
	"github.com/claimtag/claimtag/index"
)

// The bench hook: every build of the site answers the search-engine
// harness (shared/bench, "Engine contract"; `make bench`) through
// window.runQuery and window.searchReady, set once the index and the
// session are open, and window.searchError when loading fails. It is on in
// every build so that the bench measures the site as shipped; it costs one
// function on window and does nothing until called.

// serveBench installs the bench hook for ix.
func serveBench(ix *index.Index) {
	h := ix.Header()
	browser.ServeBench(browser.BenchInfo{
		"engine":    "claimtag",
		"corpus":    h.Fingerprint,
		"documents": len(ix.Documents()),
		"passages":  h.Passages,
	}, benchAnswer(ix))
}

// benchAnswer answers a harness query the way the search page does: the
// same index.Request (search.Request, no filters), so the timing includes
// everything the page needs to show the hits (their text and matched
// words). Count is the number of documents with a matching passage, and
// First the top hit's document as the harness names pages: its source
// path relative to the corpus folder ("library/os.html"). A query the
// page would answer with "Query problem: …" matches nothing.
func benchAnswer(ix *index.Index) func(q string) (browser.BenchAnswer, error) {
	return func(q string) (browser.BenchAnswer, error) {
		res, err := ix.Search(search.Request(q, "", "", "", nil))
		var qe *index.QueryError
		if errors.As(err, &qe) {
			return browser.BenchAnswer{}, nil
		}
		if err != nil {
			return browser.BenchAnswer{}, err
		}
		a := browser.BenchAnswer{Count: len(res.Docs)}
		if len(res.Hits) > 0 {
			a.First = res.Hits[0].Doc
			if d, ok := ix.Document(a.First); ok && d.Path != "" {
				a.First = d.Path
			}
		}
		return a, nil
	}
}
