package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fuzzyQuery rewrites q with every plain word made fuzzy, for the "no
// results" suggestion. It returns "" when there is nothing to rewrite.
// Like Elasticsearch's AUTO fuzziness, a word of up to five letters allows
// one edit (word~) and a longer one two (word~2): swapped letters, the
// commonest typo, are two edits, and "Kingsfot~" would not find Kingsoft.
func fuzzyQuery(q string) string {
	q = strings.ReplaceAll(q, `"`, " ")
	var out []string
	changed := false
	for _, w := range strings.Fields(q) {
		core := strings.TrimLeft(w, "+-")
		plain := core != ""
		for _, r := range core {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				plain = false
				break
			}
		}
		if plain {
			w += "~"
			if utf8.RuneCountInString(core) > 5 {
				w += "2"
			}
			changed = true
		}
		out = append(out, w)
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}
