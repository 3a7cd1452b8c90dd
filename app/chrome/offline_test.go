package chrome

import (
	"strings"
	"testing"
)

func TestOfflineText(t *testing.T) {
	tests := []struct {
		name      string
		in        OfflineState
		wantState string
		wantText  []string // each is in the text; none: no text
	}{
		{"nothing yet says nothing", OfflineState{}, "idle", nil},
		{"saving shows progress", OfflineState{Saving: true, Done: 41, Total: 100}, "saving", []string{"41%"}},
		{"saving of unknown size says nothing", OfflineState{Saving: true}, "idle", nil},
		{"saved", OfflineState{Ready: true}, "ready", []string{"Available offline"}},
		{"a failure says why, that the app works online and what to do", OfflineState{Err: "fetch x.bin: HTTP 500"},
			"failed", []string{"fetch x.bin: HTTP 500", "works while online", "reloading the page tries again"}},
		{"a browser without Cache Storage is named, not silent", OfflineState{Unsupported: true},
			"unsupported", []string{"Not available offline", "https or localhost"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, text := offlineText(tt.in)
			if state != tt.wantState {
				t.Errorf("state %q, want %q", state, tt.wantState)
			}
			if len(tt.wantText) == 0 && text != "" {
				t.Errorf("text %q, want none", text)
			}
			for _, w := range tt.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("text %q lacks %q", text, w)
				}
			}
		})
	}
}
