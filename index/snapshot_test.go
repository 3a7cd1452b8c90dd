package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// resum rewrites the checksum after a deliberate change, so that the check
// behind the checksum is what gets tested.
func resum(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[len(b)-4:], checksum(b[:len(b)-4]))
	return b
}

func TestOpenRejectsBadSnapshots(t *testing.T) {
	good := seedSnapshot(t)
	mod := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"an empty file is not a snapshot", nil, ErrNotSnapshot},
		{"another file type is not a snapshot", []byte("<!doctype html><html>"), ErrNotSnapshot},
		{"a file cut inside the magic is truncated", good[:5], ErrTruncated},
		{"a file cut after the magic is truncated", good[:12], ErrTruncated},
		{"a file cut in half is caught", good[:len(good)/2], ErrTruncated},
		{"a file missing its last byte is caught", good[:len(good)-1], ErrTruncated},
		{"a file with bytes appended is corrupt", append(append([]byte(nil), good...), 0), ErrCorrupt},
		{"a flipped byte fails the checksum", mod(func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }), ErrCorrupt},
		{"a newer format version is refused", mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[8:], FormatVersion+1); return resum(b) }), ErrVersion},
		{"a misnamed section is corrupt", mod(func(b []byte) []byte {
			i := bytes.Index(b, []byte("PSGS"))
			copy(b[i:], "PSGX")
			return resum(b)
		}), ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Open(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if ix != nil {
				t.Errorf("got an index with the error")
			}
		})
	}
}

func TestOpenSurvivesEveryTruncation(t *testing.T) {
	good := seedSnapshot(t)
	step := len(good)/500 + 1
	for n := 0; n < len(good); n += step {
		if _, err := Open(good[:n]); err == nil {
			t.Fatalf("a snapshot cut to %d of %d bytes opened", n, len(good))
		}
	}
}

// FuzzOpen checks that no input makes Open or a search panic. Damaged rows
// behind a valid checksum are the worst case: the seeds rewrite the checksum.
func FuzzOpen(f *testing.F) {
	good := seedSnapshot(f)
	f.Add(good, 0, byte(0))
	f.Add(good, len(good)/3, byte(0x80))
	f.Add(good, len(good)-200, byte(1))
	f.Add(good[:100], 0, byte(0))
	f.Fuzz(func(t *testing.T, data []byte, at int, x byte) {
		if len(data) > 8 && at >= 0 && at < len(data)-4 {
			data = append([]byte(nil), data...)
			data[at] ^= x
			resum(data)
		}
		ix, err := Open(data)
		if err != nil {
			return
		}
		for _, q := range []string{"cloud", `"gross margin"`, "ai*", "*"} {
			ix.Search(Request{Query: q, Fragments: true})
		}
		for _, d := range ix.Documents() {
			ix.Passages(d.ID)
		}
	})
}
