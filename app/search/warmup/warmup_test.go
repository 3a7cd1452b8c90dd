package warmup

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/search"
)

// TestEveryQueryFindsWhatItIsFor runs each warm-up search over the embedded
// index: each finds passages, through the path its kind takes (a
// correction for the misspelling, hits with every word for the Boolean
// ones), but the one meant to find nothing.
func TestEveryQueryFindsWhatItIsFor(t *testing.T) {
	ix, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			res, err := ix.Search(search.Request(q, "", "", "", nil))
			if err != nil {
				t.Fatal(err)
			}
			switch q {
			case "zzyzx":
				if len(res.Hits) != 0 {
					t.Errorf("%d hits, want none", len(res.Hits))
				}
				return
			case "procesing":
				if res.Corrected == "" {
					t.Errorf("no correction for %q", q)
				}
			}
			if len(res.Hits) == 0 {
				t.Fatalf("no hits for %q", q)
			}
			if strings.Contains(q, "capex") {
				for _, h := range res.Hits {
					if strings.Contains(strings.ToLower(h.Text), "capex") == strings.Contains(q, "-capex") {
						t.Errorf("hit %s: %q", h.Passage, h.Text)
					}
				}
			}
		})
	}
}

// TestRunWaitsForThePageToBeQuiet runs the warm-up beside a page index
// that is searched without pause: it makes no search until the page's
// searches stop, then all of them. The pause it waits for is longer than
// Quiet here, so that a slow test machine's stalls do not look like one.
func TestRunWaitsForThePageToBeQuiet(t *testing.T) {
	page, err := Open() // any index will do as the page's
	if err != nil {
		t.Fatal(err)
	}
	const quiet = 200 * time.Millisecond
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- run(context.Background(), page, quiet) }()
	busy := 2 * quiet
	for time.Since(start) < busy {
		if _, err := page.Search(search.Request("margin", "", "", "", nil)); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-done:
			t.Fatalf("the warm-up returned (%v) while the page was searching", err)
		default:
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < busy+quiet {
		t.Errorf("the warm-up ended %v after it started; the page searched for %v", took, busy)
	}
}

// TestRunStopsWithItsContext checks that a cancelled warm-up returns the
// context's error without waiting for the page.
func TestRunStopsWithItsContext(t *testing.T) {
	page, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Run(ctx, page); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context = %v, want context.Canceled", err)
	}
}
