package chrome

import (
	"github.com/claimtag/claimtag/index"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Piece is a run of text, marked or not.
type Piece struct {
	Text string
	Mark bool
}

// Highlight cuts text at the matched spans (code points, as in index.Hit),
// ignoring spans out of range or overlapping an earlier one.
func Highlight(text string, spans []index.Span) []Piece {
	r := []rune(text)
	var out []Piece
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(r) || s.Start >= s.End {
			continue
		}
		if s.Start > at {
			out = append(out, Piece{Text: string(r[at:s.Start])})
		}
		out = append(out, Piece{Text: string(r[s.Start:s.End]), Mark: true})
		at = s.End
	}
	if at < len(r) {
		out = append(out, Piece{Text: string(r[at:])})
	}
	return out
}

// HitText renders a hit's text with its matched words as <mark> text
// (never HTML).
func HitText(text string, spans []index.Span) app.UI {
	pieces := Highlight(text, spans)
	return app.P().Class("hit-text").Body(app.Range(pieces).Slice(func(i int) app.UI {
		if pieces[i].Mark {
			return app.Mark().Text(pieces[i].Text)
		}
		return app.Text(pieces[i].Text)
	}))
}
