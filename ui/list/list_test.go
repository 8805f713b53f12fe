package list

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

type strs struct {
	items []string
	rows  int // Row calls, to prove View is windowed
}

func (s *strs) Len() int { return len(s.items) }
func (s *strs) Row(i, width int, selected bool) string {
	s.rows++
	mark := "  "
	if selected {
		mark = "> "
	}
	return mark + s.items[i]
}

func numbered(n int) *strs {
	s := &strs{}
	for i := range n {
		s.items = append(s.items, fmt.Sprintf("item %03d", i))
	}
	return s
}

func newList(src Source, w, h int) *Model {
	tr := i18n.New(i18n.EN)
	m := New(src, Options{Keys: keymap.Default(tr), Styles: theme.NewWith(theme.Options{NoColor: true}), Tr: tr,
		Counts: func() (int, int) { return 2, 14305 }})
	m.SetSize(w, h)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+d", "ctrl+u":
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(press(string(r)))
	}
}

func TestNavigation(t *testing.T) {
	tests := []struct {
		keys         []string
		cursor, offs int
	}{
		{[]string{"j"}, 1, 0},
		{[]string{"j", "j", "k"}, 1, 0},
		{[]string{"k"}, 0, 0},
		{[]string{"G"}, 99, 90},
		{[]string{"G", "g"}, 0, 0},
		{[]string{"pgdown"}, 10, 1},
		{[]string{"pgdown", "pgup"}, 0, 0},
		{[]string{"ctrl+d"}, 5, 0},
		{[]string{"ctrl+d", "ctrl+d", "ctrl+u"}, 5, 1},
		{[]string{"G", "j"}, 99, 90},
		{[]string{"down", "down", "up"}, 1, 0},
	}
	for _, tc := range tests {
		m := newList(numbered(100), 40, 10)
		for _, k := range tc.keys {
			if !m.Update(press(k)) {
				t.Errorf("%v: %q not handled", tc.keys, k)
			}
		}
		if m.Cursor() != tc.cursor || m.Offset() != tc.offs {
			t.Errorf("%v: cursor %d offset %d, want %d %d", tc.keys, m.Cursor(), m.Offset(), tc.cursor, tc.offs)
		}
	}
	// "о" (j on the ЙЦУКЕН layout) is a letter of an answer, not a key:
	// words starting with it must not move the cursor to another item
	m := newList(numbered(100), 40, 10)
	if m.Update(press("о")) || m.Cursor() != 0 {
		t.Errorf("a Cyrillic letter moved the list to %d", m.Cursor())
	}
}

func TestUnhandledKeysFallThrough(t *testing.T) {
	m := newList(numbered(10), 40, 10)
	for _, k := range []string{"q", "enter", "esc", "1", "a"} {
		if m.Update(press(k)) {
			t.Errorf("%q handled by the list in normal mode", k)
		}
	}
}

// The cursor is always on screen, whatever the keys and sizes.
func TestCursorStaysVisible(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ks := []string{"j", "k", "g", "G", "pgdown", "pgup", "ctrl+d", "ctrl+u"}
	m := newList(numbered(500), 40, 7)
	for i := range 2000 {
		m.Update(press(ks[r.IntN(len(ks))]))
		if i%97 == 0 {
			m.SetSize(40, 1+r.IntN(30))
		}
		h := m.rowsHeight()
		if m.Cursor() < m.Offset() || m.Cursor() >= m.Offset()+h {
			t.Fatalf("step %d: cursor %d outside [%d,%d)", i, m.Cursor(), m.Offset(), m.Offset()+h)
		}
	}
}

func TestViewIsWindowed(t *testing.T) {
	src := numbered(100000)
	m := newList(src, 30, 12)
	m.Update(press("pgdown"))
	src.rows = 0
	v := m.View()
	if src.rows != 12 {
		t.Errorf("View rendered %d rows, want 12", src.rows)
	}
	lines := strings.Split(v, "\n")
	if len(lines) != 12 {
		t.Fatalf("%d lines", len(lines))
	}
	if !strings.HasPrefix(ansi.Strip(lines[11]), "> item 012") {
		t.Errorf("last line %q", lines[11])
	}
	// Rows wider than the box are cut, short lists padded.
	short := newList(&strs{items: []string{strings.Repeat("ж", 100)}}, 10, 3)
	lines = strings.Split(short.View(), "\n")
	if len(lines) != 3 || ansi.StringWidth(lines[0]) != 10 || lines[2] != strings.Repeat(" ", 10) {
		t.Errorf("short view %q", lines)
	}
}

// TestFilterKeys: / hands the keyboard to the prompt, whose keys are
// text (q, a Cyrillic letter), edit the query, and are recorded once for
// the owner to read; enter keeps the query, esc clears it, a paste is
// sanitized into one line, and the filter line shows the owner's counts.
func TestFilterKeys(t *testing.T) {
	m := newList(numbered(100), 40, 10)
	m.Update(press("j"))
	m.Update(press("j"))
	if !m.Update(press("/")) || !m.Typing() {
		t.Fatal("/ did not start typing")
	}
	typeText(m, "qа")
	if m.Query() != "qа" || !m.TakeQueryChange() || m.TakeQueryChange() {
		t.Errorf("query %q, or its change not reported exactly once", m.Query())
	}
	if m.Cursor() != 0 {
		t.Errorf("a new query leaves the cursor at %d, not the top", m.Cursor())
	}
	m.Update(press("backspace"))
	m.Update(press("backspace"))
	typeText(m, "ал")
	m.Update(press("down"))
	if m.Cursor() != 1 {
		t.Errorf("down while typing: cursor %d", m.Cursor())
	}
	m.Update(press("enter"))
	if m.Typing() || m.Query() != "ал" {
		t.Errorf("enter: typing %v query %q", m.Typing(), m.Query())
	}
	if line := ansi.Strip(strings.Split(m.View(), "\n")[0]); !strings.Contains(line, "/ал") || !strings.Contains(line, "2 of 14,305 match") {
		t.Errorf("filter line %q", line)
	}
	// esc in normal mode clears the filter and leaves the cursor for the
	// owner to anchor.
	m.TakeQueryChange()
	if !m.Update(press("esc")) || m.Query() != "" || !m.TakeQueryChange() || m.Cursor() != 1 {
		t.Errorf("esc: query %q cursor %d", m.Query(), m.Cursor())
	}
	if m.Update(press("esc")) {
		t.Error("esc without a filter is the list's")
	}
	// esc while typing clears too; paste is sanitized text.
	m.Update(press("/"))
	m.Update(tea.PasteMsg{Content: "бе\x1b[2Jта\n"})
	if m.Query() != "бета" {
		t.Errorf("paste query %q", m.Query())
	}
	m.Update(press("esc"))
	if m.Typing() || m.Query() != "" {
		t.Error("esc while typing did not clear")
	}
	// words are typed with spaces between them, one kept at most
	m.Update(press("/"))
	typeText(m, "номер  2 ")
	if m.Query() != "номер 2 " {
		t.Errorf("typed words: query %q", m.Query())
	}
	m.Update(press("esc"))
	empty := newList(&strs{}, 40, 5)
	empty.SetQuery("zzz")
	if !strings.Contains(ansi.Strip(empty.View()), "No matches for “zzz”") {
		t.Error("no-matches placeholder missing")
	}
}
