//go:build !js

package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/upsidedown"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/claimtag/claimtag/index/ingest"
	"github.com/claimtag/claimtag/index/textid"
)

// ErrNoPassages is returned by Build when the documents hold no passage.
var ErrNoPassages = errors.New("no passages to index")

// BuildOptions tunes Build.
type BuildOptions struct {
	// Progress, when set, is called after each batch of passages is indexed.
	Progress func(done, total int)
}

// BuildStats summarizes a build.
type BuildStats struct {
	Documents, Passages, Sentences, Rows int
	Bytes                                int // snapshot size
}

// batchSize is the number of passages indexed per bleve batch.
const batchSize = 500

// Build indexes the passages of docs and returns the snapshot bytes. Each
// passage becomes one bleve document whose id is its position in the corpus,
// in base 36: short ids keep the term rows, which repeat them, small. The
// same documents always give the same bytes.
func Build(docs []*ingest.Document, opt BuildOptions) ([]byte, BuildStats, error) {
	var st BuildStats
	total := 0
	for _, d := range docs {
		total += len(d.Passages)
	}
	if total == 0 {
		return nil, st, ErrNoPassages
	}
	an := analyzers{text: textAnalyzer, kw: keywordAnalyzer, surface: surfaceAnalyzer}
	udc, err := upsidedown.NewUpsideDownCouch(buildStoreName, nil, bindex.NewAnalysisQueue(1))
	if err != nil {
		return nil, st, fmt.Errorf("build: %w", err)
	}
	if err := udc.Open(); err != nil {
		return nil, st, fmt.Errorf("build: %w", err)
	}
	defer udc.Close()

	an.forms = planForms(docs, an.text)
	n := 0
	batch := bindex.NewBatch()
	for _, d := range docs {
		for i, p := range d.Passages {
			batch.Update(passageDocument(n, d, i, p, an))
			n++
			// The first passage goes alone: it carries every field but
			// perhaps date, so the field numbers, given in the order
			// fields are first seen, do not depend on the order bleve
			// analyzes a batch in (a map's).
			if n == 1 || n%batchSize == 0 || n == total {
				if err := udc.Batch(batch); err != nil {
					return nil, st, fmt.Errorf("build: indexing passage %d: %w", n, err)
				}
				batch = bindex.NewBatch()
				if opt.Progress != nil {
					opt.Progress(n, total)
				}
			}
		}
	}
	keys, vals, err := dumpRows(udc.(*upsidedown.UpsideDownCouch))
	if err != nil {
		return nil, st, err
	}
	out, st := writeSnapshot(docs, keys, vals)
	return out, st, nil
}

// analyzers are the analyzers of the indexed fields, and the plan of the
// forms field.
type analyzers struct {
	text, kw, surface analysis.Analyzer
	forms             *formsPlan
}

// keywordAnalyzer indexes a field's value whole, as one token (bleve's
// keyword analyzer).
var keywordAnalyzer = &analysis.DefaultAnalyzer{Tokenizer: single.NewSingleTokenTokenizer()}

// passageDocument is the bleve document of passage p, the i-th of d. The
// first passage of a document also carries its title, so that title terms
// are indexed once per document.
func passageDocument(n int, d *ingest.Document, i int, p ingest.Passage, an analyzers) *document.Document {
	doc := document.NewDocument(strconv.FormatInt(int64(n), 36))
	text := []byte(d.Text[p.ByteStart:p.ByteEnd])
	toks := an.text.Analyze(text)
	doc.AddField(document.NewTextFieldCustom(FieldText, nil, text, bindex.IndexField|bindex.IncludeTermVectors, fixedTokens(toks)))
	// The ranking fields (see rankterms.go): the first passage carries them
	// even without terms, so that it numbers them (see Build).
	for _, f := range []struct {
		name  string
		terms []string
	}{
		{FieldForms, an.forms.terms(text, toks)},
		{FieldName, nameTerms(text)},
		{FieldDecl, declTerms(string(text))},
	} {
		if n == 0 || len(f.terms) > 0 {
			doc.AddField(document.NewTextFieldCustom(f.name, nil, text, bindex.IndexField, termTokens(f.terms...)))
		}
	}
	surface := text
	if i == 0 {
		doc.AddField(document.NewTextFieldCustom(FieldTitle, nil, []byte(d.Title), bindex.IndexField|bindex.IncludeTermVectors, an.text))
		surface = append([]byte(d.Title+"\n"), text...)
	}
	doc.AddField(document.NewTextFieldCustom(FieldSurface, nil, surface, bindex.IndexField, an.surface))
	doc.AddField(document.NewTextFieldCustom(FieldDoc, nil, []byte(d.ID), bindex.IndexField, an.kw))
	if d.Date != "" {
		doc.AddField(document.NewTextFieldCustom(FieldDate, nil, []byte(d.Date), bindex.IndexField, an.kw))
	}
	return doc
}

// dumpRows reads every row of the index in key order. Back index rows lose
// their values: a read-only index only counts them (documents, match-all),
// and the values would repeat every term of every passage. The surface
// field keeps only its dictionary rows (each word and its passage count):
// nothing searches its postings, which would repeat the text's.
func dumpRows(udc *upsidedown.UpsideDownCouch) (keys, vals [][]byte, err error) {
	kv, err := udc.Advanced()
	if err != nil {
		return nil, nil, err
	}
	r, err := kv.Reader()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	var surfacePostings []byte // 't' + the surface field's index
	fields := r.PrefixIterator([]byte{'f'})
	for k, v, ok := fields.Current(); ok; k, v, ok = fields.Current() {
		if len(k) == 3 && string(bytes.TrimSuffix(v, []byte{upsidedown.ByteSeparator})) == FieldSurface {
			surfacePostings = []byte{'t', k[1], k[2]}
		}
		fields.Next()
	}
	fields.Close()
	it := r.RangeIterator(nil, nil)
	defer it.Close()
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		if surfacePostings != nil && bytes.HasPrefix(k, surfacePostings) {
			it.Next()
			continue
		}
		k = append([]byte(nil), k...)
		if k[0] == 'b' {
			v = nil
		} else {
			v = append([]byte(nil), v...)
		}
		keys = append(keys, k)
		vals = append(vals, v)
		it.Next()
	}
	return keys, vals, nil
}

// Fingerprint identifies a corpus: its documents' ids, metadata and texts and
// the analyzer version. Exports carry it so a reviewer knows which corpus an
// annotation was made on.
func Fingerprint(docs []*ingest.Document) string {
	h := sha256.New()
	fmt.Fprintf(h, "claimtag %d %s\n", FormatVersion, AnalyzerVersion)
	for _, d := range docs {
		for _, s := range []string{d.ID, d.Title, d.Date, d.Source, d.Text} {
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func writeSnapshot(docs []*ingest.Document, keys, vals [][]byte) ([]byte, BuildStats) {
	var (
		infos       []DocInfo
		text, psgs  bytes.Buffer
		nPsg, nSent int
		tmp         [binary.MaxVarintLen64]byte
	)
	uv := func(vs ...int) {
		for _, v := range vs {
			psgs.Write(tmp[:binary.PutUvarint(tmp[:], uint64(v))])
		}
	}
	for _, d := range docs {
		prov := d.Provenance
		infos = append(infos, DocInfo{
			ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, Path: d.Path, Format: d.Format,
			Repairs: len(d.Repairs), Passages: len(d.Passages), First: nPsg,
			TextOff: text.Len(), TextLen: len(d.Text), Runes: utf8.RuneCountInString(d.Text),
			Provenance: &prov,
		})
		text.WriteString(d.Text)
		cp, by := 0, 0
		texts := make([]string, len(d.Passages))
		for i, p := range d.Passages {
			texts[i] = d.Text[p.ByteStart:p.ByteEnd]
		}
		dups := textid.Dups(texts)
		for i, p := range d.Passages {
			uv(kindCode(p.Kind), dups[i], p.Start-cp, p.ByteStart-by, p.End-p.Start, p.ByteEnd-p.ByteStart, len(p.Sentences))
			cp, by = p.End, p.ByteEnd
			sc := p.Start
			sentTexts := make([]string, len(p.Sentences))
			for j, s := range p.Sentences {
				sentTexts[j] = d.Slice(s.Start, s.End)
			}
			sdups := textid.Dups(sentTexts)
			for j, s := range p.Sentences {
				uv(sdups[j], s.Start-sc, s.End-s.Start)
				sc = s.End
				nSent++
			}
			nPsg++
		}
	}
	h := Header{
		Format: FormatVersion, Analyzer: AnalyzerVersion, Fingerprint: Fingerprint(docs),
		Documents: len(docs), Passages: nPsg, Sentences: nSent, Rows: len(keys),
	}
	hb, _ := json.Marshal(h)
	db, _ := json.Marshal(infos)
	var w snapshotWriter
	w.buf.WriteString(magic)
	w.u32(FormatVersion)
	w.u32(0) // file length, set below
	w.u32(len(hb))
	w.buf.Write(hb)
	w.section("DOCS", db)
	w.section("TEXT", text.Bytes())
	w.section("PSGS", psgs.Bytes())
	w.section("ROWS", encodeRows(keys, vals))
	binary.LittleEndian.PutUint32(w.buf.Bytes()[12:], uint32(w.buf.Len()+4))
	w.u32(int(checksum(w.buf.Bytes())))
	out := w.buf.Bytes()
	return out, BuildStats{Documents: len(docs), Passages: nPsg, Sentences: nSent, Rows: len(keys), Bytes: len(out)}
}
