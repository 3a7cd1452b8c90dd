// Package search is the search page ("/"): results as the user types,
// matched words highlighted, filters by document, date and tag, the query
// in the URL, a fuzzy retry when nothing matches. Searches run off the UI
// goroutine through the session's Searcher.
package search
