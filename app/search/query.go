package search

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/index"
)

// Paging: the page asks the index for the documents it shows, a screenful
// at a time, and each document's best passages; with a document filter,
// that one document's passages a screenful at a time.
const (
	groupsStep   = 10 // documents shown at first and added by "Show more"
	perGroup     = 3  // passages shown under each document
	passagesStep = 20 // passages shown, and added, when one document is searched
	// firstScreen is how many documents a new search asks for first: the
	// top one. The rest of the groupsStep follow at once (see
	// Query.stages), so the first result waits only for the passage text
	// it shows. Each document shown brings the blocks of its passages to
	// fetch (a long page's best passages lie in different blocks): on the
	// python docs' 51 bench queries, the requests the first results waited
	// for fell from 347 with three documents first to 243 with one.
	firstScreen = 1
)

// Query is what the search page shows: the query and filters of its URL
// (?q=&doc=&date=&tag=&exact=1) and how many results are shown.
type Query struct {
	Q, Doc, Date, Tag string
	// Exact turns typo correction off ("search instead for").
	Exact bool
	// Groups is the number of documents shown, PerGroup the passages
	// under each (0: the defaults). They are not in the URL.
	Groups, PerGroup int
}

// ParseQuery reads a Query from a search page's URL parameters.
func ParseQuery(v url.Values) Query {
	return Query{Q: v.Get("q"), Doc: v.Get("doc"), Date: v.Get("date"), Tag: v.Get("tag"), Exact: v.Get("exact") == "1"}
}

// URL returns the search page's address for q (paging left out).
func (q Query) URL() string {
	u := chrome.SearchURL(q.Q, q.Doc, q.Date, q.Tag)
	if !q.Exact || q.Q == "" {
		return u
	}
	if strings.Contains(u, "?") {
		return u + "&exact=1"
	}
	return u + "?exact=1"
}

// Empty reports whether there is nothing to search: no words and no tag
// filter (the page then lists the documents).
func (q Query) Empty() bool { return strings.TrimSpace(q.Q) == "" && q.Tag == "" }

// key identifies the search q needs: two Queries with the same key show
// the same results.
func (q Query) key() string {
	return strings.Join([]string{q.Q, q.Doc, q.Date, q.Tag, strconv.FormatBool(q.Exact), strconv.Itoa(q.groups()), strconv.Itoa(q.perGroup())}, "\x00")
}

func (q Query) groups() int {
	if q.Groups > 0 {
		return q.Groups
	}
	if q.Doc != "" {
		return 1
	}
	return groupsStep
}

func (q Query) perGroup() int {
	if q.PerGroup > 0 {
		return q.PerGroup
	}
	if q.Doc != "" {
		return passagesStep
	}
	return perGroup
}

// stages returns the searches that show q, in turn: a new search of every
// document asks for the first screenful (firstScreen documents), then for
// all of q; a search that pages ("Show more", whose first documents are
// already on screen) or that looks in one document is one search.
func (q Query) stages() []Query {
	if q.Groups > 0 || q.Doc != "" {
		return []Query{q}
	}
	first := q
	first.Groups = firstScreen
	return []Query{first, q}
}

// Filtered reports whether a filter (document, date or tag) narrows the
// results.
func (q Query) Filtered() bool { return q.Doc != "" || q.Date != "" || q.Tag != "" }

// Request builds the index search for q. A tag filter becomes the index's
// passage filter (tagged: the passages holding an annotation with that
// tag), so counts and facets stay exact; tags answers tag: clauses of the
// query with the spans of each tag's annotations.
func (q Query) Request(tagged []string, tags func(tag string) []index.DocSpan) index.Request {
	req := index.Request{Query: q.Q, Size: 1, Groups: q.groups(), PerGroup: q.perGroup(), Exact: q.Exact, Tags: tags}
	if q.Doc != "" {
		req.Docs = []string{q.Doc}
	}
	if q.Date != "" {
		req.Dates = []string{q.Date}
	}
	if q.Tag != "" {
		req.Passages = append([]string{}, tagged...)
		slices.Sort(req.Passages)
		if strings.TrimSpace(req.Query) == "" {
			req.Query = "*"
		}
	}
	return req
}

// Request builds the search page's first index request for a query and
// filters: what the page waits for before it shows the first results (see
// Query.stages and Query.Request).
func Request(q, doc, date, tag string, tagged []string) index.Request {
	return Query{Q: q, Doc: doc, Date: date, Tag: tag}.stages()[0].Request(tagged, nil)
}

// Requests builds every index request the search page makes, in turn, to
// show a query with no filters (see Query.stages).
func Requests(q string) []index.Request {
	var out []index.Request
	for _, s := range (Query{Q: q}).stages() {
		out = append(out, s.Request(nil, nil))
	}
	return out
}

// settle is how long a query stays on screen before the next edit starts a
// new history entry rather than replacing it.
const settle = 2 * time.Second

// pushes reports whether typing next after prev, last edited since ago,
// adds a history entry (true) or replaces the current one: the first words
// typed on an empty page, a query unrelated to the one shown (neither
// starts the other) or an edit after a pause push; each further keystroke
// of the same query replaces, so Back goes to the previous search, not the
// previous letter.
func pushes(prev, next string, since time.Duration) bool {
	prev, next = strings.TrimSpace(prev), strings.TrimSpace(next)
	switch {
	case next == prev:
		return false
	case prev == "":
		return true
	case next == "":
		return false
	case since >= settle:
		return true
	}
	return !strings.HasPrefix(next, prev) && !strings.HasPrefix(prev, next)
}
