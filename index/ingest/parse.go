package ingest

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/claimtag/claimtag/index/textid"
)

// block is one passage as a format parser extracts it, before repair and
// normalization.
type block struct{ kind, text string }

// parsed is what a format parser extracts from one file.
type parsed struct {
	blocks      []block
	title, date string // from the file's own metadata (front matter, <title>)
}

// Parse ingests one file. p is its slash path relative to the root; its
// extension picks the format. Errors wrap ErrUnsupported, ErrTooLarge,
// ErrBinary, ErrNotUTF8 or ErrEmpty.
func Parse(p string, data []byte) (doc *Document, err error) {
	p = strings.TrimPrefix(path.Clean(strings.ReplaceAll(p, `\`, "/")), "/")
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("ingest %s: internal error: %v", p, r)
		}
	}()
	format := formatOf(p)
	if format == "" {
		return nil, fmt.Errorf("ingest %s: %w", p, unsupported(p))
	}
	if len(data) > DefaultMaxFileSize {
		return nil, fmt.Errorf("ingest %s: %w", p, &skipError{ErrTooLarge,
			fmt.Sprintf("too large: %d bytes (limit %d)", len(data), DefaultMaxFileSize)})
	}
	s, serr := decode(data)
	if serr != nil {
		return nil, fmt.Errorf("ingest %s: %w", p, serr)
	}
	var pd parsed
	switch format {
	case "html":
		pd = parseHTML(s)
	case "md":
		pd = parseMarkdown(s)
	default:
		pd = parseText(s)
	}
	doc = build(p, format, pd)
	if len(doc.Passages) == 0 {
		return nil, fmt.Errorf("ingest %s: %w", p, &skipError{ErrEmpty, ErrEmpty.Error()})
	}
	return doc, nil
}

// decode checks that data is UTF-8 text and returns it without BOM, with
// LF line ends.
func decode(data []byte) (string, *skipError) {
	if isBinary(data) {
		return "", &skipError{ErrBinary, ErrBinary.Error()}
	}
	skip := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		skip = 3
	}
	body := data[skip:]
	if !utf8.Valid(body) {
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n <= 1 {
				return "", &skipError{ErrNotUTF8, fmt.Sprintf("not valid UTF-8 (first bad byte 0x%02X at offset %d)", body[i], i+skip)}
			}
			i += n
		}
	}
	s := strings.ReplaceAll(string(body), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// isBinary reports whether data contains NUL bytes or more than 10% control
// characters in its first 8 KiB.
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	head := data[:min(len(data), 8<<10)]
	ctl := 0
	for _, b := range head {
		if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v') || b == 0x7F {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

// build repairs and normalizes the blocks of pd into a Document.
func build(p, format string, pd parsed) *Document {
	doc := &Document{Path: p, Format: format}
	all := make([]string, len(pd.blocks))
	for i, b := range pd.blocks {
		all[i] = b.text
	}
	lossy := mojibakeEvidence(strings.Join(all, "\n"))
	var text strings.Builder
	cps := 0
	for _, b := range pd.blocks {
		repaired, spans := repairMojibake(b.text, lossy)
		clean, pos := normalize(repaired)
		if clean == "" {
			continue
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
			cps += 2
		}
		n := utf8.RuneCountInString(clean)
		doc.Passages = append(doc.Passages, Passage{
			Kind: b.kind, Start: cps, End: cps + n,
			ByteStart: text.Len(), ByteEnd: text.Len() + len(clean),
			Sentences: splitSentences(clean, cps),
		})
		rs := []rune(clean)
		for _, sp := range spans {
			a, z := pos[sp.start], pos[sp.end]
			doc.Repairs = append(doc.Repairs, Repair{Offset: cps + a, From: sp.from, To: string(rs[a:z]), Lossy: sp.lossy})
		}
		text.WriteString(clean)
		cps += n
	}
	doc.Text = text.String()
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

// cleanLine repairs and normalizes a short piece of text such as a title.
func cleanLine(s string) string {
	r, _ := repairMojibake(s, mojibakeEvidence(s))
	t, _ := normalize(r)
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
