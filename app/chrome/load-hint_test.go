package chrome

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
)

func TestLoadHintFollowsTheCause(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"A failed connection asks to check it.", errors.New("fetch /web/index/manifest.bin: TypeError: Failed to fetch"), "Check your connection"},
		{"A damaged piece says it arrived damaged.", &index.PieceError{File: "ab.bin", What: "rows", Err: index.ErrCorrupt}, "arrived damaged"},
		{"A cut manifest says it arrived damaged.", fmt.Errorf("open: %w", index.ErrTruncated), "arrived damaged"},
		{"A missing piece says the site changed.", &index.PieceError{File: "ab.bin", What: "rows", Err: index.ErrMissingPiece}, "not on the server"},
		{"A 404 says the site changed.", fmt.Errorf("fetch x: HTTP 404: %w", fs.ErrNotExist), "not on the server"},
		{"Another format version says so.", fmt.Errorf("open: %w", index.ErrVersion), "another version of claimtag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LoadHint(tt.err); !strings.Contains(got, tt.want) {
				t.Errorf("LoadHint(%v) = %q, want it to say %q", tt.err, got, tt.want)
			}
		})
	}
}
