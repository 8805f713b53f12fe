package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A windowed Split reads the store: these tests fill a real SQLite store
// and check that what the user sees covers every stored item, not the
// window held in memory.

func windowStore(t testing.TB, n int) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	putWindowQuestions(t, st, 0, n)
	return st
}

// putWindowQuestions stores questions q<from>…q<to-1>; a later one is newer.
func putWindowQuestions(t testing.TB, st *store.Store, from, to int) {
	t.Helper()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	qs := make([]models.Question, 0, to-from)
	for i := from; i < to; i++ {
		text := fmt.Sprintf("вопрос номер %d", i)
		if i%10 == 0 {
			text = fmt.Sprintf("оптом партия %d", i)
		}
		qs = append(qs, models.Question{ID: fmt.Sprintf("q%06d", i), Text: text, State: models.QuestionNew,
			CreatedDate:    models.Time{Time: t0.Add(time.Duration(i) * time.Minute)},
			ProductDetails: models.WBProductDetails{NmID: 1, ProductName: "Чай"}})
	}
	if _, err := st.PutQuestions(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
}

func windowSplit(t testing.TB, st *store.Store, lang i18n.Lang) *Split[models.Question] {
	env := testEnv(lang)
	env.Store = st
	s := NewSplit(env, SplitConfig[models.Question]{
		ID: PaneQuestions,
		Row: func(q models.Question, width int, selected bool, _ theme.Styles) string {
			return q.ID + " " + q.Text
		},
		Detail: func(q models.Question, _ int, _ theme.Styles, _ i18n.T) string { return "detail " + q.ID },
		Key:    func(q models.Question) string { return q.ID },
		Query:  func() store.PaneQuery { return store.PaneQuery{Kind: store.KindQuestion} },
		Decode: func(r store.PaneRow, _ time.Time) (models.Question, error) {
			return store.Decode[models.Question](r.Row)
		},
	})
	s.SetSize(120, 20)
	wdrive(s, run(s.Init())...)
	return s
}

func selectedID(t testing.TB, s *Split[models.Question]) string {
	t.Helper()
	q, ok := s.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return q.ID
}

func TestWindowSplitGoesToTheRealEnd(t *testing.T) {
	st := windowStore(t, 5000)
	s := windowSplit(t, st, i18n.EN)
	if got := len(s.Items()); got >= 5000 || got == 0 {
		t.Fatalf("the window holds %d rows: it should hold a few screens, not the pane", got)
	}
	if got := s.Badge(); got != 5000 {
		t.Errorf("badge = %d, want every stored unanswered question (5000)", got)
	}
	wdrive(s, keyMsg("G"))
	if got := selectedID(t, s); got != "q000000" {
		t.Errorf("G selected %s, want the oldest stored question q000000", got)
	}
	if pos, total, _ := s.Position(); pos != 5000 || total != 5000 {
		t.Errorf("position %d / %d, want 5000 / 5000", pos, total)
	}
	if v := s.View(); !strings.Contains(v, "q000000") {
		t.Errorf("the end of the list is not drawn:\n%s", v)
	}
	wdrive(s, keyMsg("g"))
	if got := selectedID(t, s); got != "q004999" {
		t.Errorf("g selected %s, want the newest q004999", got)
	}
}

func TestWindowSplitScrollsPastItsWindow(t *testing.T) {
	st := windowStore(t, 2000)
	s := windowSplit(t, st, i18n.EN)
	// Page down far beyond the first window: every row under the cursor
	// is the right one, read from the store as the window slides.
	for i := 1; i <= 60; i++ {
		wdrive(s, tea.KeyPressMsg{Code: tea.KeyPgDown})
		pos, _, _ := s.Position()
		want := fmt.Sprintf("q%06d", 2000-pos)
		if got := selectedID(t, s); got != want {
			t.Fatalf("after %d pages the cursor is at %d on %s, want %s", i, pos, got, want)
		}
	}
	if pos, _, _ := s.Position(); pos < 600 {
		t.Fatalf("60 pages down reached only position %d", pos)
	}
}

func TestWindowSplitFilterCountsEveryStoredItem(t *testing.T) {
	st := windowStore(t, 3000)
	s := windowSplit(t, st, i18n.EN)
	wdrive(s, keyMsgs("/", "о", "п", "т", "о", "м")...)
	v := s.View()
	if !strings.Contains(v, "300 of 3,000 match") {
		t.Errorf("the filter line should count over the whole store (300 of 3,000):\n%s", v)
	}
	wdrive(s, keyMsg("enter"), keyMsg("G"))
	if got := selectedID(t, s); got != "q000000" {
		t.Errorf("G under the filter selected %s, want the oldest match q000000", got)
	}
	wdrive(s, keyMsg("esc"))
	if pos, total, _ := s.Position(); total != 3000 || selectedID(t, s) != "q000000" || pos != 3000 {
		t.Errorf("clearing the filter: at %d / %d on %s, want 3000 / 3000 on q000000", pos, total, selectedID(t, s))
	}
}

func TestWindowSplitKeepsTheCursorWhenTheStoreChanges(t *testing.T) {
	st := windowStore(t, 500)
	s := windowSplit(t, st, i18n.RU)
	wdrive(s, keyMsgs("j", "j", "j")...)
	before := selectedID(t, s)
	// A sync adds newer questions above the cursor.
	putWindowQuestions(t, st, 500, 520)
	wdrive(s, StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if got := selectedID(t, s); got != before {
		t.Errorf("after a sync added rows above, the cursor is on %s, want it still on %s", got, before)
	}
	if pos, total, _ := s.Position(); pos != 24 || total != 520 {
		t.Errorf("position %d / %d, want 24 / 520", pos, total)
	}
	if s.Badge() != 520 {
		t.Errorf("badge = %d, want 520 after the change", s.Badge())
	}
	// A change of another pane reads nothing.
	if cmd, _ := s.windowUpdate(StoreChangedMsg{Panes: []PaneID{PaneChats}}); cmd != nil {
		t.Error("a change of the chats reloads the questions")
	}
}

func TestWindowSplitDropsStaleWindows(t *testing.T) {
	st := windowStore(t, 300)
	s := windowSplit(t, st, i18n.EN)
	// Two reads in flight: the later (after typing) must win even if the
	// earlier arrives last.
	early := run(s.readWindow(store.Start(), true, nil))
	wdrive(s, keyMsgs("/", "о", "п", "т", "о", "м")...)
	wdrive(s, early...)
	if v := s.View(); !strings.Contains(v, "30 of 300") {
		t.Errorf("a stale window replaced the filtered one:\n%s", v)
	}
}

func TestWindowSplitJumpsToAStoredItem(t *testing.T) {
	st := windowStore(t, 3000)
	s := windowSplit(t, st, i18n.EN)
	var done []JumpDoneMsg
	for _, m := range runAll(s, JumpMsg{Pane: PaneQuestions, ID: "q000123"}) {
		if d, ok := m.(JumpDoneMsg); ok {
			done = append(done, d)
		}
	}
	if got := selectedID(t, s); got != "q000123" || len(done) != 1 {
		t.Fatalf("jump selected %s (done %d), want q000123 far outside the first window", got, len(done))
	}
	if pos, _, _ := s.Position(); pos != 3000-123 {
		t.Errorf("position %d, want %d", pos, 3000-123)
	}
}

func wdrive(s *Split[models.Question], msgs ...tea.Msg) { runAll(s, msgs...) }

// runAll drives msgs and returns the messages that went by.
func runAll(s *Split[models.Question], msgs ...tea.Msg) []tea.Msg {
	var seen []tea.Msg
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		seen = append(seen, m)
		_, cmd := s.Update(m)
		queue = append(queue, run(cmd)...)
	}
	return seen
}

// The note about an item stays when that item leaves the list under the
// cursor (a delivered answer takes it out of "unanswered"); the user moving
// on still clears it.
func TestNoticeKeptWhenTheStoreMovesTheCursor(t *testing.T) {
	st := windowStore(t, 20)
	env := testEnv(i18n.EN)
	env.Store = st
	s := NewSplit(env, SplitConfig[models.Question]{
		ID:     PaneQuestions,
		Row:    func(q models.Question, _ int, _ bool, _ theme.Styles) string { return q.ID },
		Detail: func(q models.Question, _ int, _ theme.Styles, _ i18n.T) string { return q.ID },
		Key:    func(q models.Question) string { return q.ID },
		Query: func() store.PaneQuery {
			return store.PaneQuery{Kind: store.KindQuestion, Filter: store.Filter{Status: store.StatusNeedsAction}}
		},
		Decode: func(r store.PaneRow, _ time.Time) (models.Question, error) {
			return store.Decode[models.Question](r.Row)
		},
	})
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(app, run(app.Init())...)
	first := selectedID(t, s)
	drive(app, NoticeMsg{Text: "Answer delivered at 09:41"})
	if err := st.Resolve(context.Background(), store.KindQuestion, first); err != nil {
		t.Fatal(err)
	}
	drive(app, StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if got := selectedID(t, s); got == first {
		t.Fatalf("the resolved question %s is still selected", got)
	}
	if !strings.Contains(statusText(app), "Answer delivered") {
		t.Errorf("the note went when the store moved the cursor: %q", statusText(app))
	}
	drive(app, keyMsg("j"))
	if strings.Contains(statusText(app), "Answer delivered") {
		t.Errorf("the note stays after the user moved on: %q", statusText(app))
	}
}

// S cycles the order over every stored item, keeping the cursor on its
// item, and the status bar names the order.
func TestWindowSplitSortsEveryStoredItem(t *testing.T) {
	st := windowStore(t, 2000)
	s := windowSplit(t, st, i18n.EN)
	wdrive(s, keyMsgs("j", "j")...)
	item := selectedID(t, s)
	var notes []string
	for _, m := range runAll(s, keyMsg("S")) {
		if n, ok := m.(NoticeMsg); ok {
			notes = append(notes, n.Text)
		}
	}
	if len(notes) != 1 || notes[0] != "Sorted: oldest first" {
		t.Errorf("notes %q, want the order named once", notes)
	}
	if got := selectedID(t, s); got != item {
		t.Errorf("the cursor moved to %s, want it kept on %s", got, item)
	}
	if pos, _, _ := s.Position(); pos != 2000-2 {
		t.Errorf("%s is at %d oldest first, want %d", item, pos, 2000-2)
	}
	wdrive(s, keyMsg("g"))
	if got := selectedID(t, s); got != "q000000" {
		t.Errorf("the top oldest first is %s, want q000000", got)
	}
	wdrive(s, keyMsg("G"))
	if got := selectedID(t, s); got != "q001999" {
		t.Errorf("the end oldest first is %s, want q001999", got)
	}
	// deadline, then back to newest
	wdrive(s, keyMsg("S"), keyMsg("S"), keyMsg("g"))
	if got := selectedID(t, s); got != "q001999" {
		t.Errorf("after a full cycle the top is %s, want the newest q001999", got)
	}
	// typing S into / is text, not the order
	wdrive(s, keyMsgs("/", "S")...)
	if s.List().Query() != "S" {
		t.Errorf("S typed into / went elsewhere: %q", s.List().Query())
	}
}

// n and N go to the next and previous item that needs the seller over
// everything stored, past answered ones and beyond the window held.
func TestWindowSplitNextNeedingAction(t *testing.T) {
	st := windowStore(t, 400)
	// Answer every question from q000010 to q000389: the next unanswered
	// one below q000390 is far outside the first window.
	var answered []models.Question
	for i := 10; i < 390; i++ {
		q := models.Question{ID: fmt.Sprintf("q%06d", i), Text: "ответили", State: models.QuestionAnswered,
			CreatedDate: models.Time{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)},
			Answer:      &models.QuestionAnswer{Text: "да"}}
		answered = append(answered, q)
	}
	if _, err := st.PutQuestions(context.Background(), answered); err != nil {
		t.Fatal(err)
	}
	s := windowSplit(t, st, i18n.EN)
	wdrive(s, keyMsg("G"), keyMsg("g"))
	for range 9 {
		wdrive(s, keyMsg("j"))
	}
	if got := selectedID(t, s); got != "q000390" {
		t.Fatalf("start on %s, want q000390", got)
	}
	wdrive(s, keyMsg("n"))
	if got := selectedID(t, s); got != "q000009" {
		t.Fatalf("n selected %s, want q000009 past 380 answered", got)
	}
	if pos, _, _ := s.Position(); pos != 391 {
		t.Errorf("q000009 at %d, want 391", pos)
	}
	wdrive(s, keyMsg("N"))
	if got := selectedID(t, s); got != "q000390" {
		t.Errorf("N selected %s, want q000390", got)
	}
	wdrive(s, keyMsg("g"))
	var notes []string
	for _, m := range runAll(s, keyMsg("N")) {
		if n, ok := m.(NoticeMsg); ok {
			notes = append(notes, n.Text)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "Nothing further") || selectedID(t, s) != "q000399" {
		t.Errorf("N at the top: notes %q, on %s", notes, selectedID(t, s))
	}
}
