package chrome

import (
	"context"
	"fmt"

	"github.com/claimtag/claimtag/app/workspace"
	"github.com/claimtag/claimtag/index"
)

// Searcher runs index searches; *index.Index is one. Pages search through
// it, off the UI goroutine, and never while rendering. SearchContext stops
// when ctx is done (a newer query was typed) and returns ctx's error.
type Searcher interface {
	Search(index.Request) (*index.Result, error)
	SearchContext(context.Context, index.Request) (*index.Result, error)
	// Highlights finds req's matches in one document, for the reader.
	Highlights(ctx context.Context, req index.Request, docID string) ([]index.Span, error)
	// Document gives a document's file path and source, for the desk.
	Document(id string) (index.DocInfo, bool)
}

// indexCorpus adapts an opened index to workspace.Corpus. An index in
// pieces fetches a document's pieces when its contents are first asked
// for, so Contents may be slow, and fails with the piece's error when one
// cannot be had.
type indexCorpus struct{ ix *index.Index }

// NewCorpus returns ix as the workspace's corpus.
func NewCorpus(ix *index.Index) workspace.Corpus { return indexCorpus{ix} }

func (c indexCorpus) Fingerprint() string { return c.ix.Header().Fingerprint }

func (c indexCorpus) Documents() []workspace.Document {
	var out []workspace.Document
	for _, d := range c.ix.Documents() {
		out = append(out, workspace.Document{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, Passages: d.Passages, Provenance: d.Provenance})
	}
	return out
}

func (c indexCorpus) Contents(ctx context.Context, id string) (workspace.Contents, error) {
	if _, ok := c.ix.Document(id); !ok {
		return workspace.Contents{}, fmt.Errorf("document %s: %w", id, workspace.ErrUnknownDocument)
	}
	text, passages, err := c.ix.Contents(ctx, id)
	if err != nil {
		return workspace.Contents{}, err
	}
	out := workspace.Contents{Text: text}
	for _, p := range passages {
		wp := workspace.Passage{ID: p.ID, Kind: p.Kind, Start: p.Start, End: p.End, Text: p.Text}
		for _, s := range p.Sentences {
			wp.Sentences = append(wp.Sentences, workspace.Sentence{ID: s.ID, Start: s.Start, End: s.End})
		}
		out.Passages = append(out.Passages, wp)
	}
	return out, nil
}
