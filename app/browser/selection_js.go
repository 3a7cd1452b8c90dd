//go:build js && wasm

package browser

import (
	"strconv"
	"syscall/js"
	"unicode/utf16"
)

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

// HasSelection reports whether the page has a non-empty text selection,
// wherever it lies.
func HasSelection() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	s := js.Global().Call("getSelection")
	return s.Truthy() && !s.Get("isCollapsed").Bool() && s.Get("rangeCount").Int() > 0
}
