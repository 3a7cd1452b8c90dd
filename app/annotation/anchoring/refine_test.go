package anchoring

import (
	"math/rand/v2"
	"testing"
)

// TestRefineRefusesOnlyHopelessSpans checks refine's first test against
// moving the ends without it: whenever the moves reach a span as similar
// to the quote as search requires, refine finds the same span.
func TestRefineRefusesOnlyHopelessSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	alphabet := []rune("abcde fgh")
	word := func(n int) []rune {
		out := make([]rune, n)
		for i := range out {
			out[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return out
	}
	checked := 0
	for range 800 {
		text := word(40 + rng.IntN(80))
		n := 4 + rng.IntN(30)
		quote := word(n)
		start := rng.IntN(len(text))
		end := start + 1 + rng.IntN(n+10)
		if rng.IntN(3) > 0 { // a quote close to a piece of the text, and a rough span near it
			at := rng.IntN(len(text) - n)
			quote = append([]rune(nil), text[at:at+n]...)
			for range rng.IntN(n/3 + 1) {
				quote[rng.IntN(n)] = alphabet[rng.IntN(len(alphabet))]
			}
			start = max(0, at+rng.IntN(2*endSlack+1)-endSlack)
			end = start + n + rng.IntN(2*endSlack+1) - endSlack
		}
		s1, e1, ok1 := refine(text, quote, start, end)
		s2, e2, ok2 := moveEnds(text, quote, start, end)
		if !ok2 || similarity(text[s2:e2], quote) < MinQuoteSimilarity {
			continue
		}
		checked++
		if !ok1 || s1 != s2 || e1 != e2 {
			t.Fatalf("text %q, quote %q, span %d-%d: refine gave %d-%d %v, the moves %d-%d", string(text), string(quote), start, end, s1, e1, ok1, s2, e2)
		}
	}
	if checked < 100 {
		t.Errorf("only %d spans reached the threshold, want a real check", checked)
	}
}
