package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// countSender counts deliveries.
type countSender struct {
	mu    sync.Mutex
	sends int
}

func (s *countSender) Send(context.Context, reply.Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sends++
	return nil
}

func (s *countSender) Landed(context.Context, reply.Entry) (bool, error) { return false, nil }

func (s *countSender) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sends
}

// safetyApp is an app with a reply layer whose outbox holds irreversible
// replies for hold, on a clock the test moves.
func safetyApp(t *testing.T, hold time.Duration) (*App, *Replies, *countSender, *time.Time) {
	t.Helper()
	now := fixedNow
	clock := func() time.Time { return now }
	drafts, err := reply.OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts, Hold: hold, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	cs := &countSender{}
	senders := reply.Senders{}
	for _, k := range reply.Kinds {
		senders[k] = cs
	}
	ob.SetSenders("default", senders)
	r, err := NewReplies("default", ob, drafts, nil)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(i18n.EN)
	env.Now = clock
	env.Replies = r
	s, _ := newTestSplit(env, PaneQuestions, 5, 10)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 100, Height: 24})
	return app, r, cs, &now
}

func quits(cmd tea.Cmd) bool {
	for _, m := range run(cmd) {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// outboxTick is one round of the outbox loop (internal/app's services):
// what is due is attempted and each attempt reported to the app.
func outboxTick(a *App) {
	ob := a.env.Replies.Outbox
	for _, e := range ob.Due(a.now()) {
		got, err := ob.Attempt(context.Background(), e.ID)
		drive(a, OutboxSettledMsg{Entry: got, Err: err})
	}
}

func screenOf(a *App) string { return ansi.Strip(a.View().Content) }

// TestQuitAsksWhenSomethingIsUnsent: q with an unsent draft or a reply in
// the outbox says so and asks, enter (the default) stays; ctrl+c quits on
// the second press in a row and says the same on the first.
func TestQuitAsksWhenSomethingIsUnsent(t *testing.T) {
	t.Run("nothing unsent: q quits", func(t *testing.T) {
		app, _, _, _ := safetyApp(t, 0)
		if _, cmd := app.Update(keyMsg("q")); !quits(cmd) {
			t.Error("q did not quit")
		}
	})
	t.Run("a draft: q asks, enter stays, y quits", func(t *testing.T) {
		app, r, _, _ := safetyApp(t, 0)
		r.Touch(r.Key(PaneQuestions, "q1"), reply.Draft{Text: "Здравствуйте"}, fixedNow)
		if _, cmd := app.Update(keyMsg("q")); quits(cmd) {
			t.Fatal("q quit with an unsent draft")
		}
		if s := screenOf(app); !strings.Contains(s, "1 unsent draft") || !strings.Contains(s, "Quit anyway?") {
			t.Fatalf("the question does not say what is unsent:\n%s", s)
		}
		if _, cmd := app.Update(keyMsg("enter")); quits(cmd) || app.quit.ask != nil {
			t.Fatal("enter did not answer no")
		}
		app.Update(keyMsg("q"))
		if _, cmd := app.Update(keyMsg("y")); !quits(cmd) {
			t.Error("y did not quit")
		}
	})
	t.Run("a reply in flight: ctrl+c warns, then quits", func(t *testing.T) {
		app, r, _, _ := safetyApp(t, 0)
		if _, err := r.Outbox.Enqueue(reply.Entry{Profile: "default", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Здравствуйте!"}); err != nil {
			t.Fatal(err)
		}
		if _, cmd := app.Update(keyMsg("ctrl+c")); quits(cmd) {
			t.Fatal("the first ctrl+c quit")
		}
		if s := screenOf(app); !strings.Contains(s, "not delivered yet") || !strings.Contains(s, "press ctrl+c again to quit") {
			t.Fatalf("the first ctrl+c does not warn:\n%s", s)
		}
		app.Update(keyMsg("j")) // another key disarms
		if _, cmd := app.Update(keyMsg("ctrl+c")); quits(cmd) {
			t.Fatal("ctrl+c after another key quit at once")
		}
		if _, cmd := app.Update(keyMsg("ctrl+c")); !quits(cmd) {
			t.Error("the second ctrl+c did not quit")
		}
	})
}

// TestUndoWindowThroughTheApp: a rejection waits in the outbox with its
// countdown on screen; u within the window takes it back (nothing sent,
// the text is the draft again); left alone it is sent exactly once.
func TestUndoWindowThroughTheApp(t *testing.T) {
	const hold = 5 * time.Second
	reject := reply.Entry{Kind: reply.KindQuestionReject, ItemID: "q1", Text: "Вопрос не о товаре"}
	t.Run("u takes it back", func(t *testing.T) {
		app, r, cs, now := safetyApp(t, hold)
		drive(app, run(r.Enqueue(reject))...)
		if s := screenOf(app); !strings.Contains(s, "Rejecting the question in 5 s — u to undo") {
			t.Fatalf("no countdown:\n%s", s)
		}
		*now = now.Add(3 * time.Second)
		outboxTick(app)
		if s := screenOf(app); !strings.Contains(s, "in 2 s") {
			t.Errorf("the countdown does not count:\n%s", s)
		}
		drive(app, keyMsg("u"))
		*now = now.Add(time.Hour)
		outboxTick(app)
		if n := cs.count(); n != 0 {
			t.Errorf("sent %d times after undo", n)
		}
		if len(r.Outbox.List()) != 0 {
			t.Errorf("still in the outbox: %+v", r.Outbox.List())
		}
		d, ok := r.Draft(r.Key(PaneQuestions, "q1"))
		if !ok || d.Text != reject.Text || d.Action != string(reply.KindQuestionReject) {
			t.Errorf("the text is not the draft again: %+v %v", d, ok)
		}
	})
	t.Run("left alone it is sent once", func(t *testing.T) {
		app, r, cs, now := safetyApp(t, hold)
		drive(app, run(r.Enqueue(reject))...)
		for range 4 {
			*now = now.Add(time.Second)
			outboxTick(app)
		}
		if n := cs.count(); n != 0 {
			t.Fatalf("sent inside the window (%d)", n)
		}
		for range 3 {
			*now = now.Add(time.Second)
			outboxTick(app)
		}
		if n := cs.count(); n != 1 {
			t.Errorf("sent %d times, want 1", n)
		}
		if _, cmd := app.Update(keyMsg("u")); cmd != nil || cs.count() != 1 {
			t.Error("u after the window did something")
		}
	})
}

// TestHeldCallUndo: a pin (a direct call, not an outbox reply) waits out
// the undo window too; u takes it back, left alone it runs once.
func TestHeldCallUndo(t *testing.T) {
	for _, undo := range []bool{true, false} {
		app, _, _, _ := safetyApp(t, 0)
		app.calls.undo = 5 * time.Second
		runs := 0
		_, cmd := app.Update(HoldMsg{What: "Changing the feedback's pin", Run: func() tea.Cmd { runs++; return nil }})
		if runs != 0 {
			t.Fatal("the call ran at once")
		}
		if s := screenOf(app); !strings.Contains(s, "Changing the feedback's pin in 5 s — u to undo") {
			t.Fatalf("no countdown:\n%s", s)
		}
		if undo {
			app.Update(keyMsg("u"))
		}
		due := cmd() // the window's timer
		app.Update(due)
		app.Update(due)
		if want := map[bool]int{true: 0, false: 1}[undo]; runs != want {
			t.Errorf("undo %v: ran %d times, want %d", undo, runs, want)
		}
	}
}
