package storage

import (
	"fmt"
	"time"
)

// State is where the latest change is.
type State string

// The save states, as pages show them (and browser tests read them from
// data-save attributes).
const (
	// Idle: nothing was changed yet.
	Idle State = "idle"
	// Saving: a change waits or is being written.
	Saving State = "saving"
	// Saved: the store acknowledged every change.
	Saved State = "saved"
	// Failed: the store refused a change; it is kept in memory.
	Failed State = "failed"
)

// Status says where a Saver's changes are: saving, saved at a time, or
// failed with a reason. Workspace and review desk show the same one.
type Status struct {
	State State
	// At is when the store last acknowledged a write (Saved; also kept
	// while Saving or Failed, zero before the first).
	At time.Time
	// Err is why the latest write failed (Failed), with its context.
	Err string
	// Cause is what the storage said, without the context: the words to
	// show the user ("QuotaExceededError: the quota has been exceeded").
	Cause string
	// Unsaved counts the records the store does not have yet.
	Unsaved int
}

// Text describes s in words: "Saving…", "Saved at 15:04:05", "Not saved:
// reason", or "" for Idle.
func (s Status) Text() string {
	switch s.State {
	case Saving:
		return "Saving…"
	case Saved:
		return "Saved at " + s.At.Local().Format("15:04:05")
	case Failed:
		if s.Unsaved > 0 {
			return fmt.Sprintf("Not saved (%d %s kept in this tab only): %s", s.Unsaved, map[bool]string{true: "change", false: "changes"}[s.Unsaved == 1], s.Cause)
		}
		return "Not saved: " + s.Cause
	}
	return ""
}

// Status returns where the changes are now.
func (s *Saver) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{At: s.ackAt, Unsaved: len(s.pending) + len(s.inflight)}
	failed := s.down != nil
	for _, w := range s.pending {
		failed = failed || w.failed
	}
	for _, w := range s.inflight {
		failed = failed || w.failed
	}
	switch {
	case failed:
		st.State, st.Err, st.Cause = Failed, s.err, s.cause
	case st.Unsaved > 0:
		st.State = Saving
	case s.acked > 0:
		st.State = Saved
	default:
		st.State = Idle
	}
	return st
}
