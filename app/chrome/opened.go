package chrome

import (
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// IndexOpened is the action posted when loading the index ends, its value
// an Opened. The app's bench hook handles it (app/bench.go): the page then
// answers the search-engine harness's window.runQuery.
const IndexOpened = "/index/opened"

// Opened is how loading the index ended: Index once it answers searches,
// else Err says what failed.
type Opened struct {
	Index *index.Index
	Err   string
}

// postOpened posts IndexOpened; HandleLoad calls it once loading ends.
func postOpened(ctx app.Context, o Opened) { ctx.NewActionWithValue(IndexOpened, o) }
