package chrome

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/browser"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Where the user's annotations live: the IndexedDB database (one record
// per annotation), the BroadcastChannel telling other tabs, and the local
// storage key of the creator's name (not a state name).
const (
	DBName      = "claimtag"
	ChannelName = "claimtag"
	CreatorKey  = "claimtag.creator"
)

// States the session publishes.
const (
	// StateSession holds a Ref, once loaded and after every change.
	StateSession = "/session"
	// StateSaved holds the storage.Status of the user's annotations.
	StateSaved = "/session/saved"
)

// Ref carries the session in a state: go-app copies a state's value into
// each observer, so the state holds a struct holding the pointer, and Rev
// makes each change a new value.
type Ref struct {
	S   *Session
	Rev int
}

// Session is what the pages work on once the index is loaded: the user's
// workspace, the index to search, and the saver writing the workspace to
// IndexedDB. OpenSession makes it; it lives as long as the page. Pages
// read it and call the workspace's methods; its own methods are safe
// from any goroutine.
type Session struct {
	// WS holds the user's annotations.
	WS *workspace.Workspace
	// Index searches the corpus.
	Index Searcher
	// Saver writes WS to IndexedDB; its Status is published as StateSaved.
	Saver *storage.Saver
	// Placed is what re-anchoring did when the session opened.
	Placed workspace.Report
	// Warning names stored records that could not be read (they are left
	// as they are).
	Warning string

	ctx    app.Context // the long-lived context of the load action
	tab    string
	isLive bool

	mu        sync.Mutex
	channel   *browser.Channel // to the other tabs; set once open, read by the saver's goroutine (written)
	notices   []string
	hooks     map[int]func()
	nextHook  int
	recovered []string // local storage keys merged, to delete once saved
}

// openStore opens the IndexedDB database of the user's annotations.
func openStore() (storage.Store, error) {
	db, err := browser.OpenIndexedDB(DBName)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// OpenSession opens the user's annotations over corpus c: it reads the
// store open returns (a storage.Unavailable one if it fails: the
// annotations are then kept in this tab and the status says so), merges
// what a page that closed kept aside in local storage, re-anchors what
// was made on another corpus and publishes the session. It blocks: call
// it from a goroutine (HandleLoad runs in one).
func OpenSession(ctx app.Context, c workspace.Corpus, ix Searcher, open func() (storage.Store, error)) *Session {
	s := &Session{Index: ix, ctx: ctx, tab: annotation.NewID(), hooks: map[int]func(){}}
	store, err := open()
	if err != nil {
		store = storage.Unavailable(err)
	}
	recs, err := store.All(context.Background())
	if err != nil && !errors.Is(err, storage.ErrUnavailable) {
		store = storage.Unavailable(fmt.Errorf("the stored annotations could not be read (%w); they are left as they are", err))
	}
	s.Saver = storage.NewSaver(store, storage.Options{OnChange: s.savedChanged, OnWritten: s.written})
	var creator string
	ctx.LocalStorage().Get(CreatorKey, &creator)
	s.WS = workspace.New(c, workspace.Options{Sink: s.Saver, Tab: s.tab, Creator: creator, OnChange: s.changed})
	s.WS.Load(recs)
	s.recover()
	s.Placed = s.WS.Reanchor(context.Background())
	if bad := s.WS.Unreadable(); len(bad) > 0 {
		s.Warning = fmt.Sprintf("%s could not be read and %s left as %s: %v", Count(len(bad), "stored annotation", "stored annotations"),
			Plural(len(bad), "is", "are"), Plural(len(bad), "it is", "they are"), errors.Join(bad...))
	}
	ch, _ := browser.OpenChannel(ChannelName, s.receive)
	s.mu.Lock()
	s.channel = ch // the saver's writes (written) may already be telling it
	s.mu.Unlock()
	browser.OnHide(s.hide)
	return s
}

// live starts publishing the session, and publishes it. What recover
// merged and did not need writing is deleted from local storage at once.
func (s *Session) live() {
	s.mu.Lock()
	s.isLive = true
	var done []string
	if s.Saver.Status().Unsaved == 0 {
		done, s.recovered = s.recovered, nil
	}
	s.mu.Unlock()
	for _, k := range done {
		s.ctx.LocalStorage().Del(k)
	}
	s.Publish()
	s.savedChanged()
}

// changed publishes the session after a change of the workspace, but not
// for a keystroke in a field: the field shows it already, and re-rendering
// a long document at each keystroke would slow the typing down.
func (s *Session) changed(typing bool) {
	if !typing {
		s.Publish()
	}
}

// Publish tells the pages that the session changed.
func (s *Session) Publish() {
	s.mu.Lock()
	live := s.isLive
	s.mu.Unlock()
	if !live {
		return
	}
	s.ctx.Dispatch(func(ctx app.Context) { ctx.SetState(StateSession, Ref{S: s, Rev: s.WS.Rev()}) })
}

// savedChanged publishes the saver's status, and deletes what recover
// merged from local storage once all of it is saved.
func (s *Session) savedChanged() {
	s.mu.Lock()
	live := s.isLive
	s.mu.Unlock()
	if !live {
		return
	}
	s.ctx.Dispatch(func(ctx app.Context) {
		st := s.Saver.Status()
		ctx.SetState(StateSaved, st)
		if st.State != storage.Saved {
			return
		}
		s.mu.Lock()
		keys := s.recovered
		s.recovered = nil
		s.mu.Unlock()
		for _, k := range keys {
			ctx.LocalStorage().Del(k)
		}
	})
}

// Flush ends the editing of a note or evidence field and writes what
// waits: the user left the field, or pressed Esc.
func (s *Session) Flush() {
	s.WS.EndEdit()
	s.Saver.Flush()
}

// OnHide registers f to run, synchronously, when the page is hidden or
// left, before the session keeps what is not saved yet aside: the reader
// commits the field being typed in. remove unregisters it.
func (s *Session) OnHide(f func()) (remove func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextHook
	s.nextHook++
	s.hooks[id] = f
	return func() {
		s.mu.Lock()
		delete(s.hooks, id)
		s.mu.Unlock()
	}
}

// Say adds a message for the user, shown by every page until dismissed.
func (s *Session) Say(msg string) {
	s.mu.Lock()
	s.notices = append(s.notices, msg)
	s.mu.Unlock()
	s.Publish()
}

// Notices returns the messages not dismissed yet.
func (s *Session) Notices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.notices...)
}

// Dismiss removes message i of Notices.
func (s *Session) Dismiss(i int) {
	s.mu.Lock()
	if i >= 0 && i < len(s.notices) {
		s.notices = append(s.notices[:i], s.notices[i+1:]...)
	}
	s.mu.Unlock()
	s.Publish()
}

// wire is a message between tabs: a record one stored, or its deletion.
type wire struct {
	Key string          `json:"key"`
	Rec string          `json:"rec,omitempty"` // the record's JSON; "" for a deletion
	At  workspace.Stamp `json:"at"`            // the deletion's stamp
}

// written tells the other tabs what the store acknowledged.
func (s *Session) written(key string, rec []byte) {
	w := wire{Key: key, Rec: string(rec)}
	if rec == nil {
		at, ok := s.WS.Tombstone(key)
		if !ok {
			at = s.WS.Now()
		}
		w.At = at
	}
	b, err := json.Marshal(w)
	s.mu.Lock()
	ch := s.channel // nil until OpenSession opened it: a nil channel posts nothing
	s.mu.Unlock()
	if err == nil {
		ch.Post(string(b))
	}
}

// receive merges what another tab stored.
func (s *Session) receive(msg string) {
	var w wire
	if json.Unmarshal([]byte(msg), &w) != nil || w.Key == "" {
		return
	}
	var rec []byte
	if w.Rec != "" {
		rec = []byte(w.Rec)
	}
	notices, err := s.WS.Remote(w.Key, rec, w.At)
	if err != nil {
		s.Say("An edit from another tab could not be read: " + err.Error())
		return
	}
	for _, n := range notices {
		s.Say(n.Message)
	}
}

// unsavedPrefix starts the local storage keys where a page that is hidden
// or closing keeps what IndexedDB has not acknowledged yet, one key per tab.
const unsavedPrefix = "claimtag.unsaved."

// unsaved is what one tab kept aside.
type unsaved struct {
	At      workspace.Stamp    `json:"at"`
	Records map[string]*string `json:"records"` // nil: deleted
}

// hide runs when the page is hidden or left, synchronously: the pages'
// hooks commit what is being typed, the typing session ends, what the
// store has not acknowledged is kept in local storage (synchronous, so it
// survives a reload that comes before IndexedDB answers), and the saver
// starts writing it.
func (s *Session) hide() {
	s.mu.Lock()
	var hooks []func()
	for _, f := range s.hooks {
		hooks = append(hooks, f)
	}
	s.mu.Unlock()
	for _, f := range hooks {
		f()
	}
	s.WS.EndEdit()
	key := unsavedPrefix + s.tab
	un := s.Saver.Unsaved()
	if len(un) == 0 {
		s.ctx.LocalStorage().Del(key)
	} else {
		j := unsaved{At: s.WS.Now(), Records: map[string]*string{}}
		for _, u := range un {
			if u.Deleted {
				j.Records[u.Key] = nil
				continue
			}
			rec := string(u.Rec)
			j.Records[u.Key] = &rec
		}
		s.ctx.LocalStorage().Set(key, j)
	}
	s.Saver.Flush()
}

// recover merges what pages that were hidden or closed kept in local
// storage; the keys are deleted once the merged records are saved.
func (s *Session) recover() {
	ls := s.ctx.LocalStorage()
	var keys []string
	ls.ForEach(func(k string) {
		if strings.HasPrefix(k, unsavedPrefix) {
			keys = append(keys, k)
		}
	})
	var merged []string
	for _, k := range keys {
		var j unsaved
		if err := ls.Get(k, &j); err != nil {
			continue // not ours to read: leave it
		}
		for id, rec := range j.Records {
			var b []byte
			if rec != nil {
				b = []byte(*rec)
			}
			s.WS.Recover(id, b, j.At)
		}
		merged = append(merged, k)
	}
	s.mu.Lock()
	s.recovered = merged
	s.mu.Unlock()
}
