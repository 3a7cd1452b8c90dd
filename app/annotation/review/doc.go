// Package review is the reviewer's side of claimtag: it imports several
// annotators' files, re-anchors their annotations onto the current corpus
// (with package anchoring, which the workspace uses too), merges them and
// summarises the result. Agreement is measured by package agreement and the
// adjudication kept by package adjudicate, both over the annotations placed
// here.
//
// A typical session:
//
//	corpus := review.NewCorpus(docs...) // with each document's Path, to find files by name
//	var rv review.Review
//	for _, f := range files {
//		res, err := review.ImportWith(ctx, f.Name, f.Data, review.Options{
//			Limit: review.DefaultLimit, Corpus: corpus, Progress: showProgress})
//		// show err, or res.Rejected (each with its reason) and res.Warnings
//		rv.Add(res) // importing a file twice adds nothing
//	}
//	placed, err := review.ReanchorAll(ctx, rv.Unplaced(), corpus, showProgress) // off the UI goroutine
//	rv.Place(placed)                                                           // orphans are kept and listed
//	report := agreement.Compare(rv.Placed(), agreement.Options{})  // kappa, alpha, disagreements
//	queue := adjudicate.NewQueue(report.Units, storedDecisions)     // the curation
//	overview := review.NewOverview(rv.Placed(), corpus)
//
// The Review keeps each annotation as its file had it and, apart, where it
// was placed: importing a file again adds nothing. A quote whose document
// is unknown or no longer holds it is looked up across the corpus in the
// passages holding its rarest words (Reanchor).
//
// ImportWith reads claimtag exports and gold files, W3C Web Annotations
// (from claimtag, Recogito and other tools) and Hypothesis exports and API
// search results; Corpus.Resolve says how a target source names a
// document. Offsets are Unicode code points into a document's normalized
// text, as in package annotation. The package is pure Go and never panics
// on hostile input.
package review
