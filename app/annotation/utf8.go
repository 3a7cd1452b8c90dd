package annotation

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// ErrInvalidUTF8 is returned, wrapped, by CheckUTF8 when a JSON string holds
// bytes that are not UTF-8 or an escaped lone surrogate ("\ud800").
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

// CheckUTF8 reports the first string of the JSON value data (a key or a
// value) that is not valid UTF-8, naming it by its JSON Pointer (RFC 6901):
// "field /body/1/value: invalid UTF-8". It returns nil for valid text and
// for malformed JSON, which the decoders report themselves.
//
// encoding/json silently replaces such bytes with U+FFFD, which would turn
// a damaged quote into a fuzzy match and a damaged note into another note.
// Every reader of outside input calls CheckUTF8 first.
func CheckUTF8(data []byte) error {
	if fields := InvalidUTF8Fields(data); len(fields) > 0 {
		return fmt.Errorf("field %s: %w", fields[0], ErrInvalidUTF8)
	}
	return nil
}

// InvalidUTF8Fields returns the JSON Pointer of every string of data that
// is not valid UTF-8 (bad bytes, or an escaped lone surrogate), in document
// order; nil when all are valid or data is not JSON. The walk uses the
// jsontext package of go-json-experiment/json (the json/v2 prototype, the
// one maintained tokenizer that keeps a string's raw bytes and knows where
// it is); encoding/json/v2 itself is still behind GOEXPERIMENT in Go 1.26.
func InvalidUTF8Fields(data []byte) []string {
	if utf8.Valid(data) && !hasSurrogateEscape(data) {
		return nil // the common case, without a second parse
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var out []string
	for {
		switch dec.PeekKind() {
		case 0: // end of input or a syntax error
			return out
		case '"':
			v, err := dec.ReadValue()
			if err != nil {
				return out
			}
			if !v.IsValid() {
				ptr := string(dec.StackPointer())
				if ptr == "" {
					ptr = "/"
				}
				out = append(out, ptr)
			}
		case '{', '[', '}', ']':
			if _, err := dec.ReadToken(); err != nil {
				return out
			}
		default:
			if _, err := dec.ReadValue(); err != nil {
				return out
			}
		}
	}
}

// hasSurrogateEscape reports whether data may hold a "\uD800"-"\uDFFF"
// escape, valid as half of a pair but not alone.
func hasSurrogateEscape(data []byte) bool {
	for i := 0; i+5 < len(data); i++ {
		if data[i] == '\\' && data[i+1] == 'u' && (data[i+2] == 'd' || data[i+2] == 'D') {
			switch data[i+3] {
			case '8', '9', 'a', 'b', 'c', 'd', 'e', 'f', 'A', 'B', 'C', 'D', 'E', 'F':
				return true
			}
		}
	}
	return false
}
