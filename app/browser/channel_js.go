//go:build js && wasm

package browser

import (
	"fmt"
	"syscall/js"
)

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
