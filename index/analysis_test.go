package index

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// tokens renders a token stream as "term@pos" strings.
func tokens(t *testing.T, analyzer, text string) []string {
	t.Helper()
	a := analyzerNamed(analyzer)
	if a == nil {
		t.Fatalf("analyzer %s is not registered", analyzer)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term)+"@"+itoa(tok.Position))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

var analyzerTests = []struct {
	name, analyzer, text string
	want                 []string
}{
	{"a currency amount yields its code and both spellings of the number", TextAnalyzer, "RMB2,703.7 million",
		[]string{"rmb2,703.7@1", "rmb@1", "2,703.7@1", "2703.7@1", "rmb2703.7@1", "million@2"}},
	{"a percentage spaced from its sign is one token, as typed without the space", TextAnalyzer, "margin of 22\u202f% and 23 %",
		[]string{"margin@1", "22%@3", "22@3", "23%@5", "23@5"}},
	{"the query analyzer joins a spaced percentage too", QueryAnalyzer, "22 %", []string{"22%@1"}},
	{"a percentage keeps its sign and also yields the bare number", TextAnalyzer, "up 37.2% year",
		[]string{"37.2%@2", "37.2@2", "year@3"}},
	{"a form name stays whole and yields its parts", TextAnalyzer, "the 6-K filing",
		[]string{"6-k@2", "6@2", "k@2", "file@3"}},
	{"a quarter stays whole", TextAnalyzer, "Q1 capex", []string{"q1@1", "capex@2"}},
	{"possessives and stop words go, words are stemmed", TextAnalyzer, "Kingsoft Cloud’s optimized servers",
		[]string{"kingsoft@1", "cloud@2", "optim@3", "server@4"}},
	{"the query analyzer keeps compounds whole", QueryAnalyzer, "6-K RMB2,703.7", []string{"6-k@1", "rmb2,703.7@2"}},
	{"sentence punctuation does not join words", TextAnalyzer, "margin. Next, 12.8", []string{"margin@1", "next@2", "12.8@3"}},
}

func TestAnalyzers(t *testing.T) {
	for _, tt := range analyzerTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokens(t, tt.analyzer, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenOffsetsSelectTheirText(t *testing.T) {
	text := "Kingsoft Cloud's revenue of RMB2,703.7 million rose 37.2% after the 6-K."
	a := analyzerNamed(TextAnalyzer)
	for _, tok := range a.Analyze([]byte(text)) {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			t.Fatalf("token %q has offsets %d-%d outside the text", tok.Term, tok.Start, tok.End)
		}
		got, want := []rune(strings.ToLower(text[tok.Start:tok.End]))[0], []rune(string(tok.Term))[0]
		if got != want {
			t.Errorf("token %q starts with %q at its offsets %d-%d", tok.Term, got, tok.Start, tok.End)
		}
		if tok.Type != analysis.AlphaNumeric && tok.Type != analysis.Numeric {
			t.Errorf("token %q has type %v", tok.Term, tok.Type)
		}
	}
}
