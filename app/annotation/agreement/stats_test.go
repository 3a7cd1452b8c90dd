package agreement

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// two rounds x to two decimals, as the review page shows it.
func two(x float64) string { return fmt.Sprintf("%.2f", x) }

func TestKappa(t *testing.T) {
	tests := []struct {
		name string
		m    [][]int
		want string
		err  error
	}{
		// Wikipedia, "Cohen's kappa", simple example: 50 proposals, both yes
		// 20, A yes B no 5, A no B yes 10, both no 15.
		// po = (20+15)/50 = 0.70; pe = 25/50*30/50 + 25/50*20/50 = 0.30+0.20 = 0.50;
		// kappa = (0.70-0.50)/(1-0.50) = 0.40.
		{name: "the Wikipedia example gives 0.40", m: [][]int{{20, 5}, {10, 15}}, want: "0.40"},
		// Three categories, 10 items: diagonal 3+2+1 = 6, po = 0.60; rows
		// 4,3,3 and columns 4,4,2: pe = (16+12+6)/100 = 0.34;
		// kappa = (0.60-0.34)/0.66 = 0.39.
		{name: "a three-category table by hand gives 0.39", m: [][]int{{3, 0, 1}, {1, 2, 0}, {0, 2, 1}}, want: "0.39"},
		{name: "perfect agreement gives 1.00", m: [][]int{{3, 0}, {0, 7}}, want: "1.00"},
		{name: "agreement at chance gives 0.00", m: [][]int{{1, 1}, {1, 1}}, want: "0.00"},
		{name: "systematic disagreement is negative", m: [][]int{{0, 5}, {5, 0}}, want: "-1.00"},
		{name: "one shared category is not measurable", m: [][]int{{5, 0}, {0, 0}}, err: ErrNoVariation},
		{name: "an empty table is an error", m: [][]int{{0, 0}, {0, 0}}, err: ErrNoItems},
		{name: "a ragged table is an error", m: [][]int{{1}, {0, 1}}, err: ErrNoItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Kappa(tt.m)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || two(got) != tt.want {
				t.Errorf("got %s, %v, want %s", two(got), err, tt.want)
			}
		})
	}
}

// TestAlphaTextbookExample is the nominal example with missing values of
// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section
// C: four observers, twelve units, values 1-5, "." missing:
//
//	unit  1 2 3 4 5 6 7 8 9 10 11 12
//	A     1 2 3 3 2 1 4 1 2 .  .  .
//	B     1 2 3 3 2 2 4 1 2 5  .  3
//	C     . 3 3 3 2 3 4 2 2 5  1  .
//	D     1 2 3 3 2 4 4 1 2 5  1  .
//
// Unit 12 has one value and drops out; the other eleven hold n = 40
// pairable values. The coincidence matrix has n_1..n_5 = 9, 13, 10, 5, 3;
// its off-diagonal sum is 8 (unit 2: 6 ordered unequal pairs / (4-1) = 2,
// unit 6: 12/3 = 4, unit 8: 6/3 = 2, the others agree): sum_{c!=k} n_c n_k = 40^2 - (81+169+100+25+9) = 1216, so
// alpha = 1 - 39 * 8 / 1216 = 0.743, the paper's value. Observed agreement
// is 1 - 8/40 = 0.80; expected (81-9 + 169-13 + 100-10 + 25-5 + 9-3) /
// (40*39) = 344/1560 = 0.22.
func TestAlphaTextbookExample(t *testing.T) {
	units := [][]string{
		{"1", "1", "1"}, {"2", "2", "3", "2"}, {"3", "3", "3", "3"}, {"3", "3", "3", "3"}, {"2", "2", "2", "2"},
		{"1", "2", "3", "4"}, {"4", "4", "4", "4"}, {"1", "1", "2", "1"}, {"2", "2", "2", "2"}, {"5", "5", "5"},
		{"1", "1"}, {"3"},
	}
	got, err := Alpha(units)
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 11 || got.Values != 40 || fmt.Sprintf("%.3f", got.Alpha) != "0.743" || two(got.Observed) != "0.80" || two(got.Expected) != "0.22" {
		t.Errorf("got %+v, want 11 units, 40 values, alpha 0.743, observed 0.80, expected 0.22", got)
	}
}

func TestAlpha(t *testing.T) {
	tests := []struct {
		name  string
		units [][]string
		want  string
		err   error
	}{
		// Two coders, no missing value, 4 units a/a, a/a, b/b, a/b: n = 8,
		// o_ab = o_ba = 1, n_a = 5, n_b = 3: alpha = 1 - 7*2/(2*15) = 0.53.
		{name: "two coders by hand give 0.53", units: [][]string{{"a", "a"}, {"a", "a"}, {"b", "b"}, {"a", "b"}}, want: "0.53"},
		{name: "full agreement with variation gives 1.00", units: [][]string{{"a", "a", "a"}, {"b", "b"}}, want: "1.00"},
		{name: "units with one value only are no data", units: [][]string{{"a"}, {"b"}}, err: ErrNoItems},
		{name: "one category only is not measurable", units: [][]string{{"a", "a"}, {"a", "a", "a"}}, err: ErrNoVariation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Alpha(tt.units)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || two(got.Alpha) != tt.want {
				t.Errorf("got %s, %v, want %s", two(got.Alpha), err, tt.want)
			}
		})
	}
}

func FuzzAlpha(f *testing.F) {
	f.Add([]byte("aab|ab|c|bbb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var units [][]string
		var u []string
		for _, c := range data {
			if c == '|' {
				units, u = append(units, u), nil
				continue
			}
			u = append(u, string(rune('a'+c%4)))
		}
		units = append(units, u)
		r, err := Alpha(units)
		if err != nil {
			return
		}
		if math.IsNaN(r.Alpha) || r.Alpha > 1+1e-9 || r.Observed < -1e-9 || r.Observed > 1+1e-9 {
			t.Fatalf("alpha %v observed %v out of range for %q", r.Alpha, r.Observed, data)
		}
	})
}
