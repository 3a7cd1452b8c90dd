// Package desk is the review page's model: the annotations imported from
// other annotators' files, kept apart from the user's own, where
// re-anchoring put them on the current corpus (package review, which calls
// package anchoring), agreement over the spans they marked (package
// agreement), the adjudication of those spans (package adjudicate) and
// the gold file it gives (package gold), and the records that keep all of
// it in the review's own IndexedDB database.
//
//	o := desk.Read(ctx, openReviewDB, legacy) // what a previous visit saved
//	d := desk.New(corpus, fingerprint)
//	d.Restore(o.Saved)                        // re-anchors: before the desk is shown
//	d.SaveTo(saver, o.Migrate)                // a storage.Saver with Options{Order: desk.Records}
//	p := desk.Prepare(ctx, corpus, desk.Upload{Name: name, Data: data}, progress) // off the UI goroutine
//	rep := d.Commit(p)                        // what was imported, re-anchored, orphaned, rejected
//	r := d.Agreement()                        // kappa per pair, alpha, from the same units as the queue
//	err := d.Decide(key, annotation.Fact, note, reviewer, time.Now()) // saved as its own record
//	d.Undo()
//	data, err := d.ExportGold(desk.GoldCSV, base, time.Now())
//
// Every change queues its records to the Sink at once; the Saver writes
// them in the background and reports, in storage.Status, whether they
// are saved. The package is pure Go: no go-app, no syscall/js.
package desk
