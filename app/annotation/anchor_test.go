package annotation

import (
	"errors"
	"testing"
	"unicode/utf8"
)

var newAnchorTests = []struct {
	name       string
	text       string
	start, end int
	want       Anchor
	err        bool
}{
	{name: "a span in short text keeps all context", text: "one two three", start: 4, end: 7,
		want: Anchor{Doc: "d", Passage: "p", Exact: "two", Prefix: "one ", Suffix: " three", Start: 4, End: 7}},
	{name: "offsets count code points not bytes", text: "é€ 日本語 ok", start: 3, end: 6,
		want: Anchor{Doc: "d", Passage: "p", Exact: "日本語", Prefix: "é€ ", Suffix: " ok", Start: 3, End: 6}},
	{name: "context is cut to 32 code points", text: "0123456789abcdefghijklmnopqrstuvwxyzXYZ0123456789abcdefghijklmnopqrstuvwxyz", start: 36, end: 39,
		want: Anchor{Doc: "d", Passage: "p", Exact: "XYZ", Prefix: "456789abcdefghijklmnopqrstuvwxyz", Suffix: "0123456789abcdefghijklmnopqrstuv", Start: 36, End: 39}},
	{name: "an empty span is rejected", text: "abc", start: 1, end: 1, err: true},
	{name: "a reversed span is rejected", text: "abc", start: 2, end: 1, err: true},
	{name: "a negative start is rejected", text: "abc", start: -1, end: 1, err: true},
	{name: "an end past the text is rejected", text: "日本", start: 0, end: 3, err: true},
}

func TestNewAnchor(t *testing.T) {
	for _, tt := range newAnchorTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewAnchor("d", "p", tt.text, tt.start, tt.end)
			if tt.err {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("got error %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("got invalid anchor: %v", err)
			}
		})
	}
}

func TestNewAnchorRejectsEmptyDocument(t *testing.T) {
	if _, err := NewAnchor("", "p", "abc", 0, 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("got %v, want ErrInvalid", err)
	}
}

// FuzzAnchorRoundTrip checks that an anchor built from any valid span quotes
// exactly that span and validates.
func FuzzAnchorRoundTrip(f *testing.F) {
	f.Add("one two three", 4, 7)
	f.Add("é€ 日本語 ok", 3, 6)
	f.Add("\xff\xfe", 0, 1)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		a, err := NewAnchor("d", "", text, start, end)
		if err != nil {
			if start >= 0 && start < end && end <= len(runes) {
				t.Fatalf("valid span [%d,%d) rejected: %v", start, end, err)
			}
			return
		}
		if got, want := a.Exact, string(runes[start:end]); got != want {
			t.Fatalf("got exact %q, want %q", got, want)
		}
		if got, want := a.Prefix+a.Exact+a.Suffix, string(runes[max(0, start-ContextLen):min(len(runes), end+ContextLen)]); got != want {
			t.Fatalf("got context %q, want %q", got, want)
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("got invalid anchor: %v", err)
		}
	})
}
