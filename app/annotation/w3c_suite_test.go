package annotation

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimtag/claimtag/app/annotation/w3csuite"
)

// w3cSuiteDir is the copy of w3c/web-annotation-tests shared by the
// project, found relative to this package (app/annotation), or at
// $W3C_SUITE_DIR when that is set (a worktree not beside shared/).
const w3cSuiteDir = "../../../shared/w3c-web-annotation-tests"

func loadW3CSuite(t *testing.T) *w3csuite.Suite {
	t.Helper()
	dir := filepath.FromSlash(w3cSuiteDir)
	if env := os.Getenv("W3C_SUITE_DIR"); env != "" {
		dir = env
	}
	s, err := w3csuite.Load(dir)
	if errors.Is(err, w3csuite.ErrNotFound) {
		t.Skipf("%v (from app/annotation)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestW3CExportPassesW3CMustAssertions(t *testing.T) {
	suite := loadW3CSuite(t)
	exports := []struct {
		name string
		exp  Export
	}{
		{name: "a full export", exp: testExport(t)},
		{name: "a one document one tag subset", exp: testExport(t).Subset(Filter{Doc: "doc-1", Tag: Fact})},
		{name: "an empty export", exp: NewExport(CorpusInfo{Fingerprint: "x"}, nil, testTime)},
	}
	for _, tt := range exports {
		t.Run(tt.name, func(t *testing.T) {
			b, err := W3C(tt.exp, "https://claimtag.example/app/")
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range suite.CheckCollection(b) {
				t.Error(err)
			}
			items, err := w3csuite.Items(b)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(items), len(tt.exp.Annotations); got != want {
				t.Fatalf("got %d items, want %d", got, want)
			}
		})
	}
}

func TestW3CSuiteRejectsBrokenAnnotation(t *testing.T) {
	suite := loadW3CSuite(t)
	broken := `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"not a uri","type":"Annotation","body":"x","bodyValue":"y","target":"https://e.example/"}`
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(broken))
	if err != nil {
		t.Fatal(err)
	}
	if failed := len(suite.Check("broken", v, w3csuite.AnnotationMusts)); failed < 2 {
		t.Errorf("got %d failed assertions for an annotation with a bad id and both body and bodyValue, want at least 2", failed)
	}
}
