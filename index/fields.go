package index

// Field names of an indexed passage. They are also the field names a user
// can type in a query: title:cloud, doc:001_bf618552857fbc22, date:2026-03.
// Build's passageDocument is the one place that says how each is indexed
// (upsidedown keeps no mapping), and AnalyzerVersion changes with it.
const (
	FieldText = "text" // the passage text: TextAnalyzer, with term vectors for highlighting
	// FieldTitle is the document title, indexed once per document, on its
	// first passage (TextAnalyzer, with term vectors): ranking weighs title
	// matches, and a title: clause filters by it.
	FieldTitle = "title"
	FieldDoc   = "doc"  // the document id, whole (keyword)
	FieldDate  = "date" // the document date, "YYYY-MM-DD", "YYYY-MM" or "YYYY" (keyword)
	// FieldSurface holds the words of every passage and title as written
	// (SurfaceAnalyzer: lower-cased, neither stemmed nor stop-worded). Only
	// its dictionary is kept in a snapshot (see Build): it is the vocabulary
	// typo correction, prefix* and fuzzy~ search, with each word's passage
	// count.
	FieldSurface = "surface"
)
