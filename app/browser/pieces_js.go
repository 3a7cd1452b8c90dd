//go:build js && wasm

package browser

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"syscall/js"
)

// FetchBytes reads url whole with fetch. A 404 or 410 answer gives an
// error wrapping fs.ErrNotExist; other failures say what happened.
func FetchBytes(url string) (_ []byte, err error) {
	defer catch("fetch "+url, &err)
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if st := resp.Get("status").Int(); st == 404 || st == 410 {
		return nil, fmt.Errorf("fetch %s: HTTP %d: %w", url, st, fs.ErrNotExist)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("fetch %s: HTTP %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	ab, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	u8 := js.Global().Get("Uint8Array").New(ab)
	buf := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(buf, u8)
	return buf, nil
}

// SavePieces stores every piece in the Cache Storage cache named cache,
// unless it is there already, so that the service worker can serve them
// offline. A piece's URL ends with its name, the first 16 hex digits of
// the SHA-256 of its bytes and ".bin": a piece whose bytes do not match is
// not stored, and counts as an error. The bytes never enter Go's memory.
// progress is called with the bytes saved (or found saved) so far; the
// first error is returned after every piece was tried. Once all are saved,
// what else the cache holds (an earlier build's pieces) is deleted.
func SavePieces(cache string, pieces []CachePiece, progress func(done, total int64)) (err error) {
	defer catch("save pieces", &err)
	caches := js.Global().Get("caches")
	if !caches.Truthy() || !js.Global().Get("crypto").Get("subtle").Truthy() {
		return fmt.Errorf("cache storage: %w", ErrUnsupported)
	}
	c, err := await(caches.Call("open", cache))
	if err != nil {
		return fmt.Errorf("open cache %s: %w", cache, err)
	}
	var total int64
	for _, p := range pieces {
		total += p.Size
	}
	var (
		mu    sync.Mutex
		done  int64
		first error
		wg    sync.WaitGroup
	)
	sem := make(chan struct{}, 4)
	for _, p := range pieces {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			err := savePiece(c, p.URL)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			done += p.Size
			progress(done, total)
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return prune(c, pieces)
}

// prune deletes from cache c what is not among pieces: the pieces of an
// earlier build, which no manifest names any more.
func prune(c js.Value, pieces []CachePiece) error {
	keep := make(map[string]bool, len(pieces))
	for _, p := range pieces {
		keep[js.Global().Get("URL").New(p.URL, js.Global().Get("location").Get("href")).Get("href").String()] = true
	}
	keys, err := await(c.Call("keys"))
	if err != nil {
		return fmt.Errorf("list the saved pieces: %w", err)
	}
	for i := 0; i < keys.Length(); i++ {
		if req := keys.Index(i); !keep[req.Get("url").String()] {
			if _, err := await(c.Call("delete", req)); err != nil {
				return fmt.Errorf("drop %s: %w", req.Get("url").String(), err)
			}
		}
	}
	return nil
}

// savePiece stores one piece in cache c unless it is there.
func savePiece(c js.Value, url string) (err error) {
	defer catch("save "+url, &err)
	if hit, err := await(c.Call("match", url)); err == nil && hit.Truthy() {
		return nil
	}
	// The header tells a server's logs (and the browser tests) that this
	// is the background save, not a search waiting.
	init := map[string]any{"headers": map[string]any{SaveHeader: "offline"}}
	resp, err := await(js.Global().Call("fetch", url, init))
	if err != nil {
		return fmt.Errorf("fetch %s: %w", url, err)
	}
	if !resp.Get("ok").Bool() {
		return fmt.Errorf("fetch %s: HTTP %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	body, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return fmt.Errorf("fetch %s: %w", url, err)
	}
	digest, err := await(js.Global().Get("crypto").Get("subtle").Call("digest", "SHA-256", body))
	if err != nil {
		return fmt.Errorf("check %s: %w", url, err)
	}
	sum := js.Global().Get("Uint8Array").New(digest)
	var hex strings.Builder
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&hex, "%02x", sum.Index(i).Int())
	}
	if name := url[strings.LastIndexByte(url, '/')+1:]; name != hex.String()+".bin" {
		return fmt.Errorf("fetch %s: the bytes do not match the name: the piece is damaged", url)
	}
	headers := map[string]any{"Content-Type": "application/octet-stream"}
	stored := js.Global().Get("Response").New(body, map[string]any{"headers": headers})
	if _, err := await(c.Call("put", url, stored)); err != nil {
		return fmt.Errorf("store %s: %w", url, err)
	}
	return nil
}
