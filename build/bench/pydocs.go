//go:build !js

package main

import (
	"flag"
	"fmt"

	"github.com/claimtag/claimtag/build/pydocs"
)

// runPydocs writes the python-docs pages of -in the way the side-by-side
// harness indexes them (pydocs.Prepare: the <div role="main"> region,
// titles without the " — Python" tail), for `go run ./build site -in`.
// A page keeps its path, so the app names a hit as the harness does.
func runPydocs(args []string) error {
	fs := flag.NewFlagSet("pydocs", flag.ContinueOnError)
	in := fs.String("in", pydocs.DefaultSource, "the python3.11-doc HTML folder")
	out := fs.String("out", "", "folder to write the pages into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("pydocs needs -out")
	}
	st, err := pydocs.Prepare(*in, *out)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d pages (%d bytes of HTML read) to %s\n", st.Pages, st.HTMLBytes, *out)
	return nil
}
