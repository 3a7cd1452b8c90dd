package review

import (
	"sync"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/anchoring"
)

// Document is one document of the corpus: its normalized text and its
// passages, in order. Path and URL, when known, let Corpus.Resolve find the
// document from what other tools write as an annotation's target source.
type Document struct {
	ID       string
	Title    string
	Text     string
	Passages []Passage
	// Path is the document's file path in the corpus folder, with its
	// extension ("reports/000_x.txt"); index.DocInfo.Path.
	Path string
	// URL is the document's original address, if known.
	URL string
}

// Passage is a passage of a document: code points [Start, End) of its text.
type Passage struct {
	ID         string
	Start, End int
}

// Corpus is the set of current documents annotations are anchored to.
// Build it with NewCorpus; it is read-only afterwards and safe for
// concurrent use.
type Corpus struct {
	docs  []Document
	runes map[string][]rune
	index map[string]int

	anchorsOnce sync.Once
	anchors     *anchoring.Corpus // the same documents, to re-anchor in
}

// NewCorpus returns a corpus of docs, in that order. A later document with
// the same id replaces an earlier one.
func NewCorpus(docs ...Document) *Corpus {
	c := &Corpus{runes: make(map[string][]rune), index: make(map[string]int)}
	for _, d := range docs {
		if i, ok := c.index[d.ID]; ok {
			c.docs[i] = d
		} else {
			c.index[d.ID] = len(c.docs)
			c.docs = append(c.docs, d)
		}
		c.runes[d.ID] = []rune(d.Text)
	}
	return c
}

// Documents returns the corpus documents in order.
func (c *Corpus) Documents() []Document { return c.docs }

// Document returns the document with the given id.
func (c *Corpus) Document(id string) (Document, bool) {
	i, ok := c.index[id]
	if !ok {
		return Document{}, false
	}
	return c.docs[i], true
}

// Info returns the corpus description written in exports.
func (c *Corpus) Info(fingerprint string) annotation.CorpusInfo {
	info := annotation.CorpusInfo{Fingerprint: fingerprint, Documents: []annotation.DocInfo{}}
	for _, d := range c.docs {
		info.Documents = append(info.Documents, annotation.DocInfo{ID: d.ID, Title: d.Title})
	}
	return info
}

// passages returns the document's passages, or the whole text as one
// passage (id "") when it has none.
func (c *Corpus) passages(id string) []Passage {
	d, ok := c.Document(id)
	if !ok {
		return nil
	}
	if len(d.Passages) == 0 {
		return []Passage{{Start: 0, End: len(c.runes[id])}}
	}
	return d.Passages
}

// anchoring returns c's documents as package anchoring reads them, built
// on first use (its word index is built on the first search beyond an
// anchor's own document).
func (c *Corpus) anchoring() *anchoring.Corpus {
	c.anchorsOnce.Do(func() {
		docs := make([]anchoring.Doc, 0, len(c.docs))
		for _, d := range c.docs {
			ps := make([]anchoring.Span, 0, len(d.Passages))
			for _, p := range d.Passages {
				ps = append(ps, anchoring.Span{Start: p.Start, End: p.End})
			}
			docs = append(docs, anchoring.Doc{ID: d.ID, Text: c.runes[d.ID], Passages: ps})
		}
		c.anchors = anchoring.NewCorpus(docs)
	})
	return c.anchors
}

// passageAt returns the id of the passage holding the most of [start, end).
func (c *Corpus) passageAt(doc string, start, end int) string {
	best, bestN := "", 0
	for _, p := range c.passages(doc) {
		if n := min(end, p.End) - max(start, p.Start); n > bestN {
			best, bestN = p.ID, n
		}
	}
	return best
}
