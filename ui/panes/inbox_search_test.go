package panes

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestSearchHostileResultsInert: search results over the sandbox's hostile
// buyer texts (escape sequences, C1 controls, bidi overrides, invalid
// UTF-8, a line of 10k characters) reach the screen inert and within the
// window, with the matched word shown.
func TestSearchHostileResultsInert(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{Hostile: true})
	queries := []string{"сломанный", "экран", "Скопируйте", "нажми", "красный", "Двунаправленный",
		"Семья", "Неверный", "табуляция", "длинная строка"}
	for i, sc := range []struct {
		lang  i18n.Lang
		width int
	}{{i18n.EN, 80}, {i18n.RU, 160}} {
		if i > 0 {
			// The 10k-character line once is enough: FTS5 snippets of it
			// are slow under the race detector.
			queries = queries[:len(queries)-1]
		}
		env := wbTestEnv(sc.lang)
		env.Store = w.st
		app := inboxApp(t, env, ui.AppOptions{Profile: "default"}, sc.width, 24, newInboxPane(env, w.st, nil))
		for _, query := range queries {
			// Pasted: one debounce per query rather than one per letter.
			inboxDrive(t, app, ctrlF, tea.PasteMsg{Content: query})
			out := app.View().Content
			rest := sgr.ReplaceAllString(out, "")
			for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b", "\u0085", "\x00", "\b"} {
				if strings.Contains(rest, bad) {
					t.Fatalf("%s %d %q: %q reached the screen", sc.lang, sc.width, query, bad)
				}
			}
			for n, l := range strings.Split(out, "\n") {
				if ansi.StringWidth(l) > sc.width {
					t.Fatalf("%s %d %q: line %d is %d cells", sc.lang, sc.width, query, n, ansi.StringWidth(l))
				}
			}
			// The query line shows the word once; a result shows it again.
			if word := strings.Fields(query)[0]; strings.Count(ansi.Strip(out), word) < 2 {
				t.Errorf("%s %d %q: no result shows the word:\n%s", sc.lang, sc.width, query, ansi.Strip(out))
			}
			inboxDrive(t, app, wbKey("esc"))
		}
	}
}
