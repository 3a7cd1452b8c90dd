package index

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	store "github.com/blevesearch/upsidedown_store_api"
)

func testRows(t *testing.T) (*rowTable, [][]byte) {
	t.Helper()
	var keys, vals [][]byte
	for _, k := range []string{"a", "b\x00", "b\x001", "b\x002", "b\xff", "c", "d\xff\xff", "e"} {
		keys = append(keys, []byte(k))
		vals = append(vals, []byte("v:"+k))
	}
	rt, err := newRowTable(encodeRows(keys, vals))
	if err != nil {
		t.Fatal(err)
	}
	return rt, keys
}

func collect(it store.KVIterator) []string {
	var out []string
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		if !bytes.Equal(v, append([]byte("v:"), k...)) {
			out = append(out, "BAD VALUE "+string(v))
		}
		out = append(out, string(k))
		it.Next()
	}
	return out
}

func TestReadOnlyStore(t *testing.T) {
	rt, _ := testRows(t)
	s, err := newROStore(nil, map[string]interface{}{"rows": rt})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Reader()
	tests := []struct {
		name string
		it   store.KVIterator
		want string
	}{
		{"a prefix iterator yields only keys with the prefix", r.PrefixIterator([]byte("b")), `["b\x00" "b\x001" "b\x002" "b\xff"]`},
		{"a prefix of 0xff bytes runs to the end", r.PrefixIterator([]byte("d\xff")), `["d\xff\xff"]`},
		{"a range iterator excludes its end", r.RangeIterator([]byte("b\x001"), []byte("c")), `["b\x001" "b\x002" "b\xff"]`},
		{"an open range yields every row", r.RangeIterator(nil, nil), `["a" "b\x00" "b\x001" "b\x002" "b\xff" "c" "d\xff\xff" "e"]`},
		{"a prefix with no rows yields nothing", r.PrefixIterator([]byte("bb")), `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprintf("%q", collect(tt.it)); got != tt.want && !(got == "[]" && tt.want == "[]") {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	t.Run("seek moves forward within the range and never before its start", func(t *testing.T) {
		it := r.RangeIterator([]byte("b"), []byte("d"))
		it.Seek([]byte("b\x002"))
		if got := string(it.Key()); got != "b\x002" {
			t.Errorf("got %q, want %q", got, "b\x002")
		}
		it.Seek([]byte("a"))
		if got := string(it.Key()); got != "b\x00" {
			t.Errorf("got %q, want %q", got, "b\x00")
		}
	})
	t.Run("get finds present keys and returns nil for absent ones", func(t *testing.T) {
		if v, _ := r.Get([]byte("c")); string(v) != "v:c" {
			t.Errorf("got %q, want %q", v, "v:c")
		}
		if v, _ := r.Get([]byte("cc")); v != nil {
			t.Errorf("got %q, want nil", v)
		}
		vs, _ := r.MultiGet([][]byte{[]byte("a"), []byte("zz")})
		if string(vs[0]) != "v:a" || vs[1] != nil {
			t.Errorf("got %q, want [v:a nil]", vs)
		}
	})
	t.Run("values cannot be appended into the next row", func(t *testing.T) {
		v, _ := r.Get([]byte("a"))
		_ = append(v, 'X')
		if v2, _ := r.Get([]byte("b\x00")); string(v2) != "v:b\x00" {
			t.Errorf("got %q after appending to a value", v2)
		}
	})
	t.Run("the store refuses writes", func(t *testing.T) {
		if _, err := s.Writer(); !errors.Is(err, errReadOnly) {
			t.Errorf("got %v, want errReadOnly", err)
		}
	})
}

func TestRowTableRejectsBadBlockOffsets(t *testing.T) {
	var keys, vals [][]byte
	for i := 0; i < 40; i++ {
		keys = append(keys, []byte(fmt.Sprintf("k%03d", i)))
		vals = append(vals, []byte("v"))
	}
	data := encodeRows(keys, vals)
	if _, err := newRowTable(data); err != nil {
		t.Fatal(err)
	}
	data[8+4] = 0xff // the second block's offset
	if _, err := newRowTable(data); !errors.Is(err, ErrCorrupt) {
		t.Errorf("got %v, want ErrCorrupt", err)
	}
}

func TestRowTableFindsEveryKeyAcrossBlocks(t *testing.T) {
	var keys, vals [][]byte
	for i := 0; i < 100; i++ {
		keys = append(keys, []byte(fmt.Sprintf("term%02d\xffdoc%03d", i/7, i)))
		vals = append(vals, []byte(fmt.Sprint(i)))
	}
	rt, err := newRowTable(encodeRows(keys, vals))
	if err != nil {
		t.Fatal(err)
	}
	r := roReader{tableRows(rt)}
	for i, k := range keys {
		if v, _ := r.Get(k); string(v) != fmt.Sprint(i) {
			t.Fatalf("Get(%q): got %q, want %d", k, v, i)
		}
	}
	n := 0
	for it := r.RangeIterator(nil, nil); it.Valid(); it.Next() {
		n++
	}
	if got := n; got != 100 {
		t.Errorf("got %d rows, want 100", got)
	}
}
