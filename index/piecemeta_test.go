package index

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

func TestProvenanceRoundTrips(t *testing.T) {
	tests := []struct {
		name string
		p    *provenance.Provenance
	}{
		{"none", nil},
		{"valid UTF-8", &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Valid}},
		{"declared, with a reason", &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Declared, Reason: `declared by <meta charset="utf-8">`}},
		{"every field", &provenance.Provenance{
			Encoding: "windows-1252", Decided: provenance.Guessed, Reason: "guessed from the bytes",
			Fallback: 3, Replaced: 1, Controls: 7, Invisible: 1 << 20,
			Sanitized: map[string]int{"script": 2, "iframe": 1, "on* attributes": 40},
			Root:      "div[role=main]", RootFound: true,
			Repairs: []provenance.Repair{
				{Start: 0, End: 4, From: "â€™", To: "’"},
				{Start: 120, End: 126, From: "22â€¯%", To: "22 %", Lossy: true, Figures: true},
				{Start: 900, End: 901, From: "\x00", To: "", Lossy: true},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			putProvenance(&b, tt.p)
			b.WriteString("after") // what follows is left for the next field
			r := &uvReader{b: b.Bytes()}
			got := r.provenance()
			if r.bad {
				t.Fatalf("read back as damaged: % x", b.Bytes())
			}
			if !reflect.DeepEqual(got, tt.p) {
				t.Errorf("read back %+v, want %+v", got, tt.p)
			}
			if rest := string(b.Bytes()[r.at:]); rest != "after" {
				t.Errorf("left %q unread, want %q", rest, "after")
			}
		})
	}
}

func TestDamagedProvenanceIsRefused(t *testing.T) {
	var whole bytes.Buffer
	putProvenance(&whole, &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Valid,
		Sanitized: map[string]int{"script": 1}, Repairs: []provenance.Repair{{Start: 1, End: 2, From: "a", To: "b"}}})
	for cut := 1; cut < whole.Len(); cut++ {
		r := &uvReader{b: whole.Bytes()[:cut]}
		if p := r.provenance(); !r.bad || p != nil {
			t.Errorf("cut to %d bytes: read %+v, bad %v; want nil and bad", cut, p, r.bad)
		}
	}
	// A count larger than the bytes left allocates nothing.
	r := &uvReader{b: []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x07}}
	if p := r.provenance(); !r.bad || p != nil {
		t.Errorf("a huge count: read %+v, bad %v; want nil and bad", p, r.bad)
	}
}

// FuzzProvenance reads any bytes without panicking, and what it reads
// writes back to bytes that read the same.
func FuzzProvenance(f *testing.F) {
	var b bytes.Buffer
	putProvenance(&b, &provenance.Provenance{Encoding: "utf-8", Decided: provenance.Declared, Reason: "r",
		Sanitized: map[string]int{"x": 1}, Repairs: []provenance.Repair{{Start: 1, End: 3, From: "ab", To: "c", Figures: true}}})
	f.Add(b.Bytes())
	f.Add([]byte{0})
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &uvReader{b: data}
		p := r.provenance()
		if r.bad {
			if p != nil {
				t.Fatalf("damaged, yet read %+v", p)
			}
			return
		}
		var again bytes.Buffer
		putProvenance(&again, p)
		r2 := &uvReader{b: again.Bytes()}
		if q := r2.provenance(); r2.bad || !reflect.DeepEqual(p, q) || r2.at != again.Len() {
			t.Fatalf("read %+v, wrote % x, read back %+v (bad %v)", p, again.Bytes(), q, r2.bad)
		}
	})
}
