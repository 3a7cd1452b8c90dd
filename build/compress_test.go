package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestAcceptsEncoding(t *testing.T) {
	tests := []struct {
		header, name string
		want         bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate, br, zstd", "gzip", true},
		{"gzip", "br", false},
		{"", "gzip", false},
		{"br;q=0, gzip;q=0.8", "br", false},
		{"br;q=0, gzip;q=0.8", "gzip", true},
		{"BR ; q=0.5", "br", true},
		{"gzip;q=0.000", "gzip", false},
		{"x-gzip", "gzip", false},
	}
	for _, tt := range tests {
		if got := acceptsEncoding(tt.header, tt.name); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", tt.header, tt.name, got, tt.want)
		}
	}
}

// decode returns the content of a twin.
func decode(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(b)
	switch coding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s: %v", coding, err)
	}
	return out
}

func TestPrecompress(t *testing.T) {
	dir := t.TempDir()
	text := []byte(strings.Repeat("claimtag tags claims as fact, forecast, opinion or unverified. ", 200))
	random := make([]byte, 4096)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	files := map[string][]byte{
		"app.js":         text,
		"web/index.snap": text,
		"tiny.css":       []byte("a{}"),
		"icon.png":       text, // compressed formats are left alone, whatever the bytes
		"noise.bin":      random,
		// a piece of the index, gzipped as stored (stored uncompressed
		// inside, so that a twin would be much smaller, were one written)
		"web/index/0123456789abcdef.bin": storedGzip(t, text),
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := precompress(dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		twins bool
	}{
		{"app.js", true}, {"web/index.snap", true}, {"tiny.css", false}, {"icon.png", false}, {"noise.bin", false},
		{"web/index/0123456789abcdef.bin", false},
	} {
		for _, e := range []struct{ ext, coding string }{{".br", "br"}, {".gz", "gzip"}} {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.name)+e.ext))
			if !tt.twins {
				if err == nil {
					t.Errorf("%s%s written, want no twin", tt.name, e.ext)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: no %s twin: %v", tt.name, e.coding, err)
				continue
			}
			if got := decode(t, e.coding, b); !bytes.Equal(got, files[tt.name]) {
				t.Errorf("%s%s does not decode to the file", tt.name, e.ext)
			}
		}
	}
}

// storedGzip is b in a gzip stream without compression.
func storedGzip(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.NoCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestSiteServerTwins(t *testing.T) {
	dir := t.TempDir()
	js := []byte(strings.Repeat("console.log('claimtag');\n", 400))
	os.WriteFile(filepath.Join(dir, "app.js"), js, 0o644)
	if err := precompress(dir, nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(siteServer(dir, ""))
	defer srv.Close()
	tests := []struct {
		name, accept, rng, wantCoding string
	}{
		{"brotli to a client that takes it", "gzip, deflate, br", "", "br"},
		{"gzip to a client that takes only gzip", "gzip", "", "gzip"},
		{"gzip when brotli is refused", "br;q=0, gzip", "", "gzip"},
		{"the file itself to a client that takes neither", "identity", "", ""},
		{"the file itself for a range", "gzip, br", "bytes=0-99", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+"/app.js", nil)
			req.Header.Set("Accept-Encoding", tt.accept)
			if tt.rng != "" {
				req.Header.Set("Range", tt.rng)
			}
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if got := res.Header.Get("Content-Encoding"); got != tt.wantCoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.wantCoding)
			}
			if got := res.Header.Get("Content-Type"); got != "text/javascript; charset=utf-8" {
				t.Errorf("Content-Type %q, want the file's", got)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Error("no Vary: Accept-Encoding")
			}
			want := js
			if tt.rng != "" {
				want = js[:100]
			}
			if got := decode(t, tt.wantCoding, body); !bytes.Equal(got, want) {
				t.Errorf("body decodes to %d bytes, want %d of the file", len(got), len(want))
			}
		})
	}
}
