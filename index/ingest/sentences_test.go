package ingest

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"Simple sentences split.", "One. Two! Three? four", []string{"One.", "Two!", "Three? four"}},
		{"A passage without terminal punctuation is one sentence.", "Technical Analysis", []string{"Technical Analysis"}},
		{"Decimals and amounts do not split.", "Revenue was RMB2,703.7 million, up 37.2% year over year. Margin fell.", []string{"Revenue was RMB2,703.7 million, up 37.2% year over year.", "Margin fell."}},
		{"Abbreviations do not split.", "Makers (e.g. Horizon) and Mr. Lei of Xiaomi Inc. met the U.S. team on Jan. 5 approx. Then left.", []string{"Makers (e.g. Horizon) and Mr. Lei of Xiaomi Inc. met the U.S. team on Jan. 5 approx. Then left."}},
		{"Initials do not split.", "John F. Kennedy spoke. It rained.", []string{"John F. Kennedy spoke.", "It rained."}},
		{"Closing quotes stay with their sentence.", `He said "stop." Then "go!" (Really.) 2025 was good.`, []string{`He said "stop."`, `Then "go!"`, `(Really.)`, `2025 was good.`}},
		{"A lowercase word after a period does not split.", "The price is 5 vs. last year. ok then.", []string{"The price is 5 vs. last year. ok then."}},
		{"An ellipsis ends a sentence.", "Wait... What?", []string{"Wait...", "What?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.in)
			var got []string
			for _, s := range splitSentences(tt.in, 0) {
				got = append(got, string(rs[s.Start:s.End]))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
