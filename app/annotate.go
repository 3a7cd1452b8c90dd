package app

import (
	"context"
	"fmt"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// creatorKey is the local storage key of the creator name (not a state name).
const creatorKey = "claimtag.creator"

// startWriter starts the goroutine that writes changes in order.
func (w *workspace) startWriter() {
	w.writes = make(chan func(), 256)
	go func() {
		for f := range w.writes {
			f()
		}
	}()
}

// publish tells the observing pages that w changed.
func (w *workspace) publish() {
	w.Rev++
	if w.live {
		w.ctx.SetState(stateWorkspace, wsRef{W: w, Rev: w.Rev})
	}
}

// onUI runs f on the UI goroutine in the browser, and at once in tests.
func (w *workspace) onUI(f func()) {
	if w.live {
		w.ctx.Dispatch(func(app.Context) { f() })
		return
	}
	f()
}

// flush waits for the writes queued so far.
func (w *workspace) flush() {
	done := make(chan struct{})
	w.writes <- func() { close(done) }
	<-done
}

// commit saves change c, already applied to the set, in the background:
// the status line says "saving" until the store answers, then "saved", or
// shows the failure and counts the change as kept only in memory. Other
// tabs are told after each successful write.
func (w *workspace) commit(c annotation.Change) {
	w.Saving++
	w.publish()
	w.writes <- func() {
		err := persist(context.Background(), w.store, c)
		if err == nil {
			w.channel.Post("changed")
		}
		w.onUI(func() {
			w.Saving--
			if err != nil {
				w.Unsaved++
				w.StoreErr = fmt.Sprintf("Saving failed (%v)", err)
			} else {
				w.Saved++
			}
			w.publish()
		})
	}
}

// reload reads the store again, after another tab changed it.
func (w *workspace) reload() {
	w.writes <- func() {
		recs, err := w.store.All(context.Background())
		w.onUI(func() {
			if err != nil {
				w.StoreErr = fmt.Sprintf("Reading the annotations failed (%v)", err)
			} else {
				w.replace(recs)
			}
			w.publish()
		})
	}
}

// add, update, remove, undo and redo change the set and commit the change.

func (w *workspace) add(a annotation.Annotation) error {
	c, err := w.set.Add(a)
	if err != nil {
		return err
	}
	w.commit(c)
	return nil
}

func (w *workspace) update(a annotation.Annotation) error {
	c, err := w.set.Update(a)
	if err != nil {
		return err
	}
	w.commit(c)
	return nil
}

func (w *workspace) remove(id string) error {
	c, err := w.set.Remove(id)
	if err != nil {
		return err
	}
	w.commit(c)
	return nil
}

func (w *workspace) undo() bool {
	c, ok := w.set.Undo()
	if ok {
		w.commit(c)
	}
	return ok
}

func (w *workspace) redo() bool {
	c, ok := w.set.Redo()
	if ok {
		w.commit(c)
	}
	return ok
}
