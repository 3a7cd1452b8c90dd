package agreement

import (
	"errors"
	"fmt"
	"slices"
)

// Errors returned, wrapped, by Kappa and Alpha.
var (
	// ErrNoItems: nothing to compare (an empty or malformed table).
	ErrNoItems = errors.New("no items to compare")
	// ErrNoVariation: chance agreement is total (a single category in
	// use), so the coefficient is 0/0.
	ErrNoVariation = errors.New("one single category in use: agreement is not measurable")
)

// kappaParts returns n, the observed and the expected agreement of a
// square confusion matrix.
func kappaParts(m [][]int) (n int, po, pe float64, err error) {
	rows, cols := make([]int, len(m)), make([]int, len(m))
	for i, row := range m {
		if len(row) != len(m) {
			return 0, 0, 0, fmt.Errorf("kappa: row %d has %d cells, want %d: %w", i, len(row), len(m), ErrNoItems)
		}
		for j, v := range row {
			if v < 0 {
				return 0, 0, 0, fmt.Errorf("kappa: negative count: %w", ErrNoItems)
			}
			n += v
			rows[i] += v
			cols[j] += v
		}
	}
	if n == 0 {
		return 0, 0, 0, fmt.Errorf("kappa: %w", ErrNoItems)
	}
	agree := 0
	for i := range m {
		agree += m[i][i]
		pe += float64(rows[i]) / float64(n) * float64(cols[i]) / float64(n)
	}
	for i := range m {
		if rows[i] == n && cols[i] == n { // exactly 1, without rounding
			pe = 1
		}
	}
	return n, float64(agree) / float64(n), pe, nil
}

// Kappa returns Cohen's kappa of a square confusion matrix m, where
// m[i][j] counts the items rater A put in category i and rater B in
// category j: (po - pe) / (1 - pe), po the observed agreement and pe the
// product of the raters' marginal proportions summed over categories. It
// fails with ErrNoItems for an empty or ragged matrix and ErrNoVariation
// when both raters used one same category for every item.
func Kappa(m [][]int) (float64, error) {
	_, po, pe, err := kappaParts(m)
	if err != nil {
		return 0, err
	}
	if pe >= 1 {
		return 0, fmt.Errorf("kappa: %w", ErrNoVariation)
	}
	return (po - pe) / (1 - pe), nil
}

// AlphaResult is Krippendorff's alpha and what it was computed from.
type AlphaResult struct {
	Alpha float64
	// Units is the number of units with two or more values (the pairable
	// units); Values the values in them (n..).
	Units, Values int
	// Observed is the observed agreement, 1 - Do; Expected the agreement
	// expected by chance, 1 - De (both as proportions of pairable values).
	Observed, Expected float64
}

// Alpha returns Krippendorff's alpha for nominal data: units[u] holds the
// values the coders gave unit u, missing values simply left out. Units with
// fewer than two values cannot be paired and are skipped. With the
// coincidence matrix o (each unit adds 1/(m_u - 1) for every ordered pair
// of its m_u values), n_c its row sums and n the pairable values,
//
//	alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
//
// (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). It
// fails with ErrNoItems when no unit has two values and ErrNoVariation
// when the pairable values are all one category.
func Alpha(units [][]string) (AlphaResult, error) {
	var cats []string
	index := map[string]int{}
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		for _, v := range u {
			if _, ok := index[v]; !ok {
				index[v] = len(cats)
				cats = append(cats, v)
			}
		}
	}
	slices.Sort(cats)
	for i, c := range cats {
		index[c] = i
	}
	k := len(cats)
	o := make([][]float64, k)
	for i := range o {
		o[i] = make([]float64, k)
	}
	var r AlphaResult
	for _, u := range units {
		m := len(u)
		if m < 2 {
			continue
		}
		r.Units++
		r.Values += m
		counts := make([]int, k)
		for _, v := range u {
			counts[index[v]]++
		}
		for c := range k {
			for d := range k {
				pairs := counts[c] * counts[d]
				if c == d {
					pairs = counts[c] * (counts[c] - 1)
				}
				o[c][d] += float64(pairs) / float64(m-1)
			}
		}
	}
	if r.Units == 0 {
		return r, fmt.Errorf("alpha: %w", ErrNoItems)
	}
	n := float64(r.Values)
	nc := make([]float64, k)
	var agree float64
	for c := range k {
		for d := range k {
			nc[c] += o[c][d]
		}
		agree += o[c][c]
	}
	var disagreeO, disagreeE, sameE float64
	for c := range k {
		for d := range k {
			if c != d {
				disagreeO += o[c][d]
				disagreeE += nc[c] * nc[d]
			}
		}
		sameE += nc[c] * (nc[c] - 1)
	}
	r.Observed = agree / n
	r.Expected = sameE / (n * (n - 1))
	if disagreeE == 0 {
		return r, fmt.Errorf("alpha: %w", ErrNoVariation)
	}
	r.Alpha = 1 - (n-1)*disagreeO/disagreeE
	return r, nil
}
