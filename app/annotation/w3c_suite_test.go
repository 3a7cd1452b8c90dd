package annotation

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// w3cSuiteDir is the copy of w3c/web-annotation-tests shared by the
// project, found relative to this package (app/annotation).
const w3cSuiteDir = "../../../shared/w3c-web-annotation-tests"

// w3cSuiteBase is the flat namespace every suite schema is registered in:
// the schemas reference each other by bare file name ("id.json#...")
// whatever directory they live in.
const w3cSuiteBase = "https://w3c-web-annotation-tests.invalid/"

// w3cSuite holds the compiled suite and the raw schemas (for errorMessage).
type w3cSuite struct {
	dir      string
	compiler *jsonschema.Compiler
	docs     map[string]map[string]any // by base name
}

func loadW3CSuite(t *testing.T) *w3cSuite {
	t.Helper()
	dir := filepath.FromSlash(w3cSuiteDir)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("W3C web annotation test suite not found at %s (from app/annotation): %v", dir, err)
	}
	s := &w3cSuite{dir: dir, compiler: jsonschema.NewCompiler(), docs: make(map[string]map[string]any)}
	s.compiler.DefaultDraft(jsonschema.Draft4)
	s.compiler.AssertFormat()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		name := filepath.Base(p)
		if _, dup := s.docs[name]; dup {
			t.Fatalf("two suite schemas named %s", name)
		}
		m, _ := doc.(map[string]any)
		s.docs[name] = m
		// Registered under its file name; a differing relative "id" (as in
		// 4.2-TextDataPositionSelectorValid.json) resolves against it in the
		// same namespace, so both names work.
		return s.compiler.AddResource(w3cSuiteBase+name, doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// assertion is one compiled MUST schema of a .test file.
type assertion struct {
	name    string
	message string
	schema  *jsonschema.Schema
}

// assertions compiles the schemas listed in a .test file (path relative to
// the suite root); it returns nil if the file is absent.
func (s *w3cSuite) assertions(t *testing.T, testFile string) []assertion {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(testFile)))
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	var tf struct{ Assertions []string }
	if err := json.Unmarshal(b, &tf); err != nil {
		t.Fatalf("%s: %v", testFile, err)
	}
	var out []assertion
	for _, a := range tf.Assertions {
		name := path.Base(a)
		doc := s.docs[name]
		if doc == nil {
			t.Fatalf("%s: assertion %s: no such schema", testFile, a)
		}
		// Every assertion in a MUST list expects "valid"; honour the field anyway.
		if exp, _ := doc["expectedResult"].(string); exp != "" && exp != "valid" {
			t.Fatalf("%s: assertion %s expects %q, which this driver does not handle", testFile, a, exp)
		}
		sch, err := s.compiler.Compile(w3cSuiteBase + name)
		if err != nil {
			t.Fatalf("%s: compile %s: %v", testFile, a, err)
		}
		msg, _ := doc["errorMessage"].(string)
		out = append(out, assertion{name: a, message: msg, schema: sch})
	}
	if len(out) == 0 {
		t.Fatalf("%s lists no assertions", testFile)
	}
	return out
}

// check validates v against every assertion, naming what and which failed.
func check(t *testing.T, what string, v any, as []assertion) {
	t.Helper()
	for _, a := range as {
		if err := a.schema.Validate(v); err != nil {
			t.Errorf("%s fails MUST assertion %s (%s): %v", what, a.name, a.message, err)
		}
	}
}

func TestW3CExportPassesW3CMustAssertions(t *testing.T) {
	suite := loadW3CSuite(t)
	annMusts := suite.assertions(t, "annotations/annotationMusts.test")
	collMusts := suite.assertions(t, "collections/collectionMusts.test")
	pageMusts := suite.assertions(t, "collections/pages/pageMusts.test")

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
			coll, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			check(t, "the collection", coll, collMusts)
			if len(tt.exp.Annotations) > 0 {
				check(t, "the collection's first page", coll, pageMusts)
			}
			m := coll.(map[string]any)
			first, _ := m["first"].(map[string]any)
			items, _ := first["items"].([]any)
			if got, want := len(items), len(tt.exp.Annotations); got != want {
				t.Fatalf("got %d items, want %d", got, want)
			}
			for _, item := range items {
				id, _ := item.(map[string]any)["id"].(string)
				check(t, "annotation "+id, item, annMusts)
			}
		})
	}
}

func TestW3CSuiteRejectsBrokenAnnotation(t *testing.T) {
	suite := loadW3CSuite(t)
	annMusts := suite.assertions(t, "annotations/annotationMusts.test")
	broken := `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"not a uri","type":"Annotation","body":"x","bodyValue":"y","target":"https://e.example/"}`
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(broken))
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, a := range annMusts {
		if a.schema.Validate(v) != nil {
			failed++
		}
	}
	if failed < 2 {
		t.Errorf("got %d failed assertions for an annotation with a bad id and both body and bodyValue, want at least 2", failed)
	}
}
