package index

import "sort"

// content serves the passages and the text of an index: from a whole
// snapshot in memory, or from passage blocks fetched on demand.
type content interface {
	// passage returns passage n's record, its sentences and its text.
	passage(n int) (passageRecord, []sentenceRecord, []byte, error)
	// text returns the corpus text [from, to).
	text(from, to int) ([]byte, error)
	// load gets what passages ns (any order) need, in parallel.
	load(ns []int) error
	// loadText gets what the corpus text [from, to) needs, in parallel.
	loadText(from, to int) error
}

// snapContent is the content of a whole snapshot.
type snapContent struct{ s *snapshot }

func (c snapContent) passage(n int) (passageRecord, []sentenceRecord, []byte, error) {
	r := c.s.full[n]
	d := c.s.docs[r.Doc]
	return r, c.s.sentences[r.FirstSentence : r.FirstSentence+r.Sentences], c.s.text[d.TextOff+int(r.ByteStart) : d.TextOff+int(r.ByteEnd)], nil
}

func (c snapContent) text(from, to int) ([]byte, error) { return c.s.text[from:to], nil }
func (c snapContent) load([]int) error                  { return nil }
func (c snapContent) loadText(int, int) error           { return nil }

// pieceContent is the content of an index in pieces.
type pieceContent struct {
	s  *snapshot
	ps *pieceStore
}

func (c pieceContent) passage(n int) (passageRecord, []sentenceRecord, []byte, error) {
	b, err := c.ps.block(c.ps.man.blockOf(n))
	if err != nil {
		return passageRecord{}, nil, nil, err
	}
	r := b.recs[n-b.first]
	at := c.s.docs[r.Doc].TextOff + int(r.ByteStart) - b.byteOff
	return r, b.sents[r.FirstSentence : r.FirstSentence+r.Sentences], b.text[at : at+int(r.ByteEnd-r.ByteStart)], nil
}

// textBlocks returns the blocks holding the corpus text [from, to).
func (c pieceContent) textBlocks(from, to int) []int {
	m := c.ps.man
	lo := m.blockOfByte(from)
	hi := sort.Search(len(m.Blocks), func(i int) bool { return m.Blocks[i].Byte >= to })
	ks := make([]int, 0, max(hi-lo, 1))
	for k := lo; k < max(hi, lo+1); k++ {
		ks = append(ks, k)
	}
	return ks
}

func (c pieceContent) text(from, to int) ([]byte, error) {
	if from >= to {
		return nil, nil
	}
	ks := c.textBlocks(from, to)
	if err := c.ps.fetchBlocks(ks); err != nil {
		return nil, err
	}
	var out []byte
	for _, k := range ks {
		b, err := c.ps.block(k)
		if err != nil {
			return nil, err
		}
		lo, hi := max(from, b.byteOff), min(to, b.byteOff+len(b.text))
		if lo >= hi {
			continue
		}
		part := b.text[lo-b.byteOff : hi-b.byteOff]
		if len(ks) == 1 {
			return part, nil
		}
		out = append(out, part...)
	}
	return out, nil
}

func (c pieceContent) load(ns []int) error {
	seen := map[int]bool{}
	var ks []int
	for _, n := range ns {
		k := c.ps.man.blockOf(n)
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	sort.Ints(ks)
	return c.ps.fetchBlocks(ks)
}

func (c pieceContent) loadText(from, to int) error {
	if from >= to {
		return nil
	}
	return c.ps.fetchBlocks(c.textBlocks(from, to))
}
