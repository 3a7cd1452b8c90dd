package ingest

import (
	"fmt"
	"path"
	"strings"
)

// Exclude patterns (Options.Exclude) are matched against a file's slash path
// relative to the folder, whole: "search.html" excludes the top-level
// search.html only. Within a path segment the syntax is path.Match's
// ("*", "?", "[a-z]", "\" escapes); a "**" segment matches any number of
// segments, so "**/search.html" excludes it at any depth, "_*/**" excludes
// everything under top-level folders whose name starts with "_", and
// "genindex*" every top-level file starting with "genindex". A folder whose
// whole content is excluded is not walked.

// excluder matches paths against the exclude patterns.
type excluder [][]string // each pattern split into segments

// newExcluder checks and splits the patterns; empty ones are ignored.
func newExcluder(patterns []string) (excluder, error) {
	var ex excluder
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		segs := strings.Split(strings.Trim(p, "/"), "/")
		for _, s := range segs {
			if _, err := path.Match(s, ""); err != nil {
				return nil, fmt.Errorf("%w: exclude pattern %q: %v", ErrOptions, p, err)
			}
		}
		ex = append(ex, segs)
	}
	return ex, nil
}

// file reports whether the file at slash path p is excluded.
func (ex excluder) file(p string) bool {
	segs := strings.Split(p, "/")
	for _, pat := range ex {
		if matchSegments(pat, segs) {
			return true
		}
	}
	return false
}

// dir reports whether everything under the folder at slash path p is
// excluded: a pattern ending in "/**" whose start matches p, or a pattern
// that matches p itself.
func (ex excluder) dir(p string) bool {
	segs := strings.Split(p, "/")
	for _, pat := range ex {
		if matchSegments(pat, segs) {
			return true
		}
		if n := len(pat); n > 1 && pat[n-1] == "**" && matchSegments(pat[:n-1], segs) {
			return true
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, "**"
// standing for any number of segments. Runs of "**" are collapsed by the
// recursion, so its cost is bounded by len(pat) * len(segs) per "**".
func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 1 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
