package ingest

import (
	"fmt"
	"path"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/claimtag/claimtag/index/ingest/provenance"
	"github.com/claimtag/claimtag/index/textid"
)

// block is one passage as a format parser extracts it, before repair and
// normalization.
type block struct{ kind, text string }

// parsed is what a format parser extracts from one file.
type parsed struct {
	blocks      []block
	title, date string         // from the file's own metadata (front matter, <title>)
	sanitized   map[string]int // what the HTML sanitizer removed
	rootFound   bool           // the root selector matched an element
}

// Parse ingests one file with the default Options; see Options.Parse.
func Parse(p string, data []byte) (*Document, error) { return Options{}.Parse(p, data) }

// Parse ingests one file. p is its slash path relative to the root; its
// extension picks the format. The file's bytes are decoded (see decode.go:
// BOM, HTML declaration, UTF-8, else a stated guess), parsed, repaired and
// normalized within o's size and time limits. Errors wrap ErrOptions,
// ErrUnsupported, ErrTooLarge, ErrTimeBudget, ErrBinary or ErrEmpty.
func (o Options) Parse(p string, data []byte) (*Document, error) {
	st, err := o.check()
	if err != nil {
		return nil, err
	}
	return st.parse(p, data)
}

func (st settings) parse(p string, data []byte) (doc *Document, err error) {
	p = strings.TrimPrefix(path.Clean(strings.ReplaceAll(p, `\`, "/")), "/")
	b := newBudget(st.time)
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(overBudget); ok {
				doc, err = nil, fmt.Errorf("ingest %s: %w", p, b.skip())
				return
			}
			doc, err = nil, fmt.Errorf("ingest %s: internal error: %v", p, r)
		}
	}()
	format := formatOf(p)
	if format == "" {
		return nil, fmt.Errorf("ingest %s: %w", p, unsupported(p))
	}
	if int64(len(data)) > st.limit {
		return nil, fmt.Errorf("ingest %s: %w", p, tooLarge(int64(len(data)), st.limit))
	}
	s, prov, serr := decode(format, data)
	if serr != nil {
		return nil, fmt.Errorf("ingest %s: %w", p, serr)
	}
	var pd parsed
	switch format {
	case "html":
		pd = parseHTML(s, htmlOptions{root: st.root, budget: b})
		if len(st.root.alts) > 0 {
			prov.Root, prov.RootFound = st.root.String(), pd.rootFound
		}
	case "md":
		pd = parseMarkdown(s, b)
	default:
		pd = parseText(s)
	}
	prov.Sanitized = pd.sanitized
	doc = build(p, format, pd, prov, b)
	if len(doc.Passages) == 0 {
		return nil, fmt.Errorf("ingest %s: %w", p, &skipError{ErrEmpty, ErrEmpty.Error()})
	}
	return doc, nil
}

// build repairs and normalizes the blocks of pd into a Document.
func build(p, format string, pd parsed, prov provenance.Provenance, b *budget) *Document {
	doc := &Document{Path: p, Format: format}
	all := make([]string, len(pd.blocks))
	for i, bl := range pd.blocks {
		all[i] = bl.text
	}
	lossy := mojibakeEvidence(strings.Join(all, "\n"))
	var text strings.Builder
	var drops dropped
	cps := 0
	for _, bl := range pd.blocks {
		b.spend()
		repaired, spans := repairMojibake(bl.text, lossy)
		spans = alignToNFC(repaired, spans)
		clean, pos := normalize(repaired, &drops)
		if clean == "" {
			continue
		}
		rs := []rune(clean)
		k := 0 // the next repair to place
		for _, c := range splitLong(rs) {
			if text.Len() > 0 {
				text.WriteString("\n\n")
				cps += 2
			}
			part := string(rs[c.start:c.end])
			n := c.end - c.start
			doc.Passages = append(doc.Passages, Passage{
				Kind: bl.kind, Start: cps, End: cps + n,
				ByteStart: text.Len(), ByteEnd: text.Len() + len(part),
				Sentences: splitSentences(part, cps),
			})
			// Repairs starting before this part's end (or in the spaces
			// dropped after it) belong to it, clamped to it.
			for ; k < len(spans) && (pos[spans[k].start] < c.next || c.next == len(rs)); k++ {
				sp := spans[k]
				a, z := min(max(pos[sp.start], c.start), c.end), min(pos[sp.end], c.end)
				z = max(z, a)
				doc.Repairs = append(doc.Repairs, Repair{Start: cps + a - c.start, End: cps + z - c.start, From: sp.from,
					To: string(rs[a:z]), Lossy: sp.lossy, Figures: touchesFigures(rs, a, z, sp.from)})
			}
			text.WriteString(part)
			cps += n
		}
	}
	doc.Text = text.String()
	prov.Controls, prov.Invisible = drops.controls, drops.invisible
	prov.Repairs = doc.Repairs
	doc.Provenance = prov
	doc.Title = cleanLine(pd.title)
	if doc.Title == "" {
		doc.Title = deriveTitle(doc)
	}
	doc.Date = parseDate(pd.date)
	if doc.Date == "" {
		doc.Date = deriveDate(doc)
	}
	setIDs(doc, strings.TrimSuffix(p, path.Ext(p)))
	return doc
}

// maxPassage is the longest passage, in code points. A longer block (a
// page of text without paragraphs) is split at sentence ends, or at spaces
// when a sentence is longer: a passage is what a search hit shows and what
// an annotation anchors in, and indexing cost grows with its square.
const maxPassage = 10000

// part is one passage of a block: code points [start, end) of its text;
// next is where the following part starts (after the dropped spaces).
type part struct{ start, end, next int }

// splitLong splits a normalized block into parts of at most maxPassage
// code points, whole sentences where it can.
func splitLong(rs []rune) []part {
	if len(rs) <= maxPassage {
		return []part{{0, len(rs), len(rs)}}
	}
	var out []part
	cut := func(start, end int) int {
		out = append(out, part{start, end, 0})
		next := end
		for next < len(rs) && rs[next] == ' ' {
			next++
		}
		out[len(out)-1].next = next
		return next
	}
	start, end := 0, 0
	for _, s := range splitSentences(string(rs), 0) {
		if s.End-start > maxPassage && end > start {
			start = cut(start, end)
		}
		for s.End-start > maxPassage {
			// One sentence longer than a passage: cut at the last space,
			// else between two characters that do not combine.
			at := start + maxPassage
			for i := at; i > start+maxPassage/2; i-- {
				if rs[i] == ' ' {
					at = i
					break
				}
			}
			for at > start+1 && !norm.NFC.PropertiesString(string(rs[at])).BoundaryBefore() {
				at--
			}
			start = cut(start, at)
		}
		end = s.End
	}
	cut(start, len(rs))
	return out
}

// alignToNFC widens each repair of repaired to whole NFC segments: a
// repaired combining mark composes with the character before it ("e" and a
// repaired U+0301 become "é"), so that character belongs to the repair, in
// From too, or the span would cut a character in two.
func alignToNFC(repaired string, spans []span) []span {
	if len(spans) == 0 {
		return spans
	}
	rr := []rune(repaired)
	joins := func(r rune) bool { return !norm.NFC.PropertiesString(string(r)).BoundaryBefore() }
	for i := range spans {
		sp := &spans[i]
		lo, hi := 0, len(rr)
		if i > 0 {
			lo = spans[i-1].end
		}
		if i+1 < len(spans) {
			hi = spans[i+1].start
		}
		for sp.start > lo && sp.start < len(rr) && joins(rr[sp.start]) {
			sp.start--
			sp.from = string(rr[sp.start]) + sp.from
		}
		for sp.end < hi && joins(rr[sp.end]) {
			sp.from += string(rr[sp.end])
			sp.end++
		}
	}
	return spans
}

// cleanLine repairs and normalizes a short piece of text such as a title.
func cleanLine(s string) string {
	r, _ := repairMojibake(s, mojibakeEvidence(s))
	t, _ := normalize(r, nil)
	return t
}

// setIDs sets the document ID and recomputes passage and sentence IDs.
func setIDs(doc *Document, id string) {
	doc.ID = id
	texts := make([]string, len(doc.Passages))
	for i := range doc.Passages {
		texts[i] = doc.Passages[i].Text(doc)
	}
	for i, pid := range PassageIDs(id, texts) {
		p := &doc.Passages[i]
		p.ID = pid
		rs := []rune(texts[i])
		st := make([]string, len(p.Sentences))
		for j, s := range p.Sentences {
			st[j] = string(rs[s.Start-p.Start : s.End-p.Start])
		}
		for j, sid := range SentenceIDs(pid, st) {
			p.Sentences[j].ID = sid
		}
	}
}

// PassageIDs returns the ids of a document's passages (see package textid).
func PassageIDs(docID string, texts []string) []string { return textid.Passages(docID, texts) }

// SentenceIDs returns the ids of a passage's sentences (see package textid).
func SentenceIDs(passageID string, texts []string) []string {
	return textid.Sentences(passageID, texts)
}
