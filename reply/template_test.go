package reply

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestRender(t *testing.T) {
	tpl := Template{Name: "t", Text: "Здравствуйте, {buyer}! {product} ({article}) — {{скидка}}"}
	cases := []struct {
		name    string
		tpl     Template
		vars    map[string]string
		want    string
		unknown []string
		missing []string
	}{
		{"all filled", tpl, map[string]string{"buyer": "Анна", "product": "Куртка", "article": "A-1"}, "Здравствуйте, Анна! Куртка (A-1) — {скидка}", nil, nil},
		{"value is used verbatim", Template{Name: "t", Text: "{buyer}"}, map[string]string{"buyer": "{product}"}, "{product}", nil, nil},
		{"missing values", tpl, map[string]string{"buyer": "Анна", "product": " "}, "", nil, []string{"product", "article"}},
		{"unknown and missing", Template{Name: "t", Text: "{buyr} {seller} {buyr}"}, nil, "", []string{"buyr"}, []string{"seller"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Render(c.tpl, c.vars)
			if c.unknown == nil && c.missing == nil {
				if err != nil || got != c.want {
					t.Fatalf("got %q, %v; want %q", got, err, c.want)
				}
				return
			}
			var re *RenderError
			if !errors.As(err, &re) || got != "" {
				t.Fatalf("want a RenderError and no text, got %q, %v", got, err)
			}
			if strings.Join(re.Unknown, ",") != strings.Join(c.unknown, ",") || strings.Join(re.Missing, ",") != strings.Join(c.missing, ",") {
				t.Fatalf("unknown %v missing %v", re.Unknown, re.Missing)
			}
			for _, n := range append(c.unknown, c.missing...) {
				if !strings.Contains(err.Error(), "{"+n+"}") {
					t.Errorf("error %q does not name {%s}", err, n)
				}
			}
		})
	}
	if _, err := Render(Template{Name: "t", Text: "оборвано {buyer"}, map[string]string{"buyer": "x"}); err == nil || !strings.Contains(err.Error(), "never closed") {
		t.Fatalf("unclosed brace: %v", err)
	}
}

func TestTemplatesFirstLoadWritesDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cfg", "templates.toml")
	s, err := LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.All()) != len(DefaultTemplates()) {
		t.Fatalf("%d templates", len(s.All()))
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", err, info)
	}
	for _, tpl := range DefaultTemplates() {
		if err := tpl.Check(); err != nil {
			t.Errorf("default %q: %v", tpl.Name, err)
		}
	}
	// Reading the written file gives the same templates back.
	s2, err := LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, tpl := range s2.All() {
		d := DefaultTemplates()[i]
		if tpl.Name != d.Name || tpl.Text != d.Text || len(tpl.Panes) != len(d.Panes) || len(tpl.Ratings) != len(d.Ratings) {
			t.Errorf("round trip %d: %+v", i, tpl)
		}
	}
	five := s2.Applicable(PaneFeedbacks, 5)
	if len(five) != 1 || five[0].Name != "Спасибо за отличную оценку" {
		t.Errorf("feedbacks/5: %+v", five)
	}
	if low := s2.Applicable(PaneFeedbacks, 1); len(low) != 1 || !strings.Contains(low[0].Name, "Извинение") {
		t.Errorf("feedbacks/1: %+v", low)
	}
	if q := s2.Applicable(PaneQuestions, 0); len(q) != 2 {
		t.Errorf("questions: %d", len(q))
	}
}

func TestTemplatesCRUDRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "templates.toml")
	if err := os.WriteFile(path, []byte("# mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadTemplates(path)
	if err != nil || len(s.All()) != 0 {
		t.Fatalf("load: %v %d", err, len(s.All()))
	}
	tricky := Template{Name: `Кавычки "и" \ слэш`, Text: "Строка 1\nСтрока \"2\" \\ {{нет}}\t\"\"\" конец {seller}", Panes: []Pane{PaneChats}}
	if err := s.Add(tricky); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(Template{Name: "кавычки \"и\" \\ слэш", Text: "x"}); err == nil {
		t.Fatal("duplicate name (other case) accepted")
	}
	if err := s.Add(Template{Name: "bad", Text: "Привет, {client}!"}); err == nil || !strings.Contains(err.Error(), "{client}") {
		t.Fatalf("unknown placeholder accepted: %v", err)
	}
	if err := s.Add(Template{Name: "bad", Text: "x", Panes: []Pane{"orders"}, Ratings: []int{6}}); err == nil ||
		!strings.Contains(err.Error(), `"orders"`) || !strings.Contains(err.Error(), "rating 6") {
		t.Fatalf("bad pane/rating: %v", err)
	}
	if err := s.Add(Template{Name: "Второй", Text: "Спасибо!", Ratings: []int{4, 5}}); err != nil {
		t.Fatal(err)
	}
	s2, err := LoadTemplates(path)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	got, ok := s2.Get(tricky.Name)
	if !ok || got.Text != tricky.Text || got.Panes[0] != PaneChats {
		t.Fatalf("round trip: %+v", got)
	}
	if err := s2.Update("второй", Template{Name: "Второй", Text: "Благодарим!", Ratings: []int{5}}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Update("второй", Template{Name: tricky.Name, Text: "x"}); err == nil {
		t.Fatal("rename onto an existing name accepted")
	}
	if err := s2.Delete(tricky.Name); err != nil {
		t.Fatal(err)
	}
	if err := s2.Delete("нет такого"); err == nil {
		t.Fatal("deleting a missing template")
	}
	s3, _ := LoadTemplates(path)
	if all := s3.All(); len(all) != 1 || all[0].Text != "Благодарим!" {
		t.Fatalf("after update/delete: %+v", all)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", info.Mode().Perm())
	}
}

// TestTemplatesConcurrentUse: the UI reads templates on its goroutine
// while commands add, rename and delete them; under -race nothing may
// conflict, and what is on disk is what the readers see at the end.
func TestTemplatesConcurrentUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "templates.toml")
	if err := os.WriteFile(path, []byte("# empty\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	const writers = 4
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("шаблон %d", w)
			if err := s.Add(Template{Name: name, Text: "Спасибо, {buyer}!"}); err != nil {
				t.Error(err)
				return
			}
			if err := s.Update(name, Template{Name: name + " (изменён)", Text: "Благодарим, {buyer}!", Panes: []Pane{PaneChats}}); err != nil {
				t.Error(err)
			}
			if w%2 == 0 {
				if err := s.Delete(name + " (изменён)"); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	done := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			// a reader sees whole templates, never one half-replaced
			for _, tpl := range s.Applicable(PaneChats, 0) {
				if err := tpl.Check(); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	wg.Wait()
	close(done)
	readers.Wait()
	var names []string
	for _, tpl := range s.All() {
		names = append(names, tpl.Name)
	}
	slices.Sort(names)
	if want := []string{"шаблон 1 (изменён)", "шаблон 3 (изменён)"}; !slices.Equal(names, want) {
		t.Fatalf("in memory %v, want %v", names, want)
	}
	again, err := LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	for _, tpl := range again.All() {
		onDisk = append(onDisk, tpl.Name)
	}
	slices.Sort(onDisk)
	if !slices.Equal(onDisk, names) {
		t.Fatalf("on disk %v, in memory %v", onDisk, names)
	}
}

func TestTemplatesLoadErrorsHaveLines(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"syntax", "[[template]]\nname = \"a\"\ntext = \"unterminated\n", []string{"templates.toml:3:"}},
		{"unknown placeholder", "# c\n\n[[template]]\nname = \"a\"\ntext = \"ok\"\n\n[[template]]\nname = \"b\"\ntext = \"Привет, {клиент}\"\n",
			[]string{`templates.toml:7: template "b": unknown placeholders {клиент}`}},
		{"misspelt key", "[[template]]\nname = \"a\"\ntext = \"ok\"\npane = [\"chats\"]\n", []string{`templates.toml:4: unknown setting "template.pane"`}},
		{"duplicate", "[[template]]\nname = \"a\"\ntext = \"x\"\n[[template]]\nname = \"A\"\ntext = \"y\"\n", []string{"templates.toml:4:", "already used at line 1"}},
		{"wrong type", "[[template]]\nname = \"a\"\ntext = \"x\"\nratings = \"5\"\n", []string{"templates.toml:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "templates.toml")
			if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadTemplates(path)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestRank(t *testing.T) {
	ts := []Template{
		{Name: "Спасибо за отличную оценку", Text: "Благодарим"},
		{Name: "Извинение за низкую оценку", Text: "Нам жаль"},
		{Name: "Вопрос о размерах", Text: "Размеры соответствуют сетке"},
		{Name: "Ёлочная гирлянда", Text: "Про ёлки"},
		{Name: "Отклонение претензии", Text: "Пришлите видео"},
	}
	names := func(ms []Match) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Template.Name)
		}
		return out
	}
	cases := []struct {
		query string
		first string
		n     int
	}{
		{"", "Спасибо за отличную оценку", 5},
		{"спс", "Спасибо за отличную оценку", 1},
		{"ИЗВ", "Извинение за низкую оценку", 1},
		{"елоч", "Ёлочная гирлянда", 1},
		{"ёлки", "Ёлочная гирлянда", 1},
		{"изв оц", "Извинение за низкую оценку", 1}, // spaces ignored
		{"за", "Спасибо за отличную оценку", 3},     // stable among equals
		{"видео", "Отклонение претензии", 1},        // found in the text only
		{"вр", "Вопрос о размерах", 1},
		{"zzz", "", 0},
	}
	for _, c := range cases {
		got := Rank(c.query, ts)
		if len(got) != c.n || (c.n > 0 && got[0].Template.Name != c.first) {
			t.Errorf("%q: %v", c.query, names(got))
		}
	}
	// Positions point at the matched runes of the name.
	m := Rank("взр", ts)[0]
	rs := []rune(m.Template.Name)
	var hit []rune
	for _, p := range m.Positions {
		hit = append(hit, rs[p])
	}
	if strings.ToLower(string(hit)) != "вор" && strings.ToLower(string(hit)) != "взр" {
		t.Errorf("positions %v → %q", m.Positions, string(hit))
	}
	// Word starts beat scattered letters.
	if r := Rank("оп", []Template{{Name: "кол пока"}, {Name: "Отклонение претензии"}}); r[0].Template.Name != "Отклонение претензии" {
		t.Errorf("word starts: %v", names(r))
	}
}
