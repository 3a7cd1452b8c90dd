package ingest_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/claimtag/claimtag/index/ingest"
)

func ExampleParse() {
	doc, err := ingest.Parse("reports/q1.md", []byte("# Q1 review\n\nRevenue rose 37.2% to RMB2,703.7 million. Margins fell.\n\n- cafÃ© capex up\n"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.ID, "|", doc.Title)
	for _, p := range doc.Passages {
		fmt.Printf("%s [%d,%d) %q, %d sentence(s)\n", p.Kind, p.Start, p.End, p.Text(doc), len(p.Sentences))
	}
	for _, r := range doc.Repairs {
		fmt.Printf("repaired %q -> %q at [%d,%d)\n", r.From, r.To, r.Start, r.End)
	}
	// Output:
	// reports/q1 | Q1 review
	// h [0,9) "Q1 review", 1 sentence(s)
	// p [11,66) "Revenue rose 37.2% to RMB2,703.7 million. Margins fell.", 2 sentence(s)
	// li [68,81) "café capex up", 1 sentence(s)
	// repaired "Ã©" -> "é" at [71,72)
}

func ExampleDir() {
	root, err := os.MkdirTemp("", "ingest-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	os.WriteFile(filepath.Join(root, "note.txt"), []byte("03/10 2026\nA short note. It has two sentences.\n"), 0o644)
	os.WriteFile(filepath.Join(root, "photo.jpg"), []byte("\xff\xd8"), 0o644)

	rep, err := ingest.Dir(root, ingest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range rep.Documents {
		fmt.Println(d.ID, d.Date, len(d.Passages), "passages")
	}
	for _, s := range rep.Skipped {
		fmt.Println("skipped", s.Path+":", s.Reason)
	}
	// Output:
	// note 2026-03-10 2 passages
	// skipped photo.jpg: unsupported file type .jpg
}

func ExampleOptions_Parse() {
	page := []byte(`<html><head><meta charset="windows-1252"><title>Q2 note</title></head><body>
<nav>Home | Next</nav><div role="main"><h1>Q2</h1><p>Margin &lt;12% on revenue of ` + "\x80" + `3.2m.</p></div></body></html>`)
	doc, err := ingest.Options{Root: "div[role=main]"}.Parse("q2.html", page)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Title)
	fmt.Printf("%q\n", doc.Text)
	fmt.Println(doc.Provenance.Summary())
	// Output:
	// Q2 note
	// "Q2\n\nMargin <12% on revenue of €3.2m."
	// windows-1252 (declared by <meta charset="windows-1252">); only div[role=main]
}
