// Package overview is the overview page ("/overview"): per document, how
// many passages are tagged and a chart of the tags, the unverified claims
// to check next, and a tag-aware search, over the user's own annotations
// and the imported ones placed on the current documents.
package overview
