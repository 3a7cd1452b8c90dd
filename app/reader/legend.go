package reader

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/claimtag/claimtag/app/annotation"
	"github.com/claimtag/claimtag/app/chrome"
	"github.com/claimtag/claimtag/app/workspace"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderLegend is the bar that stays in view above the text: the tag
// buttons with their counts, the number of annotations (a button to the
// list), undo and redo, the query's matches, and the status line.
func (p *Page) renderLegend(s *chrome.Session, placed, lost []workspace.Item) app.UI {
	counts := map[annotation.Tag]int{}
	for _, group := range [][]workspace.Item{placed, lost} {
		for _, a := range group {
			counts[a.Tag]++
		}
	}
	total := len(placed) + len(lost)
	return app.Div().ID("legend").Class("legend").Body(
		app.Div().Class("legend-row").Body(
			app.Range(annotation.Tags()).Slice(func(i int) app.UI {
				t := annotation.Tags()[i]
				return app.Button().Class("tag-btn").DataSet("tag", string(t)).DataSet("count", counts[t]).
					Title(fmt.Sprintf("Tag the selection or sentence as %s (%s); %s in this document", t, t.Key(), chrome.Count(counts[t], string(t)+" annotation", string(t)+" annotations"))).
					OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
					OnClick(func(ctx app.Context, e app.Event) {
						p.tag(ctx, annotation.Tag(ctx.JSSrc().Get("dataset").Get("tag").String()))
					}).
					Body(
						app.Kbd().Text(t.Key()),
						app.Text(" "+string(t)+" "),
						app.Span().Class("count").Text(counts[t]),
					)
			}),
			app.Button().ID("ann-count").Title("Go to the list of this document's annotations").
				OnClick(func(ctx app.Context, e app.Event) { p.focusElement("#ann-list", "start") }).
				Text(chrome.Count(total, "annotation", "annotations")),
			app.Button().ID("undo").Text("Undo").Title("Undo the last change in this document (Ctrl+Z)").Disabled(!s.WS.CanUndo(p.id)).
				OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Undo(p.id)) }),
			app.Button().ID("redo").Text("Redo").Title("Redo in this document (Ctrl+Shift+Z)").Disabled(!s.WS.CanRedo(p.id)).
				OnClick(func(ctx app.Context, e app.Event) { p.travel(ctx, p.Session().WS.Redo(p.id)) }),
		),
		p.renderMatchNav(),
		app.P().ID("reader-status").Class("readout").Role("status").Aria("live", "polite").Text(p.readout()),
	)
}

// renderMatchNav shows where the reader is among the query's matches,
// with buttons to step through them and one to stop showing them.
func (p *Page) renderMatchNav() app.UI {
	if p.q == "" {
		return app.Div().ID("matches").Hidden(true)
	}
	label := matchLabel(p.q, p.matchAt, len(p.matches))
	switch {
	case p.matchErr != "":
		label = "The search “" + p.q + "” cannot be shown here: " + p.matchErr
	case !p.matchReady:
		label = "Finding “" + p.q + "”…"
	}
	none := len(p.matches) == 0
	step := func(delta int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			p.shown = ""
			p.stepMatch(ctx, delta)
		}
	}
	return app.Div().ID("matches").Class("match-nav").DataSet("count", len(p.matches)).DataSet("at", p.matchAt).Body(
		app.Span().ID("match-count").Aria("live", "polite").Text(label),
		app.Button().ID("match-prev").Aria("label", "Previous match (M)").Title("Previous match (M)").Disabled(none).OnClick(step(-1)).
			Body(app.Span().Aria("hidden", "true").Text("‹"), app.Span().Class("wide-only").Text(" Previous")),
		app.Button().ID("match-next").Aria("label", "Next match (m)").Title("Next match (m)").Disabled(none).OnClick(step(1)).
			Body(app.Span().Class("wide-only").Text("Next "), app.Span().Aria("hidden", "true").Text("›")),
		app.A().ID("match-clear").Href(chrome.Link(chrome.DocURL(p.id, p.target, ""))).Title("Stop highlighting the search").Text("Clear"),
	)
}

// readout says what the keys act on now, and what the last key showed:
// the legend's status line, which a screen reader announces.
func (p *Page) readout() string {
	s := p.Session()
	describe := func(id string) (annotation.Tag, string, bool) {
		it, ok := s.WS.Get(id)
		return it.Tag, shorten(it.Anchor.Exact, 80), ok
	}
	switch {
	case p.shown != "":
		return p.shown
	case p.hasPick():
		text := string(p.runes[p.picked.Start:p.picked.End])
		return fmt.Sprintf("Selected “%s” (%s): 1–4 tag it; l / h select the next / previous word, L / H move its end; Esc clears it.",
			shorten(text, 80), chrome.Count(len(passageWords(workspace.Passage{Start: p.picked.Start, Text: text})), "word", "words"))
	}
	if id := p.focusedMark; id != "" {
		if t, q, ok := describe(id); ok {
			return fmt.Sprintf("%s annotation “%s”: Enter opens it; 1–4 retag it, n writes a note, x removes it.", capital(string(t)), q)
		}
	}
	if t, q, ok := describe(p.focusAnn); ok {
		return fmt.Sprintf("Open: %s annotation “%s”: 1–4 retag it, n writes a note, x removes it, Esc closes it.", string(t), q)
	}
	if p.focusSent >= 0 && p.focusSent < len(p.sents) {
		return fmt.Sprintf("Sentence %d of %d: 1–4 tag it; l / h select a word in it.", p.focusSent+1, len(p.sents))
	}
	return "Select text, or press j to pick a sentence, then 1–4 to tag it. Tab goes from annotation to annotation."
}

// capital returns s with its first letter in upper case.
func capital(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}
