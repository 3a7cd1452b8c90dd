//go:build js && wasm

package browser

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"syscall/js"
	"time"
	"unicode/utf16"

	"github.com/hack-pad/go-indexeddb/idb"
)

// objectStore is the IndexedDB object store holding the records.
const objectStore = "annotations"

// catch turns a panic of a JS call into an error.
func catch(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %v", what, r)
	}
}

// await waits for a promise; a rejection becomes an error.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: arg0(args)}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: jsError(arg0(args))}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// jsError describes a thrown JS value (an Error, a DOMException or anything).
func jsError(v js.Value) error {
	if v.Type() == js.TypeObject {
		name, msg := v.Get("name"), v.Get("message")
		if msg.Type() == js.TypeString {
			if name.Type() == js.TypeString {
				return errors.New(name.String() + ": " + msg.String())
			}
			return errors.New(msg.String())
		}
	}
	return errors.New(v.String())
}

type idbStore struct{ db *idb.Database }

// OpenIndexedDB opens (creating it if needed) the IndexedDB database name
// with one object store of records keyed by id. It fails when the browser
// has no IndexedDB or refuses it (some private modes, disabled storage).
func OpenIndexedDB(name string) (_ Store, err error) {
	defer catch("open indexeddb "+name, &err)
	if !js.Global().Get("indexedDB").Truthy() {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, ErrUnsupported)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := idb.Global().Open(ctx, name, 1, func(db *idb.Database, oldVersion, newVersion uint) error {
		_, err := db.CreateObjectStore(objectStore, idb.ObjectStoreOptions{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, err)
	}
	db, err := req.Await(ctx)
	if err != nil {
		return nil, fmt.Errorf("open indexeddb %s: %w", name, err)
	}
	return &idbStore{db: db}, nil
}

func (s *idbStore) write(ctx context.Context, what string, do func(*idb.ObjectStore) error) (err error) {
	defer catch(what, &err)
	txn, err := s.db.Transaction(idb.TransactionReadWrite, objectStore)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	st, err := txn.ObjectStore(objectStore)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := do(st); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := txn.Await(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (s *idbStore) Put(ctx context.Context, id string, record []byte) error {
	return s.write(ctx, "put "+id, func(st *idb.ObjectStore) error {
		_, err := st.PutKey(js.ValueOf(id), js.ValueOf(string(record)))
		return err
	})
}

func (s *idbStore) Delete(ctx context.Context, id string) error {
	return s.write(ctx, "delete "+id, func(st *idb.ObjectStore) error {
		_, err := st.Delete(js.ValueOf(id))
		return err
	})
}

func (s *idbStore) All(ctx context.Context) (_ map[string][]byte, err error) {
	defer catch("read all", &err)
	txn, err := s.db.Transaction(idb.TransactionReadOnly, objectStore)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	st, err := txn.ObjectStore(objectStore)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	req, err := st.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	out := map[string][]byte{}
	err = req.Iter(ctx, func(c *idb.CursorWithValue) error {
		k, err := c.Key()
		if err != nil {
			return err
		}
		v, err := c.Value()
		if err != nil {
			return err
		}
		if v.Type() == js.TypeString {
			out[k.String()] = []byte(v.String())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all: %w", err)
	}
	return out, nil
}

// Fetch reads url with fetch and a ReadableStream reader, calling progress
// after each chunk with the bytes read so far and total. When total is not
// positive it is taken from Content-Length (0 if unknown). Network failures
// and non-2xx answers are errors that say which.
func Fetch(url string, total int64, progress func(done, total int64)) (_ []byte, err error) {
	defer catch("fetch "+url, &err)
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("fetch %s: HTTP %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
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

// CurrentSelection returns the page's text selection when it is not empty
// and both its ends lie inside passage elements.
func CurrentSelection() (sel Selection, ok bool) {
	defer func() {
		if recover() != nil {
			sel, ok = Selection{}, false
		}
	}()
	s := js.Global().Call("getSelection")
	if !s.Truthy() || s.Get("isCollapsed").Bool() || s.Get("rangeCount").Int() == 0 {
		return Selection{}, false
	}
	r := s.Call("getRangeAt", 0)
	from, ok1 := endpoint(r.Get("startContainer"), r.Get("startOffset").Int())
	to, ok2 := endpoint(r.Get("endContainer"), r.Get("endOffset").Int())
	if !ok1 || !ok2 {
		return Selection{}, false
	}
	return Selection{From: from, To: to}, true
}

// endpoint locates a DOM position in its passage element.
func endpoint(node js.Value, offset int) (Endpoint, bool) {
	el := node
	if node.Get("nodeType").Int() != 1 {
		el = node.Get("parentElement")
	}
	if !el.Truthy() {
		return Endpoint{}, false
	}
	p := el.Call("closest", "[data-passage]")
	if !p.Truthy() {
		return Endpoint{}, false
	}
	start, err := strconv.Atoi(p.Call("getAttribute", "data-start").String())
	if err != nil {
		return Endpoint{}, false
	}
	r := js.Global().Get("document").Call("createRange")
	r.Call("setStart", p, 0)
	r.Call("setEnd", node, offset)
	return Endpoint{
		Passage: p.Call("getAttribute", "data-passage").String(),
		Start:   start,
		// toString gives a string primitive, which has no properties for
		// syscall/js (Get would panic): count its UTF-16 units in Go.
		U16: utf16Len(r.Call("toString").String()),
	}, true
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// ClearSelection empties the page's text selection.
func ClearSelection() {
	if s := js.Global().Call("getSelection"); s.Truthy() {
		s.Call("removeAllRanges")
	}
}

// Channel is an open BroadcastChannel.
type Channel struct {
	v  js.Value
	fn js.Func
}

// OpenChannel opens the BroadcastChannel name and calls receive, in its own
// goroutine, with every string message another tab posts.
func OpenChannel(name string, receive func(msg string)) (_ *Channel, err error) {
	defer catch("broadcast channel "+name, &err)
	ctor := js.Global().Get("BroadcastChannel")
	if !ctor.Truthy() {
		return nil, fmt.Errorf("broadcast channel %s: %w", name, ErrUnsupported)
	}
	c := &Channel{v: ctor.New(name)}
	c.fn = js.FuncOf(func(_ js.Value, args []js.Value) any {
		if d := arg0(args).Get("data"); d.Type() == js.TypeString {
			go receive(d.String())
		}
		return nil
	})
	c.v.Set("onmessage", c.fn)
	return c, nil
}

// Post sends msg to the other tabs. A nil Channel posts nothing.
func (c *Channel) Post(msg string) {
	if c == nil {
		return
	}
	defer func() { recover() }()
	c.v.Call("postMessage", msg)
}
