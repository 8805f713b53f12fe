package ui

import (
	"strings"
	"testing"
)

// A notification carries buyer-adjacent text (pane titles, counts) inside
// an escape: nothing in it may end the escape early or add fields.
func TestNotificationEscapesStayClosed(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"osc9", osc9("2 new in Questions"), "\x1b]9;2 new in Questions\a"},
		{"osc777", osc777("sellerinbox", "новых: 1 — Чаты"), "\x1b]777;notify;sellerinbox;новых: 1 — Чаты\a"},
		{"controls dropped", osc9("a\x1b]0;pwned\ab"), "\x1b]9;ab\a"},
		{"semicolons cannot add fields", osc777("t;x", "b;y"), "\x1b]777;notify;t,x;b,y\a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
			body := strings.TrimSuffix(strings.TrimPrefix(c.got, "\x1b]"), "\a")
			if strings.ContainsAny(body, "\x1b\a") {
				t.Errorf("control inside the escape: %q", c.got)
			}
		})
	}
}
