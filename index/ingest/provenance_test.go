package ingest

import (
	"reflect"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

func TestProvenanceRecordsWhatWasDone(t *testing.T) {
	tests := []struct {
		name, path, in string
		check          func(t *testing.T, d *Document)
	}{
		{"Dropped controls and invisible characters are counted.", "a.txt", "A line of plain text: a\x07b\u200bc\u00adde\x1b\u2066f", func(t *testing.T, d *Document) {
			if d.Text != "A line of plain text: abcdef" || d.Provenance.Controls != 2 || d.Provenance.Invisible != 3 {
				t.Errorf("got %q, %d controls, %d invisible; want abcdef, 2, 3", d.Text, d.Provenance.Controls, d.Provenance.Invisible)
			}
		}},
		{"What the sanitizer dropped with its content is counted.", "a.html",
			`<p onclick="x()">a<script>s()</script><iframe src=x>f</iframe><b onmouseover=y>b</b><nav>kept</nav></p>`, func(t *testing.T, d *Document) {
				if want := map[string]int{"script": 1, "iframe": 1, handlersKey: 2}; !reflect.DeepEqual(d.Provenance.Sanitized, want) {
					t.Errorf("got sanitized %v, want %v", d.Provenance.Sanitized, want)
				}
				if d.Text != "a b kept" {
					t.Errorf("got %q", d.Text)
				}
			}},
		{"Clean text changes nothing.", "a.md", "# Title\n\nBody.", func(t *testing.T, d *Document) {
			if d.Provenance.Changed() {
				t.Errorf("got changed provenance %+v", d.Provenance)
			}
		}},
		{"Repairs are in the provenance, with their spans.", "a.txt", "The cafÃ© costs â‚¬5.", func(t *testing.T, d *Document) {
			want := []Repair{{Start: 7, End: 8, From: "Ã©", To: "é"}, {Start: 15, End: 16, From: "â‚¬", To: "€", Figures: true}}
			if !reflect.DeepEqual(d.Provenance.Repairs, want) || !reflect.DeepEqual(d.Repairs, want) {
				t.Errorf("got repairs %+v, want %+v", d.Provenance.Repairs, want)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			tt.check(t, doc)
		})
	}
}

// TestTokenizerHasTheCVE202522872Fix checks the x/net/html in use: before
// v0.38.0 an unquoted attribute value ending in "/" made the tag
// self-closing, which moves content in foreign elements.
func TestTokenizerHasTheCVE202522872Fix(t *testing.T) {
	z := nethtml.NewTokenizer(strings.NewReader(`<math><mi a=b/>x</mi></math>`))
	z.Next() // <math>
	if tt := z.Next(); tt != nethtml.StartTagToken {
		t.Fatalf("got %v for <mi a=b/>, want a start tag: golang.org/x/net is older than v0.38.0", tt)
	}
	if _, v, _ := z.TagAttr(); string(v) != "b/" {
		t.Errorf("got attribute value %q, want %q", v, "b/")
	}
}
