package hypothesis

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/annotation"
)

// one is an h API annotation with fields replaced by repl (old, new pairs).
func one(repl ...string) string {
	s := `{"id":"AbCdEfGhIjKlMnOpQrStUv","created":"2026-03-13T09:00:07.123456+00:00","updated":"2026-03-13T10:00:00.000000+00:00",
		"user":"acct:kim@hypothes.is","uri":"http://127.0.0.1:8000/doc?id=d1","text":"see the release","tags":["kingsoft","FACT"],
		"group":"__world__","target":[{"source":"http://127.0.0.1:8000/doc?id=d1","selector":[
			{"type":"RangeSelector","startContainer":"/main[1]/p[2]","startOffset":0,"endContainer":"/main[1]/p[2]","endOffset":5},
			{"type":"TextPositionSelector","start":400,"end":405},
			{"type":"TextQuoteSelector","exact":"héllo","prefix":"say ","suffix":" world"}]}],
		"document":{"title":["Report · claimtag"]},"links":{"html":"https://hypothes.is/a/AbCdEfGhIjKlMnOpQrStUv"},
		"user_info":{"display_name":"Kim Lee"},"flagged":false,"hidden":false}`
	for i := 0; i+1 < len(repl); i += 2 {
		if !strings.Contains(s, repl[i]) {
			panic("no " + repl[i])
		}
		s = strings.Replace(s, repl[i], repl[i+1], 1)
	}
	return s
}

func TestEntry(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    annotation.Annotation
		wantErr string
	}{
		{name: "a tagged annotation gives its label, note, annotator and quote", raw: one(),
			want: annotation.Annotation{ID: "https://hypothes.is/a/AbCdEfGhIjKlMnOpQrStUv", Tag: annotation.Fact, Note: "see the release", Creator: "Kim Lee",
				Anchor: annotation.Anchor{Doc: "d1", Exact: "héllo", Prefix: "say ", Suffix: " world", Start: 400, End: 405}}},
		{name: "without a display name the account gives the annotator", raw: one(`"display_name":"Kim Lee"`, `"display_name":null`),
			want: annotation.Annotation{Creator: "kim"}},
		{name: "without links the id is a URN", raw: one(`"links":{"html":"https://hypothes.is/a/AbCdEfGhIjKlMnOpQrStUv"}`, `"links":{}`),
			want: annotation.Annotation{ID: "urn:x-hypothesis:AbCdEfGhIjKlMnOpQrStUv"}},
		{name: "a target without source takes the uri", raw: one(`"source":"http://127.0.0.1:8000/doc?id=d1",`, ``),
			want: annotation.Annotation{Anchor: annotation.Anchor{Doc: "d1"}}},
		{name: "a page note is refused", raw: one(`,"selector":[`, `,"x":[`), wantErr: "page note"},
		{name: "a reply is refused", raw: one(`"group"`, `"references":["Pq"],"group"`), wantErr: "reply to Pq"},
		{name: "a highlight without label is refused", raw: one(`["kingsoft","FACT"]`, `[]`), wantErr: "no label"},
		{name: "two labels are refused", raw: one(`["kingsoft","FACT"]`, `["fact","Forecast"]`), wantErr: "two labels"},
		{name: "an unsaved draft is refused", raw: one(`"id":"AbCdEfGhIjKlMnOpQrStUv",`, ``), wantErr: "no id"},
		{name: "a bad time is refused", raw: one(`"created":"2026-03-13T09:00:07.123456+00:00"`, `"created":"yesterday"`), wantErr: "created"},
		{name: "invalid UTF-8 in the note names the field", raw: one(`"see the release"`, "\"see \xff\""), wantErr: "field /text: invalid UTF-8"},
		{name: "invalid UTF-8 in the quote names the field", raw: one(`"héllo"`, `"h\udc00llo"`), wantErr: "field /target/0/selector/2/exact: invalid UTF-8"},
		{name: "invalid UTF-8 in the user names the field", raw: one(`"Kim Lee"`, "\"Kim \xc3\""), wantErr: "field /user_info/display_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, title, err := Entry([]byte(tt.raw), nil)
			if tt.wantErr != "" {
				if !errors.Is(err, ErrEntry) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if title != "Report · claimtag" {
				t.Errorf("got title %q", title)
			}
			w := tt.want
			if w.ID != "" && got.ID != w.ID || w.Tag != "" && got.Tag != w.Tag || w.Note != "" && got.Note != w.Note ||
				w.Creator != "" && got.Creator != w.Creator || w.Anchor.Doc != "" && got.Anchor.Doc != w.Anchor.Doc ||
				w.Anchor.Exact != "" && got.Anchor != w.Anchor {
				t.Errorf("got %+v, want %+v", got, w)
			}
			if !got.Created.Equal(time.Date(2026, 3, 13, 9, 0, 7, 123456000, time.UTC)) || got.Modified.IsZero() {
				t.Errorf("got created %v modified %v", got.Created, got.Modified)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		wantKind  Kind
		wantItems int
		wantErr   bool
	}{
		{name: "a client export", data: `{"export_date":"2026-03-14T08:00:00.000Z","export_userid":"acct:kim@hypothes.is","client_version":"1.1578.0","annotations":[` + one() + `]}`,
			wantKind: ClientExport, wantItems: 1},
		{name: "an API search result", data: `{"total":3,"rows":[` + one() + `,` + one() + `]}`, wantKind: SearchResult, wantItems: 2},
		{name: "a claimtag export is not Hypothesis", data: `{"format":"claimtag/annotations","version":1,"annotations":[]}`, wantErr: true},
		{name: "an array is not Hypothesis", data: `[` + one() + `]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode([]byte(tt.data))
			if tt.wantErr {
				if !errors.Is(err, ErrNotHypothesis) {
					t.Fatalf("got %v, want ErrNotHypothesis", err)
				}
				return
			}
			if err != nil || f.Kind != tt.wantKind || len(f.Items) != tt.wantItems {
				t.Fatalf("got %+v, %v, want %s with %d items", f, err, tt.wantKind, tt.wantItems)
			}
		})
	}
}

func FuzzEntry(f *testing.F) {
	f.Add([]byte(one()))
	if b, err := os.ReadFile("../testdata/review/cara.hypothesis.json"); err == nil {
		if h, err := Decode(b); err == nil {
			for _, it := range h.Items[:3] {
				f.Add(it)
			}
		}
	}
	f.Add([]byte(`{"id":"x","tags":["fact"],"created":"2026-01-01T00:00:00Z","target":[{"selector":[{"type":"TextQuoteSelector","exact":""}]}]}`))
	f.Add([]byte(`{"id":"x","tags":["fact"],"target":[{"source":{"a":1},"selector":{}}],"document":{"title":"t"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := Entry(data, func(annotation.W3CSource) string { return "d" })
		if err != nil {
			return
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("an accepted annotation is invalid: %v", err)
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"total":1,"rows":[` + one() + `]}`))
	f.Add([]byte(`{"export_date":"x","annotations":[1,null,"s"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := Decode(data)
		if err != nil {
			return
		}
		for _, it := range h.Items {
			_, _, _ = Entry(it, nil)
		}
	})
}
