//go:build !js

package index_test

import (
	"context"
	"fmt"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

// Example builds a snapshot of one document, opens it as the browser does,
// and searches it.
func Example() {
	doc, err := ingest.Parse("q1-note.txt", []byte("Q1 results\n\nRevenue rose 37.2% to RMB2,703.7 million.\n\nGross margin fell to 12.8%."))
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _, err := index.Build([]*ingest.Document{doc}, index.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := index.Open(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []string{"2,703.7", `"gross margin"`, "37.2%"} {
		res, err := ix.Search(index.Request{Query: q, Fragments: true})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d hit, %s\n", q, res.Total, res.Hits[0].Fragment)
	}
	_, err = ix.Search(index.Request{Query: `"gross margin`})
	fmt.Println(err)
	// Output:
	// 2,703.7: 1 hit, Revenue rose 37.2% to RMB<mark>2,703.7</mark> million.
	// "gross margin": 1 hit, <mark>Gross margin</mark> fell to 12.8%.
	// 37.2%: 1 hit, Revenue rose <mark>37.2%</mark> to RMB2,703.7 million.
	// query "\"gross margin": a phrase is not closed (its quote is at 1); add the closing " or remove the opening one
}

// ExampleOpenPieces splits a snapshot into pieces, as the site ships it,
// and opens it from its manifest, fetching pieces as the search needs them.
func ExampleOpenPieces() {
	doc, err := ingest.Parse("q1-note.txt", []byte("Q1 results\n\nRevenue rose 37.2% to RMB2,703.7 million.\n\nGross margin fell to 12.8%."))
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _, err := index.Build([]*ingest.Document{doc}, index.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	pieces, err := index.Split(data, index.SplitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// pieces is a Source; index.Dir(folder) serves the same files from disk.
	ix, err := index.OpenPieces(context.Background(), pieces.Manifest, pieces, index.PieceOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	opened := ix.Fetched().Pieces
	res, err := ix.Search(index.Request{Query: `"gross margin"`, Fragments: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d pieces, %d fetched to open, %d to search\n", len(ix.Files()), opened, ix.Fetched().Pieces-opened)
	fmt.Println(res.Hits[0].Fragment)
	// Output:
	// 7 pieces, 3 fetched to open, 2 to search
	// <mark>Gross margin</mark> fell to 12.8%.
}
