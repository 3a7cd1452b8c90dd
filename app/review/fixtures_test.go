//go:build !(js && wasm)

package review

import (
	"strings"
	"testing"

	"github.com/claimtag/claimtag/app/desk"
	"github.com/claimtag/claimtag/app/internal/apptest"
)

func TestAgreementViewOfTheFixtures(t *testing.T) {
	d := desk.New(apptest.DefaultCorpus(t), "fp")
	for _, name := range []string{"ann.w3c.jsonld", "bob.w3c.json", "cara.hypothesis.json"} {
		d.Import(desk.Upload{Name: name, Data: apptest.ReviewFixture(t, name)})
	}
	v := viewAgreement(d.Agreement())
	// By hand (app/annotation/review TestFixturesAgreementByHand).
	if a := v.Alpha; a.Value != "0.64" || a.N != 16 || a.Observed != "0.74" {
		t.Errorf("got alpha %+v, want 0.64 over 16 spans, observed 0.74", a)
	}
	var kappas []string
	for _, p := range v.Pairs {
		kappas = append(kappas, p.A+"/"+p.B+" "+p.Kappa.Value+" "+p.Kappa.Observed)
	}
	if got, want := strings.Join(kappas, ", "), "Ann/Cara 0.80 0.86, Ann/bob 0.56 0.69, Cara/bob 0.50 0.64"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, p := range v.Pairs {
		if len(p.PerLabel) != len(p.Labels) || len(p.Matrix) != len(p.Labels) {
			t.Errorf("%s/%s: got %d per-label rows and a %d-row matrix for %d labels", p.A, p.B, len(p.PerLabel), len(p.Matrix), len(p.Labels))
		}
	}
	html := render(t, &agreementSection{Iv: v})
	for _, w := range []string{`data-kappa="0.56"`, `data-kappa="0.80"`, `data-kappa="0.50"`, `data-value="0.64"`, "17 spans, 6 with a disagreement"} {
		if !strings.Contains(html, w) {
			t.Errorf("got no %q", w)
		}
	}
}
