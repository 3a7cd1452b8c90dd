package ingest

import (
	"fmt"
	"time"
)

// DefaultMaxFileTime is the time budget of one file when Options.MaxFileTime
// is 0. Ingestion is linear in the file size (a 32 MiB file takes a few
// seconds), so only hostile input comes near it.
const DefaultMaxFileTime = 30 * time.Second

// budget bounds the time spent on one file. The loops of the parsers call
// spend; past the deadline it panics with overBudget, which Parse recovers
// into a skip reason. A nil budget never runs out.
type budget struct {
	limit    time.Duration
	deadline time.Time
	n        int
}

// overBudget is the panic value of an exhausted budget.
type overBudget struct{}

func newBudget(limit time.Duration) *budget {
	if limit <= 0 {
		limit = DefaultMaxFileTime
	}
	return &budget{limit: limit, deadline: time.Now().Add(limit)}
}

// spend accounts for one unit of work and checks the clock every 256 units.
func (b *budget) spend() {
	if b == nil {
		return
	}
	b.n++
	if b.n&255 == 0 && time.Now().After(b.deadline) {
		panic(overBudget{})
	}
}

// check checks the clock now, for the rare calls that stand for a lot of work.
func (b *budget) check() {
	if b != nil && time.Now().After(b.deadline) {
		panic(overBudget{})
	}
}

// skip returns the skip reason for an exhausted budget.
func (b *budget) skip() *skipError {
	return &skipError{ErrTimeBudget, fmt.Sprintf("over the time budget: still parsing after %s", b.limit)}
}
