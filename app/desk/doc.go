// Package desk is the review page's model: the annotations imported from
// other annotators' files, kept apart from the user's own, where
// re-anchoring put them on the current corpus (package review, which calls
// package anchoring), the reviewer's decisions, and the records that keep
// all of it in the review's own IndexedDB database.
//
//	o := desk.Read(ctx, openReviewDB, legacy) // what a previous visit saved
//	d := desk.New(corpus, fingerprint)
//	d.Restore(o.Saved)
//	d.SaveTo(saver, o.Migrate)                // a storage.Saver with Options{Order: desk.Records}
//	rep := d.Import(desk.Upload{Name: name, Data: data})
//	err := d.Decide(id, annotation.Accepted)  // queues a small decisions record
//	groups := d.Groups(desk.Filter{View: desk.ViewDisagreements})
//
// Every change queues its records to the Sink at once; the Saver writes
// them in the background and reports, in storage.Status, whether they
// are saved. The package is pure Go: no go-app, no syscall/js.
package desk
