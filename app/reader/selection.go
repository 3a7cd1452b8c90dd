package reader

import (
	"time"
	"unicode"

	"github.com/claimtag/claimtag/app/browser"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// cpOffset converts an offset of u16 UTF-16 code units into text to code
// points, clamped to text. A position inside a surrogate pair counts the
// whole character.
func cpOffset(text string, u16 int) int {
	if u16 <= 0 {
		return 0
	}
	n, units := 0, 0
	for _, r := range text {
		if units >= u16 {
			break
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		n++
	}
	return n
}

// span is a code point range [Start, End) of a document's text.
type span struct {
	Start, End int
}

// selectionSpan maps a DOM selection to code points of the document whose
// text is docText, given each passage's text (passageText). Whitespace at
// either end is left out. ok is false for an unknown passage or an empty
// span.
func selectionSpan(sel browser.Selection, docText []rune, passageText func(id string) (string, bool)) (span, bool) {
	from, ok1 := endpointOffset(sel.From, passageText)
	to, ok2 := endpointOffset(sel.To, passageText)
	if !ok1 || !ok2 {
		return span{}, false
	}
	if to < from {
		from, to = to, from
	}
	from, to = max(from, 0), min(to, len(docText))
	for from < to && unicode.IsSpace(docText[from]) {
		from++
	}
	for to > from && unicode.IsSpace(docText[to-1]) {
		to--
	}
	if from >= to {
		return span{}, false
	}
	return span{Start: from, End: to}, true
}

func endpointOffset(e browser.Endpoint, passageText func(string) (string, bool)) (int, bool) {
	t, ok := passageText(e.Passage)
	if !ok {
		return 0, false
	}
	return e.Start + cpOffset(t, e.U16), true
}

// selectionDelay is how long the selection must rest before the page
// reads it: a drag or a touch handle fires selectionchange many times.
const selectionDelay = 120 * time.Millisecond

// listenSelection follows the browser's selection (selectionchange, which
// touch selection fires too, not only mouseup): a selection in the text
// becomes the page's, shown in the legend and kept when a tap on a tag
// button collapses it, so that a tag button tags it.
func (p *Page) listenSelection(ctx app.Context) {
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			ctx.PreventUpdate()
			p.selSeq++
			seq := p.selSeq
			ctx.After(selectionDelay, func(ctx app.Context) {
				if seq != p.selSeq || !p.selectionChanged() {
					ctx.PreventUpdate()
				}
			})
		})
		return nil
	})
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "selectionchange", fn)
	p.stopSelect = func() {
		doc.Call("removeEventListener", "selectionchange", fn)
		fn.Release()
	}
}

// selectionChanged takes the browser's selection as the page's; it
// reports whether anything the page shows changed. A selection that
// collapses is kept (and drawn by the page from then on) until another
// selection, a tag, Esc, a sentence or word key or a click in the text.
func (p *Page) selectionChanged() bool {
	if !p.loaded() {
		return false
	}
	sp, ok, _ := p.selection()
	switch {
	case ok:
		if p.pickNative && p.picked == sp {
			return false
		}
		p.picked, p.keys, p.pickNative, p.shown = sp, nil, true, ""
		return true
	case !browser.HasSelection() && p.pickNative:
		p.pickNative = false
		return true
	}
	return false
}
