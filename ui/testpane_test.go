package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The test pane is what a marketplace pane looks like: a Split over a
// typed item decoded from the rows it reads (fakeRows standing in for the
// store). It proves the extension point.

var fixedNow = time.Date(2026, 3, 14, 9, 41, 0, 0, time.UTC)

type testItem struct {
	ID      string
	Buyer   string
	Product string
	Text    string
	Date    time.Time
	Waiting bool
}

func testEnv(lang i18n.Lang) Env {
	env := NewEnv(context.Background(), lang)
	env.Styles = theme.NewWith(theme.Options{Dark: true, NoColor: true})
	env.Now = func() time.Time { return fixedNow }
	return env
}

// testConfig is the test pane reading rows.
func testConfig(id PaneID, rows *fakeRows, env Env) SplitConfig[testItem] {
	return SplitConfig[testItem]{
		ID: id,
		Row: func(it testItem, width int, selected bool, st theme.Styles) string {
			mark := "  "
			if it.Waiting {
				mark = "● "
			}
			date := it.Date.Format("02.01")
			room := width - 2 - 6
			line := mark + safe.Pad(it.Buyer+" — "+it.Product, room) + " " + date
			if selected {
				return st.RowSelected.Render(line)
			}
			if it.Waiting {
				return st.RowUnread.Render(line)
			}
			return st.Row.Render(line)
		},
		Detail: func(it testItem, width int, st theme.Styles, tr i18n.T) string {
			return st.DetailTitle.Render(safe.Truncate(it.Product, width)) + "\n" +
				st.DetailLabel.Render(safe.Truncate(it.Buyer+" · "+it.Date.Format("02.01.2006 15:04"), width)) + "\n\n" +
				safe.Wrap(it.Text, width)
		},
		Key:    func(it testItem) string { return it.ID },
		Query:  func() store.PaneQuery { return store.PaneQuery{Kind: store.KindReturn} },
		Decode: decodeTestItem,
		Rows:   rows,
		Help:   []key.Binding{env.Keys.Reply.Answer, env.Keys.Reply.Photo},
	}
}

var (
	buyers   = []string{"Анна К.", "Мария", "Елена Д.", "Ольга", "Алексей М.", "Дмитрий", "Сергей П.", "Артём"}
	products = []string{"Кабель USB-C 0,5 м", "Футболка базовая чёрная", "Термокружка 450 мл", "Наушники беспроводные TWS Pro",
		"Кроссовки беговые", "Чехол для iPhone 15 прозрачный", "Сковорода с антипригарным покрытием 28 см", "Плед флисовый 150×200"}
	texts = []string{"Пришёл бракованный, прошу вернуть деньги.", "Не подошёл размер, хочу обменять на 44.",
		"Товар не соответствует описанию: цвет другой.", "Коробка помята, внутри всё цело, но возврат оформлен.",
		"Товар пришёл \x1b]0;HACKED TITLE\x07сломанный \x1b[2J — верните деньги", "Семья 👨‍👩‍👧‍👦 довольна, но чехол треснул"}
)

// items builds n deterministic items; every third needs action.
func items(n int) []testItem {
	out := make([]testItem, n)
	for i := range out {
		out[i] = testItem{
			ID:      fmt.Sprintf("R-%06d", 4100000+i),
			Buyer:   buyers[i%len(buyers)],
			Product: products[(i*5)%len(products)],
			Text:    texts[(i*7)%len(texts)],
			Date:    fixedNow.Add(-time.Duration(i) * 7 * time.Hour),
			Waiting: i%3 == 0,
		}
	}
	return out
}

// recPane records what it receives; its mode is set by the test.
type recPane struct {
	id    PaneID
	mode  Mode
	got   []tea.Msg
	w, h  int
	badge int
	title string
}

func (p *recPane) Init() tea.Cmd { return nil }
func (p *recPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *recPane) View() string              { return "rec " + string(p.id) }
func (p *recPane) SetSize(w, h int)          { p.w, p.h = w, h }
func (p *recPane) ShortHelp() []key.Binding  { return nil }
func (p *recPane) FullHelp() [][]key.Binding { return nil }
func (p *recPane) Title() string {
	if p.title != "" {
		return p.title
	}
	return string(p.id)
}
func (p *recPane) Badge() int { return p.badge }
func (p *recPane) ID() PaneID { return p.id }
func (p *recPane) Mode() Mode { return p.mode }
func (p *recPane) keys() (out []string) {
	for _, m := range p.got {
		if k, ok := m.(tea.KeyPressMsg); ok {
			out = append(out, k.String())
		}
	}
	return out
}

// drive feeds msgs to the model and then every message its commands
// produce, until none are left: a synchronous Bubble Tea runtime for
// tests. Spinner frames are not followed (they would tick forever) and
// Quit ends the run.
func drive(m tea.Model, msgs ...tea.Msg) (quit bool) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
		var cmd tea.Cmd
		_, cmd = m.Update(msg)
		queue = append(queue, run(cmd)...)
	}
	return false
}

// run executes a command and flattens batches.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	case spinner.TickMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	if strings.HasPrefix(s, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func keyMsgs(ss ...string) []tea.Msg {
	out := make([]tea.Msg, len(ss))
	for i, s := range ss {
		out[i] = keyMsg(s)
	}
	return out
}

var errBoom = errors.New("connection reset by peer")
