package index

import "github.com/claimtag/claimtag/index/textid"

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

// docText returns document di's text bytes.
func (ix *Index) docText(di int) []byte {
	d := ix.snap.docs[di]
	return ix.snap.text[d.TextOff : d.TextOff+d.TextLen]
}

// passage decodes passage number n. Its id and its sentences' ids are
// hashes of their text (package textid).
func (ix *Index) passage(n int) Passage {
	r := ix.snap.passages[n]
	d := ix.snap.docs[r.Doc]
	text := string(ix.docText(int(r.Doc))[r.ByteStart:r.ByteEnd])
	p := Passage{
		ID: textid.Passage(d.ID, text, int(r.Dup)), Doc: d.ID, Kind: kinds[r.Kind],
		Start: int(r.Start), End: int(r.End), Text: text,
	}
	if r.Sentences == 0 {
		return p
	}
	runes := []rune(text)
	for _, s := range ix.snap.sentences[r.FirstSentence : r.FirstSentence+r.Sentences] {
		st := string(runes[s.Start-r.Start : s.End-r.Start])
		p.Sentences = append(p.Sentences, Sentence{ID: textid.Sentence(p.ID, st, int(s.Dup)), Start: int(s.Start), End: int(s.End)})
	}
	return p
}

// Passages returns the passages of a document, in order.
func (ix *Index) Passages(docID string) []Passage {
	d, ok := ix.Document(docID)
	if !ok {
		return nil
	}
	out := make([]Passage, 0, d.Passages)
	for n := d.First; n < d.First+d.Passages; n++ {
		out = append(out, ix.passage(n))
	}
	return out
}

// Passage returns the passage with the given id. The first call computes
// every passage id.
func (ix *Index) Passage(id string) (Passage, bool) {
	n, ok := ix.passageNumber(id)
	if !ok {
		return Passage{}, false
	}
	return ix.passage(n), true
}

// passageNumber returns the number of the passage with the given id.
func (ix *Index) passageNumber(id string) (int, bool) {
	ix.mu.Lock()
	if ix.byID == nil {
		ix.byID = make(map[string]int, len(ix.snap.passages))
		for n, r := range ix.snap.passages {
			d := ix.snap.docs[r.Doc]
			ix.byID[textid.Passage(d.ID, string(ix.docText(int(r.Doc))[r.ByteStart:r.ByteEnd]), int(r.Dup))] = n
		}
	}
	n, ok := ix.byID[id]
	ix.mu.Unlock()
	return n, ok
}
