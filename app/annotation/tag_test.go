package annotation

import "testing"

func TestTags(t *testing.T) {
	for i, tag := range Tags() {
		key := string(rune('1' + i))
		t.Run("key "+key+" maps to "+string(tag), func(t *testing.T) {
			got, ok := TagForKey(key)
			if !ok || got != tag {
				t.Errorf("got %q, want %q", got, tag)
			}
			if got, want := tag.Key(), key; got != want {
				t.Errorf("got key %q, want %q", got, want)
			}
			if p, err := ParseTag(" " + string(tag) + " "); err != nil || p != tag {
				t.Errorf("got %q, %v, want %q", p, err, tag)
			}
		})
	}
	if _, err := ParseTag("rumour"); err == nil {
		t.Error("got no error for an unknown tag")
	}
}
