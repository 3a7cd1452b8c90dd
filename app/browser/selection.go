package browser

// Endpoint is one end of a text selection inside a passage element: the
// element's data-passage and data-start attributes, and the selection's
// offset in UTF-16 code units from the start of the element's text.
type Endpoint struct {
	Passage string
	Start   int // data-start: the passage's first code point in the document text
	U16     int
}

// Selection is a non-empty text selection whose two ends lie in passage
// elements (elements with data-passage and data-start attributes).
type Selection struct {
	From, To Endpoint
}
