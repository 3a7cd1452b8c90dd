//go:build js && wasm

package browser

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"syscall/js"
)

// FetchPiece reads the piece at url as FetchPieces does.
func FetchPiece(url string) ([]byte, error) {
	out, _, errs := FetchPieces([]string{url})
	return out[0], errs[0]
}

// FetchPieces reads every url whole with fetch, all at once, and unpacks
// the bodies that are gzipped (the index's pieces are stored so; see the
// index package's pieces format) with the browser's DecompressionStream,
// many times faster than Go's gzip in wasm. The work is done by
// FetchPiecesFunc, a function of the page's script (the site appends it to
// go-app's app.js: build/fetch-pieces.js), so that a batch costs one call,
// one promise and one copy, however many urls there are: with a few calls
// per piece from Go, the calls took more of the page's thread than the
// search. A body that does not unpack (damaged, cut short, or a browser
// without DecompressionStream) is handed over as it came: the index
// unpacks it, or says what is wrong with it. checked says of each body
// whether the page found it to be the piece its file name says (its
// SHA-256, natively); the index checks the others itself. A 404 or 410
// answer gives an error wrapping fs.ErrNotExist; other failures say what
// happened.
func FetchPieces(urls []string) (out [][]byte, checked []bool, errs []error) {
	out, checked, errs = make([][]byte, len(urls)), make([]bool, len(urls)), make([]error, len(urls))
	failAll := func(err error) {
		for i, u := range urls {
			if out[i] == nil && errs[i] == nil {
				errs[i] = fmt.Errorf("fetch %s: %w", u, err)
			}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			failAll(fmt.Errorf("%v", r))
		}
	}()
	fn := js.Global().Get(FetchPiecesFunc)
	if fn.Type() != js.TypeFunction {
		failAll(fmt.Errorf("the page has no %s: its app.js is not the one the site build writes", FetchPiecesFunc))
		return out, checked, errs
	}
	list := make([]any, len(urls))
	for i, u := range urls {
		list[i] = u
	}
	res, err := await(fn.Invoke(list))
	if err != nil {
		failAll(err)
		return out, checked, errs
	}
	meta := make([]byte, 12*len(urls))
	if n := js.CopyBytesToGo(meta, res.Get("meta")); n != len(meta) {
		failAll(fmt.Errorf("%s gave %d bytes of sizes, want %d", FetchPiecesFunc, n, len(meta)))
		return out, checked, errs
	}
	jsData := res.Get("data")
	data := make([]byte, jsData.Get("length").Int())
	js.CopyBytesToGo(data, jsData)
	var jsErrs js.Value
	at := 0
	for i, u := range urls {
		size := int(int32(binary.LittleEndian.Uint32(meta[12*i:])))
		status := int(int32(binary.LittleEndian.Uint32(meta[12*i+4:])))
		if size < 0 {
			if jsErrs.IsUndefined() {
				jsErrs = res.Get("errors")
			}
			errs[i] = fetchError(u, status, jsErrs.Index(i).String())
			continue
		}
		if size > len(data)-at {
			errs[i] = fmt.Errorf("fetch %s: %s gave %d bytes, want %d more", u, FetchPiecesFunc, len(data)-at, size)
			continue
		}
		// Each piece gets its own copy, so that the index can drop one
		// without keeping the batch's buffer alive.
		out[i] = bytes.Clone(data[at : at+size : at+size])
		checked[i] = binary.LittleEndian.Uint32(meta[12*i+8:]) == 1
		at += size
	}
	return out, checked, errs
}

// fetchError is the error of a url FetchPieces could not read: its HTTP
// status (0 when fetch itself failed) and what went wrong. A 404 or 410
// wraps fs.ErrNotExist.
func fetchError(url string, status int, msg string) error {
	if status == 404 || status == 410 {
		return fmt.Errorf("fetch %s: HTTP %d: %w", url, status, fs.ErrNotExist)
	}
	return fmt.Errorf("fetch %s: %s", url, msg)
}

// unpack replaces each of bufs (ArrayBuffers) that holds a gzip stream by
// what it unpacks to, all at once, with the page's UnpackPieceFunc; those
// with an error in errs are left alone, and so is a buffer that does not
// unpack (the check against the piece's name then fails).
func unpack(bufs []js.Value, errs []error) {
	fn := js.Global().Get(UnpackPieceFunc)
	if fn.Type() != js.TypeFunction {
		return
	}
	unpacked := make([]any, len(bufs))
	for i, b := range bufs {
		unpacked[i] = js.Null()
		if errs[i] == nil {
			unpacked[i] = fn.Invoke(b)
		}
	}
	vals, uerrs, err := settle(unpacked)
	if err != nil {
		return
	}
	for i, v := range vals {
		if errs[i] == nil && uerrs[i] == nil {
			bufs[i] = v
		}
	}
}

// httpError is the error fetch's answer resp for url stands for, nil if
// it is a success: a 404 or 410 wraps fs.ErrNotExist; other failures give
// the status.
func httpError(url string, resp js.Value) error {
	if st := resp.Get("status").Int(); st == 404 || st == 410 {
		return fmt.Errorf("fetch %s: HTTP %d: %w", url, st, fs.ErrNotExist)
	}
	if !resp.Get("ok").Bool() {
		return fmt.Errorf("fetch %s: HTTP %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	return nil
}

// SavePieces stores every piece in the Cache Storage cache named cache,
// unless it is there already, so that the service worker can serve them
// offline. A piece's URL ends with its name, the first 16 hex digits of
// the SHA-256 of its bytes and ".bin": a piece whose bytes do not match is
// not stored, and counts as an error. The bytes never enter Go's memory.
// Pieces go in batches of saveBatch, each step of a batch one promise, so
// that saving leaves the page and its searches alone between steps.
// yield is called before each batch and may block: the page waits there
// while it needs the network for something the user waits for (a search
// fetching pieces). Each fetch asks for low priority, so that the browser
// sends a search's fetches first. progress is called with the bytes saved
// (or found saved) so far; the first error is returned after every piece
// was tried. Once all are saved, what else the cache holds (an earlier
// build's pieces) is deleted.
func SavePieces(cache string, pieces []CachePiece, yield func(), progress func(done, total int64)) (err error) {
	defer catch("save pieces", &err)
	caches := js.Global().Get("caches")
	if !caches.Truthy() || !js.Global().Get("crypto").Get("subtle").Truthy() {
		return fmt.Errorf("cache storage: %w", ErrUnsupported)
	}
	c, err := await(caches.Call("open", cache))
	if err != nil {
		return fmt.Errorf("open cache %s: %w", cache, err)
	}
	var total, done int64
	for _, p := range pieces {
		total += p.Size
	}
	var first error
	for at := 0; at < len(pieces); at += saveBatch {
		yield()
		batch := pieces[at:min(at+saveBatch, len(pieces))]
		if err := saveBatchOf(c, batch); err != nil && first == nil {
			first = err
		}
		for _, p := range batch {
			done += p.Size
		}
		progress(done, total)
	}
	if first != nil {
		return first
	}
	return prune(c, pieces)
}

// saveBatch is how many pieces SavePieces handles at once: a search that
// starts while a batch is on its way may queue behind that many fetches
// on the browser's few connections to the site.
const saveBatch = 16

// settle waits for every promise and returns each one's value, or its
// error; a null entry stays null.
func settle(promises []any) ([]js.Value, []error, error) {
	all, err := await(js.Global().Get("Promise").Call("allSettled", js.ValueOf(promises)))
	if err != nil {
		return nil, nil, err
	}
	vals, errs := make([]js.Value, len(promises)), make([]error, len(promises))
	for i := range promises {
		s := all.Index(i)
		if s.Get("status").String() == "fulfilled" {
			vals[i] = s.Get("value")
		} else {
			errs[i] = jsError(s.Get("reason"))
		}
	}
	return vals, errs, nil
}

// saveBatchOf stores the pieces of batch that cache c lacks: six promises
// in all, however many they are (match, fetch, read, unpack, hash, store).
func saveBatchOf(c js.Value, batch []CachePiece) (err error) {
	defer catch("save pieces", &err)
	step := func(what string, ps []any) ([]js.Value, []error, error) {
		vals, errs, err := settle(ps)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", what, err)
		}
		return vals, errs, nil
	}
	matches := make([]any, len(batch))
	for i, p := range batch {
		matches[i] = c.Call("match", p.URL)
	}
	hits, _, err := step("look up saved pieces", matches)
	if err != nil {
		return err
	}
	var todo []CachePiece
	for i, p := range batch {
		if hits[i].IsUndefined() || !hits[i].Truthy() {
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// The header tells a server's logs (and the browser tests) that this
	// is the background save, not a search waiting.
	init := js.ValueOf(map[string]any{"headers": map[string]any{SaveHeader: "offline"}, "priority": "low"})
	fetches := make([]any, len(todo))
	for i, p := range todo {
		fetches[i] = js.Global().Call("fetch", p.URL, init)
	}
	resps, errs, err := step("fetch pieces", fetches)
	if err != nil {
		return err
	}
	var first error
	fail := func(i int, err error) {
		if errs[i] == nil {
			errs[i] = err
		}
		if first == nil {
			first = errs[i]
		}
	}
	bodies := make([]any, len(todo))
	for i, p := range todo {
		bodies[i] = js.Null()
		if errs[i] != nil {
			fail(i, fmt.Errorf("fetch %s: %w", p.URL, errs[i]))
			continue
		}
		if err := httpError(p.URL, resps[i]); err != nil {
			fail(i, err)
			continue
		}
		bodies[i] = resps[i].Call("arrayBuffer")
	}
	bufs, berrs, err := step("read pieces", bodies)
	if err != nil {
		return err
	}
	for i, p := range todo {
		if errs[i] == nil && berrs[i] != nil {
			fail(i, fmt.Errorf("fetch %s: %w", p.URL, berrs[i]))
		}
	}
	// A piece's name is the hash of the piece, which its file holds
	// gzipped: the file is stored as it came, the piece is checked.
	pieces := slices.Clone(bufs)
	unpack(pieces, errs)
	subtle := js.Global().Get("crypto").Get("subtle")
	digests := make([]any, len(todo))
	for i := range todo {
		digests[i] = js.Null()
		if errs[i] == nil {
			digests[i] = subtle.Call("digest", "SHA-256", pieces[i])
		}
	}
	sums, derrs, err := step("check pieces", digests)
	if err != nil {
		return err
	}
	u8 := js.Global().Get("Uint8Array")
	headers := map[string]any{"headers": map[string]any{"Content-Type": "application/octet-stream"}}
	puts := make([]any, len(todo))
	for i, p := range todo {
		puts[i] = js.Null()
		if errs[i] != nil {
			continue
		}
		if derrs[i] != nil {
			fail(i, fmt.Errorf("check %s: %w", p.URL, derrs[i]))
			continue
		}
		var sum [8]byte
		js.CopyBytesToGo(sum[:], u8.New(sums[i], 0, 8))
		if name := p.URL[strings.LastIndexByte(p.URL, '/')+1:]; name != hex.EncodeToString(sum[:])+".bin" {
			fail(i, fmt.Errorf("fetch %s: the bytes do not match the name: the piece is damaged", p.URL))
			continue
		}
		puts[i] = c.Call("put", p.URL, js.Global().Get("Response").New(bufs[i], headers))
	}
	_, perrs, err := step("store pieces", puts)
	if err != nil {
		return err
	}
	for i, p := range todo {
		if errs[i] == nil && perrs[i] != nil {
			fail(i, fmt.Errorf("store %s: %w", p.URL, perrs[i]))
		}
	}
	return first
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
