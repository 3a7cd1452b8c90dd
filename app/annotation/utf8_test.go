package annotation

import (
	"encoding/json"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// FuzzCheckUTF8 checks InvalidUTF8Fields against a strict decoder: a
// JSON document has a field to report exactly when strict decoding fails.
func FuzzCheckUTF8(f *testing.F) {
	f.Add([]byte(`{"a":"\ud83d\ude00","b":["x"]}`))
	f.Add([]byte("{\"a\":[1,{\"b\":\"x\xffy\"}]}"))
	f.Add([]byte(`{"a":"\ud800","a":"\\ud800"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		fields := InvalidUTF8Fields(data)
		strict := jsontext.Value(data).IsValid(jsontext.AllowDuplicateNames(true))
		if strict != (len(fields) == 0) {
			t.Fatalf("strict decoding ok=%v but fields %q for %q", strict, fields, data)
		}
		if (CheckUTF8(data) == nil) != strict {
			t.Fatalf("CheckUTF8 disagrees with the fields %q", fields)
		}
	})
}
