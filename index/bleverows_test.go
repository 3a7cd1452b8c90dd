//go:build !js

package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/claimtag/claimtag/index/ingest"
)

// bleverows.go reads upsidedown's rows by hand; these tests open the same
// rows with upsidedown itself and check that both readers give the same
// postings, counts and dictionary, for every term of real and generated
// indexes, whole and in pieces.

func init() {
	if err := registry.RegisterKVStore(snapshotStoreName, newROStore); err != nil {
		panic(err)
	}
}

// bleveReader opens ix's rows with upsidedown.
func bleveReader(tb testing.TB, ix *Index) bindex.IndexReader {
	tb.Helper()
	udc, err := upsidedown.NewUpsideDownCouch(snapshotStoreName, map[string]interface{}{"rows": ix.rows}, bindex.NewAnalysisQueue(1))
	if err != nil {
		tb.Fatal(err)
	}
	if err := udc.Open(); err != nil {
		tb.Fatal(err)
	}
	r, err := udc.Reader()
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

var (
	genOnce sync.Once
	genSnap []byte
	genErr  error
)

// generatedSnapshot builds a corpus of random passages over a varied
// vocabulary (compounds, numbers, accents, possessives, repeated words), in
// more than 36² passages so that passage ids have one to three digits, a
// few of them long.
func generatedSnapshot(tb testing.TB) []byte {
	tb.Helper()
	genOnce.Do(func() {
		r := rand.New(rand.NewSource(7))
		words := strings.Fields("cloud Cloud’s revenue margin 6-K RMB2,703.7 22% 37.2 Q1/Q2 café naïve " +
			"straße ÉCOLE über-fast year-on-year 1,000 0.5% the and of data-center AI GPU s3 x86-64 " +
			"résumé Ω σίσυφος ĲSSEL 北京 growth growing grown servers server's capex forecast")
		for i := 0; i < 300; i++ {
			words = append(words, fmt.Sprintf("w%x", r.Intn(5000)))
		}
		var docs []*ingest.Document
		for d := 0; d < 12; d++ {
			var b strings.Builder
			fmt.Fprintf(&b, "# Document %d %s\n\n", d, words[r.Intn(len(words))])
			for p := 0; p < 130; p++ {
				n := 1 + r.Intn(12)
				if p%25 == 0 {
					n = 260 + r.Intn(100) // positions and offsets of several bytes
				}
				for w := 0; w < n; w++ {
					b.WriteString(words[r.Intn(len(words))])
					b.WriteByte(' ')
				}
				b.WriteString("\n\n")
			}
			doc, err := ingest.Parse(fmt.Sprintf("gen%02d.md", d), []byte(b.String()))
			if err != nil {
				genErr = err
				return
			}
			if d%3 == 0 {
				doc.Date = fmt.Sprintf("2026-0%d", 1+d/3)
			}
			docs = append(docs, doc)
		}
		genSnap, _, genErr = Build(docs, BuildOptions{})
	})
	if genErr != nil {
		tb.Fatal(genErr)
	}
	return genSnap
}

// rowIndexes are the indexes the differential tests read: the golden seeds
// snapshot and the generated corpus, each whole and in tiny pieces.
func rowIndexes(t *testing.T) map[string]*Index {
	t.Helper()
	out := map[string]*Index{}
	for name, snap := range map[string][]byte{"seeds": seedSnapshot(t), "generated": generatedSnapshot(t)} {
		ix, err := Open(snap)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = ix
		p, err := Split(snap, tinyPieces)
		if err != nil {
			t.Fatal(err)
		}
		out[name+" in pieces"] = openPieces(t, p, nil)
	}
	return out
}

// fieldTerm is one term of one field.
type fieldTerm struct{ field, term string }

// allTerms lists every term with a dictionary row or term rows.
func allTerms(t *testing.T, ix *Index) []fieldTerm {
	t.Helper()
	names := map[uint16]string{}
	for name, n := range ix.fields {
		names[n] = name
	}
	seen := map[fieldTerm]bool{}
	var out []fieldTerm
	for _, kind := range []byte{'d', 't'} {
		it := roReader{ix.rows}.PrefixIterator([]byte{kind})
		for k, _, ok := it.Current(); ok; k, _, ok = it.Current() {
			term := string(k[3:])
			if kind == 't' {
				term = term[:strings.IndexByte(term, rowSep)]
			}
			ft := fieldTerm{names[binary.LittleEndian.Uint16(k[1:])], term}
			if ft.field == "" {
				t.Fatalf("row %q names no field", k)
			}
			if !seen[ft] {
				seen[ft] = true
				out = append(out, ft)
			}
			it.Next()
		}
	}
	return out
}

// bleveDoc is a posting as upsidedown's reader gives it, in this package's
// terms.
func bleveDoc(d *bindex.TermFieldDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s freq %d norm %v", d.ID, d.Freq, float32(d.Norm))
	for _, v := range d.Vectors {
		fmt.Fprintf(&b, " %d:%d-%d", uint32(v.Pos), uint32(v.Start), uint32(v.End))
	}
	return b.String()
}

func ownDoc(p *posting) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s freq %d norm %v", p.id, p.freq, p.norm)
	for _, v := range p.vec {
		fmt.Fprintf(&b, " %d:%d-%d", v.pos, v.start, v.end)
	}
	return b.String()
}

func TestRowReadersGiveWhatUpsidedownGives(t *testing.T) {
	for name, ix := range rowIndexes(t) {
		t.Run(name, func(t *testing.T) {
			br := bleveReader(t, ix)
			terms := allTerms(t, ix)
			if len(terms) < 100 {
				t.Fatalf("only %d terms", len(terms))
			}
			// and some that are not in the index
			terms = append(terms, fieldTerm{FieldText, "zzzqqx"}, fieldTerm{"nofield", "cloud"}, fieldTerm{FieldText, ""})
			postings := 0
			for _, ft := range terms {
				for _, vectors := range []bool{false, true} {
					postings += compareTerm(t, br, ix, ft, vectors)
				}
			}
			if postings < 1000 {
				t.Errorf("compared only %d postings", postings)
			}
		})
	}
}

// compareTerm compares the postings of one term, read in order and by
// seeking, and returns how many it compared.
func compareTerm(t *testing.T, br bindex.IndexReader, ix *Index, ft fieldTerm, vectors bool) int {
	t.Helper()
	tfr, err := br.TermFieldReader(context.Background(), []byte(ft.term), ft.field, true, true, vectors)
	if err != nil {
		t.Fatal(err)
	}
	defer tfr.Close()
	own, err := ix.termRows(ft.field, ft.term, vectors)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := ix.termCount(ft.field, ft.term); err != nil || c != tfr.Count() || own.count != c {
		t.Fatalf("%v: got count %d (%d, %v), upsidedown says %d", ft, c, own.count, err, tfr.Count())
	}
	var want, got, ids []string
	for {
		d, err := tfr.Next(nil)
		if err != nil {
			t.Fatal(err)
		}
		if d == nil {
			break
		}
		want = append(want, bleveDoc(d))
		ids = append(ids, string(d.ID))
	}
	var p posting
	for {
		ok, err := own.next(&p)
		if err != nil {
			t.Fatalf("%v: %v", ft, err)
		}
		if !ok {
			break
		}
		got = append(got, ownDoc(&p))
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Fatalf("%v (vectors %v): got postings\n%s\nupsidedown gives\n%s", ft, vectors, g, w)
	}
	if !vectors {
		return len(want)
	}
	// Seeking: to ids and to ids between and around them, in order; to
	// every id of short lists, to about 30 of long ones.
	var seeks []string
	for i := 0; i < len(ids); i += max(1, len(ids)/30) {
		id := ids[i]
		seeks = append(seeks, id[:len(id)-1], id, id+"0")
	}
	seeks = append(seeks, "zzzzzzz")
	sort.Strings(seeks)
	tfr2, _ := br.TermFieldReader(context.Background(), []byte(ft.term), ft.field, true, true, vectors)
	defer tfr2.Close()
	own2, _ := ix.termRows(ft.field, ft.term, vectors)
	for _, id := range seeks {
		d, err := tfr2.Advance(bindex.IndexInternalID(id), nil)
		if err != nil {
			t.Fatal(err)
		}
		ok, err := own2.advance([]byte(id), &p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case (d != nil) != ok:
			t.Fatalf("%v: seeking %q: found %v, upsidedown %v", ft, id, ok, d != nil)
		case ok && ownDoc(&p) != bleveDoc(d):
			t.Fatalf("%v: seeking %q: got %s, upsidedown %s", ft, id, ownDoc(&p), bleveDoc(d))
		}
	}
	return len(want)
}

func TestDictionaryReaderGivesWhatUpsidedownGives(t *testing.T) {
	for name, ix := range rowIndexes(t) {
		t.Run(name, func(t *testing.T) {
			br := bleveReader(t, ix)
			prefixes := map[fieldTerm]bool{}
			for _, ft := range allTerms(t, ix) {
				r, n := utf8.DecodeRuneInString(ft.term)
				prefixes[fieldTerm{ft.field, string(r)}] = true
				if n < len(ft.term) {
					r2, _ := utf8.DecodeRuneInString(ft.term[n:])
					prefixes[fieldTerm{ft.field, string(r) + string(r2)}] = true
				}
				prefixes[fieldTerm{ft.field, ft.term}] = true
			}
			for _, odd := range []string{"", "\xff", "a\xff", "\xff\xff", "zzzz"} {
				prefixes[fieldTerm{FieldSurface, odd}] = true
			}
			prefixes[fieldTerm{"nofield", "c"}] = true
			entries := 0
			for ft := range prefixes {
				fd, err := br.FieldDictPrefix(ft.field, []byte(ft.term))
				if err != nil {
					t.Fatal(err)
				}
				var want, got []string
				for {
					e, err := fd.Next()
					if err != nil {
						t.Fatal(err)
					}
					if e == nil {
						break
					}
					want = append(want, fmt.Sprintf("%q %d", e.Term, e.Count))
				}
				fd.Close()
				d := ix.dictPrefix(ft.field, ft.term)
				for {
					term, count, ok, err := d.next()
					if err != nil {
						t.Fatal(err)
					}
					if !ok {
						break
					}
					got = append(got, fmt.Sprintf("%q %d", term, count))
				}
				if g, w := strings.Join(got, ", "), strings.Join(want, ", "); g != w {
					t.Fatalf("%v: got %s, upsidedown gives %s", ft, g, w)
				}
				entries += len(want)
			}
			if entries < 1000 {
				t.Errorf("compared only %d dictionary entries", entries)
			}
		})
	}
}

func TestRowConstantsAreUpsidedowns(t *testing.T) {
	if udVersion != upsidedown.Version || rowSep != upsidedown.ByteSeparator || string(versionKey) != string(upsidedown.VersionKey) {
		t.Errorf("got version %d, separator %x, version key %q; upsidedown has %d, %x, %q",
			udVersion, rowSep, versionKey, upsidedown.Version, upsidedown.ByteSeparator, upsidedown.VersionKey)
	}
}

func TestOpenChecksTheVersionAndFieldRows(t *testing.T) {
	good := seedSnapshot(t)
	s, err := parseSnapshot(good)
	if err != nil {
		t.Fatal(err)
	}
	keys, vals := allRows(s.rows)
	reopen := func(edit func(keys, vals [][]byte) ([][]byte, [][]byte)) error {
		k, v := edit(cloneRows(keys), cloneRows(vals))
		s2 := *s
		s2.rows, err = newRowTable(encodeRows(k, v))
		if err != nil {
			t.Fatal(err)
		}
		_, err := newIndex(&s2, snapContent{&s2}, tableRows(s2.rows), nil)
		return err
	}
	at := func(keys [][]byte, key string) int {
		for i, k := range keys {
			if string(k) == key {
				return i
			}
		}
		t.Fatalf("no row %q", key)
		return -1
	}
	tests := []struct {
		name string
		edit func(keys, vals [][]byte) ([][]byte, [][]byte)
	}{
		{"another version of the row formats is refused", func(k, v [][]byte) ([][]byte, [][]byte) {
			v[at(k, "v")] = []byte{udVersion + 1}
			return k, v
		}},
		{"an index without a version row is refused", func(k, v [][]byte) ([][]byte, [][]byte) {
			i := at(k, "v")
			return append(k[:i], k[i+1:]...), append(v[:i], v[i+1:]...)
		}},
		{"a field row without its separator is refused", func(k, v [][]byte) ([][]byte, [][]byte) {
			for i := range k {
				if k[i][0] == 'f' {
					v[i] = v[i][:len(v[i])-1]
					break
				}
			}
			return k, v
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := reopen(tt.edit); !errors.Is(err, ErrCorrupt) {
				t.Errorf("got %v, want ErrCorrupt", err)
			}
		})
	}
	if err := reopen(func(k, v [][]byte) ([][]byte, [][]byte) { return k, v }); err != nil {
		t.Errorf("the rows unchanged: got %v, want no error", err)
	}
}

func allRows(t *rowTable) (keys, vals [][]byte) {
	c := cursor{t: t}
	c.seekBlock(0)
	for c.advance(); c.ok; c.advance() {
		keys = append(keys, c.key)
		vals = append(vals, c.value)
	}
	return keys, vals
}

func cloneRows(rows [][]byte) [][]byte {
	out := make([][]byte, len(rows))
	for i, r := range rows {
		out[i] = append([]byte(nil), r...)
	}
	return out
}

// FuzzRowDecoders feeds damaged rows to the decoders: they never panic,
// their errors wrap ErrCorrupt, and what they accept upsidedown reads
// alike.
func FuzzRowDecoders(f *testing.F) {
	s, err := parseSnapshot(seedSnapshot(f))
	if err != nil {
		f.Fatal(err)
	}
	keys, vals := allRows(s.rows)
	for i := 0; i < len(keys); i += len(keys) / 40 {
		f.Add(keys[i], vals[i])
	}
	f.Add([]byte("t\x00\x00cloud\xff1"), []byte{1, 0x80})
	f.Add([]byte("t\x00\x00cloud\xff1"), []byte{1, 2, 0, 1, 2, 3, 9})
	f.Add([]byte("d\x01\x00a"), []byte{0x80, 0x80})
	f.Add([]byte("f\x00"), []byte("text"))
	f.Add([]byte("v"), []byte{})
	f.Fuzz(func(t *testing.T, key, value []byte) {
		if len(key) == 0 {
			return
		}
		check := func(err error) {
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%q %q: error %v does not wrap ErrCorrupt", key, value, err)
			}
		}
		switch key[0] {
		case 'v':
			check(decodeVersionRow(value))
		case 'f':
			n, name, err := decodeFieldRow(key, value)
			check(err)
			if err == nil {
				want, werr := upsidedown.NewFieldRowKV(key, value)
				if werr != nil || !strings.Contains(want.String(), fmt.Sprintf("Field: %d Name: %s", n, name)) {
					t.Fatalf("%q %q: got field %d %q, upsidedown %v, %v", key, value, n, name, want, werr)
				}
			}
		case 'd':
			n, err := decodeDictRow(value)
			check(err)
			if len(key) >= 3 {
				want, werr := upsidedown.NewDictionaryRowKV(key, value)
				if (err == nil) != (werr == nil) || err == nil && !strings.HasSuffix(want.String(), fmt.Sprintf("Count: %d ", n)) {
					t.Fatalf("%q %q: got %d, %v; upsidedown %v, %v", key, value, n, err, want, werr)
				}
			}
		case 't':
			for _, vectors := range []bool{false, true} {
				var p posting
				err := decodeTermRow(value, vectors, &p)
				check(err)
				if !vectors || !validTermKey(key) || err != nil && strings.Contains(err.Error(), "array position count") {
					// upsidedown allocates a huge array position count
					// before it finds the row too short for it
					continue
				}
				want, werr := bleveTermRow(key, value)
				if (err == nil) != (werr == nil) {
					t.Fatalf("%q %q: got error %v, upsidedown %v", key, value, err, werr)
				}
				if err == nil {
					p.id = key[3+strings.IndexByte(string(key[3:]), rowSep)+1:]
					if got := ownDoc(&p); got != want {
						t.Fatalf("%q %q: got %s, upsidedown %s", key, value, got, want)
					}
				}
			}
		}
	})
}

// validTermKey reports whether upsidedown can parse key as a term row's.
func validTermKey(key []byte) bool {
	if len(key) < 3 {
		return false
	}
	i := strings.IndexByte(string(key[3:]), rowSep)
	return i >= 0 && 3+i+1 < len(key)
}

// bleveTermRow decodes a term row with upsidedown and prints it as ownDoc
// does. upsidedown's fields are not exported, so what it decoded is
// re-encoded (Value) and read back by decodeTermRow, which any difference
// in freq, norm or vectors survives.
func bleveTermRow(key, value []byte) (string, error) {
	tfr, err := upsidedown.NewTermFrequencyRowKV(key, value)
	if err != nil {
		return "", err
	}
	var p posting
	if err := decodeTermRow(tfr.Value(), true, &p); err != nil {
		return "", fmt.Errorf("re-encoded row does not decode: %v", err)
	}
	i := strings.IndexByte(string(key[3:]), rowSep)
	p.id = key[3+i+1:]
	return ownDoc(&p), nil
}
