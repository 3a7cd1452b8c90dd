package index

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestQuietIsZeroWhileASearchRuns holds a search in its fetch of a piece
// and reads Quiet meanwhile: zero then, and after the search the time since
// it ended, which grows.
func TestQuietIsZeroWhileASearchRuns(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	var (
		mu      sync.Mutex
		opened  bool
		fetched = make(chan struct{}, 1)
		release = make(chan struct{})
	)
	src := SourceFunc(func(ctx context.Context, name string) ([]byte, error) {
		mu.Lock()
		hold := opened
		mu.Unlock()
		if hold {
			select {
			case fetched <- struct{}{}:
			default:
			}
			<-release
		}
		return p.Fetch(ctx, name)
	})
	ix := openPieces(t, p, src)
	mu.Lock()
	opened = true
	mu.Unlock()
	if q := ix.Quiet(); q < 0 {
		t.Fatalf("Quiet() = %v before any search, want the time since opening", q)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ix.Search(Request{Query: "ebitda", Size: 3})
		done <- err
	}()
	<-fetched
	if q := ix.Quiet(); q != 0 {
		t.Errorf("Quiet() = %v while a search waits for a piece, want 0", q)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	first := ix.Quiet()
	time.Sleep(5 * time.Millisecond)
	if later := ix.Quiet(); later < first+5*time.Millisecond {
		t.Errorf("Quiet() = %v, then %v 5 ms later: it should grow with the pause", first, later)
	}
}
