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

// Passage returns the id of one passage: text is its text and n the number
// of earlier passages of the document with the same text.
func Passage(docID, text string, n int) string { return "p" + hash(docID, text, n) }

// Sentence returns the id of one sentence: text is its text and n the number
// of earlier sentences of the passage with the same text.
func Sentence(passageID, text string, n int) string { return "s" + hash(passageID, text, n) }

// Dups returns, for each text, the number of earlier texts equal to it: the
// n of Passage and Sentence.
func Dups(texts []string) []int {
	seen := make(map[string]int, len(texts))
	out := make([]int, len(texts))
	for i, t := range texts {
		out[i] = seen[t]
		seen[t]++
	}
	return out
}

func children(prefix, parent string, texts []string) []string {
	out := make([]string, len(texts))
	for i, n := range Dups(texts) {
		out[i] = prefix + hash(parent, texts[i], n)
	}
	return out
}

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func hash(parent, text string, n int) string {
	sum := sha256.Sum256([]byte(parent + "\x00" + text + "\x00" + strconv.Itoa(n)))
	return strings.ToLower(encoding.EncodeToString(sum[:7]))[:10]
}
