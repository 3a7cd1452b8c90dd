// Command build builds claimtag's search index and the static site, and
// serves it.
//
//	go run ./build index  [-in DIR] [-out DIR]      build the index snapshot and its pieces (default corpus without -in)
//	go run ./build search -index DIR [-json] [-pieces] QUERY  query a snapshot (or its pieces) from the terminal
//	go run ./build site   [-in DIR] [-out DIR]      write the static site (app, index, service worker)
//	go run ./build serve  [-in DIR] [-addr ADDR]    build the site and serve it
//	go run ./build relevance [-in DIR]              first-hit-right and top-3 on the python-docs judgments
//
// Run `go run ./build help` for every flag.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// errUsage marks a command line that cannot run; main prints usage for it.
var errUsage = errors.New("usage")

func main() {
	tuneGC()
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, err)
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

const usage = `usage: go run ./build COMMAND [flags]

commands:
  index   build the index snapshot and its pieces from a folder of .txt, .md and .html files
  search  query a snapshot (or its pieces, -pieces) from the terminal
  site    write the static site: the app, its index and its service worker
  serve   build the site and serve it on 127.0.0.1
  relevance  first-hit-right and top-3 of the python-docs judgments (needs python3.11-doc)
  help    show this text

Run "go run ./build COMMAND -h" for a command's flags.
`

// tuneGC lets the heap grow to three times what is live (GOGC=200)
// unless the environment sets GOGC: a large build's live heap is its
// corpus and one run of rows (index.BuildOptions.RunBytes), and collecting
// at 100% takes a fifth of its time. No memory limit is set: a corpus
// whose live heap came near one would make the collector run without end.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// run dispatches a command line; stdout gets results, stderr progress.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "index":
		return runIndex(rest, stdout, stderr)
	case "search":
		return runSearch(rest, stdout, stderr)
	case "site":
		return runSite(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "relevance":
		return runRelevance(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
