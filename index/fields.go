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
	// FieldForms, FieldName and FieldDecl are what ranking knows of a
	// passage's words without reading its text (see rankterms.go); Build
	// computes their terms, so they have no analyzer of their own, and a
	// query cannot name them. FieldForms says which passages hold a stem
	// that several forms share in which form ("generat +generator");
	// FieldName holds, for a short passage, its words as one term
	// ("context manager"); FieldDecl holds the identifiers a passage
	// declares ("counter", "collections.counter").
	FieldForms = "forms"
	FieldName  = "name"
	FieldDecl  = "decl"
)
