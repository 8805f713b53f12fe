package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// benchApp is the root app at 120x40 with one pane over n realistic
// Cyrillic items, read from memory (fakeRows): what the Split itself costs,
// without a store's reads (BenchmarkPaneKeypressStore has them).
func benchApp(b *testing.B, n int) (*App, *Split[testItem]) {
	b.Helper()
	env := testEnv(i18n.RU)
	s := NewSplit(env, testConfig(PaneReturns, newFakeRows(items(n)), env))
	app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(app, run(app.Init())...)
	if s.List().Len() != n {
		b.Fatalf("a list of %d items", s.List().Len())
	}
	return app, s
}

var benchSizes = []int{1000, 10000, 100000}

// BenchmarkPaneKeypress is one cursor-down through the app's Update and a
// full root View: what the user waits for on every j. The window's reads
// as it slides run too (the commands the keypress returns), spread over
// the keypresses that need them.
func BenchmarkPaneKeypress(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			app, s := benchApp(b, n)
			down, top := keyMsg("j"), keyMsg("g")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				msg := down
				if s.List().Cursor() == n-1 {
					msg = top
				}
				drive(app, msg)
				_ = app.View()
			}
		})
	}
}

// BenchmarkPaneFilterKeystroke is one more character typed into / (the
// query grows from "ка" to "каб"): the keystroke's Update, the arrival of
// the window of matches and the root View. Finding the matches is the
// store's work (BenchmarkStoreFilter), so the in-memory read is not timed.
func BenchmarkPaneFilterKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			app, s := benchApp(b, n)
			drive(app, keyMsgs("/", "к", "а")...)
			typed, back := keyMsg("б"), keyMsg("backspace")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, cmd := app.Update(typed)
				b.StopTimer()
				read := run(cmd)
				b.StartTimer()
				drive(app, read...)
				_ = app.View()
				b.StopTimer()
				drive(app, back)
				b.StartTimer()
			}
			b.StopTimer()
			if s.List().Query() != "ка" || s.List().Len() == 0 {
				b.Fatalf("query %q, %d matches", s.List().Query(), s.List().Len())
			}
		})
	}
}

// longText is a 1 MB buyer text on one line, as a hostile buyer (or a
// pasted log) sends it.
func longText() string {
	return strings.Repeat("Товар пришёл сломанный, верните деньги ", 1<<20/len("Товар пришёл сломанный, верните деньги "))
}

// BenchmarkDetailKeypressLongText: with a 1 MB single-line text among the
// items, one keypress (cursor move onto or off it, a scroll in its detail)
// through Update and the root View.
func BenchmarkDetailKeypressLongText(b *testing.B) {
	for _, sc := range []struct {
		name string
		keys []string
	}{{"list", []string{"j", "k"}}, {"detail", []string{"j", "k"}}} {
		b.Run(sc.name, func(b *testing.B) {
			env := testEnv(i18n.RU)
			all := items(10)
			all[1].Text = longText()
			s := NewSplit(env, longConfig(env, all))
			app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
			drive(app, tea.WindowSizeMsg{Width: 120, Height: 40})
			drive(app, run(app.Init())...)
			if sc.name == "detail" {
				drive(app, keyMsgs("j", "enter")...)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				app.Update(keyMsg(sc.keys[i%2]))
				_ = app.View()
			}
		})
	}
}
