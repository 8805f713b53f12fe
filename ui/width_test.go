package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// wideTexts are the clusters terminals disagree on: ZWJ families and
// professions, flags, skin tones, emoji presentation selectors, keycaps,
// next to Cyrillic and combining marks.
var wideTexts = []string{
	"Семья 👨‍👩‍👧‍👦 довольна, 👩🏽‍💻 тоже",
	"Флаги 🇷🇺🇰🇿🇧🇾 и 🏳️‍🌈 на коробке",
	"👍🏽👋🏿 ❤️ ⚠️ ✔️ 1️⃣ #️⃣ 🐻‍❄️ ❤️‍🔥",
	"Ёжик й (и\u0306) е\u0301\u0301 — ZWSP:сло\u200bво \u202eRTL\u202c",
	"Кабель USB-C 中文 ｱｲｳ",
}

// TestRowsKeepTheirWidth: every row of the screen, list and detail side by
// side, is exactly as wide as the window both by grapheme width (what
// lipgloss lays out with) and by per-code-point wcwidth (what tmux 3.3
// draws): a ZWJ family measured as 2 cells but drawn as 8 pushed the
// separator and everything right of it.
func TestRowsKeepTheirWidth(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}} {
		env := testEnv(i18n.RU)
		all := items(len(wideTexts) * 2)
		for i := range all {
			w := wideTexts[i%len(wideTexts)]
			all[i].Buyer, all[i].Product, all[i].Text = w, w+" "+w, strings.Repeat(w+" ", 5)
		}
		cfg := testConfig(PaneReturns, newFakeRows(all), env)
		s := NewSplit(env, cfg)
		app := New(env, AppOptions{FixedTheme: true, Profile: "default", Account: wideTexts[0]}, s)
		drive(app, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		drive(app, run(app.Init())...)
		for step, keys := range [][]string{nil, {"j"}, {"j", "enter"}, {"j", "j"}} {
			drive(app, keyMsgs(keys...)...)
			lines := strings.Split(app.View().Content, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%v step %d: %d lines, want %d", size, step, len(lines), size[1])
			}
			for n, l := range lines {
				if n >= 1 && n <= size[1]-chrome && size[0] >= SplitMinWidth {
					// the list column is exactly listWidth cells wide as the terminal draws it
					plain := ansi.Strip(l)
					if i := strings.Index(plain, "│"); i < 0 || ansi.StringWidthWc(plain[:i]) != s.listWidth() {
						t.Errorf("%v step %d line %d: separator not at column %d: %q", size, step, n, s.listWidth(), plain)
					}
				}
				g, wc := ansi.StringWidth(l), ansi.StringWidthWc(l)
				if g > size[0] || g != wc {
					t.Errorf("%v step %d line %d: grapheme width %d, wcwidth %d (window %d): %q",
						size, step, n, g, wc, size[0], ansi.Strip(l))
				}
			}
		}
	}
}
