//go:build !js

package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index/ingest"
)

func TestNameTerm(t *testing.T) {
	tests := []struct{ text, want string }{
		{"decorator", "decorator"},
		{"9.9. Generators", "generator"},
		{"Context Managers", "context manager"},
		{"sys.argv", "sys argv"},
		{"Sorting a dictionary", "sort a dictionary"},
		{"1.2.3", ""},
		{"alpha beta gamma delta omega", "alpha beta gamma delta omega"},
		{"alpha beta gamma delta omega kappa", ""}, // more than maxNameWords
		{"", ""},
	}
	for _, tt := range tests {
		if got := nameTerm(surfaceWords(tt.text)); got != tt.want {
			t.Errorf("nameTerm(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDeclTermsAreWhatDeclares(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"exception KeyError", []string{"keyerror"}},
		{"class collections.Counter([iterable-or-mapping])", []string{"collections.counter", "counter"}},
		{"os.path.join(path, *paths)", []string{"os.path.join", "path.join", "join"}},
		{"object.__init__(self, /, *args)", []string{"object.__init__", "__init__"}},
		{"enumerate(iterable, start=0)", []string{"enumerate"}},
		{"sys.argv", []string{"argv"}}, // a qualified name alone declares its last part only
		{"KeyError", nil},              // a name alone: a table cell, a heading
		{"Raises KeyError if missing", nil},
		{"class Long(" + strings.Repeat("x", maxDeclaration) + ")", nil},
	}
	for _, tt := range tests {
		got := declTerms(tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("declTerms(%q) = %q, want %q", tt.text, got, tt.want)
		}
		for _, id := range got {
			if !declares(tt.text, id) {
				t.Errorf("declTerms(%q) gives %q, which declares rejects", tt.text, id)
			}
		}
	}
}

// formsCorpus has a stem shared by two forms, generator and generate
// (generated, generating), in a plural, a possessive with a typographic
// apostrophe, a hyphen compound and an -ing form; and a stem of one form
// (ledger, ledgers).
var formsCorpus = []string{
	"The generator yields values.",
	"Generators are lazy; a generator’s state is kept.",
	"Generate a report from the ledger.",
	"A generator-based report.",
	"In general, generating is cheap.",
	"The ledger balances.",
	"Ledgers and a generator.",
	"Each generator runs once.",
}

func buildForms(t *testing.T, texts []string) *Index {
	t.Helper()
	var docs []*ingest.Document
	for i, text := range texts {
		d, err := ingest.Parse(strings.Repeat("x", i+1)+".txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	data, _, err := Build(docs, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestStemOnlyIsWhatTheTextsSay checks, for every word of a corpus as a
// query, that the passages stemOnly reads from FieldForms are those whose
// text holds the word's stem only in other forms: what ranking found by
// reading the texts before FieldForms.
func TestStemOnlyIsWhatTheTextsSay(t *testing.T) {
	for _, c := range []struct {
		name string
		ix   *Index
	}{{"forms corpus", buildForms(t, formsCorpus)}, {"seeds", openSeeds(t)}} {
		t.Run(c.name, func(t *testing.T) {
			ix := c.ix
			w := newWork(context.Background(), 1<<40)
			seen := map[string]bool{}
			withCousins := 0
			for n := range ix.snap.passages {
				for _, word := range surfaceWords(string(ix.passageBytes(uint32(n)))) {
					if seen[word] || !wordy(word) {
						continue
					}
					seen[word] = true
					terms, _ := ix.analyze(word)
					if len(terms) != 1 {
						continue
					}
					p, err := ix.postings(FieldText, terms[0], nil, true, w)
					if err != nil {
						t.Fatal(err)
					}
					var want []uint32
					for i, m := range p.ns {
						if !hasForm(ix.passageBytes(m), p.pos[i], word) {
							want = append(want, m)
						}
					}
					got, err := ix.stemOnly(terms[0], word, p.ns, w)
					if err != nil {
						t.Fatal(err)
					}
					if got != nil {
						withCousins++
					}
					if len(got) != len(want) || !slices.Equal(got, want) && len(want) > 0 {
						t.Errorf("%q (stem %q): stemOnly gives passages %v, the texts say %v", word, terms[0], got, want)
					}
				}
			}
			if c.name == "forms corpus" && withCousins == 0 {
				t.Errorf("no word has other forms of its stem: the test checks nothing")
			}
		})
	}
}

func TestFormsPlanListsTheShorterSide(t *testing.T) {
	ix := buildForms(t, formsCorpus)
	var terms []string
	d := ix.fieldDict(FieldForms)
	for {
		term, _, ok, err := d.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		terms = append(terms, term)
	}
	// Of the 7 passages holding generat, 5 say generator (listed by the
	// 2 that do not) and 2 generate or generating (listed); ledger has one
	// form: no term.
	want := []string{"generat +generat", "generat -generator"}
	if !slices.Equal(terms, want) {
		t.Errorf("forms terms %q, want %q", terms, want)
	}
}

// TestASearchReadsTheTextsOfTheHitsItShowsOnly checks that ranking reads no
// passage text: a search in pieces fetches the blocks of the passages it
// returns and no other, however many passages match.
func TestASearchReadsTheTextsOfTheHitsItShowsOnly(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	for _, q := range []string{"cloud", "revenue growth", "revenues", "Kingsoft", "margin", `"Kingsoft Cloud"`} {
		t.Run(q, func(t *testing.T) {
			src := &countingSource{p: p}
			ix := openPieces(t, p, src)
			man := ix.pieces.man
			blocks := map[string]int{}
			for k, b := range man.Blocks {
				blocks[b.File] = k
			}
			src.mu.Lock()
			opened := len(src.fetched)
			src.mu.Unlock()
			res, err := ix.Search(Request{Query: q, Size: 1, Groups: 2, PerGroup: 1})
			if err != nil {
				t.Fatal(err)
			}
			src.mu.Lock()
			fetched := slices.Clone(src.fetched[opened:])
			src.mu.Unlock()
			shown := map[int]bool{}
			hits := res.Hits
			for _, g := range res.Groups {
				hits = append(hits, g.Hits...)
			}
			for _, h := range hits {
				n, ok := ix.passageNumber(h.Passage)
				if !ok {
					t.Fatalf("hit %s: no such passage", h.Passage)
				}
				shown[man.blockOf(n)] = true
			}
			if res.Total <= 2*len(shown) {
				t.Fatalf("%d passages match, %d blocks shown: too few to tell", res.Total, len(shown))
			}
			for _, name := range fetched {
				if k, ok := blocks[name]; ok && !shown[k] {
					t.Errorf("fetched block %d (passages from %d), which holds no hit shown (blocks %v of %d matches)", k, man.Blocks[k].Passage, shown, res.Total)
				}
			}
		})
	}
}

// TestFormReaderAnalyzesAsTextAnalyzer checks that the stems and forms
// formReader memoizes token by token are those of analyzing each passage
// whole.
func TestFormReaderAnalyzesAsTextAnalyzer(t *testing.T) {
	text := analyzerNamed(TextAnalyzer)
	fr := newFormReader(text)
	if fr.tok == nil {
		t.Fatal("TextAnalyzer is not read token by token")
	}
	ix := openSeeds(t)
	texts := append([]string{"Python’s generators, RMB2,703.7 and 22 % of 6-K filings; the The"}, formsCorpus...)
	for n := range ix.snap.passages {
		texts = append(texts, string(ix.passageBytes(uint32(n))))
	}
	for _, s := range texts {
		var got, want []string
		fr.each([]byte(s), func(stem, form string) { got = append(got, stem+"/"+form) })
		for _, tok := range text.Analyze([]byte(s)) {
			want = append(want, string(tok.Term)+"/"+formOf(s[tok.Start:tok.End]))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%.60q:\n got %q\nwant %q", s, got, want)
		}
	}
}

// TestNameTermsSkipsOnlyLongPassages checks nameTerms's quick way past
// long passages against nameTerm of every word.
func TestNameTermsSkipsOnlyLongPassages(t *testing.T) {
	texts := []string{"1 2 3 4 5 6 7 8 alpha", "2.7. a-b c/d e.f g h", "Raises KeyError if the key is missing", "a b c d e f"}
	ix := openSeeds(t)
	for n := range ix.snap.passages {
		texts = append(texts, string(ix.passageBytes(uint32(n))))
	}
	for _, s := range texts {
		var want []string
		if t := nameTerm(surfaceWords(s)); t != "" {
			want = []string{t}
		}
		if got := nameTerms([]byte(s)); !slices.Equal(got, want) {
			t.Errorf("nameTerms(%.60q) = %q, want %q", s, got, want)
		}
	}
}

// passageBytes returns the text bytes of passage n, fetching its block if
// need be. It throws a pieceFailure when the block cannot be had.
func (ix *Index) passageBytes(n uint32) []byte {
	_, _, text := ix.record(int(n))
	return text
}

// fieldDict opens every dictionary row of field, as upsidedown's FieldDict
// does (its FieldDictPrefix with an empty prefix gives none, and so does
// dictPrefix).
func (ix *Index) fieldDict(field string) *dictRows {
	start, ok := ix.fieldKey('d', field, "")
	if !ok {
		return &dictRows{}
	}
	return &dictRows{it: roReader{ix.rows}.RangeIterator(start, prefixEnd(start)), cut: 3}
}
