//go:build !js

package ingest_test

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// encodingFiles are the files of testdata/encodings: how each must be
// decoded, a word to search for and characters its hit must keep.
var encodingFiles = []struct {
	path, encoding, decided string
	query                   string
	keeps                   []string
}{
	{"utf16le-bom.txt", "utf-16le", provenance.BOM, "résumé", []string{"é"}},
	{"utf16be-bom.txt", "utf-16be", provenance.BOM, "backlog", []string{"’"}},
	{"cp1252.txt", "windows-1252", provenance.Guessed, "advisory", []string{"€12.50", "—", "“cash”", "firm’s"}},
	{"latin1.txt", "windows-1252", provenance.Guessed, "Meile", []string{"Straße", "½", "Größe"}},
	{"windows-1252.html", "windows-1252", provenance.Declared, "revenue", []string{"café’s", "€3.2", "—"}},
	{"iso-8859-1.html", "windows-1252", provenance.Declared, "Meile", []string{"Straße", "½", "öffnet"}},
	{"gbk.html", "gbk", provenance.Declared, "金山云", []string{"金山云"}},
	{"shift_jis.html", "shift_jis", provenance.Declared, "東京", []string{"東京", "晴れ"}},
	{"guess-gbk.txt", "gbk", provenance.Guessed, "季度报告", []string{"季度报告"}},
	{"guess-big5.txt", "big5", provenance.Guessed, "季度報告", []string{"季度報告"}},
	{"guess-shift_jis.txt", "shift_jis", provenance.Guessed, "天気予報", []string{"天気予報"}},
	{"guess-euc-jp.txt", "euc-jp", provenance.Guessed, "天気予報", []string{"天気予報"}},
	{"guess-euc-kr.txt", "euc-kr", provenance.Guessed, "서울", []string{"서울"}},
	{"utf16le-nobom.txt", "utf-16le", provenance.Guessed, "naïve", []string{"café’s", "résumé"}},
	{"utf8-stray.txt", "utf-8", provenance.Guessed, "stray", []string{"café (Latin-1)"}},
}

func TestEncodingsBuildAndSearch(t *testing.T) {
	rep, err := ingest.Dir("testdata/encodings", ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 0 {
		t.Errorf("got skipped %v, want none", rep.Skipped)
	}
	docs := map[string]*ingest.Document{}
	for _, d := range rep.Documents {
		docs[d.Path] = d
	}
	data, _, err := index.Build(rep.Documents, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	infos := map[string]index.DocInfo{}
	for _, d := range ix.Documents() {
		infos[d.Path] = d
	}
	for _, f := range encodingFiles {
		t.Run(f.path, func(t *testing.T) {
			d := docs[f.path]
			if d == nil {
				t.Fatalf("not ingested")
			}
			p := d.Provenance
			if p.Encoding != f.encoding || p.Decided != f.decided || p.Reason == "" {
				t.Errorf("got %s decided %s (%s), want %s decided %s", p.Encoding, p.Decided, p.Reason, f.encoding, f.decided)
			}
			if info := infos[f.path]; info.Provenance == nil || info.Provenance.Encoding != f.encoding || info.Provenance.Reason != p.Reason {
				t.Errorf("got snapshot provenance %+v, want the document's %+v", info.Provenance, p)
			}
			res, err := ix.Search(index.Request{Query: f.query, Docs: []string{d.ID}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatalf("searching %q: got no hit in %q", f.query, d.Text)
			}
			for _, k := range f.keeps {
				if !strings.Contains(res.Hits[0].Text, k) {
					t.Errorf("got hit %q, want it to keep %q", res.Hits[0].Text, k)
				}
			}
		})
	}
}

func TestEscapedMarkupSurvivesIntoSearchHits(t *testing.T) {
	doc, err := ingest.Parse("eps.html", []byte(`<p>EPS came in at &lt;US$0.50 in Q1, guidance &gt;US$0.60.</p><p>Use the &lt;div&gt; element &amp; more.</p>`))
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := index.Build([]*ingest.Document{doc}, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"guidance": "EPS came in at <US$0.50 in Q1, guidance >US$0.60.",
		"element":  "Use the <div> element & more.",
	} {
		res, err := ix.Search(index.Request{Query: q, Fragments: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Text != want {
			t.Errorf("%s: got %+v, want one hit reading %q", q, res.Hits, want)
			continue
		}
		if f := res.Hits[0].Fragment; !strings.Contains(f, "&lt;") {
			t.Errorf("%s: got fragment %q, want the < escaped in its HTML", q, f)
		}
	}
}
