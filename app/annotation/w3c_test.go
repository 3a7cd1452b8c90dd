package annotation

import (
	"errors"
	"os"
	"testing"
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
