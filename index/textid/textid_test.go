package textid

import "testing"

func TestIDs(t *testing.T) {
	a := Passages("doc", []string{"One.", "Two.", "One."})
	b := Passages("doc", []string{"New first.", "One.", "Two.", "One."})
	tests := []struct {
		name      string
		got, want string
	}{
		{"an unchanged passage keeps its id when one is inserted before it", b[1], a[0]},
		{"the next unchanged passage keeps its id too", b[2], a[1]},
		{"a repeated text keeps its own id", b[3], a[2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %s, want %s", tt.got, tt.want)
			}
		})
	}
	if a[0] == a[2] {
		t.Errorf("repeated texts share id %s", a[0])
	}
	if len(a[0]) != 11 || a[0][0] != 'p' {
		t.Errorf("got id %q, want p and 10 characters", a[0])
	}
	if s := Sentences(a[0], []string{"One."}); s[0][0] != 's' || s[0] == a[0] {
		t.Errorf("got sentence id %q", s[0])
	}
	if Passages("other", []string{"One."})[0] == a[0] {
		t.Error("the same text in another document has the same id")
	}
}
