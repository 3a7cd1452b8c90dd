// Package storage writes claimtag's records (the user's annotations, the
// review) to browser storage in the background and says, in one
// vocabulary, where the latest change is.
//
// A Store keeps opaque records by key: IndexedDB in the browser
// (app/browser), Memory natively and in tests, Unavailable when the
// browser refuses storage. A Saver sits in front of one Store. Pages hand
// it records and return at once; the Saver writes them one at a time, in
// order, coalescing a burst of changes to one key into one write of the
// latest, and a change may wait (a note being typed waits until the typing
// pauses):
//
//	sv := storage.NewSaver(store, storage.Options{OnChange: publish})
//	sv.Put(id, record, 0)                    // a tag: written at once
//	sv.Put(id, record, storage.TypingDelay)  // a keystroke in a note
//	sv.Flush()                               // Esc, blur: write what waits, now
//	st := sv.Status()                        // saving, saved at T, failed: reason
//
// Status is Saved only once the Store has acknowledged every write. A
// failed write keeps its record (and every later one) in the Saver, is
// reported as Failed with the reason, and is tried again with the next
// change or on Retry: nothing is dropped. Unsaved lists what the Store does
// not have yet, for a page that is closing to keep it elsewhere.
//
// The package is pure Go; it runs under go test -race.
package storage
