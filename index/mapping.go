package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of an indexed passage. They are also the field names a user
// can type in a query: title:cloud, doc:001_bf618552857fbc22, date:2026-03.
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

// Mapping returns the index mapping every snapshot is built and searched
// with. upsidedown does not persist mappings, so this function is the single
// source of truth for both sides, and AnalyzerVersion changes with it.
func Mapping() *mapping.IndexMappingImpl {
	text := mapping.NewTextFieldMapping()
	text.Analyzer = TextAnalyzer
	text.IncludeTermVectors = true
	text.Store = false

	kw := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}

	title := mapping.NewTextFieldMapping()
	title.Analyzer = TextAnalyzer
	title.IncludeTermVectors = true
	title.Store = false
	title.IncludeInAll = false

	surface := mapping.NewTextFieldMapping()
	surface.Analyzer = SurfaceAnalyzer
	surface.IncludeTermVectors = false
	surface.Store = false
	surface.IncludeInAll = false

	passage := mapping.NewDocumentMapping()
	passage.AddFieldMappingsAt(FieldText, text)
	passage.AddFieldMappingsAt(FieldTitle, title)
	passage.AddFieldMappingsAt(FieldSurface, surface)
	passage.AddFieldMappingsAt(FieldDoc, kw())
	passage.AddFieldMappingsAt(FieldDate, kw())
	for _, f := range []string{FieldForms, FieldName, FieldDecl} {
		passage.AddFieldMappingsAt(f, kw())
	}

	m := mapping.NewIndexMapping()
	m.DefaultMapping = passage
	m.DefaultAnalyzer = TextAnalyzer
	m.DefaultField = FieldText
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}
