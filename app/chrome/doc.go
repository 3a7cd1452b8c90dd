// Package chrome is what claimtag's pages share: loading the index and
// opening the session (the user's workspace, saved by a storage.Saver,
// merged with other tabs over a BroadcastChannel), the review desk's
// opening, the page frame (header, banners, dialogs, status line), the
// keyboard map and the exports.
//
// A page embeds Page, calls Mount from OnMount and Frame from Render, and
// reads the session with Session():
//
//	func (p *readerPage) OnMount(ctx app.Context) {
//		p.Mount(ctx, chrome.Options{OnKey: p.onKey, OnSession: p.open})
//	}
//	func (p *readerPage) tag(t annotation.Tag) {
//		out, err := p.Session().WS.Tag(span, t) // pages call the workspace
//		p.Say(out.Message)
//	}
//
// The frame is accessible by construction: landmarks and a skip link; a
// page names itself with one Title (its h1, and the tab's title) in the
// header it passes to Frame; the help and name dialogs are modal; Say and
// SayError show a message and have screen readers read it (through
// Announce and AnnounceError, which any code with a context may call), and
// the Announcer in the footer reads saves and failed saves out. Count and
// Plural make numbers agree with their nouns. web/app.css holds the
// palette (checked for WCAG AA contrast by palette_test.go) and the tag
// styles: elements with data-tag="fact" etc. get a colour, a line style
// and a sign as mark, .tag-btn or .tag-chip; .sticky-bar stays under the
// header; .visually-hidden hides from the eye only.
//
// The session publishes itself as StateSession (a Ref) after every change
// and its saver's storage.Status as StateSaved; StatusLine and SaveFailure
// render that status, the same for the review desk (StateDeskSaved).
// Before the page is hidden or left, the session runs the pages' OnHide
// hooks, ends the typing session and keeps what IndexedDB has not
// acknowledged in local storage, synchronously; the next load merges it
// back (Session.recover), so a note typed just before a reload survives.
package chrome
