package workspace

import (
	"context"
	"errors"

	"github.com/claimtag/claimtag/app/annotation/anchoring"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// ErrUnknownDocument is returned, wrapped, for a document id the corpus
// does not hold.
var ErrUnknownDocument = errors.New("no such document")

// Corpus is what the workspace needs of the loaded documents. The app
// adapts its search index to it; the index may come in pieces, fetched on
// demand, so reading a document's contents may be slow and may fail, and
// the workspace only asks for them from Open and Reanchor, never while a
// page renders.
type Corpus interface {
	// Fingerprint identifies this build of the corpus: offsets made on a
	// build with another fingerprint must be re-anchored.
	Fingerprint() string
	// Documents lists every document, in corpus order. It is cheap (no text).
	Documents() []Document
	// Contents returns document id's normalized text and its passages. It
	// returns an error wrapping ErrUnknownDocument for an id the corpus
	// does not hold, and any error of fetching or decoding the document.
	Contents(ctx context.Context, id string) (Contents, error)
}

// Document describes one document of the corpus.
type Document struct {
	ID, Title, Date, Source string
	Passages                int // number of passages
	// Provenance says how the document's text was made from its file
	// (decoding, repairs); nil when the index does not say. Exports carry it.
	Provenance *provenance.Provenance
}

// Contents is one document's text and its passages.
type Contents struct {
	// Text is the normalized text every offset refers to.
	Text string
	// Passages are the document's passages, in order; their offsets are
	// code points into Text.
	Passages []Passage
}

// Passage is a paragraph, heading, list item or preformatted block.
type Passage struct {
	ID        string
	Kind      string // "p", "h", "li" or "pre"
	Start     int    // code point offsets into the document's text
	End       int
	Text      string
	Sentences []Sentence
}

// Sentence is one sentence of a passage.
type Sentence struct {
	ID         string
	Start, End int // code point offsets into the document's text
}

// loaded is a document's contents as the workspace keeps them.
type loaded struct {
	Contents
	runes []rune
}

// passageAt returns the id of the passage holding code point at, or "".
func (l *loaded) passageAt(at int) string {
	for _, p := range l.Passages {
		if p.Start <= at && at < p.End {
			return p.ID
		}
	}
	return ""
}

// anchoringCorpus returns the loaded documents among docs, in that
// order, as package anchoring reads them.
func anchoringCorpus(docs []Document, m map[string]*loaded) *anchoring.Corpus {
	var out []anchoring.Doc
	for _, d := range docs {
		l, ok := m[d.ID]
		if !ok {
			continue
		}
		ps := make([]anchoring.Span, 0, len(l.Passages))
		for _, p := range l.Passages {
			ps = append(ps, anchoring.Span{Start: p.Start, End: p.End})
		}
		out = append(out, anchoring.Doc{ID: d.ID, Text: l.runes, Passages: ps})
	}
	return anchoring.NewCorpus(out)
}
