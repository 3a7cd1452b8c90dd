// Package textid computes the ids of passages and sentences from their text.
//
// An id is a prefix letter and the first 10 lowercase base32 characters of
// sha256(parent id, text, n), where n counts earlier siblings with the same
// text. An id thus stays the same across rebuilds while its text is unchanged,
// whatever is edited around it, and the index can recompute ids instead of
// storing them:
//
//	pids := textid.Passages("report", []string{"First paragraph.", "Second."})
//	sids := textid.Sentences(pids[1], []string{"Second."})
package textid

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// Passages returns the ids ("p…") of a document's passages, given the
// document id and the passages' texts in order.
func Passages(docID string, texts []string) []string { return children("p", docID, texts) }

// Sentences returns the ids ("s…") of a passage's sentences, given the
// passage id and the sentences' texts in order.
func Sentences(passageID string, texts []string) []string {
	return children("s", passageID, texts)
}

func children(prefix, parent string, texts []string) []string {
	seen := make(map[string]int, len(texts))
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = prefix + hash(parent, t, seen[t])
		seen[t]++
	}
	return out
}

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func hash(parent, text string, n int) string {
	sum := sha256.Sum256([]byte(parent + "\x00" + text + "\x00" + strconv.Itoa(n)))
	return strings.ToLower(encoding.EncodeToString(sum[:7]))[:10]
}
