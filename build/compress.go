package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// Pre-compressed twins: the site ships FILE.br (brotli) and FILE.gz (gzip)
// next to each file worth compressing, so that a static host serves the
// smaller bytes without compressing on every request (Netlify, Cloudflare
// Pages, nginx's gzip_static and brotli_static, Caddy's precompressed, and
// build serve here). app.wasm is not among them: it ships gzipped as it is
// (WasmFile, site.go) and the page unpacks it.

// brotliQuality trades build time for size: quality 5 with a 16 MB window
// compresses app.wasm (12.5 MB) in well under a second to 2.6 MB; quality 11
// takes minutes for a few hundred KB less, too slow for `make run` and the browser tests.
const (
	brotliQuality = 5
	brotliWindow  = 24
)

// minTwinSaving is the least a twin must save to be written, as a share
// of the file (as the bench harness's server decides whether to gzip).
const minTwinSaving = 0.10

// incompressible lists extensions whose content is already compressed.
var incompressible = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true,
	".avif": true, ".ico": true, ".woff": true, ".woff2": true, ".gz": true, ".br": true, ".zip": true, ".zst": true, ".gzip": true,
	".mp3": true, ".mp4": true, ".webm": true, ".pdf": true, ".tmp": true}

// encodings are the twins, in the order a server prefers them.
var encodings = []struct {
	name, ext string
	compress  func([]byte) []byte
}{
	{"br", ".br", brotliBytes},
	{"gzip", ".gz", gzipBytes},
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality, LGWin: brotliWindow})
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// precompress writes the .br and .gz twins of every file of dir of at
// least 1 KiB whose content is not compressed already, in parallel. A
// twin saving less than minTwinSaving is not written (a stale one is
// removed); a twin newer than its file is kept as it is. progress, when
// set, is called after each file (from one goroutine at a time).
func precompress(dir string, progress func(done, total int)) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || incompressible[strings.ToLower(filepath.Ext(p))] {
			return err
		}
		if info, err := d.Info(); err != nil || info.Size() < 1024 {
			return err
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("compress %s: %w", dir, err)
	}
	work := make(chan string)
	errs := make(chan error, len(files))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for i := 0; i < runtime.NumCPU(); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := writeTwins(p); err != nil {
					errs <- fmt.Errorf("compress %s: %w", p, err)
				}
				if progress != nil {
					mu.Lock()
					done++
					progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

// gzipped reports whether data is a gzip stream: it starts with gzip's
// magic number.
func gzipped(data []byte) bool { return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b }

// writeTwins writes p's twins; a file whose content is gzipped already
// gets none.
func writeTwins(p string) error {
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	var data []byte
	for _, e := range encodings {
		twin := p + e.ext
		if tst, err := os.Stat(twin); err == nil && !tst.ModTime().Before(st.ModTime()) {
			continue
		}
		if data == nil {
			if data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		// gzipped content (the index's pieces) gains nothing from a twin
		var c []byte
		if !gzipped(data) {
			c = e.compress(data)
		}
		if c == nil || float64(len(c)) > float64(len(data))*(1-minTwinSaving) {
			if err := os.Remove(twin); err != nil && !os.IsNotExist(err) {
				return err
			}
			continue
		}
		if err := writeFileAtomic(twin, c); err != nil {
			return err
		}
	}
	return nil
}

// acceptsEncoding reports whether an Accept-Encoding header takes the
// content coding name (with a q-value other than 0).
func acceptsEncoding(header, name string) bool {
	for _, part := range strings.Split(header, ",") {
		f := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(f[0]), name) {
			continue
		}
		for _, p := range f[1:] {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.TrimSpace(k) == "q" {
				v = strings.TrimSpace(v)
				return strings.Trim(v, "0.") != "" // q=0, q=0.0, q=0.000 refuse it
			}
		}
		return true
	}
	return false
}

// twinFor returns the twin of file (an OS path) to send for r, and its
// content coding: brotli before gzip, each when the client takes it and
// the twin exists; none for a Range request, whose offsets are into the
// file itself.
func twinFor(r *http.Request, file string) (twin, coding string) {
	if r.Header.Get("Range") != "" {
		return "", ""
	}
	ae := r.Header.Get("Accept-Encoding")
	for _, e := range encodings {
		if !acceptsEncoding(ae, e.name) {
			continue
		}
		if st, err := os.Stat(file + e.ext); err == nil && !st.IsDir() {
			return file + e.ext, e.name
		}
	}
	return "", ""
}
