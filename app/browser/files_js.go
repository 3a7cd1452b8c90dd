//go:build js && wasm

package browser

import (
	"fmt"
	"syscall/js"
)

// InputFiles returns the files chosen in the <input type="file"> element
// with the given id, then empties the input so that choosing the same file
// again fires another change event. It returns nil when there is no such
// element or nothing was chosen.
func InputFiles(id string) (out []File) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	in := js.Global().Get("document").Call("getElementById", id)
	if !in.Truthy() {
		return nil
	}
	out = fileList(in.Get("files"))
	in.Set("value", "")
	return out
}

// WatchDrops calls onFiles with the files dropped anywhere on the page
// until stop is called. Dropping files then no longer makes the browser
// open them in place of the app.
func WatchDrops(onFiles func([]File)) (stop func()) {
	hasFiles := func(e js.Value) bool {
		dt := e.Get("dataTransfer")
		if !dt.Truthy() {
			return false
		}
		types := dt.Get("types")
		for i := 0; i < types.Length(); i++ {
			if types.Index(i).String() == "Files" {
				return true
			}
		}
		return false
	}
	over := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && hasFiles(args[0]) {
			args[0].Call("preventDefault")
			args[0].Get("dataTransfer").Set("dropEffect", "copy")
		}
		return nil
	})
	drop := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || !hasFiles(args[0]) {
			return nil
		}
		args[0].Call("preventDefault")
		files := fileList(args[0].Get("dataTransfer").Get("files"))
		if len(files) > 0 {
			go onFiles(files)
		}
		return nil
	})
	win := js.Global()
	win.Call("addEventListener", "dragover", over)
	win.Call("addEventListener", "drop", drop)
	return func() {
		win.Call("removeEventListener", "dragover", over)
		win.Call("removeEventListener", "drop", drop)
		over.Release()
		drop.Release()
	}
}

// fileList converts a FileList.
func fileList(list js.Value) []File {
	if !list.Truthy() {
		return nil
	}
	var out []File
	for i := 0; i < list.Length(); i++ {
		f := list.Index(i)
		out = append(out, File{
			Name: f.Get("name").String(),
			Size: int64(f.Get("size").Float()),
			read: func() ([]byte, error) { return readFile(f) },
		})
	}
	return out
}

// readFile reads a File with its arrayBuffer method.
func readFile(f js.Value) (_ []byte, err error) {
	name := f.Get("name").String()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read %s: %v", name, r)
		}
	}()
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: jsError(args[0])}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	f.Call("arrayBuffer").Call("then", ok, fail)
	r := <-ch
	if r.err != nil {
		return nil, fmt.Errorf("read %s: %w", name, r.err)
	}
	u8 := js.Global().Get("Uint8Array").New(r.v)
	buf := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(buf, u8)
	return buf, nil
}
