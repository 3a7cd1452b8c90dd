package chrome

import (
	"strings"
	"testing"
	"time"

	"github.com/claimtag/claimtag/app/internal/apptest"
	"github.com/claimtag/claimtag/app/storage"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"
)

func TestWrapFocus(t *testing.T) {
	tests := []struct {
		name     string
		n, cur   int
		back     bool
		next     int
		wrapping bool
	}{
		{"Tab on the last control goes to the first", 3, 2, false, 0, true},
		{"Shift+Tab on the first goes to the last", 3, 0, true, 2, true},
		{"Tab in the middle is the browser's", 3, 1, false, 0, false},
		{"Shift+Tab in the middle is the browser's", 3, 2, true, 0, false},
		{"Tab from the dialog itself goes to the first", 3, -1, false, 0, true},
		{"Shift+Tab from the dialog itself goes to the last", 3, -1, true, 2, true},
		{"one control keeps the focus on Tab", 1, 0, false, 0, true},
		{"one control keeps the focus on Shift+Tab", 1, 0, true, 0, true},
		{"nothing focusable keeps the focus where it is", 0, -1, false, -1, true},
		{"a stale index counts as outside", 2, 5, false, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, wrap := wrapFocus(tt.n, tt.cur, tt.back)
			if wrap != tt.wrapping || (wrap && next != tt.next) {
				t.Errorf("wrapFocus(%d, %d, %v) = %d, %v; want %d, %v", tt.n, tt.cur, tt.back, next, wrap, tt.next, tt.wrapping)
			}
		})
	}
}

func TestLiveLog(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	type say struct {
		text  string
		after time.Duration
	}
	tests := []struct {
		name string
		says []say
		want []string
	}{
		{"a first message is the region", []say{{"Tagged as fact.", 0}}, []string{"Tagged as fact."}},
		{"a message soon after another is added, to be read alone",
			[]say{{"Tagged as fact.", 0}, {"Saved.", time.Second}}, []string{"Tagged as fact.", "Saved."}},
		{"after a quiet spell the region starts over",
			[]say{{"Tagged as fact.", 0}, {"Saved.", time.Second}, {"Removed.", 10 * time.Second}}, []string{"Removed."}},
		{"the same words after a quiet spell still change the text",
			[]say{{"Saved.", 0}, {"Saved.", 10 * time.Second}}, []string{"Saved.\u00a0"}},
		{"and again the next time", []say{{"Saved.", 0}, {"Saved.", 10 * time.Second}, {"Saved.", 20 * time.Second}},
			[]string{"Saved."}},
		{"nothing to say changes nothing", []say{{"Saved.", 0}, {"", time.Second}}, []string{"Saved."}},
		{"a burst is bounded", []say{{"1", 0}, {"2", 1}, {"3", 2}, {"4", 3}, {"5", 4}, {"6", 5}, {"7", 6}, {"8", 7}, {"9", 8}},
			[]string{"9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l liveLog
			for _, s := range tt.says {
				l.add(s.text, t0.Add(s.after))
			}
			if strings.Join(l.items, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", l.items, tt.want)
			}
		})
	}
}

func TestSaveWatch(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	saving := storage.Status{State: storage.Saving, Unsaved: 1}
	saved := storage.Status{State: storage.Saved, At: t0}
	full := storage.Status{State: storage.Failed, Cause: "The quota has been exceeded", Unsaved: 2}
	type news struct {
		text      string
		assertive bool
	}
	type change struct {
		st    storage.Status
		after time.Duration
		want  news
	}
	tests := []struct {
		name    string
		what    string
		changes []change
	}{
		{"a save is said politely, saving is not", "Your annotations", []change{
			{saving, 0, news{}}, {saved, time.Second, news{"Saved.", false}}}},
		{"saves soon after are not said, one a while later is", "Your annotations", []change{
			{saving, 0, news{}}, {saved, time.Second, news{"Saved.", false}},
			{saving, 5 * time.Second, news{}}, {saved, 6 * time.Second, news{}},
			{saving, time.Minute, news{}}, {saved, time.Minute + time.Second, news{"Saved.", false}}}},
		{"a failure interrupts, with the reason and what is kept, once", "Your annotations", []change{
			{saving, 0, news{}},
			{full, time.Second, news{"Your annotations could not be saved: The quota has been exceeded. 2 changes are kept in this tab; export them or try again.", true}},
			{storage.Status{State: storage.Failed, Cause: "The quota has been exceeded", Unsaved: 3}, 2 * time.Second, news{}}}},
		{"a recovery is said even through saving and soon after a save", "Your annotations", []change{
			{saving, 0, news{}}, {saved, time.Second, news{"Saved.", false}},
			{full, 2 * time.Second, news{"Your annotations could not be saved: The quota has been exceeded. 2 changes are kept in this tab; export them or try again.", true}},
			{saving, 3 * time.Second, news{}}, {saved, 4 * time.Second, news{"Saved again.", false}}}},
		{"the review's failure names it and counts one change", "The review", []change{
			{storage.Status{State: storage.Failed, Cause: "UnknownError", Unsaved: 1}, 0,
				news{"The review could not be saved: UnknownError. 1 change is kept in this tab; export them or try again.", true}}}},
		{"idle is not news", "Your annotations", []change{{storage.Status{State: storage.Idle}, 0, news{}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &saveWatch{what: tt.what}
			for i, c := range tt.changes {
				text, assertive := w.news(c.st, t0.Add(c.after))
				if got := (news{text, assertive}); got != c.want {
					t.Errorf("change %d to %s: got %+v, want %+v", i, c.st.State, got, c.want)
				}
			}
		})
	}
}

// framed is a page in the frame, natively: no session, so the loading
// screen shows.
type framed struct {
	app.Compo
	Page
	dialog string
}

func (f *framed) OnInit() { f.Page.dialog = f.dialog }
func (f *framed) Render() app.UI {
	return f.Frame("", &Title{IText: "Review"}, app.P().Text("body"))
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func tagged(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func renderFrame(t *testing.T, dialog string) *html.Node {
	t.Helper()
	out := apptest.Render(t, &framed{dialog: dialog})
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFrameLandmarksAndOneH1(t *testing.T) {
	doc := renderFrame(t, "")
	for _, tt := range []struct {
		name string
		want int
	}{{"h1", 1}, {"header", 1}, {"nav", 1}, {"main", 1}, {"footer", 1}, {"dialog", 0}} {
		if got := len(apptest.Elements(doc, tagged(tt.name))); got != tt.want {
			t.Errorf("got %d <%s>, want %d", got, tt.name, tt.want)
		}
	}
	if nav := apptest.Elements(doc, tagged("nav")); len(nav) == 1 && apptest.Attr(nav[0], "aria-label") == "" {
		t.Error("got the navigation without a label, want one")
	}
	if m := apptest.Elements(doc, tagged("main")); len(m) == 1 && apptest.Attr(m[0], "id") != "main" {
		t.Errorf("got main's id %q, want main (the skip link's target)", apptest.Attr(m[0], "id"))
	}
	if a := apptest.Elements(doc, func(n *html.Node) bool { return apptest.Attr(n, "id") == "skip-link" }); len(a) != 1 || !strings.HasSuffix(apptest.Attr(a[0], "href"), "#main") {
		t.Error("got no skip link to #main, want one first in the page")
	}
	for id, live := range map[string]string{"announce-polite": "polite", "announce-assertive": "assertive"} {
		r := apptest.Elements(doc, func(n *html.Node) bool { return apptest.Attr(n, "id") == id })
		if len(r) != 1 || apptest.Attr(r[0], "aria-live") != live {
			t.Errorf("got %d #%s, want one with aria-live=%s", len(r), id, live)
		}
	}
	if got := TabTitle("Review"); got != "Review · claimtag" {
		t.Errorf("got tab title %q", got)
	}
}

func TestFrameDialogsAreLabelledModals(t *testing.T) {
	for _, id := range []string{helpDialog, nameDialog} {
		t.Run(id, func(t *testing.T) {
			doc := renderFrame(t, id)
			ds := apptest.Elements(doc, tagged("dialog"))
			if len(ds) != 1 {
				t.Fatalf("got %d dialogs, want 1", len(ds))
			}
			d := ds[0]
			// go-app's HTML encoder writes "true" as a bare attribute; the
			// browser gets aria-modal="true" (the browser test reads it).
			if apptest.Attr(d, "id") != id || !hasAttr(d, "aria-modal") {
				t.Errorf("got dialog id %q without aria-modal, want %q, modal", apptest.Attr(d, "id"), id)
			}
			label := apptest.Attr(d, "aria-labelledby")
			hs := apptest.Elements(d, func(n *html.Node) bool { return apptest.Attr(n, "id") == label && n.Data == "h2" })
			if label == "" || len(hs) != 1 {
				t.Errorf("got aria-labelledby %q naming %d h2, want the dialog's heading", label, len(hs))
			}
			if len(apptest.Elements(doc, tagged("h1"))) != 1 {
				t.Error("got the dialog changing the number of h1, want the page's one")
			}
			for _, in := range apptest.Elements(d, tagged("input")) {
				id := apptest.Attr(in, "id")
				if len(apptest.Elements(d, func(n *html.Node) bool { return n.Data == "label" && apptest.Attr(n, "for") == id })) != 1 {
					t.Errorf("got input #%s without a label", id)
				}
			}
		})
	}
}
