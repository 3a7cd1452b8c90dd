package workspace

import (
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

// FuzzDecodeRecord feeds DecodeRecord what browser storage could hold:
// it must never panic, and what it accepts must survive Encode.
func FuzzDecodeRecord(f *testing.F) {
	a := annotation.Annotation{ID: "urn:x", Tag: annotation.Fact, Creator: "Ada",
		Anchor: annotation.Anchor{Doc: "d", Exact: "abc", Start: 1, End: 4}}
	a.Created = a.Created.AddDate(2026, 0, 0)
	r := &Record{Annotation: a, Corpus: "fp", Stamps: Stamps{Tag: Stamp{T: 5, Tab: "t"}},
		Placement: &Placement{Status: "moved", Was: &annotation.Anchor{Doc: "d", Exact: "ab", Start: 0, End: 2}, Checked: "fp"}}
	b, _ := r.Encode()
	f.Add(b)
	f.Add([]byte(`{"id":"x","label":"Fact","quote":"q","doc":"d","start":0,"end":1,"created":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"v":1,"id":"x","tag":"fact","created":"2026-01-01T00:00:00Z","anchor":{"doc":"d","exact":"q","start":0,"end":1},"placement":{"was":{"start":-4}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := DecodeRecord(raw)
		if err != nil {
			return
		}
		b, err := r.Encode()
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		back, err := DecodeRecord(b)
		if err != nil {
			t.Fatalf("decode of encoded %s: %v", b, err)
		}
		if !sameRecord(r, back) {
			t.Fatalf("got %+v after a round trip, want %+v", back, r)
		}
	})
}
