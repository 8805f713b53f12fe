package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// tmplFile is the templates file every manager test starts from.
const tmplFile = `# test templates

[[template]]
name = "Спасибо за отзыв"
panes = ["feedbacks"]
ratings = [5]
text = "Спасибо, {buyer}! Рады, что {product} понравился."

[[template]]
name = "Размеры"
panes = ["questions"]
text = """
Здравствуйте! Размеры — в таблице на карточке.
Артикул {article}."""
`

// tmplSetup writes the templates file under a fake home, so that the
// screen shows the same ~/… path on every machine, and loads it.
func tmplSetup(t *testing.T) (path string, store *reply.Templates) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	dir := filepath.Join(home, ".config", "sellerinbox")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "templates.toml")
	if err := os.WriteFile(path, []byte(tmplFile), 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := reply.LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, store
}

// tmplApp is an app over two recording panes with the reply layer on
// store, sized w×h.
func tmplApp(t *testing.T, lang i18n.Lang, store *reply.Templates, w, h int) (*App, *recPane) {
	t.Helper()
	drafts, err := reply.OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplies("default", ob, drafts, store)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(lang)
	env.Replies = r
	feedbacks := &recPane{id: PaneFeedbacks}
	app := New(env, AppOptions{FixedTheme: true}, feedbacks, &recPane{id: PaneQuestions})
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return app, feedbacks
}

// screen is what the terminal shows, without styles.
func screen(a *App) string { return ansi.Strip(a.render()) }

func names(ts []reply.Template) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func TestTemplatesBindings(t *testing.T) {
	k := testEnv(i18n.EN).Keys
	for _, c := range []struct {
		key  string
		b    key.Binding
		want bool
	}{
		{"T", k.Global.Templates, true},
		{"Е", k.Global.Templates, false}, // Cyrillic letters are text, not hotkeys
		{"t", k.Global.Templates, false},
		{"ctrl+g", k.Editor.ManageTemplates, true},
		{"n", k.Templates.New, true},
		{"d", k.Templates.Delete, true},
		{"enter", k.Templates.Edit, true},
		{"ctrl+s", k.Templates.Save, true},
	} {
		if got := key.Matches(keyMsg(c.key), c.b); got != c.want {
			t.Errorf("%q fires %v: %v, want %v", c.key, c.b.Keys(), got, c.want)
		}
	}
}

// TestTemplatesManagerOpens: T opens the manager only with templates
// loaded and the focused pane in normal mode; the picker's key opens it
// over an editor.
func TestTemplatesManagerOpens(t *testing.T) {
	_, store := tmplSetup(t)
	tests := []struct {
		name     string
		replies  bool
		mode     Mode
		help     bool
		msg      tea.Msg
		want     bool
		paneKeys []string // what reached the focused pane
	}{
		{name: "T in normal mode", replies: true, msg: keyMsg("T"), want: true},
		{name: "T on the Russian layout is text", replies: true, msg: keyMsg("Е")},
		{name: "without replies", msg: keyMsg("T"), paneKeys: []string{"T"}},
		{name: "typing in an editor", replies: true, mode: ModeEdit, msg: keyMsg("T"), paneKeys: []string{"T"}},
		{name: "typing in a filter", replies: true, mode: ModeFilter, msg: keyMsg("T"), paneKeys: []string{"T"}},
		{name: "over the help screen", replies: true, help: true, msg: keyMsg("T")},
		{name: "from the picker over an editor", replies: true, mode: ModeEdit, msg: manageTemplatesMsg{}, want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app, pane := tmplApp(t, i18n.EN, store, 100, 30)
			if !tc.replies {
				app.env.Replies = nil
			}
			pane.mode = tc.mode
			app.showFullHelp = tc.help
			drive(app, tc.msg)
			if got := app.templates != nil; got != tc.want {
				t.Fatalf("open = %v, want %v", got, tc.want)
			}
			if !slices.Equal(pane.keys(), tc.paneKeys) {
				t.Errorf("pane keys %v, want %v", pane.keys(), tc.paneKeys)
			}
			if tc.want && !strings.Contains(screen(app), "Reply templates") {
				t.Errorf("not on screen:\n%s", screen(app))
			}
		})
	}
}

// TestTemplatesManagerOwnsKeys: while the manager is open, global keys
// act in it (or are text in its fields); only force quit passes.
func TestTemplatesManagerOwnsKeys(t *testing.T) {
	_, store := tmplSetup(t)
	tests := []struct {
		key  string
		quit bool
	}{
		{"q", false}, {"й", false}, {"1", false}, {"2", false}, {"0", false}, {"?", false},
		{"R", false}, {"r", false}, {"P", false}, {"T", false}, {"tab", false}, {"ctrl+f", false},
		{"ctrl+c", true},
	}
	for _, form := range []bool{false, true} {
		for _, tc := range tests {
			name := tc.key + "/list"
			if form {
				name = tc.key + "/form"
			}
			t.Run(name, func(t *testing.T) {
				app, pane := tmplApp(t, i18n.EN, store, 100, 30)
				app.env.Store = searchStoreFor(t) // so that ctrl+f could open the search
				drive(app, keyMsg("T"))
				if form {
					drive(app, keyMsg("n"))
				}
				if tc.key == "ctrl+c" {
					app.Update(keyMsg(tc.key)) // the first press warns, the second quits
				}
				_, cmd := app.Update(keyMsg(tc.key))
				quit := false
				if cmd != nil {
					_, quit = cmd().(tea.QuitMsg)
				}
				if quit != tc.quit {
					t.Fatalf("quit = %v", quit)
				}
				if app.templates == nil || (form && app.templates.form == nil) {
					t.Fatal("the key closed the manager or its form")
				}
				if app.Focused().ID() != PaneFeedbacks || app.showFullHelp || app.search != nil || len(pane.keys()) != 0 {
					t.Errorf("the key acted outside the manager: focus %s, help %v, search %v, pane keys %v",
						app.Focused().ID(), app.showFullHelp, app.search != nil, pane.keys())
				}
				if form && !tc.quit && len([]rune(tc.key)) == 1 && app.templates.form.name.Value() != tc.key {
					t.Errorf("name %q, want the key typed", app.templates.form.name.Value())
				}
			})
		}
	}
}

// space is the space bar, which ticks a pane.
var space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}

// fillForm types a template into the open form: name, ticks the panes
// at the given choice positions (1 returns … 5 claims), ratings, text.
func fillForm(name string, panes []int, ratings, text string) []tea.Msg {
	msgs := typed(name)
	msgs = append(msgs, keyMsg("tab"))
	at := 0
	for _, p := range panes {
		for ; at < p; at++ {
			msgs = append(msgs, tea.KeyPressMsg{Code: tea.KeyRight})
		}
		msgs = append(msgs, space)
	}
	msgs = append(msgs, keyMsg("tab"))
	msgs = append(msgs, typed(ratings)...)
	msgs = append(msgs, keyMsg("tab"))
	return append(msgs, tea.PasteMsg{Content: text})
}

func TestTemplatesManagerFlows(t *testing.T) {
	type env struct {
		app    *App
		store  *reply.Templates
		path   string
		before []byte
	}
	unchanged := func(t *testing.T, e env) {
		t.Helper()
		if after, _ := os.ReadFile(e.path); !bytes.Equal(after, e.before) {
			t.Errorf("the file changed:\n%s", after)
		}
	}
	reload := func(t *testing.T, e env) []reply.Template {
		t.Helper()
		s, err := reply.LoadTemplates(e.path)
		if err != nil {
			t.Fatal(err)
		}
		return s.All()
	}
	tests := []struct {
		name  string
		steps []tea.Msg
		check func(t *testing.T, e env)
	}{
		{
			name: "new template is saved and offered by the picker",
			steps: append(keyMsgs("T", "n"), append(fillForm("Извинение за брак", []int{3}, "1 - 2",
				"Здравствуйте, {buyer}!\nПростите за брак: {product} заменим."), keyMsg("ctrl+s"))...),
			check: func(t *testing.T, e env) {
				m := e.app.templates
				if m == nil || m.form != nil {
					t.Fatalf("still in the form:\n%s", screen(e.app))
				}
				if !strings.Contains(e.app.bar.notice.Text, "Template «Извинение за брак» saved to ~/.config/sellerinbox/templates.toml") {
					t.Errorf("notice %+v", e.app.bar.notice)
				}
				file, _ := os.ReadFile(e.path)
				for _, want := range []string{`name = "Извинение за брак"`, `panes = ["feedbacks"]`, `ratings = [1, 2]`, "Простите за брак: {product} заменим."} {
					if !strings.Contains(string(file), want) {
						t.Errorf("file lacks %q:\n%s", want, file)
					}
				}
				got := reload(t, e)
				if len(got) != 3 || got[2].Text != "Здравствуйте, {buyer}!\nПростите за брак: {product} заменим." {
					t.Errorf("reloaded %+v", got)
				}
				picker := NewTemplatePicker(e.app.env, e.store.Applicable(reply.PaneFeedbacks, 1))
				if v := picker.View(80, 20); !strings.Contains(v, "Извинение за брак") {
					t.Errorf("the picker does not offer it:\n%s", v)
				}
				if len(e.store.Applicable(reply.PaneFeedbacks, 5)) != 1 {
					t.Error("offered for 5 stars")
				}
				if m.cursor != 2 || !strings.Contains(screen(e.app), "› Извинение за брак") {
					t.Errorf("cursor %d:\n%s", m.cursor, screen(e.app))
				}
			},
		},
		{
			name: "edit changes text, panes and ratings",
			steps: append(keyMsgs("T", "j", "e", "tab"), space, keyMsg("tab"), keyMsg("4"), keyMsg("-"), keyMsg("5"), keyMsg("tab"),
				tea.PasteMsg{Content: " Спасибо!"}, keyMsg("ctrl+s")),
			check: func(t *testing.T, e env) {
				got := reload(t, e)
				if !slices.Equal(names(got), []string{"Спасибо за отзыв", "Размеры"}) {
					t.Fatalf("names %v", names(got))
				}
				r := got[1]
				if r.Text != "Здравствуйте! Размеры — в таблице на карточке.\nАртикул {article}. Спасибо!" || len(r.Panes) != 0 || !slices.Equal(r.Ratings, []int{4, 5}) {
					t.Errorf("edited %+v", r)
				}
				if !strings.Contains(e.app.bar.notice.Text, "«Размеры» saved") {
					t.Errorf("notice %+v", e.app.bar.notice)
				}
			},
		},
		{
			name:  "rename onto an existing name is refused",
			steps: append(keyMsgs("T", "j", "enter", "ctrl+u"), append(typed("спасибо за ОТЗЫВ"), keyMsg("ctrl+s"))...),
			check: func(t *testing.T, e env) {
				if e.app.templates.form == nil {
					t.Fatal("the form closed")
				}
				if s := screen(e.app); !strings.Contains(s, "A template named «спасибо за ОТЗЫВ» already exists") {
					t.Errorf("no reason shown:\n%s", s)
				}
				unchanged(t, e)
			},
		},
		{
			name:  "unknown placeholder is refused with the names",
			steps: append(keyMsgs("T", "n"), append(fillForm("Привет", nil, "", "Привет, {client}! Ваш {ordr}."), keyMsg("ctrl+s"))...),
			check: func(t *testing.T, e env) {
				if e.app.templates.form == nil {
					t.Fatal("the form closed")
				}
				s := screen(e.app)
				if !strings.Contains(s, "Unknown placeholders {client} {ordr}") {
					t.Errorf("no message:\n%s", s)
				}
				unchanged(t, e)
				if len(e.store.All()) != 2 {
					t.Errorf("stored %v", names(e.store.All()))
				}
			},
		},
		{
			name:  "ratings without feedbacks are refused",
			steps: append(keyMsgs("T", "n"), append(fillForm("Чат", []int{4}, "5", "Здравствуйте!"), keyMsg("ctrl+s"))...),
			check: func(t *testing.T, e env) {
				if s := screen(e.app); e.app.templates.form == nil || !strings.Contains(s, "Only feedbacks have ratings") {
					t.Errorf("not refused:\n%s", s)
				}
				unchanged(t, e)
			},
		},
		{
			name:  "bad ratings are refused",
			steps: append(keyMsgs("T", "n"), append(fillForm("Оценки", nil, "2-6", "Спасибо!"), keyMsg("ctrl+s"))...),
			check: func(t *testing.T, e env) {
				if s := screen(e.app); e.app.templates.form == nil || !strings.Contains(s, "«2-6» is not a rating") {
					t.Errorf("not refused:\n%s", s)
				}
				unchanged(t, e)
			},
		},
		{
			name:  "empty form names what is missing",
			steps: keyMsgs("T", "n", "ctrl+s"),
			check: func(t *testing.T, e env) {
				s := screen(e.app)
				for _, want := range []string{"The template needs a name.", "The template needs a text."} {
					if !strings.Contains(s, want) {
						t.Errorf("lacks %q:\n%s", want, s)
					}
				}
				unchanged(t, e)
			},
		},
		{
			name:  "delete after yes",
			steps: keyMsgs("T", "d", "y"),
			check: func(t *testing.T, e env) {
				if got := names(reload(t, e)); !slices.Equal(got, []string{"Размеры"}) {
					t.Errorf("left %v", got)
				}
				if e.app.bar.notice.Text != "Template «Спасибо за отзыв» deleted" {
					t.Errorf("notice %+v", e.app.bar.notice)
				}
				if got := names(e.app.templates.list); !slices.Equal(got, []string{"Размеры"}) {
					t.Errorf("listed %v", got)
				}
			},
		},
		{
			name:  "delete asks first and no keeps it",
			steps: keyMsgs("T", "j", "d"),
			check: func(t *testing.T, e env) {
				if s := screen(e.app); !strings.Contains(s, "Delete the template «Размеры»? This cannot be undone.") {
					t.Fatalf("no question:\n%s", s)
				}
				drive(e.app, keyMsg("n"))
				if e.app.templates.confirm != nil || len(e.store.All()) != 2 {
					t.Errorf("after no: confirm %v, %v", e.app.templates.confirm != nil, names(e.store.All()))
				}
				unchanged(t, e)
			},
		},
		{
			name:  "esc with changes asks before losing them",
			steps: keyMsgs("T", "n", "x", "esc"),
			check: func(t *testing.T, e env) {
				m := e.app.templates
				if m.confirm == nil || !strings.Contains(screen(e.app), "Close the form and lose the changes?") {
					t.Fatalf("no question:\n%s", screen(e.app))
				}
				drive(e.app, keyMsg("n"))
				if m.form == nil || m.form.name.Value() != "x" {
					t.Fatal("no lost the text")
				}
				drive(e.app, keyMsg("esc"), keyMsg("y"))
				if m.form != nil {
					t.Error("yes kept the form")
				}
				drive(e.app, keyMsg("n"), keyMsg("esc"))
				if m.form != nil || m.confirm != nil {
					t.Error("an untouched form asked")
				}
				drive(e.app, keyMsg("esc"))
				if e.app.templates != nil {
					t.Error("esc did not close the manager")
				}
				unchanged(t, e)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, store := tmplSetup(t)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			app, _ := tmplApp(t, i18n.EN, store, 100, 30)
			if drive(app, tc.steps...) {
				t.Fatal("quit")
			}
			tc.check(t, env{app: app, store: store, path: path, before: before})
		})
	}
}

// TestTemplatesManagerWriteFailure: a file that cannot be written leaves
// the form open with what was typed and says why; once the directory is
// back, the same ctrl+s saves.
func TestTemplatesManagerWriteFailure(t *testing.T) {
	tests := []struct {
		name   string
		root   bool // works for root, whom permissions do not stop
		break_ func(dir string) error
		fix    func(dir string) error
		why    string
	}{
		{
			name:   "read-only directory",
			break_: func(dir string) error { return os.Chmod(dir, 0o500) },
			fix:    func(dir string) error { return os.Chmod(dir, 0o700) },
			why:    "there is no permission to write there",
		},
		{
			name: "directory replaced by a file",
			root: true,
			break_: func(dir string) error {
				if err := os.RemoveAll(dir); err != nil {
					return err
				}
				return os.WriteFile(dir, []byte("not a directory"), 0o600)
			},
			fix: func(dir string) error {
				if err := os.Remove(dir); err != nil {
					return err
				}
				return os.Mkdir(dir, 0o700)
			},
			why: "the folder is gone",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.root && os.Geteuid() == 0 {
				t.Skip("root writes into read-only directories")
			}
			path, store := tmplSetup(t)
			dir := filepath.Dir(path)
			app, _ := tmplApp(t, i18n.EN, store, 100, 30)
			text := "Здравствуйте, {buyer}!\nЗаказ {order} передан в доставку."
			drive(app, append(keyMsgs("T", "n"), fillForm("Доставка", []int{4}, "", text)...)...)
			if err := tc.break_(dir); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = tc.fix(dir) })
			drive(app, keyMsg("ctrl+s"))
			m := app.templates
			if m == nil || m.form == nil {
				t.Fatal("the form closed on a failed write")
			}
			want := "Could not save the templates in ~/.config/sellerinbox: " + tc.why + ". What you typed is kept: press ctrl+s to try again."
			if m.err != want {
				t.Errorf("error %q\nwant  %q", m.err, want)
			}
			if s := screen(app); !strings.Contains(s, "Could not save the templates") {
				t.Errorf("not on screen:\n%s", s)
			}
			f := m.form
			if f.name.Value() != "Доставка" || f.text.Value() != text || !slices.Equal(f.panes, []reply.Pane{reply.PaneChats}) {
				t.Errorf("lost input: %q %q %v", f.name.Value(), f.text.Value(), f.panes)
			}
			if got := names(store.All()); !slices.Equal(got, []string{"Спасибо за отзыв", "Размеры"}) {
				t.Errorf("the store took it anyway: %v", got)
			}
			if err := tc.fix(dir); err != nil {
				t.Fatal(err)
			}
			drive(app, keyMsg("ctrl+s"))
			if m.form != nil || m.err != "" {
				t.Fatalf("retry failed: %q", m.err)
			}
			s, err := reply.LoadTemplates(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(s.All()); !slices.Equal(got, []string{"Спасибо за отзыв", "Размеры", "Доставка"}) {
				t.Errorf("saved %v", got)
			}

			// a failed delete keeps the list and says so
			if err := tc.break_(dir); err != nil {
				t.Fatal(err)
			}
			drive(app, keyMsg("d"), keyMsg("y"))
			if !strings.HasPrefix(m.err, "Could not delete «Доставка» in ~/.config/sellerinbox: "+tc.why) || len(m.list) != 3 {
				t.Errorf("delete: %q, %d listed", m.err, len(m.list))
			}
		})
	}
}

// TestTemplatesManagerDropsStaleResults: a write's result reaches only
// the manager and write that started it.
func TestTemplatesManagerDropsStaleResults(t *testing.T) {
	_, store := tmplSetup(t)
	app, _ := tmplApp(t, i18n.EN, store, 100, 30)
	drive(app, keyMsg("T"), keyMsg("d"))
	_, cmd := app.Update(keyMsg("y"))
	if cmd == nil || !app.templates.busy {
		t.Fatal("no write started")
	}
	// keys wait while the write is in flight
	drive(app, keyMsg("esc"))
	if app.templates == nil {
		t.Fatal("esc closed the manager during a write")
	}
	failed, ok := cmd().(tmplWrittenMsg)
	if !ok {
		t.Fatal("the command did not report the write")
	}
	failed.err = errBoom
	app.templates = nil // closed, then opened again
	drive(app, keyMsg("T"))
	drive(app, failed)
	if m := app.templates; app.bar.notice.Text != "" || m.err != "" {
		t.Errorf("a result for a closed manager was taken: notice %q, error %q", app.bar.notice.Text, m.err)
	}
	app.Update(keyMsg("d"))
	_, cmd = app.Update(keyMsg("y"))
	if cmd == nil {
		t.Fatal("no second write")
	}
	drive(app, tmplWrittenMsg{owner: app.templates, seq: failed.seq - 1, err: errBoom})
	if m := app.templates; m.err != "" || !m.busy {
		t.Errorf("a superseded result was taken: error %q, busy %v", m.err, m.busy)
	}
	drive(app, cmd())
	if m := app.templates; m.busy || app.bar.notice.Text != "Template «Размеры» deleted" {
		t.Errorf("the current result was dropped: busy %v, notice %q", m.busy, app.bar.notice.Text)
	}
}

// TestTemplatesManagerSanitizes: names and texts from a hand-edited file
// cannot drive the terminal from the list or the form.
func TestTemplatesManagerSanitizes(t *testing.T) {
	_, store := tmplSetup(t)
	evil := reply.Template{Name: "Злой \x1b]0;HACKED TITLE\x07шаблон\u202e", Text: hostileText}
	if err := store.Add(evil); err != nil {
		t.Fatal(err)
	}
	app, _ := tmplApp(t, i18n.RU, store, 100, 30)
	drive(app, keyMsgs("T", "j", "j")...)
	for _, view := range []string{app.render(), func() string { drive(app, keyMsg("e")); return app.render() }()} {
		for _, bad := range []string{"\x1b]", "\x07", "\u202e", "\x1b[2J"} {
			if strings.Contains(view, bad) {
				t.Errorf("%q reached the screen:\n%s", bad, view)
			}
		}
	}
	if f := app.templates.form; f == nil || strings.ContainsAny(f.name.Value(), "\x1b\x07\u202e") {
		t.Errorf("the form holds raw text")
	}
}

func TestParseRatings(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		bad  string
	}{
		{"", nil, ""},
		{"5", []int{5}, ""},
		{"1-2", []int{1, 2}, ""},
		{"1 – 2, 5", []int{1, 2, 5}, ""},
		{"5 4;4", []int{4, 5}, ""},
		{"0", nil, "0"},
		{"3-1", nil, "3-1"},
		{"1-2, пять", nil, "пять"},
	}
	for _, tc := range tests {
		got, bad := parseRatings(tc.in)
		if !slices.Equal(got, tc.want) || bad != tc.bad {
			t.Errorf("parseRatings(%q) = %v, %q; want %v, %q", tc.in, got, bad, tc.want, tc.bad)
		}
	}
	if got := formatRatings([]int{5, 1, 2, 2, 4}, "-"); got != "1-2, 4-5" {
		t.Errorf("formatRatings = %q", got)
	}
}

// TestTemplatesManagerScreens compares the list and the form at 80×24 in
// both languages with testdata/TestTemplatesManagerScreens/*.golden
// (regenerate with go test ./ui -run TemplatesManagerScreens -update), and
// checks that nothing overflows.
func TestTemplatesManagerScreens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, scene := range []struct {
			name  string
			steps []tea.Msg
		}{
			{"list", keyMsgs("T", "j")},
			{"form", append(keyMsgs("T", "n"), fillForm("Вопрос о доставке", []int{2, 4}, "", "Здравствуйте, {buyer}! Заказ {ordr} уже в пути.")...)},
			{"delete", keyMsgs("T", "d")},
		} {
			t.Run(string(lang)+"_80x24_"+scene.name, func(t *testing.T) {
				_, store := tmplSetup(t)
				app, _ := tmplApp(t, lang, store, 80, 24)
				drive(app, scene.steps...)
				view := screen(app)
				lines := strings.Split(view, "\n")
				if len(lines) != 24 {
					t.Errorf("%d lines", len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > 80 {
						t.Errorf("line %d is %d wide: %q", i, w, l)
					}
				}
				golden.RequireEqual(t, view)
			})
		}
	}
}

// TestPickerOpensManager: the picker's key cancels it with the command
// that opens the manager, and its footer says so.
func TestPickerOpensManager(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		env := testEnv(lang)
		p := NewTemplatePicker(env, []reply.Template{{Name: "Размеры", Text: "Смотрите таблицу."}})
		want := map[i18n.Lang]string{i18n.EN: "ctrl+g manage templates", i18n.RU: "ctrl+g управление шаблонами"}[lang]
		if v := ansi.Strip(p.View(60, 12)); !strings.Contains(v, want) {
			t.Errorf("%s: footer lacks %q:\n%s", lang, want, v)
		}
		if v := ansi.Strip(NewTemplatePicker(env, nil).View(60, 12)); !strings.Contains(v, want) {
			t.Errorf("%s: empty picker lacks %q:\n%s", lang, want, v)
		}
		res, _, cmd := p.Update(keyMsg("ctrl+g"))
		if res != PickerCanceled || cmd == nil {
			t.Fatalf("ctrl+g: %v, cmd %v", res, cmd != nil)
		}
		if _, ok := cmd().(manageTemplatesMsg); !ok {
			t.Errorf("ctrl+g does not ask for the manager")
		}
	}
}

// TestTemplatesManagerSmallWindow: at the smallest size the app draws, the
// form keeps its fields, a few rows of text and the problem in view; the
// placeholder list gives way.
func TestTemplatesManagerSmallWindow(t *testing.T) {
	_, store := tmplSetup(t)
	app, _ := tmplApp(t, i18n.EN, store, MinWidth, MinHeight)
	drive(app, append(keyMsgs("T", "n"), fillForm("Доставка", []int{1, 2, 3, 4, 5}, "", "Заказ {ordr}")...)...)
	view := screen(app)
	for _, want := range []string{"Name", "Panes", "Ratings", "Text", "Заказ {ordr}", "Unknown placeholders {ordr}"} {
		if !strings.Contains(view, want) {
			t.Errorf("lacks %q:\n%s", want, view)
		}
	}
	for i, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w > MinWidth {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
}
