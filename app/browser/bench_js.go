//go:build js && wasm

package browser

import "syscall/js"

// benchQuery is the current window.runQuery, released when replaced.
var benchQuery js.Func

// ServeBench installs the search-engine harness's contract on window
// (shared/bench README, "Engine contract"): runQuery(q) returns a Promise
// of {count, first} that answer settles from a goroutine (the answer may
// wait for the browser, which a js.FuncOf callback must never do), then
// searchInfo is set, searchError removed and, last, searchReady = true.
// Call it when the app can answer; calling it again replaces the answer.
func ServeBench(info BenchInfo, answer func(q string) (BenchAnswer, error)) {
	g := js.Global()
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
		q := g.Call("String", arg0(args)).String()
		var resolve, reject js.Value
		executor := js.FuncOf(func(_ js.Value, a []js.Value) any {
			resolve, reject = a[0], a[1]
			return nil
		})
		p := g.Get("Promise").New(executor)
		executor.Release()
		go func() {
			a, err := answer(q)
			if err != nil {
				reject.Invoke(g.Get("Error").New(err.Error()))
				return
			}
			first := js.Null()
			if a.First != "" {
				first = js.ValueOf(a.First)
			}
			res := g.Get("Object").New()
			res.Set("count", a.Count)
			res.Set("first", first)
			resolve.Invoke(res)
		}()
		return p
	})
	g.Set("runQuery", fn)
	if benchQuery.Truthy() {
		benchQuery.Release()
	}
	benchQuery = fn
	g.Set("searchInfo", js.ValueOf(map[string]any(info)))
	g.Delete("searchError")
	// A plain assignment: the harness traps it to time readiness.
	g.Set("searchReady", true)
}

// BenchFailed tells the harness that the app cannot answer: it sets
// window.searchError to msg.
func BenchFailed(msg string) { js.Global().Set("searchError", msg) }
