package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimtag/claimtag/index"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	var addr string
	cfg, err := siteFlags("serve", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&addr, "addr", "127.0.0.1:8000", "address to listen on")
	})
	if err != nil {
		return err
	}
	if err := buildSite(cfg, stderr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: siteServer(cfg.Out, cfg.Base), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s on http://%s%s/ (Ctrl+C stops)\n", cfg.Out, ln.Addr(), cfg.Base)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// contentTypes fixes the MIME types a system's table may lack or get wrong.
var contentTypes = map[string]string{
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".jsonld":      "application/ld+json",
	".svg":         "image/svg+xml",
	".snap":        "application/octet-stream",
	".bin":         "application/octet-stream",
	".gzip":        "application/gzip", // app.wasm.gzip: unpacked by the page, not the browser
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
}

// siteServer serves the static site in dir under base like a plain static
// host: /path serves path.html when there is one, and a FILE.br or FILE.gz
// twin (compress.go) is sent with its Content-Encoding to clients that take
// it, brotli first. Every answer carries the Content-Security-Policy; the
// index's pieces may be cached forever, everything else is revalidated.
func siteServer(dir, base string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		p := r.URL.Path
		if base != "" {
			if p != base && !strings.HasPrefix(p, base+"/") {
				http.NotFound(w, r)
				return
			}
			p = strings.TrimPrefix(p, base)
		}
		p = path.Clean("/" + p)
		if isPiece(p) {
			// A piece's name is the hash of its bytes: it never changes.
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		switch {
		case p == "/":
			p = "/index.html"
		case path.Ext(p) == "":
			if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)+".html")); err == nil && !st.IsDir() {
				p += ".html"
			}
		}
		ct := contentTypes[path.Ext(p)]
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(p))
		}
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		file := filepath.Join(dir, filepath.FromSlash(p))
		// FileServer redirects /index.html to ./; such a file is served itself.
		isIndex := strings.HasSuffix(p, "/index.html")
		w.Header().Add("Vary", "Accept-Encoding")
		if twin, coding := twinFor(r, file); twin != "" {
			w.Header().Set("Content-Encoding", coding)
			p += strings.TrimPrefix(twin, file)
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = p
		if isIndex {
			serveFile(w, r2, filepath.Join(dir, filepath.FromSlash(p)))
			return
		}
		files.ServeHTTP(w, r2)
	})
}

// isPiece reports whether the site path p names a piece of the index.
func isPiece(p string) bool {
	dir, file := path.Split(p)
	return dir == "/web/"+PiecesDir+"/" && index.IsPieceName(file)
}

func serveFile(w http.ResponseWriter, r *http.Request, name string) {
	f, err := os.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}
