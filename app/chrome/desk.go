package chrome

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/claimtag/claimtag/app/annotation/review"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/desk"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// States of the review desk, shared by the review and overview pages.
const (
	// StateDesk holds a DeskRef.
	StateDesk = "/review/desk"
	// StateDeskSaved holds the storage.Status of the desk.
	StateDeskSaved = "/review/saved"
)

// DeskRef carries the review desk in a state (see Ref). Opening is set
// while the saved desk is being read, before D is published.
type DeskRef struct {
	D       *desk.Desk
	Saver   *storage.Saver
	Opening bool
	Rev     int
}

// OpenReviewStore opens the review's IndexedDB database; tests replace it.
var OpenReviewStore = func() (storage.Store, error) {
	db, err := browser.OpenIndexedDB(desk.DB)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// OpenDesk publishes the review desk once the session is there: it reads
// what a previous visit saved and the corpus's documents, restores and
// re-anchors the desk in the background (no page shows it yet), then
// wires its saver and publishes it on the UI goroutine. Pages call it on
// mount and when the session appears; it opens the desk once.
func OpenDesk(ctx app.Context, s *Session) {
	var st DeskRef
	ctx.GetState(StateDesk, &st)
	if st.D != nil || st.Opening || s == nil {
		return
	}
	ctx.SetState(StateDesk, DeskRef{Opening: true})
	ctx = s.ctx // its Dispatch runs on whatever page is mounted by then
	var legacy json.RawMessage
	if ctx.LocalStorage().Get(desk.LegacyKey, &legacy) != nil || len(legacy) == 0 {
		legacy = nil
	}
	ctx.Async(func() {
		o := desk.Read(context.Background(), OpenReviewStore, legacy)
		d := desk.New(reviewCorpus(s), s.WS.Fingerprint())
		d.Restore(o.Saved)
		d.Warning = strings.TrimSpace(o.Warning + " " + d.Warning)
		ctx.Dispatch(func(ctx app.Context) {
			var sv *storage.Saver
			migrating := o.Migrate
			sv = storage.NewSaver(o.Store, storage.Options{Order: desk.Records, MaxRecord: desk.MaxSaved, OnChange: func() {
				ctx.Dispatch(func(ctx app.Context) {
					status := sv.Status()
					ctx.SetState(StateDeskSaved, status)
					if migrating && status.State == storage.Saved {
						ctx.LocalStorage().Del(desk.LegacyKey) // the desk read from there is saved here
						migrating = false
					}
				})
			}})
			d.SaveTo(sv, o.Migrate)
			if o.DropLegacy {
				ctx.LocalStorage().Del(desk.LegacyKey)
			}
			ctx.SetState(StateDeskSaved, sv.Status())
			ctx.SetState(StateDesk, DeskRef{D: d, Saver: sv, Rev: d.Rev})
		})
	})
}

// PublishDesk tells the pages that the desk changed.
func PublishDesk(ctx app.Context, ref DeskRef) {
	ref.Rev = ref.D.Rev
	ctx.SetState(StateDesk, ref)
}

// reviewCorpus reads every document of the session for the desk's
// re-anchoring, with its file path and, when its source is a web
// address, that address (imported annotations name documents by them).
// Documents that cannot be read are left out (their annotations then
// show as orphans, and stay). It blocks.
func reviewCorpus(s *Session) *review.Corpus {
	var docs []review.Document
	for _, d := range s.WS.Documents() {
		c, err := s.WS.Open(context.Background(), d.ID)
		if err != nil {
			continue
		}
		doc := review.Document{ID: d.ID, Title: d.Title, Text: c.Text}
		if info, ok := s.Index.Document(d.ID); ok {
			doc.Path = info.Path
		}
		if u, err := url.Parse(d.Source); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			doc.URL = d.Source
		}
		for _, p := range c.Passages {
			doc.Passages = append(doc.Passages, review.Passage{ID: p.ID, Start: p.Start, End: p.End})
		}
		docs = append(docs, doc)
	}
	return review.NewCorpus(docs...)
}
