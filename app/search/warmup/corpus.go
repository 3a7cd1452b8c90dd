package warmup

// corpus is the text of the warm-up index: three short documents, one of
// each format the build reads (Markdown, plain text, HTML), written so
// that every query in queries finds something in it (or, for the one that
// should not, nothing). It is the source of the pieces in pieces/, which
// go test -update writes again (build_test.go).
var corpus = map[string]string{
	"files.md": `# Reading files in Python

To read a file, open it with a context manager: with open(path) as f closes the file when the block ends. Build paths with os.path.join or pathlib, and format messages with str.format or f-strings.

A class sets up its state in __init__. Processing a large file line by line keeps memory low; reading the whole file at once is simpler for small files.

## Sorting

To sort a dictionary by value, call sorted(d.items(), key=lambda kv: kv[1]). Sorting is stable, so records keep their order when keys tie.

## Processes

The subprocess module runs other programs; sys.argv holds the command line arguments, and argparse parses them. Environment variables come from os.environ.
`,
	"markets.txt": `Quarterly results

Revenue grew 22 % year on year to RMB2,703.7 million, and the gross margin rose to 15.8 %. Capital expenditure (capex) fell as the company slowed its data-centre build-out.

Management expects revenue growth to continue next year; analysts forecast a gross margin near 17 %. Some commentators believe the margin gains will not last.

Infrastructure spending by cloud providers remains high. The cost of servers and networking equipment weighs on margins, while AI workloads lift demand for infrastructure services.
`,
	"iterators.html": `<!doctype html>
<html><head><title>Iterators and generators</title></head><body>
<h1>Iterators and generators</h1>
<p>An iterator returns the next item of a sequence each time next() is called. A generator is a function that yields values one at a time, and a generator expression builds one in a single line.</p>
<h2>Type hints</h2>
<p>The typing module names the types of iterators: Iterator[int] and Generator[str, None, None]. Type hints are checked by tools, not at run time.</p>
<h2>Exceptions</h2>
<p>A KeyError is raised when a dictionary has no such key; StopIteration ends a loop over an iterator. The event loop of asyncio runs coroutines, and the global interpreter lock lets one thread run Python code at a time.</p>
</body></html>
`,
}
