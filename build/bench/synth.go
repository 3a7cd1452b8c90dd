package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SynthOptions shapes a synthetic corpus.
type SynthOptions struct {
	Passages   int    // passages in all
	PerDoc     int    // passages per document
	Vocabulary int    // distinct words
	Seed       uint64 // the same seed writes the same corpus
	// Progress, when set, is called after each document with the
	// documents written and their number.
	Progress func(done, total int)
}

// synthWords makes a vocabulary of n distinct pronounceable words, the
// shorter ones first, as in natural languages, where the frequent words
// are short (rank i gets the i-th word).
func synthWords(n int, rnd *rand.Rand) []string {
	onsets := strings.Fields("b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sp sk pl cl bl fl gl sl sh ch th qu")
	vowels := strings.Fields("a e i o u ai ea ie ou oa")
	codas := []string{"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng", "x"}
	seen := make(map[string]bool, n)
	words := make([]string, 0, n)
	// up to 2,000 words of one syllable, 60,000 of two, the rest of three
	// or more
	for syll, upTo := 1, 2000; len(words) < n; syll++ {
		want := min(n, upTo)
		for tries := 0; len(words) < want && tries < want*20; tries++ {
			var b strings.Builder
			for s := 0; s < syll; s++ {
				b.WriteString(onsets[rnd.IntN(len(onsets))])
				b.WriteString(vowels[rnd.IntN(len(vowels))])
			}
			b.WriteString(codas[rnd.IntN(len(codas))])
			if w := b.String(); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		upTo = max(60000, n)
	}
	return words
}

// passageWords draws a passage length: a log-normal around 16 words, from
// 3 to 200, like paragraphs, list items and headings mixed.
func passageWords(rnd *rand.Rand) int {
	n := int(math.Exp(rnd.NormFloat64()*0.8 + math.Log(16)))
	return min(200, max(3, n))
}

// writeSynth writes a synthetic corpus of plain-text documents into dir:
// one passage per line (so claimtag ingests each line as a passage), the
// first line a short heading, sentences of 6 to 24 words, words drawn
// from a Zipf distribution (s = 1.1) over opt.Vocabulary words, a number
// now and then. It returns the words of a few passages, for queries.
func writeSynth(dir string, opt SynthOptions) (samples [][]string, vocab []string, err error) {
	rnd := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	vocab = synthWords(opt.Vocabulary, rnd)
	zipf := rand.NewZipf(rnd, 1.1, 2, uint64(len(vocab)-1))
	docs := (opt.Passages + opt.PerDoc - 1) / opt.PerDoc
	left := opt.Passages
	for d := 0; d < docs; d++ {
		p := filepath.Join(dir, fmt.Sprintf("part%03d", d/1000), fmt.Sprintf("doc%06d.txt", d))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, nil, err
		}
		f, err := os.Create(p)
		if err != nil {
			return nil, nil, err
		}
		w := bufio.NewWriter(f)
		n := min(left, opt.PerDoc)
		left -= n
		for i := 0; i < n; i++ {
			var words []string
			if i == 0 {
				k := 2 + rnd.IntN(4)
				for j := 0; j < k; j++ {
					words = append(words, vocab[zipf.Uint64()])
				}
				words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
				fmt.Fprintf(w, "%s %d\n", strings.Join(words, " "), d)
				continue
			}
			total := passageWords(rnd)
			sentence := 0
			for j := 0; j < total; j++ {
				var word string
				if rnd.IntN(50) == 0 {
					word = fmt.Sprint(rnd.IntN(10000))
				} else {
					word = vocab[zipf.Uint64()]
				}
				if sentence == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				sentence++
				if sentence >= 6 && (rnd.IntN(12) == 0 || sentence == 24 || j == total-1) {
					word += "."
					sentence = 0
				} else if rnd.IntN(15) == 0 {
					word += ","
				}
				words = append(words, word)
			}
			w.WriteString(strings.Join(words, " "))
			w.WriteByte('\n')
			if rnd.IntN(opt.Passages/40+1) == 0 && len(samples) < 40 {
				samples = append(samples, words)
			}
		}
		if err := w.Flush(); err != nil {
			return nil, nil, err
		}
		if err := f.Close(); err != nil {
			return nil, nil, err
		}
		if opt.Progress != nil {
			opt.Progress(d+1, docs)
		}
	}
	return samples, vocab, nil
}

// synthQueries makes the query list of a synthetic corpus: frequent,
// middling and rare single words, two and three words, phrases taken from
// passages, a prefix and a misspelling, as a person types them.
func synthQueries(samples [][]string, vocab []string, rnd *rand.Rand) []string {
	var qs []string
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, ".,")) }
	for _, rank := range []int{10, 50, 200, 1000, 5000, 20000, 60000} {
		if rank < len(vocab) {
			qs = append(qs, vocab[rank])
		}
	}
	for i, s := range samples {
		if len(s) < 6 {
			continue
		}
		j := rnd.IntN(len(s) - 3)
		switch i % 4 {
		case 0:
			qs = append(qs, clean(s[j])+" "+clean(s[j+2]))
		case 1:
			qs = append(qs, `"`+clean(s[j])+" "+clean(s[j+1])+" "+clean(s[j+2])+`"`)
		case 2:
			qs = append(qs, clean(s[j])+" "+clean(s[j+1])+" "+clean(s[j+3]))
		case 3:
			w := clean(s[j])
			if len(w) > 5 {
				qs = append(qs, w[:3]+"*")
				qs = append(qs, w[:2]+w[3:]) // a letter left out
			}
		}
		if len(qs) >= 30 {
			break
		}
	}
	return qs
}

// runSynth writes a synthetic corpus and its queries (scale run).
func runSynth(args []string) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	out := fs.String("out", "", "folder to write the corpus into")
	queries := fs.String("queries", "", "file to write the queries into")
	var opt SynthOptions
	fs.IntVar(&opt.Passages, "passages", 1_000_000, "passages in all")
	fs.IntVar(&opt.PerDoc, "per-doc", 200, "passages per document")
	fs.IntVar(&opt.Vocabulary, "vocab", 200_000, "distinct words")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random seed (the same seed writes the same corpus)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || opt.Passages < 1 || opt.PerDoc < 2 || opt.Vocabulary < 100 {
		return fmt.Errorf("synth needs -out, -passages >= 1, -per-doc >= 2, -vocab >= 100")
	}
	last := time.Now()
	opt.Progress = func(done, total int) {
		if time.Since(last) >= time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(os.Stderr, "writing the corpus: %d/%d documents (%d%%)\n", done, total, done*100/total)
		}
	}
	samples, vocab, err := writeSynth(*out, opt)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if *queries != "" {
		qs := synthQueries(samples, vocab, rand.New(rand.NewPCG(opt.Seed, 7)))
		if err := os.WriteFile(*queries, []byte(strings.Join(qs, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d passages in %d documents to %s\n", opt.Passages, (opt.Passages+opt.PerDoc-1)/opt.PerDoc, *out)
	return nil
}
