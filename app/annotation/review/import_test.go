package review

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/annotation/adjudicate"
	"github.com/claimtag/claimtag/app/annotation/agreement"
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
	for i, want := range []AddStats{{Added: 1, Changed: []string{"urn:x:a"}}, {Unchanged: 1}} {
		res, err := Import("f.json", data, DefaultLimit)
		if err != nil {
			t.Fatal(err)
		}
		if got := rv.Add(res); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("import %d: got %+v, want %+v", i+1, got, want)
		}
		// Re-anchoring moves the annotation (its position in the file is
		// the old report's); the next import still finds it unchanged.
		placeAll(t, &rv, NewCorpus(Document{ID: "report", Text: "Preface. " + newReport}))
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
	f.Add([]byte(`{"export_date":"2026-01-01T00:00:00Z","annotations":[{"id":"h","tags":["Fact"],"created":"2026-01-01T00:00:00Z","uri":"d","target":[{"selector":[{"type":"TextQuoteSelector","exact":"y"}]}]}]}`))
	f.Add([]byte(`{"total":2,"rows":[{"id":"h","references":["x"]},{}]}`))
	f.Add([]byte(`[{"type":"Annotation","body":[{"purpose":"tagging","value":"fact","creator":"https://r.example/u","modified":"2026-01-01T00:00:00Z"}],"target":{"label":"d.txt","selector":[{"type":"TextQuoteSelector","exact":"z"}]}}]`))
	f.Add([]byte(`{"format":"claimtag/gold","version":1,"spans":[{"id":"g","label":"fact","reviewer":"r","decided":"2026-01-01T00:00:00Z","anchor":{"doc":"d","exact":"x","start":0,"end":1},"annotations":[]}]}`))
	for _, name := range []string{"ann.w3c.jsonld", "dan.hypothesis-search.json", "lena.recogito.json"} {
		if b, err := os.ReadFile("../testdata/review/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ImportWith(context.Background(), "fuzz.json", data, Options{Limit: 1 << 16, Corpus: NewCorpus(Document{ID: "d", Path: "d.txt", Text: "x y z"})})
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
		placeAll(t, &rv, c)
		r := agreement.Compare(rv.Placed(), agreement.Options{MinUnits: 1})
		q := adjudicate.NewQueue(r.Units, nil)
		if _, err := q.AcceptUnanimous("fuzz", testTime); err != nil {
			t.Fatal(err)
		}
		for it, ok := q.Next(""); ok; it, ok = q.Next("") {
			if _, err := q.Decide(it.Unit.Key, it.Unit.Annotations[0].Tag, "", "fuzz", testTime); err != nil {
				t.Fatalf("deciding %s: %v", it.Unit.Key, err)
			}
		}
		if _, err := q.Gold(annotation.CorpusInfo{}, testTime).Marshal(); err != nil {
			t.Fatalf("the gold file of an imported set does not marshal: %v", err)
		}
	})
}

func TestImportInvalidUTF8(t *testing.T) {
	good := `{"id":"urn:x:a","tag":"fact","creator":"ann","note":"NOTE","created":"2025-03-01T12:00:00Z","anchor":{"doc":"report","exact":"x","start":0,"end":1}}`
	file := func(note, title string) []byte {
		return []byte(`{"format":"claimtag/annotations","version":1,"exported":"2025-03-01T12:00:00Z","corpus":{"fingerprint":"fp","documents":[{"id":"report","title":"` +
			title + `"}]},"annotations":[` + strings.Replace(good, "NOTE", "fine", 1) + `,` + strings.Replace(strings.Replace(good, "NOTE", note, 1), "urn:x:a", "urn:x:b", 1) + `]}`)
	}
	tests := []struct {
		name         string
		data         []byte
		wantIDs      string
		wantRejected string
		wantWarning  string
	}{
		{name: "a bad byte in a note rejects that entry, naming the field", data: file("caf\xe9", "Report"),
			wantIDs: "urn:x:a", wantRejected: "field /note: invalid UTF-8"},
		{name: "an escaped lone surrogate rejects the entry too", data: file(`\ud83d`, "Report"),
			wantIDs: "urn:x:a", wantRejected: "field /note: invalid UTF-8"},
		{name: "a valid escaped pair is text", data: file(`\ud83d\ude00`, "Report"), wantIDs: "urn:x:a urn:x:b"},
		{name: "a bad byte outside the annotations is a warning", data: file("fine", "R\xe9port"),
			wantIDs: "urn:x:a urn:x:b", wantWarning: "field /corpus/documents/0/title: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import("f.json", tt.data, 0)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, a := range res.Annotations {
				ids = append(ids, a.ID)
				if strings.ContainsRune(a.Note, '\uFFFD') {
					t.Errorf("annotation %s has a replaced note %q", a.ID, a.Note)
				}
			}
			if got := strings.Join(ids, " "); got != tt.wantIDs {
				t.Errorf("got ids %s, want %s", got, tt.wantIDs)
			}
			if tt.wantRejected != "" && (len(res.Rejected) != 1 || res.Rejected[0].ID != "urn:x:b" || !strings.Contains(res.Rejected[0].Reason, tt.wantRejected)) {
				t.Errorf("got rejected %+v, want urn:x:b with %q", res.Rejected, tt.wantRejected)
			}
			if got := strings.Join(res.Warnings, "; "); !strings.Contains(got, tt.wantWarning) || (tt.wantWarning == "" && got != "") {
				t.Errorf("got warnings %q, want %q", got, tt.wantWarning)
			}
		})
	}
}

func TestCorpusResolve(t *testing.T) {
	c := NewCorpus(
		Document{ID: "000_e8a7", Path: "000_e8a7.txt", Text: "a"},
		Document{ID: "reports/q2", Path: "reports/q2.md", URL: "https://ir.example.com/q2", Text: "b"},
		Document{ID: "other/q2", Path: "other/q2.html", Text: "c"},
		Document{ID: "nopath", Text: "d"},
	)
	tests := []struct {
		name string
		src  annotation.W3CSource
		want string
	}{
		{name: "a document id", src: annotation.W3CSource{IRI: "000_e8a7"}, want: "000_e8a7"},
		{name: "the app's reader page on any host", src: annotation.W3CSource{IRI: "https://claimtag.example/base/doc?id=reports%2Fq2&p=x"}, want: "reports/q2"},
		{name: "the reader page of an unknown id", src: annotation.W3CSource{IRI: "http://h/doc?id=gone"}, want: ""},
		{name: "the address of earlier exports", src: annotation.W3CSource{IRI: "http://h/doc/000_e8a7"}, want: "000_e8a7"},
		{name: "the document's original URL", src: annotation.W3CSource{IRI: "https://ir.example.com/q2/"}, want: "reports/q2"},
		{name: "a file name with its extension", src: annotation.W3CSource{IRI: "000_e8a7.txt"}, want: "000_e8a7"},
		{name: "a URL ending in the document's path", src: annotation.W3CSource{IRI: "https://mirror.example/corpus/reports/q2.md"}, want: "reports/q2"},
		{name: "a file URL ending in the path", src: annotation.W3CSource{IRI: "file:///home/kim/corpus/other/q2.html"}, want: "other/q2"},
		{name: "a Windows path", src: annotation.W3CSource{IRI: `C:\corpus\000_e8a7.txt`}, want: "000_e8a7"},
		{name: "a base name shared by two documents is left to the quote", src: annotation.W3CSource{IRI: "q2.pdf"}, want: ""},
		{name: "a document without path by its id's base name", src: annotation.W3CSource{IRI: "https://x.example/nopath.txt"}, want: "nopath"},
		{name: "the target title Recogito sets to the file name", src: annotation.W3CSource{IRI: "https://recogito.example/part/9", Title: "000_e8a7.txt"}, want: "000_e8a7"},
		{name: "an unknown page", src: annotation.W3CSource{IRI: "https://news.example/kingsoft-story"}, want: ""},
		{name: "a URN", src: annotation.W3CSource{IRI: "urn:x-pdf:1234"}, want: ""},
		{name: "nothing", src: annotation.W3CSource{}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Resolve(tt.src); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
