package list

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

func (s *strs) Len() int                { return len(s.items) }
func (s *strs) FilterText(i int) string { return s.items[i] }
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
	m := New(src, Options{Keys: keymap.Default(tr), Styles: theme.NewWith(theme.Options{NoColor: true}), Tr: tr})
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

func TestNearEndAndAppend(t *testing.T) {
	src := numbered(50)
	m := newList(src, 30, 10)
	if m.NearEnd() {
		t.Error("near end at top")
	}
	for range 39 {
		m.Update(press("j"))
	}
	if !m.NearEnd() {
		t.Errorf("not near end at %d of 50", m.Cursor())
	}
	for i := range 50 {
		src.items = append(src.items, fmt.Sprintf("more %d", i))
	}
	m.Appended()
	if m.Cursor() != 39 || m.NearEnd() {
		t.Errorf("after append: cursor %d near %v", m.Cursor(), m.NearEnd())
	}
	if sel, _ := m.Selected(); src.items[sel] != "item 039" {
		t.Errorf("selected %q", src.items[sel])
	}
}

func TestAppendWhileFiltered(t *testing.T) {
	src := &strs{items: []string{"кабель", "чай", "кабель длинный"}}
	m := newList(src, 30, 10)
	m.SetQuery("каб")
	m.Update(press("j"))
	sel, _ := m.Selected()
	src.items = append(src.items, "кабель новый", "плед")
	m.Appended()
	if got, _ := m.Selected(); got != sel {
		t.Errorf("selection moved from %d to %d", sel, got)
	}
	if m.Len() != 3 {
		t.Errorf("matches after append: %d", m.Len())
	}
	if m.NearEnd() {
		t.Error("NearEnd while filtered would pull every page")
	}
}

func visible(m *Model) []int {
	var out []int
	for p := range m.Len() {
		out = append(out, m.at(p))
	}
	return out
}

func TestFilterMatching(t *testing.T) {
	src := &strs{items: []string{
		0: "Чай зелёный, 100 пакетиков",
		1: "Кабель USB-C 0,5 м",
		2: "Зеленый чай",
		3: "Пакет для кабеля",
		4: "ЗЕЛЁНКА",
		5: "Плед флисовый",
		6: "Семья 👨‍👩‍👧‍👦 в сборе",
	}}
	tests := []struct {
		q    string
		want []int
	}{
		{"зеленый", []int{2, 0}},  // ё≈е both ways; word start beats mid-text, then index
		{"ЗЕЛЁН", []int{2, 4, 0}}, // key starts first, ties by index
		{"каб", []int{1, 3}},      // substring at start beats inside a word
		{"кбл", []int{1, 3}},      // fuzzy subsequence
		{"usb-c", []int{1}},       // ASCII case folding
		{"чз", []int{0}},          // fuzzy across words
		{"👨‍👩‍👧‍👦", []int{6}},     // outside the alphabet: exact slow path
		{"xyz", nil},
		{"пакет", []int{3, 0}},
	}
	for _, tc := range tests {
		m := newList(src, 40, 10)
		m.SetQuery(tc.q)
		if got := visible(m); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
		}
	}
}

// Refining the previous result must give exactly what a full scan gives.
func TestRefineEqualsFullScan(t *testing.T) {
	src := corpus(3000)
	r := rand.New(rand.NewPCG(3, 4))
	letters := []rune("абвгдеёжзиклмнопрстуфхцчшщыэюя кабель")
	for range 40 {
		m := newList(src, 40, 10)
		var q []rune
		for range 1 + r.IntN(5) {
			q = append(q, letters[r.IntN(len(letters))])
			m.SetQuery(string(q))
			full := newList(src, 40, 10)
			full.SetQuery(string(q))
			if !slices.Equal(visible(m), visible(full)) {
				t.Fatalf("%q: refine %d results, full %d", string(q), m.Len(), full.Len())
			}
		}
	}
}

func TestFilterKeys(t *testing.T) {
	src := &strs{items: []string{"альфа", "бета", "гамма", "альфа-2"}}
	m := newList(src, 40, 10)
	m.Update(press("j"))
	m.Update(press("j")) // on "гамма"
	if !m.Update(press("/")) || !m.Typing() {
		t.Fatal("/ did not start typing")
	}
	// While typing, keys that mean something elsewhere are text.
	typeText(m, "qа")
	if m.Query() != "qа" {
		t.Errorf("query %q", m.Query())
	}
	m.Update(press("backspace"))
	m.Update(press("backspace"))
	typeText(m, "ал")
	if m.Len() != 2 || m.Cursor() != 0 {
		t.Errorf("len %d cursor %d", m.Len(), m.Cursor())
	}
	m.Update(press("down"))
	if sel, _ := m.Selected(); src.items[sel] != "альфа-2" {
		t.Errorf("selected %q", src.items[sel])
	}
	m.Update(press("enter"))
	if m.Typing() || m.Query() != "ал" {
		t.Errorf("enter: typing %v query %q", m.Typing(), m.Query())
	}
	if !strings.Contains(ansi.Strip(m.View()), "2 of 4 match") {
		t.Errorf("filter line missing: %q", ansi.Strip(m.View()))
	}
	// esc in normal mode clears the filter and keeps the selected item.
	if !m.Update(press("esc")) {
		t.Fatal("esc with a filter not handled")
	}
	if m.Query() != "" || m.Len() != 4 {
		t.Errorf("esc left query %q", m.Query())
	}
	if sel, _ := m.Selected(); src.items[sel] != "альфа-2" {
		t.Errorf("selection after clear %q", src.items[sel])
	}
	// esc while typing clears too; paste is filtered text.
	m.Update(press("/"))
	m.Update(tea.PasteMsg{Content: "бе\x1b[2Jта\n"})
	if m.Query() != "бета" || m.Len() != 1 {
		t.Errorf("paste query %q len %d", m.Query(), m.Len())
	}
	m.Update(press("esc"))
	if m.Typing() || m.Query() != "" {
		t.Error("esc while typing did not clear")
	}
	if !strings.Contains(ansi.Strip(newEmptyQuery(src).View()), "No matches for “zzz”") {
		t.Error("no-matches placeholder missing")
	}
}

func newEmptyQuery(src Source) *Model {
	m := newList(src, 40, 5)
	m.SetQuery("zzz")
	return m
}

// corpus builds realistic Cyrillic items like the panes show.
func corpus(n int) *strs {
	products := []string{"Кабель USB-C 0,5 м", "Футболка базовая чёрная", "Термокружка 450 мл", "Наушники беспроводные TWS Pro",
		"Кроссовки беговые", "Чехол для iPhone 15 прозрачный", "Сковорода с антипригарным покрытием 28 см", "Плед флисовый 150×200"}
	names := []string{"Анна", "Мария", "Елена", "Ольга", "Алексей", "Дмитрий", "Сергей", "Артём"}
	texts := []string{"Пришёл бракованный, прошу вернуть деньги", "Не подошёл размер", "Товар не соответствует описанию",
		"Коробка помята, внутри всё цело", "Когда будет в наличии зелёный цвет?", "Спасибо, всё отлично"}
	r := rand.New(rand.NewPCG(7, uint64(n)))
	s := &strs{items: make([]string, n)}
	for i := range n {
		s.items[i] = fmt.Sprintf("№%d %s — %s: %s", 4100000+i, products[r.IntN(len(products))], names[r.IntN(len(names))], texts[r.IntN(len(texts))])
	}
	return s
}

// TestFilterIgnoresInvisible: a zero-width or bidi character inside a
// word (in the item or the query) does not hide the word from /.
func TestFilterIgnoresInvisible(t *testing.T) {
	src := &strs{items: []string{
		0: "Товар сло\u200bманный",
		1: "Коробка \u202eпомятая\u202c",
		2: "Чехол 😀 целый",
		3: "Чехол 😀\u200b цел\u2060ый",
	}}
	tests := []struct {
		q    string
		want []int
	}{
		{"сломанный", []int{0}},
		{"сло\u200dман", []int{0}},
		{"помятая", []int{1}},
		{"\u2066помят\u2069", []int{1}},
		{"😀 целый", []int{2, 3}}, // the exact (slow) path too
		{"😀\u200b цел", []int{2, 3}},
	}
	for _, tc := range tests {
		m := newList(src, 40, 10)
		m.SetQuery(tc.q)
		if got := visible(m); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
		}
	}
}
