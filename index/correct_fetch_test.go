package index

import (
	"bytes"
	"context"
	"sync"
	"testing"
)

// batchLog serves pieces from memory a batch at a time and records each
// batch's names.
type batchLog struct {
	p       *Pieces
	mu      sync.Mutex
	batches [][]string
}

func (s *batchLog) Fetch(ctx context.Context, name string) ([]byte, error) {
	s.mu.Lock()
	s.batches = append(s.batches, []string{name})
	s.mu.Unlock()
	return s.p.Fetch(ctx, name)
}

func (s *batchLog) FetchAll(ctx context.Context, names []string) ([][]byte, []error) {
	s.mu.Lock()
	s.batches = append(s.batches, append([]string(nil), names...))
	s.mu.Unlock()
	out, errs := make([][]byte, len(names)), make([]error, len(names))
	for i, n := range names {
		out[i], errs[i] = s.p.Fetch(ctx, n)
	}
	return out, errs
}

// TestACorrectionReadsTheVocabularyInOneRoundTrip checks that correcting a
// misspelt word fetches the vocabulary it reads (the words starting with
// its first or second letter, which hold those completing it) in one
// batch, not the completions' range first and the letters' after.
func TestACorrectionReadsTheVocabularyInOneRoundTrip(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"Kingsfot", "Kingsoft"}, // near: no word starts with it
		{"margn", "margin"},
		{"Kingso", "Kingsoft"}, // a completion
	} {
		t.Run(tt.q, func(t *testing.T) {
			p := splitSeeds(t, tinyPieces)
			src := &batchLog{p: p}
			ix := openPieces(t, p, src)
			surface, ok := ix.fieldKey('d', FieldSurface, "")
			if !ok {
				t.Fatal("no surface field")
			}
			vocab := map[string]bool{}
			for _, r := range ix.pieces.man.Rows {
				if bytes.HasPrefix(r.First, surface) {
					vocab[r.File] = true
				}
			}
			src.batches = nil
			res, err := ix.Search(Request{Query: tt.q, Size: 3})
			if err != nil {
				t.Fatal(err)
			}
			if res.Corrected != tt.want {
				t.Fatalf("%q corrected to %q, want %q", tt.q, res.Corrected, tt.want)
			}
			n := 0
			for _, b := range src.batches {
				for _, name := range b {
					if vocab[name] {
						n++
						break
					}
				}
			}
			if n != 1 {
				t.Errorf("the vocabulary came in %d round trips, want 1 (batches %v)", n, src.batches)
			}
		})
	}
}
