package annotation

import (
	"errors"
	"testing"
)

func ids(as []Annotation) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestSetHistory(t *testing.T) {
	s := &Set{}
	a := mustAnnotation(t, "urn:x:a", Fact, "ann", 0, 9)
	b := mustAnnotation(t, "urn:x:b", Opinion, "bob", 5, 20) // overlaps a
	if _, err := s.Add(a); err != nil {
		t.Fatal(err)
	}
	c, err := s.Add(b)
	if err != nil {
		t.Fatalf("overlapping span: %v", err)
	}
	if got, want := c.Op, OpAdd; got != want {
		t.Errorf("got op %q, want %q", got, want)
	}
	b2 := b
	b2.Tag = Forecast
	if _, err := s.Update(b2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove(a.ID); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name   string
		do     func() (Change, bool)
		wantOp Op
		wantID []string
		check  func(t *testing.T)
	}{
		{name: "undo restores the removed annotation", do: s.Undo, wantOp: OpAdd, wantID: []string{"urn:x:a", "urn:x:b"}},
		{name: "undo reverts the update", do: s.Undo, wantOp: OpUpdate, wantID: []string{"urn:x:a", "urn:x:b"}, check: func(t *testing.T) {
			if got, _ := s.Get(b.ID); got.Tag != Opinion {
				t.Errorf("got tag %q, want %q", got.Tag, Opinion)
			}
		}},
		{name: "redo reapplies the update", do: s.Redo, wantOp: OpUpdate, wantID: []string{"urn:x:a", "urn:x:b"}, check: func(t *testing.T) {
			if got, _ := s.Get(b.ID); got.Tag != Forecast {
				t.Errorf("got tag %q, want %q", got.Tag, Forecast)
			}
		}},
		{name: "redo reapplies the removal", do: s.Redo, wantOp: OpRemove, wantID: []string{"urn:x:b"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			c, ok := st.do()
			if !ok {
				t.Fatal("got nothing to do")
			}
			if got, want := c.Op, st.wantOp; got != want {
				t.Errorf("got op %q, want %q", got, want)
			}
			if got, want := ids(s.List(Filter{})), st.wantID; !equalStrings(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if st.check != nil {
				st.check(t)
			}
		})
	}
	if _, ok := s.Redo(); ok {
		t.Error("got a redo past the end of history")
	}
}

func TestSetNewChangeClearsRedo(t *testing.T) {
	s := &Set{}
	_, _ = s.Add(mustAnnotation(t, "urn:x:a", Fact, "ann", 0, 9))
	s.Undo()
	_, _ = s.Add(mustAnnotation(t, "urn:x:b", Fact, "ann", 0, 9))
	if s.CanRedo() {
		t.Error("got redo available after a new change, want none")
	}
}

func TestSetErrors(t *testing.T) {
	s := &Set{}
	a := mustAnnotation(t, "urn:x:a", Fact, "ann", 0, 9)
	_, _ = s.Add(a)
	bad := a
	bad.ID = "urn:x:bad"
	bad.Tag = "rumour"
	tests := []struct {
		name string
		err  error
		want error
	}{
		{name: "adding a duplicate id fails", err: second(s.Add(a)), want: ErrExists},
		{name: "adding an invalid tag fails", err: second(s.Add(bad)), want: ErrInvalidTag},
		{name: "updating a missing id fails", err: second(s.Update(bad)), want: ErrNotFound},
		{name: "removing a missing id fails", err: second(s.Remove("nope")), want: ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Errorf("got %v, want %v", tt.err, tt.want)
			}
		})
	}
}

func second(_ Change, err error) error { return err }

func TestSetList(t *testing.T) {
	s, err := NewSet(
		mustAnnotation(t, "urn:x:3", Opinion, "bob", 74, 98),
		mustAnnotation(t, "urn:x:1", Fact, "ann", 0, 31),
		mustAnnotation(t, "urn:x:2", Forecast, "ann", 33, 59),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{name: "no filter lists all in document order", want: []string{"urn:x:1", "urn:x:2", "urn:x:3"}},
		{name: "a tag filter keeps that tag", filter: Filter{Tag: Forecast}, want: []string{"urn:x:2"}},
		{name: "a creator filter keeps that creator", filter: Filter{Creator: "ann"}, want: []string{"urn:x:1", "urn:x:2"}},
		{name: "an unknown document matches nothing", filter: Filter{Doc: "doc-9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(s.List(tt.filter)); !equalStrings(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

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
