package annotation

import (
	"errors"
	"os"
	"testing"
	"time"
)

func TestMigrate(t *testing.T) {
	v0, err := os.ReadFile("testdata/record-v0.json")
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 11, 5, 9, 30, 0, 0, time.UTC)
	want0 := Annotation{
		ID: "urn:uuid:00000000-0000-4000-8000-000000000001", Tag: Fact, Note: "official figure",
		Evidence: "https://stats.example/cpi", Creator: "Ann", Created: created, Modified: created,
		Anchor: Anchor{Doc: "doc-1", Passage: "p1", Exact: "Inflation fell to 2.1%", Suffix: " in March. Rates will drop next ", Start: 0, End: 22},
	}
	cur := mustAnnotation(t, "urn:x:cur", Opinion, "bob", 74, 98)
	v1, err := EncodeRecord(cur)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		raw  string
		want Annotation
		err  error
	}{
		{name: "a v0 record gets a tag from its label and modified from created", raw: string(v0), want: want0},
		{name: "a v1 record round trips", raw: string(v1), want: cur},
		{name: "a future version is refused", raw: `{"v":2,"id":"x"}`, err: ErrVersion},
		{name: "a v0 record with an unknown label is invalid", raw: `{"id":"x","label":"Rumour","created":"2024-11-05T09:30:00Z","doc":"d","quote":"a","start":0,"end":1}`, err: ErrInvalidTag},
		{name: "a v1 record with a bad span is invalid", raw: `{"v":1,"id":"x","tag":"fact","created":"2024-11-05T09:30:00Z","anchor":{"doc":"d","exact":"ab","start":0,"end":1}}`, err: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Migrate([]byte(tt.raw))
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.SameContent(tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzMigrate(f *testing.F) {
	if b, err := os.ReadFile("testdata/record-v0.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"v":1,"id":"x","tag":"fact","created":"2024-11-05T09:30:00Z","anchor":{"doc":"d","exact":"a","start":0,"end":1}}`))
	f.Add([]byte(`{"v":-1}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := Migrate(raw)
		if err == nil {
			if err := a.Validate(); err != nil {
				t.Fatalf("Migrate returned an invalid annotation: %v", err)
			}
		}
	})
}
