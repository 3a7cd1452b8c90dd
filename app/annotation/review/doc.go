// Package review is the reviewer's side of claimtag: it imports several
// annotators' files, re-anchors their annotations onto the current corpus
// (with package anchoring, which the workspace uses too), merges them,
// measures agreement and summarises the result.
//
// A typical session:
//
//	corpus := review.NewCorpus(docs...)
//	var rv review.Review
//	for _, f := range files {
//		res, err := review.Import(f.Name, f.Data, review.DefaultLimit)
//		// show err, or res.Rejected next to the file name
//		rv.Add(res)
//	}
//	moved := rv.Reanchor(corpus)   // orphans are kept and listed
//	groups := rv.Groups()          // spans tagged by one or more annotators
//	rv.Accept(id); rv.Reject(id)
//	exp := rv.Reviewed(info, time.Now()) // annotation.Export of the accepted set
//	pairs := review.Agreement(rv.Annotations(), corpus)
//
// Offsets are Unicode code points into a document's normalized text,
// as in package annotation. The package is pure Go and never panics on
// hostile input.
package review
