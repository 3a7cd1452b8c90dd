package annotation

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation/internal/schematest"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got\n%s\nwant (%s)\n%s", got, path, want)
	}
}

// exportSchema compiles the embedded export schema.
func exportSchema(t *testing.T) *jsonschema.Schema {
	return schematest.Compile(t, "https://claimtag.github.io/schema/claimtag-annotations.v1.schema.json", Schema)
}

func TestSchemaFileMatchesEmbedded(t *testing.T) {
	b, err := os.ReadFile("schema/claimtag-annotations.v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, Schema) {
		t.Error("got an embedded schema differing from the file")
	}
}

func TestExportMarshal(t *testing.T) {
	exp := testExport(t)
	b, err := exp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "export.golden.json", b)
	got, err := ParseExport(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Annotations) != len(exp.Annotations) {
		t.Fatalf("got %d annotations, want %d", len(got.Annotations), len(exp.Annotations))
	}
	for i := range got.Annotations {
		if !got.Annotations[i].SameContent(exp.Annotations[i]) || got.Annotations[i].Status != exp.Annotations[i].Status {
			t.Errorf("annotation %d: got %+v, want %+v", i, got.Annotations[i], exp.Annotations[i])
		}
	}
}

func TestExportsMatchSchema(t *testing.T) {
	sch := exportSchema(t)
	exp := testExport(t)
	tests := []struct {
		name string
		exp  Export
	}{
		{name: "a full export is valid", exp: exp},
		{name: "an empty export is valid", exp: NewExport(CorpusInfo{}, nil, testTime)},
		{name: "a one document subset is valid", exp: exp.Subset(Filter{Doc: "doc-1"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.exp.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("got schema violation: %v", err)
			}
		})
	}
	bad := `{"format":"claimtag/annotations","version":1,"exported":"2025-03-01T12:00:00Z","corpus":{"fingerprint":"","documents":[]},"annotations":[{"id":"x","tag":"rumour","created":"2025-03-01T12:00:00Z","anchor":{"doc":"d","exact":"a","start":0,"end":1}}]}`
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err := sch.Validate(v); err == nil {
		t.Error("got an unknown tag accepted by the schema")
	}
}

func TestExportSubset(t *testing.T) {
	exp := testExport(t)
	tests := []struct {
		name     string
		filter   Filter
		wantIDs  []string
		wantDocs int
	}{
		{name: "one document keeps its annotations and its title only", filter: Filter{Doc: "doc-1"},
			wantIDs: []string{"urn:uuid:00000000-0000-4000-8000-00000000000a", "urn:uuid:00000000-0000-4000-8000-00000000000b"}, wantDocs: 1},
		{name: "one document and one tag", filter: Filter{Doc: "doc-1", Tag: Forecast},
			wantIDs: []string{"urn:uuid:00000000-0000-4000-8000-00000000000b"}, wantDocs: 1},
		{name: "one tag keeps every document", filter: Filter{Tag: Opinion},
			wantIDs: []string{"urn:uuid:00000000-0000-4000-8000-00000000000c"}, wantDocs: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exp.Subset(tt.filter)
			if ids := ids(got.Annotations); !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("got %v, want %v", ids, tt.wantIDs)
			}
			if got, want := len(got.Corpus.Documents), tt.wantDocs; got != want {
				t.Errorf("got %d documents, want %d", got, want)
			}
		})
	}
}

func TestParseExportErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{name: "not JSON", data: "nope", want: ErrFormat},
		{name: "another format", data: `{"format":"other","version":1}`, want: ErrFormat},
		{name: "a future version", data: `{"format":"claimtag/annotations","version":2}`, want: ErrFormat},
		{name: "an invalid annotation", data: `{"format":"claimtag/annotations","version":1,"annotations":[{"id":"x","tag":"fact"}]}`, want: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseExport([]byte(tt.data)); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzParseExport(f *testing.F) {
	if b, err := os.ReadFile("testdata/export.golden.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"format":"claimtag/annotations","version":1,"annotations":[null,{},[]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := ParseExport(data)
		if err != nil {
			return
		}
		if _, err := exp.Marshal(); err != nil {
			t.Fatalf("a parsed export does not marshal: %v", err)
		}
	})
}
