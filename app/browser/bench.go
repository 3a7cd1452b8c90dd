package browser

// BenchAnswer is what the bench hook's window.runQuery resolves to: the
// number of matching documents and the page id of the top one ("" when
// nothing matches; JavaScript sees null).
type BenchAnswer struct {
	Count int
	First string
}

// BenchInfo is copied into window.searchInfo, which the search-engine
// harness records with its results (engine name, version, corpus size).
type BenchInfo map[string]any
