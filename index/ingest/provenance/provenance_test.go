package provenance

import (
	"reflect"
	"testing"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		p    Provenance
		want string
	}{
		{"Plain UTF-8 says so.", Provenance{Encoding: "utf-8", Decided: Valid, Reason: "valid UTF-8"}, "utf-8 (valid UTF-8)"},
		{"A missing reason names the decision.", Provenance{Encoding: "gbk", Decided: Declared}, "gbk (declared)"},
		{"Everything done is listed in order.", Provenance{
			Encoding: "windows-1252", Decided: Guessed, Reason: "guessed: not valid UTF-8",
			Fallback: 1, Replaced: 2, Controls: 3, Invisible: 1,
			Sanitized: map[string]int{"script": 2, "on*": 1}, Root: "main",
			Repairs: []Repair{{Start: 1, End: 2, Lossy: true}, {Start: 5, End: 6, Figures: true}},
		}, "windows-1252 (guessed: not valid UTF-8); 1 byte that is not UTF-8 read as windows-1252; 2 invalid sequences shown as U+FFFD; " +
			"3 control characters dropped; 1 invisible character dropped; sanitized: removed on*×1, script×2; no main: the whole page; " +
			"2 repairs (1 best guess, 1 touching figures)"},
		{"A found root is named.", Provenance{Encoding: "utf-8", Decided: Declared, Root: "div[role=main]", RootFound: true}, "utf-8 (declared); only div[role=main]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Summary(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAt(t *testing.T) {
	p := Provenance{Repairs: []Repair{{Start: 2, End: 4}, {Start: 6, End: 6}, {Start: 8, End: 10}}}
	tests := []struct {
		name       string
		start, end int
		want       []int // starts of the repairs found
	}{
		{"A span over two repairs finds both.", 3, 9, []int{2, 6, 8}},
		{"A span between repairs finds none.", 4, 6, nil},
		{"A point inside a repair finds it.", 3, 3, []int{2}},
		{"An empty repair is found by a span over it.", 5, 7, []int{6}},
		{"The end is exclusive.", 0, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, r := range p.At(tt.start, tt.end) {
				got = append(got, r.Start)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChanged(t *testing.T) {
	if (&Provenance{Encoding: "utf-8", Decided: Valid}).Changed() {
		t.Error("plain valid UTF-8: got changed")
	}
	for _, p := range []Provenance{{Decided: BOM}, {Decided: Valid, Controls: 1}, {Decided: Valid, Repairs: []Repair{{}}}, {Decided: Valid, Root: "main"}} {
		if !p.Changed() {
			t.Errorf("%+v: got unchanged", p)
		}
	}
}
