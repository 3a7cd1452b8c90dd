package review

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

func TestImport(t *testing.T) {
	a := ann(t, "urn:x:a", "ann", annotation.Fact, "report", newReport, "Rates will drop")
	b := ann(t, "urn:x:b", "ann", annotation.Opinion, "report", newReport, "finest policy")
	own := exportOf(t, a, b)
	w3c, err := annotation.W3C(annotation.NewExport(annotation.CorpusInfo{Fingerprint: "fp"}, []annotation.Annotation{a, b}, testTime), "https://c.example/")
	if err != nil {
		t.Fatal(err)
	}
	good := `{"id":"urn:x:a","tag":"fact","creator":"ann","created":"2025-03-01T12:00:00Z","modified":"2025-03-01T12:00:00Z","anchor":` +
		`{"doc":"report","exact":"x","start":0,"end":1}}`
	mixed := `{"format":"claimtag/annotations","version":1,"exported":"2025-03-01T12:00:00Z","corpus":{"fingerprint":"fp","documents":[]},"annotations":[` +
		good + `,{"id":"urn:x:bad","tag":"rumour"},42,` + good + `,` + strings.Replace(good, `"fact"`, `"opinion"`, 1) + `]}`
	invalid := strings.Replace(mixed, `42,`, ``, 1) // every entry decodes; some are invalid
	tests := []struct {
		name         string
		data         string
		limit        int64
		wantFormat   Format
		wantIDs      []string
		wantRejected []int
		wantDups     int
		wantErr      error
	}{
		{name: "a claimtag export imports every annotation", data: string(own), wantFormat: FormatClaimtag, wantIDs: []string{"urn:x:a", "urn:x:b"}},
		{name: "a W3C collection is detected and imported", data: string(w3c), wantFormat: FormatW3C, wantIDs: []string{"urn:x:a", "urn:x:b"}},
		{name: "bad entries are listed and good ones kept", data: mixed, wantFormat: FormatClaimtag,
			wantIDs: []string{"urn:x:a"}, wantRejected: []int{1, 2, 4}, wantDups: 1},
		{name: "invalid entries of the right JSON types are listed too", data: invalid, wantFormat: FormatClaimtag,
			wantIDs: []string{"urn:x:a"}, wantRejected: []int{1, 3}, wantDups: 1},
		{name: "a file over the limit is refused", data: string(own), limit: 10, wantErr: ErrTooLarge},
		{name: "a future export version is refused", data: `{"format":"claimtag/annotations","version":9}`, wantErr: annotation.ErrFormat},
		{name: "a JSON array is not a known format", data: `[1,2]`, wantErr: ErrUnknown},
		{name: "an object of neither format is refused", data: `{"hello":1}`, wantErr: ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Import("f.json", []byte(tt.data), tt.limit)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.wantFormat {
				t.Errorf("got format %q, want %q", got.Format, tt.wantFormat)
			}
			var ids []string
			for _, a := range got.Annotations {
				ids = append(ids, a.ID)
			}
			if strings.Join(ids, " ") != strings.Join(tt.wantIDs, " ") {
				t.Errorf("got ids %v, want %v", ids, tt.wantIDs)
			}
			var rej []int
			for _, r := range got.Rejected {
				rej = append(rej, r.Index)
				if r.Reason == "" {
					t.Errorf("entry %d rejected without a reason", r.Index)
				}
			}
			if !slices.Equal(rej, tt.wantRejected) {
				t.Errorf("got rejected %v, want %v", rej, tt.wantRejected)
			}
			if got.Duplicates != tt.wantDups {
				t.Errorf("got %d duplicates, want %d", got.Duplicates, tt.wantDups)
			}
		})
	}
}

func TestImportingTwiceChangesNothing(t *testing.T) {
	data := exportOf(t, ann(t, "urn:x:a", "ann", annotation.Fact, "report", newReport, "Rates will drop"))
	var rv Review
	for i, want := range []AddStats{{Added: 1}, {Unchanged: 1}} {
		res, err := Import("f.json", data, DefaultLimit)
		if err != nil {
			t.Fatal(err)
		}
		if got := rv.Add(res); got != want {
			t.Errorf("import %d: got %+v, want %+v", i+1, got, want)
		}
	}
	if got := len(rv.Annotations()); got != 1 {
		t.Errorf("got %d annotations, want 1", got)
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte(`{"format":"claimtag/annotations","version":1,"annotations":[{"id":"a","tag":"fact","created":"2025-03-01T12:00:00Z","anchor":{"doc":"d","exact":"x","start":0,"end":1}}]}`))
	f.Add([]byte(`{"format":"claimtag/annotations","version":1,"annotations":[null,{},[],"",{"anchor":{"start":-1,"end":9e99}}]}`))
	f.Add([]byte(`{"type":"AnnotationCollection","first":{"items":[{"type":"Annotation","body":{"purpose":"tagging","value":"fact"},"target":[]}]}}`))
	f.Add([]byte(`{"type":"AnnotationPage","items":[1,{"type":["Annotation"],"created":"x"}]}`))
	f.Add([]byte(`{"type":{"a":[[[[]]]]},"format":null}`))
	f.Add([]byte(`{"format":"claimtag/annotations","version":1,"annotations":[{"id":"a","tag":"fact","created":"2025-03-01T12:00:00Z","anchor":{"doc":"d","exact":"\ud800","start":0,"end":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import("fuzz.json", data, 1<<16)
		if err != nil {
			return
		}
		for _, a := range res.Annotations {
			if err := a.Validate(); err != nil {
				t.Fatalf("imported an invalid annotation: %v", err)
			}
		}
		c := NewCorpus(Document{ID: "d", Text: "x y z"})
		var rv Review
		rv.Add(res)
		rv.Reanchor(c)
		rv.Groups()
		Agreement(rv.Annotations(), c)
	})
}
