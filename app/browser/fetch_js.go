//go:build js && wasm

package browser

import (
	"fmt"
	"strconv"
	"syscall/js"
	"time"
)

// Fetch reads url with fetch and a ReadableStream reader, calling progress
// after each chunk with the bytes read so far and total. When total is not
// positive it is taken from Content-Length (0 if unknown). Network failures
// and non-2xx answers are errors that say which (httpError: a missing
// file wraps fs.ErrNotExist, so that LoadHint can say what to do).
func Fetch(url string, total int64, progress func(done, total int64)) (_ []byte, err error) {
	defer catch("fetch "+url, &err)
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if err := httpError(url, resp); err != nil {
		return nil, err
	}
	if total <= 0 {
		if cl := resp.Get("headers").Call("get", "Content-Length"); cl.Type() == js.TypeString {
			total, _ = strconv.ParseInt(cl.String(), 10, 64)
		}
	}
	buf := make([]byte, 0, max(total, 0))
	body := resp.Get("body")
	if !body.Truthy() {
		ab, err := await(resp.Call("arrayBuffer"))
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", url, err)
		}
		u8 := js.Global().Get("Uint8Array").New(ab)
		buf = make([]byte, u8.Get("length").Int())
		js.CopyBytesToGo(buf, u8)
		progress(int64(len(buf)), int64(len(buf)))
		return buf, nil
	}
	reader := body.Call("getReader")
	for {
		r, err := await(reader.Call("read"))
		if err != nil {
			return nil, fmt.Errorf("fetch %s: after %d bytes: %w", url, len(buf), err)
		}
		if r.Get("done").Bool() {
			break
		}
		v := r.Get("value")
		chunk := make([]byte, v.Get("length").Int())
		js.CopyBytesToGo(chunk, v)
		buf = append(buf, chunk...)
		progress(int64(len(buf)), total)
	}
	return buf, nil
}

// Download offers data as a file called name, through a Blob and a
// temporary <a download> element.
func Download(name, mimeType string, data []byte) (err error) {
	defer catch("download "+name, &err)
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mimeType})
	urlAPI := js.Global().Get("URL")
	href := urlAPI.Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", name)
	a.Set("hidden", true)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	time.AfterFunc(time.Minute, func() { urlAPI.Call("revokeObjectURL", href) })
	return nil
}
