package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// bulkTemplates are a template every item fits, one for 5 ★ only (the
// test items have no rating) and one that needs a value they lack.
const bulkTemplatesTOML = `
[[template]]
name = "Спасибо"
text = "Спасибо, {buyer}! {product} — хороший выбор."

[[template]]
name = "Только 5"
text = "Спасибо за пять звёзд, {buyer}!"
ratings = [5]

[[template]]
name = "С заказом"
text = "Заказ {order} принят, {buyer}."
`

// bulkRig is an app over one test pane that answers in bulk, with the
// reply layer, templates, and an undo window of hold.
type bulkRig struct {
	app   *App
	split *Split[testItem]
	rows  *fakeRows
	r     *Replies
	now   *time.Time
}

func newBulkRig(t *testing.T, lang i18n.Lang, n int, hold time.Duration, sections ...Section) *bulkRig {
	t.Helper()
	env, r, now := bulkEnv(t, lang, hold, sections...)
	s, rows := bulkSplit(env, n)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(app, run(s.Init())...)
	return &bulkRig{app: app, split: s, rows: rows, r: r, now: now}
}

// bulkEnv is the test env with the reply layer over temporary files, the
// test templates, the sections and a clock the test moves.
func bulkEnv(t *testing.T, lang i18n.Lang, hold time.Duration, sections ...Section) (Env, *Replies, *time.Time) {
	t.Helper()
	now := new(time.Time)
	*now = fixedNow
	clock := func() time.Time { return *now }
	drafts, err := reply.OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts, Hold: hold, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "templates.toml")
	if err := os.WriteFile(path, []byte(bulkTemplatesTOML), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl, err := reply.LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplies("default", ob, drafts, tpl)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(lang)
	env.Now = clock
	env.Replies = r
	env.Sections = sections
	return env, r, now
}

// bulkSplit is the test pane of n items answering in bulk: the waiting
// items take an answer, the others are skipped as answered.
func bulkSplit(env Env, n int) (*Split[testItem], *fakeRows) {
	rows := newFakeRows(items(n))
	cfg := testConfig(PaneQuestions, rows, env)
	cfg.Bulk = func(it testItem) BulkItem {
		b := BulkItem{ID: it.ID, Kind: reply.KindQuestionAnswer, Label: it.Text,
			Vars: map[string]string{"buyer": it.Buyer, "product": it.Product}}
		if !it.Waiting {
			b.Skip = env.Tr.Get("bulk.test.answered")
		}
		return b
	}
	return NewSplit(env, cfg), rows
}

func init() {
	i18n.Register(i18n.EN, map[string]string{"bulk.test.answered": "already answered"})
	i18n.Register(i18n.RU, map[string]string{"bulk.test.answered": "уже есть ответ"})
}

func markKey() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "} }

// press gives each key with what its commands bring before the next,
// as a user who waits for the screen does.
func (g *bulkRig) press(keys ...tea.Msg) {
	for _, k := range keys {
		drive(g.app, k)
	}
}

func (g *bulkRig) screen() string { return g.app.View().Content }

// queued are the outbox's entries, by item.
func (g *bulkRig) queued() []string {
	var ids []string
	for _, e := range g.r.Outbox.List() {
		ids = append(ids, e.ItemID)
	}
	slices.Sort(ids)
	return ids
}

// TestMarks: space marks and unmarks, V marks from the last mark to the
// cursor (beyond the window too), the count shows above the list, marks
// survive a re-read of the store, esc clears them.
func TestMarks(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 300, 0)
	s := g.split
	id := func(i int) string { return items(300)[i].ID }
	tests := []struct {
		name string
		keys []tea.Msg
		want []string
	}{
		{"space marks the selected item", []tea.Msg{markKey()}, []string{id(0)}},
		{"space on it again unmarks it", []tea.Msg{markKey()}, nil},
		{"another item", []tea.Msg{keyMsg("j"), markKey()}, []string{id(1)}},
		{"V marks the range to the cursor", []tea.Msg{keyMsg("j"), keyMsg("j"), keyMsg("j"), keyMsg("V")},
			[]string{id(1), id(2), id(3), id(4)}},
		{"marks survive a re-read of the store", []tea.Msg{StoreChangedMsg{}}, []string{id(1), id(2), id(3), id(4)}},
		{"esc clears them", []tea.Msg{keyMsg("esc")}, nil},
		{"V far past the window reads the range from the store", append([]tea.Msg{keyMsg("g"), markKey(), keyMsg("G")}, keyMsg("V")), nil},
	}
	for i, tt := range tests {
		g.press(tt.keys...)
		got := s.Marked()
		if i == len(tests)-1 {
			if len(got) != 300 {
				t.Errorf("%s: %d marked, want 300", tt.name, len(got))
			}
			continue
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: marked %v, want %v", tt.name, got, tt.want)
		}
	}
	if !strings.Contains(g.screen(), "Marked: 300") {
		t.Errorf("no marked count on screen:\n%s", g.screen())
	}
	if !strings.Contains(g.screen(), MarkMarked) {
		t.Errorf("no mark on the rows:\n%s", g.screen())
	}
	g.press(keyMsg("esc"))
	if strings.Contains(g.screen(), "Marked:") || strings.Contains(g.screen(), MarkMarked) {
		t.Errorf("marks still shown after esc:\n%s", g.screen())
	}
}

// TestBulkPreview: the preview lists every text that will go out, each
// filled with its own item's values, and the items left out with why.
func TestBulkPreview(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 6, 0)
	all := items(6)
	// items 0 and 3 wait for an answer; 1 is answered
	g.press(markKey(), keyMsg("j"), markKey(), keyMsg("j"), keyMsg("j"), markKey(), keyMsg("A"))
	if g.split.Mode() != ModeEdit || !strings.Contains(g.screen(), "A template for the marked items (3)") {
		t.Fatalf("A did not open the picker:\n%s", g.screen())
	}
	g.press(keyMsg("enter")) // "Спасибо"
	if g.split.Mode() != ModeConfirm {
		t.Fatalf("no preview after the template:\n%s", g.screen())
	}
	screen := g.screen()
	for _, want := range []string{
		"2 of 3 get the template «Спасибо»",
		"Спасибо, " + all[0].Buyer + "! " + all[0].Product,
		"Спасибо, " + all[3].Buyer + "! " + all[3].Product,
		"skipped: already answered",
		"y send all 2",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("preview lacks %q:\n%s", want, screen)
		}
	}
	if len(g.queued()) != 0 {
		t.Errorf("queued before the confirmation: %v", g.queued())
	}

	t.Run("a template for other ratings or values leaves the items out", func(t *testing.T) {
		g := newBulkRig(t, i18n.RU, 6, 0)
		lines := g.split.bulkLines(mustTemplate(t, g.r, "Только 5"), items(1))
		if lines.ready != 0 || !strings.Contains(lines.lines[0].skip, "не для оценки 0") {
			t.Errorf("rating: %+v", lines.lines)
		}
		lines = g.split.bulkLines(mustTemplate(t, g.r, "С заказом"), items(1))
		if lines.ready != 0 || !strings.Contains(lines.lines[0].skip, "{order}") {
			t.Errorf("missing value: %+v", lines.lines)
		}
		long := reply.Template{Name: "long", Text: strings.Repeat("Спасибо! ", 700)}
		lines = g.split.bulkLines(long, items(1))
		if lines.ready != 0 || !strings.Contains(lines.lines[0].skip, "можно не больше") {
			t.Errorf("too long: %+v", lines.lines)
		}
	})
}

func mustTemplate(t *testing.T, r *Replies, name string) reply.Template {
	t.Helper()
	tm, ok := r.Templates.Get(name)
	if !ok {
		t.Fatalf("no template %q", name)
	}
	return tm
}

// TestBulkConfirmQueuesOnce: one confirmation queues every ready item
// exactly once, as one batch; a second confirmation, or a second bulk
// answer of the same items, adds nothing.
func TestBulkConfirmQueuesOnce(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 9, 10*time.Second)
	all := items(9)
	g.press(markKey(), keyMsg("G"), keyMsg("V"), keyMsg("A"), keyMsg("enter"))
	g.press(keyMsg("y"), keyMsg("y"))
	want := []string{all[0].ID, all[3].ID, all[6].ID}
	if got := g.queued(); !slices.Equal(got, want) {
		t.Fatalf("queued %v, want %v", got, want)
	}
	batch := ""
	for _, e := range g.r.Outbox.List() {
		if batch == "" {
			batch = e.Batch
		}
		if e.Batch == "" || e.Batch != batch {
			t.Errorf("%s: batch %q, want one batch for all", e.ItemID, e.Batch)
		}
		if _, held := e.Held(*g.now); !held {
			t.Errorf("%s is not held for the undo window", e.ItemID)
		}
	}
	if len(g.split.Marked()) != 0 {
		t.Errorf("marks kept after queueing: %v", g.split.Marked())
	}
	if !strings.Contains(g.screen(), "Answers (3) go in 10 s") {
		t.Errorf("no countdown of the batch:\n%s", g.screen())
	}
	// the same items again: each is already on its way
	g.press(keyMsg("g"), markKey(), keyMsg("G"), keyMsg("V"), keyMsg("A"), keyMsg("enter"))
	if !strings.Contains(g.screen(), "0 of 9 get the template") || !strings.Contains(g.screen(), "a reply is already on its way") {
		t.Errorf("second preview:\n%s", g.screen())
	}
	g.press(keyMsg("y"))
	if got := g.queued(); len(got) != 3 {
		t.Errorf("a second bulk answer queued more: %v", got)
	}
}

// TestBulkUndoTakesAllBack: u inside the undo window takes every entry of
// the batch back, and none becomes a draft.
func TestBulkUndoTakesAllBack(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 9, 10*time.Second)
	g.press(markKey(), keyMsg("G"), keyMsg("V"), keyMsg("A"), keyMsg("enter"), keyMsg("y"))
	if len(g.queued()) != 3 {
		t.Fatalf("queued %v", g.queued())
	}
	*g.now = g.now.Add(5 * time.Second)
	g.press(keyMsg("u"))
	if got := g.queued(); len(got) != 0 {
		t.Errorf("left in the outbox after u: %v", got)
	}
	if !strings.Contains(g.screen(), "Answers taken back: 3") {
		t.Errorf("no word of the undo:\n%s", g.screen())
	}
	for _, it := range items(9) {
		if _, ok := g.r.Draft(g.r.Key(PaneQuestions, it.ID)); ok {
			t.Errorf("%s got a draft from the undone batch", it.ID)
		}
	}
}

// TestBulkWithoutMarks: A with nothing marked and no section says how to
// mark; esc closes the preview without queueing.
func TestBulkWithoutMarks(t *testing.T) {
	g := newBulkRig(t, i18n.RU, 6, 0)
	g.press(keyMsg("A"))
	if !strings.Contains(g.screen(), "Отметьте строки клавишей space") {
		t.Errorf("no hint:\n%s", g.screen())
	}
	g.press(markKey(), keyMsg("A"), keyMsg("enter"), keyMsg("esc"))
	if g.split.Mode() != ModeNormal || len(g.queued()) != 0 {
		t.Errorf("esc on the preview: mode %v, queued %v", g.split.Mode(), g.queued())
	}
}

// waitingSection is a section of the items that need action.
func waitingSection(name string) Section {
	return Section{Name: name, Pane: PaneQuestions, Filter: store.Filter{Status: store.StatusNeedsAction}, Template: "Спасибо"}
}

// TestSectionCounts: the sub-tabs count everything stored of the pane's
// view and of each section, } chooses a section, whose filter the list
// then shows, and A answers the section with its template.
func TestSectionCounts(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 30, 0, waitingSection("Waiting"))
	screen := g.screen()
	if !strings.Contains(screen, "All 30") || !strings.Contains(screen, "Waiting 10") {
		t.Fatalf("no sub-tabs with counts:\n%s", screen)
	}
	g.press(keyMsg("}"))
	if n := g.split.list.Len(); n != 10 {
		t.Errorf("the section lists %d, want 10", n)
	}
	g.press(keyMsg("A"))
	if !strings.Contains(g.screen(), "10 of 10 get the template «Спасибо»") {
		t.Errorf("A in the section:\n%s", g.screen())
	}
	g.press(keyMsg("esc"), keyMsg("{"))
	if n := g.split.list.Len(); n != 30 {
		t.Errorf("back to All: %d rows, want 30", n)
	}
}

// TestAutoSectionCap: an automatic section answers on each sync, at most
// its daily cap a day, and only from the next day on again.
func TestAutoSectionCap(t *testing.T) {
	sec := waitingSection("Auto")
	sec.Auto, sec.DailyCap = true, 4
	g := newBulkRig(t, i18n.EN, 30, 10*time.Second, sec)
	if len(g.queued()) != 0 {
		t.Fatalf("answered before any sync: %v", g.queued())
	}
	if !strings.Contains(g.screen(), "auto-answer on: «Auto» 0/4") {
		t.Errorf("the status bar does not say auto is on:\n%s", g.screen())
	}
	g.press(StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if n := len(g.queued()); n != 4 {
		t.Fatalf("first sync queued %d, want the cap of 4", n)
	}
	for _, e := range g.r.Outbox.List() {
		if _, held := e.Held(*g.now); !held {
			t.Errorf("%s is not held for the undo window", e.ItemID)
		}
	}
	g.press(StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if n := len(g.queued()); n != 4 {
		t.Errorf("second sync: %d queued, want still 4", n)
	}
	*g.now = g.now.Add(24 * time.Hour)
	g.press(StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if n := len(g.queued()); n != 8 {
		t.Errorf("next day: %d queued, want 8", n)
	}
}

// TestBulkHeldLineNamesTheAnswer: the detail of an item whose bulk answer
// waits names it in words, in both languages, never the kind's ID.
func TestBulkHeldLineNamesTheAnswer(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{{i18n.EN, "Answering the question in 10 s"}, {i18n.RU, "Отвечаем на вопрос через 10 с"}} {
		env := testEnv(tc.lang)
		e := reply.Entry{Kind: reply.KindQuestionAnswer, State: reply.StateQueued, Batch: "b", Created: fixedNow, Updated: fixedNow,
			NextAttempt: fixedNow.Add(10 * time.Second)}
		if got := HeldLine(env, e, fixedNow); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestSectionGivesWayToTheFilter: a filter chosen while a section shows
// applies to the pane's own view, which comes back.
func TestSectionGivesWayToTheFilter(t *testing.T) {
	g := newBulkRig(t, i18n.EN, 30, 0, waitingSection("Waiting"))
	g.press(keyMsg("}"))
	if _, ok := g.split.bulk.sections.active(); !ok || g.split.list.Len() != 10 {
		t.Fatalf("no section chosen: %d rows", g.split.list.Len())
	}
	drive(g.app, run(g.split.ReloadWindow())...)
	if _, ok := g.split.bulk.sections.active(); ok || g.split.list.Len() != 30 {
		t.Errorf("the section stayed after the pane's filter changed: %d rows", g.split.list.Len())
	}
}
