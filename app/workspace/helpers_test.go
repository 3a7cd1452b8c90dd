package workspace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeCorpus is a Corpus of documents given as passages; fail, when set,
// makes Contents fail for every document.
type fakeCorpus struct {
	fp   string
	docs []Document
	cs   map[string]Contents
	mu   sync.Mutex
	fail error
	read int // Contents calls
}

// newCorpus builds a corpus; each document is its id and its passages'
// texts, joined by blank lines.
func newCorpus(fp string, docs ...[]string) *fakeCorpus {
	c := &fakeCorpus{fp: fp, cs: map[string]Contents{}}
	for _, d := range docs {
		id, ps := d[0], d[1:]
		var b strings.Builder
		var passages []Passage
		for i, p := range ps {
			if i > 0 {
				b.WriteString("\n\n")
			}
			start := utf8.RuneCountInString(b.String())
			b.WriteString(p)
			passages = append(passages, Passage{ID: fmt.Sprintf("%s-p%d-%d", id, i, len(p)), Kind: "p", Start: start,
				End: start + utf8.RuneCountInString(p), Text: p})
		}
		c.docs = append(c.docs, Document{ID: id, Title: "Title of " + id, Passages: len(ps)})
		c.cs[id] = Contents{Text: b.String(), Passages: passages}
	}
	return c
}

func (c *fakeCorpus) Fingerprint() string   { return c.fp }
func (c *fakeCorpus) Documents() []Document { return c.docs }

func (c *fakeCorpus) Contents(_ context.Context, id string) (Contents, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.read++
	if c.fail != nil {
		return Contents{}, c.fail
	}
	x, ok := c.cs[id]
	if !ok {
		return Contents{}, fmt.Errorf("%s: %w", id, ErrUnknownDocument)
	}
	return x, nil
}

func (c *fakeCorpus) setFail(err error) {
	c.mu.Lock()
	c.fail = err
	c.mu.Unlock()
}

// span returns the span of quote, which must occur once in doc's text.
func (c *fakeCorpus) span(tb testing.TB, doc, quote string) Span {
	tb.Helper()
	text := c.cs[doc].Text
	i := strings.Index(text, quote)
	if i < 0 || strings.Count(text, quote) != 1 {
		tb.Fatalf("%q is not once in %s", quote, doc)
	}
	s := utf8.RuneCountInString(text[:i])
	return Span{Doc: doc, Start: s, End: s + utf8.RuneCountInString(quote)}
}

// clock gives increasing times, a millisecond apart.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// openAll opens every document of w.
func openAll(tb testing.TB, w *Workspace) {
	tb.Helper()
	for _, d := range w.Documents() {
		if _, err := w.Open(context.Background(), d.ID); err != nil {
			tb.Fatal(err)
		}
	}
}

// summary lists doc's placed annotations as "quote=tag", with ":note"
// when there is one, sorted.
func summary(w *Workspace, doc string) string {
	var out []string
	for _, it := range w.Placed(doc) {
		s := it.Anchor.Exact + "=" + string(it.Tag)
		if it.Note != "" {
			s += ":" + it.Note
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return strings.Join(out, " | ")
}

// find returns the id of the placed annotation on quote in doc.
func find(tb testing.TB, w *Workspace, doc, quote string) string {
	tb.Helper()
	for _, it := range w.Placed(doc) {
		if it.Anchor.Exact == quote {
			return it.ID
		}
	}
	tb.Fatalf("no annotation on %q in %s (%s)", quote, doc, summary(w, doc))
	return ""
}

// sinkLog is a Sink that logs what it is given.
type sinkLog struct {
	mu     sync.Mutex
	puts   map[string][]byte
	delays []time.Duration
	dels   []string
}

func (s *sinkLog) Put(key string, rec []byte, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.puts == nil {
		s.puts = map[string][]byte{}
	}
	s.puts[key] = rec
	s.delays = append(s.delays, delay)
}

func (s *sinkLog) Delete(key string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.puts, key)
	s.dels = append(s.dels, key)
}

var errNetwork = errors.New("fetch shard 3: network error")
