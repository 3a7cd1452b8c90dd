package gold

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation/internal/schematest"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/w3csuite"
)

var testTime = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

const testText = "Revenue rose 22% in Q2. Margins will widen next year. =HYPERLINK(\"x\") is not a claim."

func testSpan(t testing.TB, quote string, label annotation.Tag, srcs ...Source) Span {
	t.Helper()
	i := strings.Index(testText, quote)
	anc, err := annotation.NewAnchor("000_x", "p1", testText, i, i+len(quote))
	if err != nil {
		t.Fatal(err)
	}
	key := "k:" + quote
	return Span{ID: SpanID(key), Anchor: anc, Label: label, Note: "checked", Reviewer: "Rita", Decided: testTime, Annotations: srcs}
}

func testFile(t testing.TB) File {
	t.Helper()
	corpus := annotation.CorpusInfo{Fingerprint: "fp", Documents: []annotation.DocInfo{{ID: "000_x", Title: "Q2 notes"}}}
	return New(corpus, []Span{
		testSpan(t, "Margins will widen next year", annotation.Forecast,
			Source{Annotation: "urn:uuid:b", Annotator: "bob", Label: annotation.Forecast, Start: 24, End: 52},
			Source{Annotation: "urn:uuid:a", Annotator: "ann", Label: annotation.Forecast, Start: 24, End: 52}),
		testSpan(t, "Revenue rose 22% in Q2", annotation.Fact,
			Source{Annotation: "urn:uuid:c", Annotator: "ann", Label: annotation.Fact, Start: 0, End: 22, Note: "-5% last year"},
			Source{Annotation: "https://hypothes.is/a/x1", Annotator: "cy", Label: annotation.Opinion, Start: 0, End: 16}),
		testSpan(t, "=HYPERLINK(\"x\")", annotation.Unverified,
			Source{Annotation: "#r1", Annotator: "@lena", Label: annotation.Unverified, Start: 54, End: 69}),
	}, testTime)
}

// goldSchema compiles the embedded gold schema.
func goldSchema(t *testing.T) *jsonschema.Schema {
	return schematest.Compile(t, "https://claimtag.github.io/schema/claimtag-gold.v1.schema.json", Schema)
}

func TestGoldFileMatchesSchemaAndRoundTrips(t *testing.T) {
	f := testFile(t)
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := goldSchema(t).Validate(v); err != nil {
		t.Errorf("the gold file breaks its schema: %v", err)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	again, err := back.Marshal()
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("round trip changed the file (%v):\n%s\nwant\n%s", err, again, b)
	}
	if got := []string{f.Spans[0].Anchor.Exact, f.Spans[1].Anchor.Exact}; got[0] != "Revenue rose 22% in Q2" {
		t.Errorf("got spans in order %q, want document order", got)
	}
	if !slices.Equal(f.Annotators, []string{"@lena", "ann", "bob", "cy"}) {
		t.Errorf("got annotators %v", f.Annotators)
	}
}

func TestSchemaRejectsWhatValidateRejects(t *testing.T) {
	b, err := testFile(t).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, from, to string }{
		{name: "an unknown final label", from: `"label": "fact"`, to: `"label": "rumour"`},
		{name: "a span without reviewer", from: `"reviewer": "Rita"`, to: `"reviewer": ""`},
		{name: "another version", from: `"version": 1`, to: `"version": 2`},
	}
	sch := goldSchema(t)
	for _, tt := range tests {
		t.Run(tt.name+" is refused by both", func(t *testing.T) {
			bad := bytes.Replace(b, []byte(tt.from), []byte(tt.to), 1)
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			if sch.Validate(v) == nil {
				t.Error("the schema accepts it")
			}
			if _, err := Parse(bad); !errors.Is(err, ErrFormat) {
				t.Errorf("Parse: got %v, want ErrFormat", err)
			}
		})
	}
}

func TestSchemaFileIsEmbedded(t *testing.T) {
	b, err := os.ReadFile("schema/claimtag-gold.v1.schema.json")
	if err != nil || !bytes.Equal(b, Schema) {
		t.Errorf("the embedded schema differs from the file (%v)", err)
	}
}

func TestSpanAnnotationIsReviewed(t *testing.T) {
	s := testFile(t).Spans[0]
	a := s.Annotation()
	if a.ID != s.ID || a.Tag != annotation.Fact || a.Creator != "Rita" || a.Status != annotation.Accepted || a.Note != "checked" || a.Validate() != nil {
		t.Errorf("got %+v, want Rita's accepted fact", a)
	}
}

func TestSpanIDIsStable(t *testing.T) {
	if a, b := SpanID("0-5@d"), SpanID("0-5@d"); a != b || a == SpanID("0-6@d") || !strings.HasPrefix(a, "urn:uuid:") || a[23] != '5' {
		t.Errorf("got %s and %s", a, b)
	}
}

func TestGoldW3C(t *testing.T) {
	b, err := W3C(testFile(t), "https://claimtag.example/app/")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.FromSlash("../../../../shared/w3c-web-annotation-tests")
	if env := os.Getenv("W3C_SUITE_DIR"); env != "" {
		dir = env
	}
	if suite, err := w3csuite.Load(dir); err == nil {
		for _, problem := range suite.CheckCollection(b) {
			t.Error(problem)
		}
	} else if !errors.Is(err, w3csuite.ErrNotFound) {
		t.Fatal(err)
	}
	exp, err := annotation.ParseW3C(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Annotations) != 3 || exp.Annotations[0].Creator != "Rita" || exp.Annotations[0].Status != annotation.Accepted {
		t.Errorf("got %+v, want Rita's three accepted spans", exp.Annotations)
	}
	var coll struct {
		First struct {
			Items []struct {
				Labels []annotation.W3CLabel `json:"annotatorLabels"`
				Target struct {
					Source struct{ ID string } `json:"source"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(b, &coll); err != nil {
		t.Fatal(err)
	}
	item := coll.First.Items[0]
	if len(item.Labels) != 2 || item.Labels[1] != (annotation.W3CLabel{ID: "https://hypothes.is/a/x1", Annotator: "cy", Tag: annotation.Opinion}) {
		t.Errorf("got provenance %+v, want ann's fact and cy's opinion", item.Labels)
	}
	if got := item.Target.Source.ID; got != "https://claimtag.example/app/doc?id=000_x" {
		t.Errorf("got target source %q, want the app's reader page", got)
	}
}

func FuzzParse(f *testing.F) {
	if b, err := testFile(f).Marshal(); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"format":"claimtag/gold","version":1,"spans":[{"id":"x","anchor":{"doc":"d","exact":"\udfff","start":0,"end":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(data)
		if err != nil {
			return
		}
		b, err := g.Marshal()
		if err != nil {
			t.Fatalf("a parsed gold file does not marshal: %v", err)
		}
		if _, err := Parse(b); err != nil {
			t.Fatalf("a marshalled gold file does not parse: %v", err)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, g.Rows()); err != nil {
			t.Fatalf("csv: %v", err)
		}
	})
}
