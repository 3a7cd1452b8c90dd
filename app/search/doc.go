// Package search is the search page ("/"): results as the user types,
// grouped by document (its title, date, number of matching passages and
// best passages, matched words marked), what the query became ("showing
// results for"; the fallback to any word; "did you mean"), query problems
// with their place, filters by document, date and tag with exact counts,
// and the query in the URL.
//
// Every keystroke searches at once, cancelling the search under way, and
// asks the index only for the documents on screen (Query.Request); typing
// replaces the history entry instead of adding one per letter (pushes).
// Searches run off the UI goroutine through the session's Searcher.
package search
