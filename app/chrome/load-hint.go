package chrome

import (
	"errors"
	"io/fs"

	"github.com/claimtag/claimtag/index"
)

// LoadHint says what to do about an error that stopped the index from
// loading, by its cause: a connection that failed calls for another try,
// a damaged or missing file or another format version does not.
func LoadHint(err error) string {
	switch {
	case errors.Is(err, index.ErrVersion):
		return "The index was built by another version of claimtag than this page. Reload the page; if this stays, rebuild the site."
	case errors.Is(err, index.ErrMissingPiece), errors.Is(err, fs.ErrNotExist):
		return "A file of the index is not on the server: the site was probably rebuilt since this page was loaded. Reload the page; if this stays, the site is incomplete and must be rebuilt."
	case errors.Is(err, index.ErrCorrupt), errors.Is(err, index.ErrTruncated), errors.Is(err, index.ErrNotSnapshot):
		return "A file of the index arrived damaged. Retry downloads it again; if this stays, the copy on the server is damaged and the site must be rebuilt."
	}
	return "Check your connection, then try again."
}
