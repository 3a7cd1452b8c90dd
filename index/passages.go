package index

import (
	"context"
	"fmt"

	"github.com/claimtag/claimtag/index/textid"
)

// Passage is one passage of a document.
type Passage struct {
	ID        string     `json:"id"`
	Doc       string     `json:"doc"`
	Kind      string     `json:"kind"`  // "p", "h" (heading), "li" or "pre"
	Start     int        `json:"start"` // code point offsets into the document's text
	End       int        `json:"end"`
	Text      string     `json:"text"`
	Sentences []Sentence `json:"sentences,omitempty"`
}

// Sentence is one sentence of a passage.
type Sentence struct {
	ID    string `json:"id"`
	Start int    `json:"start"` // code point offsets into the document's text
	End   int    `json:"end"`
}

// record returns passage n's record, sentences and text, throwing a
// pieceFailure when its piece cannot be had.
func (ix *Index) record(n int) (passageRecord, []sentenceRecord, []byte) {
	r, ss, text, err := ix.content.passage(n)
	if err != nil {
		throw(err)
	}
	return r, ss, text
}

// passage decodes passage number n. Its id and its sentences' ids are
// hashes of their text (package textid). It throws a pieceFailure when its
// piece cannot be had.
func (ix *Index) passage(n int) Passage {
	r, ss, tb := ix.record(n)
	d := ix.snap.docs[r.Doc]
	text := string(tb)
	p := Passage{
		ID: textid.Passage(d.ID, text, int(r.Dup)), Doc: d.ID, Kind: kinds[r.Kind],
		Start: int(r.Start), End: int(r.End), Text: text,
	}
	if len(ss) == 0 {
		return p
	}
	runes := []rune(text)
	for _, s := range ss {
		st := string(runes[s.Start-r.Start : s.End-r.Start])
		p.Sentences = append(p.Sentences, Sentence{ID: textid.Sentence(p.ID, st, int(s.Dup)), Start: int(s.Start), End: int(s.End)})
	}
	return p
}

// Contents returns the normalized text and the passages of the document
// with the given id, fetching the pieces that hold them (an index in
// pieces fetches them all at once). It fails for an unknown document, and
// with a *PieceError for a piece that cannot be had.
func (ix *Index) Contents(_ context.Context, docID string) (text string, passages []Passage, err error) {
	d, ok := ix.Document(docID)
	if !ok {
		return "", nil, fmt.Errorf("document %s: no such document", docID)
	}
	defer rescue(&err)
	if err := ix.content.loadText(d.TextOff, d.TextOff+d.TextLen); err != nil {
		return "", nil, fmt.Errorf("document %s: %w", docID, err)
	}
	tb, err := ix.content.text(d.TextOff, d.TextOff+d.TextLen)
	if err != nil {
		return "", nil, fmt.Errorf("document %s: %w", docID, err)
	}
	passages = make([]Passage, 0, d.Passages)
	for n := d.First; n < d.First+d.Passages; n++ {
		passages = append(passages, ix.passage(n))
	}
	return string(tb), passages, nil
}

// Passages returns the passages of a document, in order; nil for an
// unknown document, or when a piece cannot be fetched (Contents says why).
func (ix *Index) Passages(docID string) []Passage {
	_, ps, err := ix.Contents(context.Background(), docID)
	if err != nil {
		return nil
	}
	return ps
}

// Passage returns the passage with the given id. The first call computes
// every passage id, which reads every passage: an index in pieces fetches
// them all then.
func (ix *Index) Passage(id string) (_ Passage, _ bool) {
	var err error
	defer rescue(&err)
	n, ok := ix.passageNumber(id)
	if !ok {
		return Passage{}, false
	}
	return ix.passage(n), true
}

// passageNumber returns the number of the passage with the given id. It
// throws a pieceFailure when a piece cannot be had.
func (ix *Index) passageNumber(id string) (int, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.byID == nil {
		all := make([]int, len(ix.snap.passages))
		for n := range all {
			all[n] = n
		}
		if err := ix.content.load(all); err != nil {
			throw(err)
		}
		byID := make(map[string]int, len(ix.snap.passages))
		for n := range ix.snap.passages {
			r, _, text := ix.record(n)
			byID[textid.Passage(ix.snap.docs[r.Doc].ID, string(text), int(r.Dup))] = n
		}
		ix.byID = byID
	}
	n, ok := ix.byID[id]
	return n, ok
}

// docPassageSpans returns the code point spans of document di's passages,
// in order. It throws a pieceFailure when a piece cannot be had.
func (ix *Index) docPassageSpans(di int) []Span {
	d := ix.snap.docs[di]
	ns := make([]int, 0, d.Passages)
	for n := d.First; n < d.First+d.Passages; n++ {
		ns = append(ns, n)
	}
	if err := ix.content.load(ns); err != nil {
		throw(err)
	}
	out := make([]Span, 0, d.Passages)
	for _, n := range ns {
		r, _, _ := ix.record(n)
		out = append(out, Span{int(r.Start), int(r.End)})
	}
	return out
}
