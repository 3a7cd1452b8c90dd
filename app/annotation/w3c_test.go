package annotation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestW3CRoundTrip(t *testing.T) {
	exp := testExport(t)
	b, err := W3C(exp, "https://claimtag.example/app")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "w3c.golden.jsonld", b)
	got, err := ParseW3C(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := got.Corpus.Fingerprint, exp.Corpus.Fingerprint; got != want {
		t.Errorf("got fingerprint %q, want %q", got, want)
	}
	if !got.Exported.Equal(exp.Exported) {
		t.Errorf("got exported %v, want %v", got.Exported, exp.Exported)
	}
	for _, d := range exp.Corpus.Documents {
		if got, want := got.Corpus.Title(d.ID), d.Title; got != want {
			t.Errorf("document %s: got title %q, want %q", d.ID, got, want)
		}
	}
	if len(got.Annotations) != len(exp.Annotations) {
		t.Fatalf("got %d annotations, want %d", len(got.Annotations), len(exp.Annotations))
	}
	for i, want := range exp.Annotations {
		g := got.Annotations[i]
		if !g.SameContent(want) || g.Status != want.Status {
			t.Errorf("annotation %d: got %+v, want %+v", i, g, want)
		}
	}
}

func TestParseW3CForms(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantN   int
		wantErr error
		check   func(t *testing.T, e Export)
	}{
		{name: "a single foreign annotation with a string source and no position", wantN: 1, data: `{
			"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://h.example/a/1","type":"Annotation",
			"created":"2024-01-02T03:04:05Z","creator":"kim",
			"body":[{"type":"TextualBody","value":"Opinion","purpose":"tagging"}],
			"target":{"source":"https://x.example/doc/d%201","selector":{"type":"TextQuoteSelector","exact":"héllo"}}}`,
			check: func(t *testing.T, e Export) {
				a := e.Annotations[0]
				want := Anchor{Doc: "d 1", Exact: "héllo", Start: 0, End: 5}
				if a.Anchor != want || a.Tag != Opinion || a.Creator != "kim" {
					t.Errorf("got %+v, want tag opinion, creator kim, anchor %+v", a, want)
				}
			}},
		{name: "a page of annotations", wantN: 0, data: `{"type":"AnnotationPage","items":[]}`},
		{name: "a collection without pages", wantN: 0, data: `{"type":"AnnotationCollection","total":0}`},
		{name: "an annotation without a claimtag tag", wantErr: ErrInvalidTag, data: `{"type":"Annotation","created":"2024-01-02T03:04:05Z",
			"body":{"type":"TextualBody","value":"cats","purpose":"tagging"},"target":{"source":"s","selector":{"type":"TextQuoteSelector","exact":"a"}}}`},
		{name: "something else", wantErr: ErrW3C, data: `{"type":"Person"}`},
		{name: "not JSON", wantErr: ErrW3C, data: `[`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseW3C([]byte(tt.data))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(got.Annotations), tt.wantN; got != want {
				t.Fatalf("got %d annotations, want %d", got, want)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestW3CRejectsBadBaseURL(t *testing.T) {
	for _, base := range []string{"", "claimtag.example", "ftp://x.example/"} {
		t.Run("base "+base+" is refused", func(t *testing.T) {
			if _, err := W3C(testExport(t), base); err == nil {
				t.Error("got no error")
			}
		})
	}
}

func FuzzParseW3C(f *testing.F) {
	if b, err := os.ReadFile("testdata/w3c.golden.jsonld"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"type":["Annotation"],"body":[[],null,1],"target":[{"selector":[{"type":"TextPositionSelector","start":-5,"end":1e9}]}]}`))
	f.Add([]byte(`{"type":"AnnotationCollection","first":"https://x/p1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := ParseW3C(data)
		if err != nil {
			return
		}
		if _, err := W3C(exp, "https://claimtag.example/"); err != nil {
			t.Fatalf("a parsed W3C document does not export again: %v", err)
		}
	})
}

// w3cOne wraps bodies, a motivation and targets into one W3C annotation.
func w3cOne(motivation, body, target string) string {
	m := ""
	if motivation != "" {
		m = `"motivation":` + motivation + `,`
	}
	return `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:x:1","type":"Annotation",` + m +
		`"created":"2024-01-02T03:04:05Z","creator":{"type":"Person","name":"kim"},"body":` + body + `,"target":` + target + `}`
}

const testTarget = `{"source":"https://x.example/app/doc?id=d1","selector":[{"type":"TextQuoteSelector","exact":"héllo"}]}`

func TestW3CLabelsAndNotes(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		wantTag    Tag
		wantNote   string
		wantEvid   string
		wantErr    error
		wantErrMsg string
	}{
		{name: "a classifying body gives the label", wantTag: Fact,
			data: w3cOne(`"classifying"`, `[{"type":"TextualBody","value":"fact","purpose":"classifying"}]`, testTarget)},
		{name: "labels ignore case and space", wantTag: Forecast,
			data: w3cOne(``, `{"type":"TextualBody","value":" ForeCast ","purpose":"tagging"}`, testTarget)},
		{name: "a body without purpose under a classifying motivation gives the label", wantTag: Opinion,
			data: w3cOne(`["oa:classifying"]`, `[{"type":"TextualBody","value":"Opinion"}]`, testTarget)},
		{name: "a plain string body gives the label", wantTag: Unverified,
			data: w3cOne(`"commenting"`, `"unverified"`, testTarget)},
		{name: "other tags are ignored beside the label", wantTag: Fact,
			data: w3cOne(`"tagging"`, `[{"type":"TextualBody","value":"kingsoft","purpose":"tagging"},{"type":"TextualBody","value":"FACT","purpose":"tagging"}]`, testTarget)},
		{name: "a TextualBody without purpose is the note", wantTag: Fact, wantNote: "check the 10-K",
			data: w3cOne(`"commenting"`, `[{"type":"TextualBody","value":"fact","purpose":"classifying"},{"type":"TextualBody","value":"check the 10-K"}]`, testTarget)},
		{name: "commenting and describing bodies of another tool are the note", wantTag: Fact, wantNote: "one\n\ntwo",
			data: w3cOne(``, `[{"value":"fact","purpose":"tagging"},{"type":"TextualBody","value":"one","purpose":"commenting"},{"type":"TextualBody","value":"two","purpose":"describing"}]`, testTarget)},
		{name: "bodyValue is a note", wantTag: Fact, wantNote: "short note",
			data: strings.Replace(w3cOne(`"commenting"`, `"fact"`, testTarget), `"body":"fact"`, `"body":"fact","bodyValue":"short note"`, 1)},
		{name: "a linking body is the evidence", wantTag: Fact, wantEvid: "https://ir.example/q1",
			data: w3cOne(``, `[{"value":"fact","purpose":"tagging"},{"type":"SpecificResource","source":"https://ir.example/q1","purpose":"linking"}]`, testTarget)},
		{name: "two different labels are an error", wantErr: ErrInvalidTag, wantErrMsg: "two labels",
			data: w3cOne(``, `[{"value":"fact","purpose":"tagging"},{"value":"opinion","purpose":"classifying"}]`, testTarget)},
		{name: "a tag under a commenting motivation without purpose is a note, not a label", wantErr: ErrInvalidTag,
			data: w3cOne(`"commenting"`, `[{"type":"TextualBody","value":"fact"}]`, testTarget)},
		{name: "an invalid UTF-8 note is an error naming the field", wantErr: ErrInvalidUTF8, wantErrMsg: "/body/1/value",
			data: w3cOne(``, "[{\"value\":\"fact\",\"purpose\":\"tagging\"},{\"value\":\"bad \xff note\",\"purpose\":\"commenting\"}]", testTarget)},
		{name: "an escaped lone surrogate in the creator is an error naming the field", wantErr: ErrInvalidUTF8, wantErrMsg: "/creator/name",
			data: strings.Replace(w3cOne(``, `"fact"`, testTarget), `"name":"kim"`, `"name":"k\udc00m"`, 1)},
		{name: "an invalid UTF-8 quote is an error naming the field", wantErr: ErrInvalidUTF8, wantErrMsg: "/target/selector/0/exact",
			data: w3cOne(``, `"fact"`, "{\"source\":\"s\",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"h\xc3llo\"}]}")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := DecodeW3C([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			e, err := f.Entry(f.Items[0], nil)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(fmt.Sprint(err), tt.wantErrMsg) {
					t.Fatalf("got %v, want %v mentioning %q", err, tt.wantErr, tt.wantErrMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			a := e.Annotations[0]
			if a.Tag != tt.wantTag || a.Note != tt.wantNote || a.Evidence != tt.wantEvid {
				t.Errorf("got tag %q note %q evidence %q, want %q %q %q", a.Tag, a.Note, a.Evidence, tt.wantTag, tt.wantNote, tt.wantEvid)
			}
		})
	}
}

func TestW3CTargets(t *testing.T) {
	quote := func(src, exact string) string {
		return `{"source":` + src + `,"selector":[{"type":"TextQuoteSelector","exact":"` + exact + `","prefix":"0123456789012345678901234567890123456789"},` +
			`{"type":"TextPositionSelector","start":10,"end":14}]}`
	}
	tests := []struct {
		name    string
		target  string
		resolve DocResolver
		want    []Anchor
		wantIDs []string
		skipped int
	}{
		{name: "the app's document address gives the id on any host and base path", target: quote(`"http://127.0.0.1:8000/sub/dir/doc?id=000_x&p=p3"`, "abcd"),
			want: []Anchor{{Doc: "000_x", Exact: "abcd", Prefix: "89012345678901234567890123456789", Start: 10, End: 14}}},
		{name: "the address of earlier exports still gives the id", target: quote(`{"id":"https://c.example/doc/a%2Fb","type":"Text"}`, "abcd"),
			want: []Anchor{{Doc: "a/b", Exact: "abcd", Prefix: "89012345678901234567890123456789", Start: 10, End: 14}}},
		{name: "a position that does not fit the quote is only a hint", target: quote(`"file.txt"`, "abcdé"),
			want: []Anchor{{Doc: "file.txt", Exact: "abcdé", Prefix: "89012345678901234567890123456789", Start: 10, End: 15}}},
		{name: "the resolver names the document", target: quote(`"https://mirror.example/corpus/x.txt"`, "abcd"),
			resolve: func(s W3CSource) string { return strings.TrimSuffix(path.Base(s.IRI), ".txt") },
			want:    []Anchor{{Doc: "x", Exact: "abcd", Prefix: "89012345678901234567890123456789", Start: 10, End: 14}}},
		{name: "a target without source is found later by its quote", target: `{"selector":{"type":"TextQuoteSelector","exact":"q"}}`,
			want: []Anchor{{Doc: UnknownDoc, Exact: "q", Start: 0, End: 1}}},
		{name: "several targets give one annotation each", target: `[` + quote(`"d1"`, "abcd") + `,"https://bare.example/iri",` + quote(`"d2"`, "wxyz") + `]`,
			want: []Anchor{{Doc: "d1", Exact: "abcd", Prefix: "89012345678901234567890123456789", Start: 10, End: 14},
				{Doc: "d2", Exact: "wxyz", Prefix: "89012345678901234567890123456789", Start: 10, End: 14}},
			wantIDs: []string{"urn:x:1#target-1", "urn:x:1#target-3"}, skipped: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := DecodeW3C([]byte(w3cOne(``, `"fact"`, tt.target)))
			if err != nil {
				t.Fatal(err)
			}
			e, err := f.Entry(f.Items[0], tt.resolve)
			if err != nil {
				t.Fatal(err)
			}
			var got []Anchor
			var ids []string
			for _, a := range e.Annotations {
				got = append(got, a.Anchor)
				ids = append(ids, a.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got anchors %+v, want %+v", got, tt.want)
			}
			if tt.wantIDs != nil && !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("got ids %v, want %v", ids, tt.wantIDs)
			}
			if len(e.Skipped) != tt.skipped {
				t.Errorf("got skipped %v, want %d", e.Skipped, tt.skipped)
			}
		})
	}
}

func TestW3CRecogitoShapes(t *testing.T) {
	// Recogito's download: a JSON array; no annotation creator or created
	// time, the label body carries both; the target label is the file name.
	data := `[{"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://recogito.example/document/abc#5f2c","type":"Annotation",
		"generator":"https://recogito.example/","generated":"2026-04-01T10:00:00.000Z",
		"body":[{"type":"TextualBody","value":"Opinion","creator":"https://recogito.example/lena","modified":"2026-03-30T09:15:00Z","purpose":"tagging"},
			{"type":"TextualBody","value":"hedged","creator":"https://recogito.example/lena","modified":"2026-03-30T09:16:00Z","purpose":"commenting"}],
		"target":{"source":"https://recogito.example/part/9/annotate","type":"Text","label":"000_x.txt",
			"selector":[{"type":"TextPositionSelector","start":4,"end":8},{"type":"TextQuoteSelector","exact":"abcd"}]}}]`
	f, err := DecodeW3C([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var seen W3CSource
	e, err := f.Entry(f.Items[0], func(s W3CSource) string { seen = s; return "" })
	if err != nil {
		t.Fatal(err)
	}
	a := e.Annotations[0]
	if a.Tag != Opinion || a.Creator != "lena" || a.Note != "hedged" || !a.Created.Equal(time.Date(2026, 3, 30, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("got %+v, want lena's opinion created 2026-03-30T09:15:00Z with note hedged", a)
	}
	if want := (W3CSource{IRI: "https://recogito.example/part/9/annotate", Title: "000_x.txt"}); seen != want || e.Titles[0] != "000_x.txt" {
		t.Errorf("resolver got %+v (title %q), want %+v", seen, e.Titles[0], want)
	}
}

func TestDocIRIRoundTrip(t *testing.T) {
	for _, id := range []string{"000_e8a7284548e64c77", "sub/dir/a b", "é&x=1?#", "+plus"} {
		t.Run("id "+id+" survives its address", func(t *testing.T) {
			iri := DocIRI("https://c.example/base", id)
			got, ok := DocFromIRI(iri)
			if !ok || got != id {
				t.Errorf("DocFromIRI(%q) = %q, %v, want %q", iri, got, ok, id)
			}
			if !strings.HasPrefix(iri, "https://c.example/base/doc?id=") {
				t.Errorf("got %q, want the reader page /doc?id=", iri)
			}
		})
	}
	for _, iri := range []string{"https://c.example/docs?id=x", "https://c.example/doc/", "file.txt", "%zz"} {
		if id, ok := DocFromIRI(iri); ok {
			t.Errorf("DocFromIRI(%q) = %q, want no id", iri, id)
		}
	}
}

func TestW3CExportDefinesItsTerms(t *testing.T) {
	b, err := W3C(testExport(t), "https://claimtag.example/app/")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context []json.RawMessage `json:"@context"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Context) != 2 {
		t.Fatalf("got @context %s (%v), want the W3C context and claimtag's terms", doc.Context, err)
	}
	var terms map[string]any
	if err := json.Unmarshal(doc.Context[1], &terms); err != nil {
		t.Fatal(err)
	}
	// Every key the export writes outside the W3C vocabulary is a defined term.
	for _, key := range []string{"fingerprint", "reviewStatus", "passage"} {
		if _, ok := terms[key]; !ok || !bytes.Contains(b, []byte(`"`+key+`":`)) {
			t.Errorf("term %q: defined %v, used %v", key, ok, bytes.Contains(b, []byte(`"`+key+`":`)))
		}
	}
	if regexp.MustCompile(`"claimtag:\w+"\s*:`).Match(b) {
		t.Error("the export still writes a bare claimtag: key")
	}
}

func TestCheckUTF8(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{name: "valid text passes", data: `{"a":"é \ud83d\ude00"}`},
		{name: "malformed JSON is left to the decoder", data: `{"a":`},
		{name: "a bad byte names its field", data: "{\"a\":[1,{\"b\":\"x\xffy\"}]}", want: "field /a/1/b: invalid UTF-8"},
		{name: "a lone surrogate names its field", data: `{"a~b/c":"\ud800"}`, want: "field /a~0b~1c: invalid UTF-8"},
		{name: "a bad key is named too", data: "{\"k\xff\":1}", want: "invalid UTF-8"},
		{name: "duplicate keys are not a text error", data: `{"a":1,"a":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckUTF8([]byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidUTF8) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestInvalidUTF8FieldsListsEveryField(t *testing.T) {
	data := "{\"a\":\"\xff\",\"b\":[\"ok\",\"\\udfff\"],\"c\":{\"d\":\"\xc3\"}}"
	got := InvalidUTF8Fields([]byte(data))
	if want := []string{"/a", "/b/1", "/c/d"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseExportRefusesInvalidUTF8(t *testing.T) {
	b, err := testExport(t).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(b, []byte("Zoë"), []byte("Zo\xeb"), 1) // Latin-1 ë
	if _, err := ParseExport(bad); !errors.Is(err, ErrInvalidUTF8) || !strings.Contains(err.Error(), "/annotations/0/creator") {
		t.Errorf("got %v, want invalid UTF-8 in /annotations/0/creator", err)
	}
}
