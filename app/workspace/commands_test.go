package workspace

import (
	"errors"
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/annotation"
)

const (
	claim   = "Revenue grew 12% to RMB 2.1 billion, driven by AI customers."
	margin  = "Gross margin was 15%."
	outlook = "Management expects margins to improve in the second half."
	intro   = "Kingsoft Cloud reported its first quarter on 20 May."
)

// v1 is the corpus the edit tests tag: a report and a memo.
func v1() *fakeCorpus {
	return newCorpus("fp-1",
		[]string{"report", intro, claim + " " + margin, outlook},
		[]string{"memo", "The memo says " + outlook},
	)
}

// op is one user action of an edit sequence.
type op struct {
	do    string // tag, retag, untag, note, evidence, delete, end, undo, redo, creator, confirm
	doc   string // default "report"
	quote string // the span acted on (and the annotation on it)
	tag   annotation.Tag
	text  string
	span  *Span  // a raw span instead of quote
	msg   string // in the Outcome's message
	err   error
}

func TestEditSequences(t *testing.T) {
	tests := []struct {
		name    string
		ops     []op
		want    string // summary of the report
		memo    string // summary of the memo
		canUndo bool
		canRedo bool
	}{
		{name: "tag, undo, redo, tag again keeps one annotation with the last tag",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact, msg: "Tagged “Revenue grew"},
				{do: "undo", msg: "Undid tagging “Revenue grew"}, {do: "redo", msg: "Redid tagging"},
				{do: "tag", quote: claim, tag: annotation.Forecast, msg: "You had already tagged “Revenue grew 12% to RMB 2.1 billion, driven by…” as fact: retagged it as forecast."}},
			want: claim + "=forecast", canUndo: true},
		{name: "the same tag twice on a span says so and adds nothing",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "tag", quote: claim, tag: annotation.Fact, msg: "You already tagged"},
				{do: "undo"}},
			want: "", canRedo: true},
		{name: "overlapping spans are separate annotations",
			ops:  []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "tag", quote: "Revenue grew 12%", tag: annotation.Opinion}},
			want: claim + "=fact | Revenue grew 12%=opinion", canUndo: true},
		{name: "another user's tag on the same span is kept apart",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "creator", text: "Bob"},
				{do: "tag", quote: claim, tag: annotation.Opinion, msg: "Tagged"}},
			want: claim + "=fact | " + claim + "=opinion", canUndo: true},
		{name: "typing a note is one undo step",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "c"},
				{do: "note", quote: claim, text: "ch"}, {do: "note", quote: claim, text: "check Q2"},
				{do: "undo", msg: "Undid editing the note of “Revenue grew"}},
			want: claim + "=fact", canUndo: true, canRedo: true},
		{name: "undoing the note then the tag leaves nothing",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "c"},
				{do: "note", quote: claim, text: "check"}, {do: "undo"}, {do: "undo"}},
			want: "", canRedo: true},
		{name: "a note typed after leaving the field is a new step",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "first"}, {do: "end"},
				{do: "note", quote: claim, text: "first and second"}, {do: "undo"}},
			want: claim + "=fact:first", canUndo: true, canRedo: true},
		{name: "leaving the field trims the note in the same step",
			ops:  []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "  see p. 3 "}, {do: "end"}},
			want: claim + "=fact:see p. 3", canUndo: true},
		{name: "another command ends the typing session",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "a"},
				{do: "retag", quote: claim, tag: annotation.Opinion}, {do: "note", quote: claim, text: "ab"}, {do: "undo"}, {do: "undo"}},
			want: claim + "=fact:a", canUndo: true, canRedo: true},
		{name: "a selection past the end of the text changes nothing",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact},
				{do: "tag", span: &Span{Doc: "report", Start: 150, End: 9999}, tag: annotation.Opinion, err: ErrOutsideText}},
			want: claim + "=fact", canUndo: true},
		{name: "an empty selection changes nothing",
			ops:  []op{{do: "tag", span: &Span{Doc: "report", Start: 5, End: 5}, tag: annotation.Opinion, err: ErrOutsideText}},
			want: ""},
		{name: "a document not open cannot be tagged",
			ops:  []op{{do: "tag", span: &Span{Doc: "nowhere", Start: 0, End: 3}, tag: annotation.Fact, err: ErrNotOpen}},
			want: ""},
		{name: "tagging needs a name",
			ops:  []op{{do: "creator", text: ""}, {do: "tag", quote: claim, tag: annotation.Fact, err: ErrNoCreator}},
			want: ""},
		{name: "an unknown tag is refused",
			ops:  []op{{do: "tag", quote: claim, tag: "rumour", err: annotation.ErrInvalidTag}},
			want: ""},
		{name: "retag then undo restores the old tag",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "retag", quote: claim, tag: annotation.Unverified, msg: "Retagged"},
				{do: "undo", msg: "Undid retagging"}},
			want: claim + "=fact", canUndo: true, canRedo: true},
		{name: "untag removes the user's tag on the selection, undo brings it back",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "untag", quote: claim, msg: "Untagged “Revenue grew"},
				{do: "untag", quote: claim, msg: "You have not tagged exactly this text."}, {do: "undo"}},
			want: claim + "=fact", canUndo: true, canRedo: true},
		{name: "delete removes the annotation and its note, undo brings both back",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "note", quote: claim, text: "keep me"},
				{do: "delete", quote: claim, msg: "Removed the fact on"}, {do: "undo", msg: "Undid removing the fact"}},
			want: claim + "=fact:keep me", canUndo: true, canRedo: true},
		{name: "a new edit drops what could be redone",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "undo"}, {do: "tag", quote: margin, tag: annotation.Fact},
				{do: "redo", msg: "Nothing to redo in this document."}},
			want: margin + "=fact", canUndo: true},
		{name: "undo is per document and says where the other changes are",
			ops: []op{{do: "tag", quote: claim, tag: annotation.Fact}, {do: "tag", doc: "memo", quote: outlook, tag: annotation.Forecast},
				{do: "undo", msg: "Undid tagging “Revenue"}, {do: "undo", msg: "Nothing to undo in this document. Undo and redo work per document: 1 change in other documents can be undone there."}},
			want: "", memo: outlook + "=forecast", canRedo: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := v1()
			w := New(c, Options{Creator: "Ada", Now: newClock().Now})
			openAll(t, w)
			for i, o := range tt.ops {
				doc := o.doc
				if doc == "" {
					doc = "report"
				}
				sp := Span{}
				if o.span != nil {
					sp = *o.span
				} else if o.quote != "" {
					sp = c.span(t, doc, o.quote)
				}
				id := func() string { return find(t, w, doc, o.quote) }
				var out Outcome
				var err error
				switch o.do {
				case "tag":
					out, err = w.Tag(sp, o.tag)
				case "retag":
					out, err = w.Retag(id(), o.tag)
				case "untag":
					out, err = w.Untag(sp)
				case "note":
					out, err = w.Note(id(), o.text)
				case "evidence":
					out, err = w.Evidence(id(), o.text)
				case "delete":
					out, err = w.Delete(id())
				case "end":
					w.EndEdit()
				case "undo":
					out = w.Undo(doc)
				case "redo":
					out = w.Redo(doc)
				case "creator":
					w.SetCreator(o.text)
				default:
					t.Fatalf("unknown op %q", o.do)
				}
				if o.err != nil {
					if !errors.Is(err, o.err) {
						t.Fatalf("op %d (%s): got error %v, want %v", i, o.do, err, o.err)
					}
				} else if err != nil {
					t.Fatalf("op %d (%s): got error %v", i, o.do, err)
				}
				if !strings.Contains(out.Message, o.msg) {
					t.Errorf("op %d (%s): got message %q, want %q", i, o.do, out.Message, o.msg)
				}
			}
			if got := summary(w, "report"); got != tt.want {
				t.Errorf("got report\n  %s\nwant\n  %s", got, tt.want)
			}
			if got := summary(w, "memo"); got != tt.memo {
				t.Errorf("got memo %q, want %q", got, tt.memo)
			}
			if got := w.CanUndo("report"); got != tt.canUndo {
				t.Errorf("got CanUndo %v, want %v", got, tt.canUndo)
			}
			if got := w.CanRedo("report"); got != tt.canRedo {
				t.Errorf("got CanRedo %v, want %v", got, tt.canRedo)
			}
		})
	}
}

func TestTypingAsksForTheTypingDelay(t *testing.T) {
	c := v1()
	sink := &sinkLog{}
	w := New(c, Options{Creator: "Ada", Sink: sink, Now: newClock().Now})
	openAll(t, w)
	out, err := w.Tag(c.span(t, "report", claim), annotation.Fact)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"n", "no", "not"} {
		if _, err := w.Note(out.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	w.EndEdit()
	want := []string{"0s", "300ms", "300ms", "300ms"}
	var got []string
	for _, d := range sink.delays {
		got = append(got, d.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got delays %v, want %v", got, want)
	}
	r, err := DecodeRecord(sink.puts[out.ID])
	if err != nil || r.Note != "not" || r.Corpus != "fp-1" {
		t.Errorf("got stored %+v, %v, want the note and the fingerprint", r, err)
	}
}

func TestUndoDoesNotDropAnotherTabsEdit(t *testing.T) {
	c := v1()
	a := New(c, Options{Creator: "Ada", Tab: "a", Now: newClock().Now})
	openAll(t, a)
	out, _ := a.Tag(c.span(t, "report", claim), annotation.Fact)
	a.EndEdit()
	// Another tab retags it; its record arrives here.
	r, _ := DecodeRecord(mustEncode(t, a, out.ID))
	r.Tag, r.Stamps.Tag, r.Base.Tag = annotation.Opinion, Stamp{T: r.Stamps.Tag.T + 10_000, Tab: "b"}, r.Stamps.Tag
	b, _ := r.Encode()
	if _, err := a.Remote(out.ID, b, Stamp{}); err != nil {
		t.Fatal(err)
	}
	got := a.Undo("report")
	if got.Changed || !strings.Contains(got.Message, "changed in another tab") {
		t.Errorf("got %+v, want a refusal naming the other tab", got)
	}
	if s := summary(a, "report"); s != claim+"=opinion" {
		t.Errorf("got %q, want the other tab's opinion kept", s)
	}
}

func mustEncode(tb testing.TB, w *Workspace, id string) []byte {
	tb.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	b, err := w.recs[id].Encode()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
