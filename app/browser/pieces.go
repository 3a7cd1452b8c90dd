package browser

// CachePiece is a file to keep in a cache for use offline: its URL and
// size in bytes (for progress).
type CachePiece struct {
	URL  string
	Size int64
}

// SaveHeader is the request header SavePieces sends with each fetch, with
// the value "offline".
const SaveHeader = "X-Claimtag-Fetch"
