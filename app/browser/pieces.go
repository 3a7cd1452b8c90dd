package browser

// CachePiece is a file to keep in a cache for use offline: its URL and
// size in bytes (for progress).
type CachePiece struct {
	URL  string
	Size int64
}

// SaveHeader is the request header SavePieces sends with each fetch, with
// the value "offline". The service worker sends such a fetch to the
// network as it is: SavePieces looked in the cache before, and checks and
// stores the piece itself (checking and storing it in the worker too was
// the same work twice).
const SaveHeader = "X-Claimtag-Fetch"

// FetchPiecesFunc is the name of the page's function FetchPieces calls
// (the site build appends it to go-app's app.js).
const FetchPiecesFunc = "claimtagFetchPieces"

// UnpackPieceFunc is the name of the page's function that unpacks a piece
// file (fetch-pieces.js, with FetchPiecesFunc).
const UnpackPieceFunc = "claimtagUnpackPiece"

// RegisterWorkerFunc is the name of the page's function that registers the
// service worker (worker-later.js, appended to go-app's app.js): the site
// build takes go-app's registration off the page's start, and the page
// calls it once its first search is done (RegisterWorker).
const RegisterWorkerFunc = "claimtagRegisterWorker"
