package chrome

import (
	"slices"
	"testing"
	"time"
)

func TestActivityIdleIn(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		steps func(a *activity, at *time.Time)
		want  time.Duration
	}{
		{"never fetched", func(*activity, *time.Time) {}, 0},
		{"a fetch under way", func(a *activity, _ *time.Time) { a.begin() }, time.Second},
		{"just ended", func(a *activity, _ *time.Time) { a.begin(); a.end() }, time.Second},
		{"ended 300 ms ago", func(a *activity, at *time.Time) { a.begin(); a.end(); *at = at.Add(300 * time.Millisecond) }, 700 * time.Millisecond},
		{"ended long ago", func(a *activity, at *time.Time) { a.begin(); a.end(); *at = at.Add(time.Minute) }, 0},
		{"one of two still under way", func(a *activity, at *time.Time) {
			a.begin()
			a.begin()
			a.end()
			*at = at.Add(time.Minute)
		}, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := t0
			a := &activity{now: func() time.Time { return at }}
			tt.steps(a, &at)
			if got := a.idleIn(time.Second); got != tt.want {
				t.Errorf("idleIn = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestActivityWait checks that wait holds while a search fetches and
// returns once it ended and the quiet time passed.
func TestActivityWait(t *testing.T) {
	var a activity
	a.begin()
	done := make(chan struct{})
	go func() {
		a.wait(20 * time.Millisecond)
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("wait returned while a search was fetching")
	case <-time.After(100 * time.Millisecond):
	}
	a.end()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("wait did not return after the search ended")
	}
}

func TestActivityUsedFirst(t *testing.T) {
	files := []string{"a.bin", "b.bin", "c.bin", "d.bin"}
	tests := []struct {
		name    string
		fetches [][]string
		want    []string
	}{
		{"nothing fetched", nil, files},
		{"fetched first, in fetch order", [][]string{{"c.bin"}, {"a.bin", "d.bin"}}, []string{"c.bin", "a.bin", "d.bin", "b.bin"}},
		{"fetched twice counts once", [][]string{{"b.bin"}, {"b.bin", "a.bin"}}, []string{"b.bin", "a.bin", "c.bin", "d.bin"}},
		{"a name not among the files is left out", [][]string{{"x.bin", "d.bin"}}, []string{"d.bin", "a.bin", "b.bin", "c.bin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a activity
			for _, f := range tt.fetches {
				a.begin(f...)
				a.end()
			}
			if got := a.usedFirst(files); !slices.Equal(got, tt.want) {
				t.Errorf("usedFirst = %v, want %v", got, tt.want)
			}
		})
	}
}
