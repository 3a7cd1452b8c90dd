package index

import (
	"bytes"
	"errors"
	"testing"
)

func TestUnpackPiece(t *testing.T) {
	piece := []byte("PSGS" + string(bytes.Repeat([]byte("passage text "), 200)))
	packed := packPiece(piece)
	if !isPacked(packed) || len(packed) >= len(piece) {
		t.Fatalf("packPiece gave %d bytes from %d, packed=%v", len(packed), len(piece), isPacked(packed))
	}
	if again := packPiece(piece); !bytes.Equal(again, packed) {
		t.Fatal("packPiece is not deterministic")
	}
	edit := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), packed...)) }
	tests := []struct {
		name string
		file []byte
		want int // the piece's size in the manifest
		err  error
	}{
		{"a gzipped piece unpacks", packed, len(piece), nil},
		{"an unpacked piece passes as it is", piece, len(piece), nil},
		{"a stream cut short is truncated", packed[:len(packed)-5], len(piece), ErrTruncated},
		{"a stream cut in its header is truncated", packed[:5], len(piece), ErrTruncated},
		{"a flipped byte fails the checksum or the inflation", edit(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), len(piece), ErrCorrupt},
		{"a wrong checksum is corrupt", edit(func(b []byte) []byte { b[len(b)-6] ^= 1; return b }), len(piece), ErrCorrupt},
		{"bytes after the stream are corrupt", append(append([]byte(nil), packed...), 0), len(piece), ErrCorrupt},
		{"a second stream after the first is corrupt", append(append([]byte(nil), packed...), packed...), len(piece), ErrCorrupt},
		{"more than the manifest's size is corrupt", packed, len(piece) - 1, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := unpackPiece(tt.file, tt.want)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, piece) {
				t.Fatalf("got %d bytes, %v; want the piece", len(got), err)
			}
		})
	}
}

// FuzzUnpackPiece checks that no file makes unpackPiece panic or return
// more than the bytes it was allowed, and that its errors say which way
// the file is damaged.
func FuzzUnpackPiece(f *testing.F) {
	f.Add(packPiece([]byte("ROWS some rows")), 14)
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, 10)
	f.Add([]byte("META"), 4)
	f.Fuzz(func(t *testing.T, file []byte, want int) {
		if want < 0 || want > 1<<20 {
			return
		}
		got, err := unpackPiece(file, want)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTruncated) {
				t.Fatalf("error %v wraps neither ErrCorrupt nor ErrTruncated", err)
			}
			return
		}
		if isPacked(file) && len(got) > want {
			t.Fatalf("unpacked %d bytes, allowed %d", len(got), want)
		}
	})
}
