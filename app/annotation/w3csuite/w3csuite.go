// Package w3csuite runs the W3C Web Annotation test suite's MUST assertions
// (the draft-04 JSON Schemas of w3c/web-annotation-tests) against exported
// JSON-LD. It is the external yardstick for claimtag's W3C export, used by
// the annotation tests and by the browser tests on downloaded files:
//
//	suite, err := w3csuite.Load("../../../shared/w3c-web-annotation-tests")
//	if err != nil { ... }
//	for _, problem := range suite.CheckCollection(exportedBytes) {
//		t.Error(problem)
//	}
package w3csuite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// base is the flat namespace every suite schema is registered in: the
// schemas reference each other by bare file name ("id.json#...") whatever
// folder they live in.
const base = "https://w3c-web-annotation-tests.invalid/"

// The MUST lists of the suite, relative to its root.
const (
	AnnotationMusts = "annotations/annotationMusts.test"
	CollectionMusts = "collections/collectionMusts.test"
	PageMusts       = "collections/pages/pageMusts.test"
)

// ErrNotFound is returned by Load when the suite folder is missing.
var ErrNotFound = errors.New("W3C web annotation test suite not found")

// Suite is the compiled suite.
type Suite struct {
	dir        string
	compiler   *jsonschema.Compiler
	docs       map[string]map[string]any // raw schemas by file name
	assertions map[string][]Assertion    // by MUST list
}

// Assertion is one compiled MUST schema.
type Assertion struct {
	Name    string // its path in the suite
	Message string // the suite's errorMessage
	schema  *jsonschema.Schema
}

// Load reads and compiles every schema under dir and the three MUST lists.
// It returns an error wrapping ErrNotFound when dir does not exist.
func Load(dir string) (*Suite, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w at %s: %v", ErrNotFound, dir, err)
	}
	s := &Suite{dir: dir, compiler: jsonschema.NewCompiler(), docs: map[string]map[string]any{}, assertions: map[string][]Assertion{}}
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
			return fmt.Errorf("%s: %w", p, err)
		}
		name := filepath.Base(p)
		if _, dup := s.docs[name]; dup {
			return fmt.Errorf("two suite schemas named %s", name)
		}
		m, _ := doc.(map[string]any)
		s.docs[name] = m
		// Registered under its file name; a differing relative "id" (as in
		// 4.2-TextDataPositionSelectorValid.json) resolves against it in the
		// same namespace, so both names work.
		return s.compiler.AddResource(base+name, doc)
	})
	if err != nil {
		return nil, fmt.Errorf("load W3C suite: %w", err)
	}
	for _, list := range []string{AnnotationMusts, CollectionMusts, PageMusts} {
		as, err := s.compile(list)
		if err != nil {
			return nil, fmt.Errorf("load W3C suite: %w", err)
		}
		s.assertions[list] = as
	}
	return s, nil
}

// compile compiles the schemas listed in a .test file.
func (s *Suite) compile(testFile string) ([]Assertion, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(testFile)))
	if err != nil {
		return nil, err
	}
	var tf struct{ Assertions []string }
	if err := json.Unmarshal(b, &tf); err != nil {
		return nil, fmt.Errorf("%s: %w", testFile, err)
	}
	var out []Assertion
	for _, a := range tf.Assertions {
		name := path.Base(a)
		doc := s.docs[name]
		if doc == nil {
			return nil, fmt.Errorf("%s: assertion %s: no such schema", testFile, a)
		}
		// Every assertion in a MUST list expects "valid"; honour the field anyway.
		if exp, _ := doc["expectedResult"].(string); exp != "" && exp != "valid" {
			return nil, fmt.Errorf("%s: assertion %s expects %q, which this driver does not handle", testFile, a, exp)
		}
		sch, err := s.compiler.Compile(base + name)
		if err != nil {
			return nil, fmt.Errorf("%s: compile %s: %w", testFile, a, err)
		}
		msg, _ := doc["errorMessage"].(string)
		out = append(out, Assertion{Name: a, Message: msg, schema: sch})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s lists no assertions", testFile)
	}
	return out, nil
}

// Assertions returns the compiled assertions of a MUST list.
func (s *Suite) Assertions(list string) []Assertion { return s.assertions[list] }

// Check validates v (decoded JSON) against every assertion of a MUST list
// and returns one error per failed assertion, naming what and which.
func (s *Suite) Check(what string, v any, list string) []error {
	var errs []error
	for _, a := range s.assertions[list] {
		if err := a.schema.Validate(v); err != nil {
			errs = append(errs, fmt.Errorf("%s fails MUST assertion %s (%s): %v", what, a.Name, a.Message, err))
		}
	}
	return errs
}

// CheckCollection validates an exported AnnotationCollection: the
// collection, its embedded first page (when it has items) and every
// annotation in it.
func (s *Suite) CheckCollection(data []byte) []error {
	coll, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return []error{fmt.Errorf("collection: %w", err)}
	}
	errs := s.Check("the collection", coll, CollectionMusts)
	m, _ := coll.(map[string]any)
	first, _ := m["first"].(map[string]any)
	items, _ := first["items"].([]any)
	if len(items) > 0 {
		errs = append(errs, s.Check("the collection's first page", coll, PageMusts)...)
	}
	for _, item := range items {
		id, _ := item.(map[string]any)["id"].(string)
		errs = append(errs, s.Check("annotation "+id, item, AnnotationMusts)...)
	}
	return errs
}

// Items returns the annotations of an exported collection's first page.
func Items(data []byte) ([]any, error) {
	coll, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	m, _ := coll.(map[string]any)
	first, _ := m["first"].(map[string]any)
	items, _ := first["items"].([]any)
	return items, nil
}
