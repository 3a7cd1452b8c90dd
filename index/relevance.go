package index

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Judgment is a judged query: the documents a user wants as its first hit.
type Judgment struct {
	Set      string   // which set it belongs to ("bench", "extra", ...)
	Category string   // what kind of query ("single", "typo", ...)
	Query    string   // as typed
	Want     []string // document ids, any of which is a right first hit
}

// ParseJudgments reads judgments, one a line, tab-separated: set, category,
// query, and the wanted document ids separated by spaces. Blank lines and
// lines starting with # are skipped. Errors name the line.
func ParseJudgments(r io.Reader, name string) ([]Judgment, error) {
	var out []Judgment
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 4 || f[0] == "" || f[1] == "" || strings.TrimSpace(f[2]) == "" || len(strings.Fields(f[3])) == 0 {
			return nil, fmt.Errorf("%s:%d: want 4 tab-separated fields (set, category, query, wanted documents), got %q", name, line, t)
		}
		out = append(out, Judgment{Set: f[0], Category: f[1], Query: f[2], Want: strings.Fields(f[3])})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Judged is the outcome of one judgment.
type Judged struct {
	Judgment
	Got   []string // the first documents returned, best first
	First bool     // the first is wanted
	Top3  bool     // one of the first three is
	Err   string   // the search's error, if any
}

// Relevance is the outcome of a set of judgments.
type Relevance []Judged

// Evaluate runs each judged query on ix (as the app does: typo correction
// on) and scores its first documents.
func Evaluate(ix *Index, js []Judgment) Relevance {
	out := make(Relevance, 0, len(js))
	for _, j := range js {
		r := Judged{Judgment: j}
		res, err := ix.Search(Request{Query: j.Query, Groups: 3, PerGroup: 1, Size: 1})
		if err != nil {
			r.Err = err.Error()
		} else {
			for _, g := range res.Groups {
				r.Got = append(r.Got, g.Doc)
			}
		}
		for i, d := range r.Got {
			for _, w := range j.Want {
				if d == w {
					r.First = r.First || i == 0
					r.Top3 = r.Top3 || i < 3
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// Score counts the first-hit-right and top-3 judgments of one set (all sets
// when empty) and category (all when empty), out of n.
func (r Relevance) Score(set, category string) (first, top3, n int) {
	for _, j := range r {
		if (set == "" || j.Set == set) && (category == "" || j.Category == category) {
			n++
			if j.First {
				first++
			}
			if j.Top3 {
				top3++
			}
		}
	}
	return first, top3, n
}

// WriteTable prints first-hit-right and top-3 by set and category, then
// each query whose first hit is wrong.
func (r Relevance) WriteTable(w io.Writer) {
	var sets, cats []string
	seen := map[string]bool{}
	for _, j := range r {
		if !seen["s"+j.Set] {
			seen["s"+j.Set] = true
			sets = append(sets, j.Set)
		}
		if !seen["c"+j.Category] {
			seen["c"+j.Category] = true
			cats = append(cats, j.Category)
		}
	}
	fmt.Fprintln(w, "| set | category | queries | first hit right | top 3 |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, s := range sets {
		for _, c := range cats {
			if f, t, n := r.Score(s, c); n > 0 {
				fmt.Fprintf(w, "| %s | %s | %d | %d | %d |\n", s, c, n, f, t)
			}
		}
		f, t, n := r.Score(s, "")
		fmt.Fprintf(w, "| **%s** | all | %d | **%d** (%.0f%%) | %d (%.0f%%) |\n", s, n, f, pct(f, n), t, pct(t, n))
	}
	var wrong []string
	for _, j := range r {
		if !j.First {
			got := "nothing"
			if j.Err != "" {
				got = "error: " + j.Err
			} else if len(j.Got) > 0 {
				got = strings.Join(j.Got, ", ")
			}
			wrong = append(wrong, fmt.Sprintf("- %s %q: got %s; want %s", j.Set, j.Query, got, strings.Join(j.Want, " or ")))
		}
	}
	sort.Strings(wrong)
	if len(wrong) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "First hit wrong:")
		for _, s := range wrong {
			fmt.Fprintln(w, s)
		}
	}
}

func pct(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(a) / float64(n)
}
