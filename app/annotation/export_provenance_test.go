package annotation

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

func TestExportCarriesProvenance(t *testing.T) {
	prov := &provenance.Provenance{
		Encoding: "windows-1252", Decided: provenance.Guessed, Reason: "guessed: not valid UTF-8",
		Controls: 2, Sanitized: map[string]int{"script": 1, "on*": 2},
		Repairs: []provenance.Repair{
			{Start: 4, End: 5, From: "Ã©", To: "é"},
			{Start: 9, End: 10, From: "â", To: "–", Lossy: true, Figures: true},
		},
	}
	exp := testExport(t)
	exp.Corpus.Documents[0].Provenance = prov
	b, err := exp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := exportSchema(t).Validate(v); err != nil {
		t.Errorf("got schema violation: %v", err)
	}
	got, err := ParseExport(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Corpus.Documents[0].Provenance, prov) {
		t.Errorf("got provenance %+v, want %+v", got.Corpus.Documents[0].Provenance, prov)
	}
	if got.Corpus.Documents[1].Provenance != nil {
		t.Errorf("got provenance %+v for a document without one, want none", got.Corpus.Documents[1].Provenance)
	}
	exp.Corpus.Documents[0].Provenance = &provenance.Provenance{Encoding: "utf-8", Decided: "magic"}
	b, _ = exp.Marshal()
	v, _ = jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err := exportSchema(t).Validate(v); err == nil {
		t.Error("got an unknown decision accepted by the schema")
	}
	exp.Corpus.Documents[0].Provenance = prov
	if got := exp.Subset(Filter{Doc: "doc-1"}).Corpus.Documents[0].Provenance; got != prov {
		t.Errorf("a one document subset lost the provenance")
	}
}
