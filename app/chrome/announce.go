package chrome

import (
	"sync/atomic"
	"time"

	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// StateAnnounce holds the latest Announcement. Pages do not set it
// themselves: they call Announce or AnnounceError.
const StateAnnounce = "/chrome/announce"

// Announcement is a sentence for screen readers. Seq makes each one a new
// value, so that the same words said twice are read twice.
type Announcement struct {
	Text      string
	Assertive bool
	Seq       int64
}

var announceSeq atomic.Int64

// Announce has screen readers read text when they are idle (a polite live
// region): what a command did ("Tagged … as fact."), a save. It is safe
// from any goroutine.
func Announce(ctx app.Context, text string) { announce(ctx, text, false) }

// AnnounceError has screen readers read text at once, interrupting (an
// assertive live region): a change that failed, a save refused.
func AnnounceError(ctx app.Context, text string) { announce(ctx, text, true) }

func announce(ctx app.Context, text string, assertive bool) {
	if text == "" {
		return
	}
	ctx.SetState(StateAnnounce, Announcement{Text: text, Assertive: assertive, Seq: announceSeq.Add(1)})
}

// liveQuiet is how long after a message the next one is added to the
// same live region rather than replacing it; liveMax bounds the region.
const (
	liveQuiet = 3 * time.Second
	liveMax   = 8
)

// liveLog is what one live region holds: the messages of the last few
// seconds, each in its own element. Screen readers read what is added to
// a live region, not what stays or is removed, so a message that follows
// another closely is appended (and read alone) instead of replacing it;
// after a quiet spell the region starts over with the new message. A
// message equal to the one it would replace gets a no-break space, so that
// the text changes and is read again.
type liveLog struct {
	items []string
	at    time.Time
}

func (l *liveLog) add(text string, now time.Time) {
	if text == "" {
		return
	}
	if len(l.items) > 0 && now.Sub(l.at) < liveQuiet && len(l.items) < liveMax {
		l.items = append(l.items, text)
		l.at = now
		return
	}
	if len(l.items) > 0 && l.items[0] == text {
		text += "\u00a0"
	}
	l.items = append(l.items[:0], text)
	l.at = now
}

// saveWatch follows one save status (the user's annotations, or the
// review desk) to say what screen readers should hear of it.
type saveWatch struct {
	what      string // names the saved work in a failure: "Your annotations", "The review"
	prev      storage.Status
	failed    bool      // a failure was announced and no save since
	lastSaved time.Time // when "Saved." was last announced
}

// news is what to announce when the status becomes cur at now: "" for
// nothing. A failure is said at once (assertive), once until saving works
// again, which is then always said ("Saved again."). A success is said
// once per streak of saves within saveQuiet of each other: typing a note
// saves every few seconds.
func (w *saveWatch) news(cur storage.Status, now time.Time) (text string, assertive bool) {
	prev := w.prev
	w.prev = cur
	switch {
	case cur.State == storage.Failed && !w.failed:
		w.failed = true
		msg := w.what + " could not be saved: " + cur.Cause + "."
		if cur.Unsaved > 0 {
			msg += " " + Count(cur.Unsaved, "change is", "changes are") + " kept in this tab; export them or try again."
		}
		return msg, true
	case cur.State == storage.Saved && w.failed:
		w.failed, w.lastSaved = false, now
		return "Saved again.", false
	case cur.State == storage.Saved && prev.State == storage.Saving:
		if !w.lastSaved.IsZero() && now.Sub(w.lastSaved) < saveQuiet {
			return "", false
		}
		w.lastSaved = now
		return "Saved.", false
	}
	return "", false
}

// saveQuiet is how long after a "Saved." announcement the next success is
// left unsaid.
const saveQuiet = 20 * time.Second

// Announcer renders the page's two live regions, polite and assertive,
// visually hidden. It reads out Announce and AnnounceError, and the save
// status of the user's annotations (StateSaved) and of the review desk
// (StateDeskSaved). Frame renders one; a page needs no other.
type Announcer struct {
	app.Compo

	polite, assertive liveLog
	ann               Announcement
	saved, desk       storage.Status
}

// OnMount subscribes to the announcements and save statuses. What was
// announced before this page was shown is not read again.
func (c *Announcer) OnMount(ctx app.Context) {
	ctx.ObserveState(StateAnnounce, &c.ann).OnChange(func() { c.say(c.ann.Text, c.ann.Assertive) })
	c.watchSave(ctx, StateSaved, &c.saved, "Your annotations")
	c.watchSave(ctx, StateDeskSaved, &c.desk, "The review")
}

func (c *Announcer) watchSave(ctx app.Context, state string, st *storage.Status, what string) {
	w := &saveWatch{what: what}
	ctx.ObserveState(state, st).OnChange(func() { c.say(w.news(*st, time.Now())) })
	w.prev = *st
	w.failed = st.State == storage.Failed // said by the page that saw it fail
}

func (c *Announcer) say(text string, assertive bool) {
	if assertive {
		c.assertive.add(text, time.Now())
		return
	}
	c.polite.add(text, time.Now())
}

// Render implements app.Composer. The regions are always in the page (a
// live region added together with its text is often not read).
func (c *Announcer) Render() app.UI {
	region := func(id, live string, l liveLog) app.UI {
		return app.Div().ID(id).Class("visually-hidden").Aria("live", live).Aria("atomic", "false").Body(
			app.Range(l.items).Slice(func(i int) app.UI { return app.P().Text(l.items[i]) }),
		)
	}
	return app.Div().Class("announcer").Body(
		region("announce-polite", "polite", c.polite),
		region("announce-assertive", "assertive", c.assertive),
	)
}
