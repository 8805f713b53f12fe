package panes

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// typingReplies is the reply layer of a run with the shipped undo window,
// on the panes' clock.
func typingReplies(t *testing.T, d Deps) (*ui.Replies, *reply.Outbox) {
	t.Helper()
	dir := t.TempDir()
	ds, err := reply.OpenDrafts(filepath.Join(dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: filepath.Join(dir, "outbox"), Drafts: ds, Hold: 5 * time.Second,
		Now: func() time.Time { return wbFixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	ob.SetSenders(d.Profile, reply.NewSenders(d.WB, d.YM))
	r, err := ui.NewReplies(d.Profile, ob, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, ob
}

// typingDrive feeds msgs to the app with every command run beside the
// others; what has not answered within settle is a timer (a cursor blink,
// a debounced save) and is left behind, so typing a sentence into an
// editor does not wait out a blink per letter. Writes the commands make
// (an outbox entry) happen all the same: the check reads the outbox.
func typingDrive(t *testing.T, a *ui.App, msgs ...tea.Msg) (quit bool) {
	t.Helper()
	// in an editor every letter starts a blink; elsewhere a command may
	// be a page from the sandbox, given time to arrive
	const settle, settleEditing = 150 * time.Millisecond, 15 * time.Millisecond
	// commands left behind finish before the test's world is closed
	bg := &sync.WaitGroup{}
	t.Cleanup(bg.Wait)
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0; n++ {
		if n > 100_000 {
			t.Fatal("typingDrive: the app never settles")
		}
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			quit = true
			continue
		}
		_, cmd := a.Update(msg)
		wait := settle
		if _, key := msg.(tea.KeyPressMsg); key && a.Focused().Mode() == ui.ModeEdit {
			wait = settleEditing
		}
		queue = append(queue, runSettled(bg, cmd, wait)...)
	}
	return quit
}

// runSettled runs cmd (a batch's parts side by side) and returns the
// messages that arrived within settle.
func runSettled(bg *sync.WaitGroup, cmd tea.Cmd, settle time.Duration) []tea.Msg {
	if cmd == nil {
		return nil
	}
	var (
		mu  sync.Mutex
		out []tea.Msg
		wg  sync.WaitGroup
	)
	var start func(c tea.Cmd)
	start = func(c tea.Cmd) {
		wg.Add(1)
		bg.Add(1)
		go func() {
			defer bg.Done()
			defer wg.Done()
			msg := c()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, sub := range b {
					if sub != nil {
						start(sub)
					}
				}
				return
			}
			if msg != nil {
				mu.Lock()
				out = append(out, msg)
				mu.Unlock()
			}
		}()
	}
	start(cmd)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(settle):
	}
	mu.Lock()
	defer mu.Unlock()
	var kept []tea.Msg
	for _, m := range out {
		// animation frames would run forever
		if _, spin := m.(spinner.TickMsg); spin || strings.Contains(reflect.TypeOf(m).PkgPath(), "cursor") {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// TestTypingNeverRunsACommand: an agent starts typing an answer while a
// list has focus, in every pane and the Inbox. Russian used to quit (й),
// reject another question (ч) or request a return (м); now the app keeps
// running and nothing is queued, and where the pane answers with text the
// sentence lands in the selected item's editor. English letters are the
// hotkeys: whatever they start, nothing can leave without its undo window.
func heldNow(e reply.Entry) bool {
	_, held := e.Held(wbFixedNow)
	return held
}

func TestTypingNeverRunsACommand(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{})
	// the panes' own rate limits would pace 30 app starts; the sandbox has none
	cfg := w.run.Config()
	cfg.Limits = map[api.Group]api.Limit{}
	for g := range api.Limits {
		cfg.Limits[g] = api.Limit{}
	}
	tr, err := api.NewTransport(cfg)
	if err != nil {
		t.Fatal(err)
	}
	wbc, ymc := wb.New(tr), ym.New(tr, sandbox.CampaignID)
	russian := []string{"Скопируйте", "Уточните, пожалуйста", "м"}
	english := []string{"Hello! Thank you for the review, we will send a new one today.", "Very good, yes, we have it in stock."}
	ids := []ui.PaneID{ui.PaneInbox, ui.PaneReturns, ui.PaneQuestions, ui.PaneFeedbacks, ui.PaneChats, ui.PaneClaims}
	for _, id := range ids {
		for _, s := range append(russian, english...) {
			t.Run(string(id)+"/"+s, func(t *testing.T) {
				d := Deps{YM: ymc, WB: wbc, Profile: "test", Store: w.st}
				r, ob := typingReplies(t, d)
				env := rcEnv(i18n.RU)
				env.Replies = r
				// the pane alone (the inbox with every pane, where it jumps)
				all, panes := New(env, d), []ui.Pane(nil)
				for _, p := range all {
					if id == ui.PaneInbox || p.ID() == id {
						panes = append(panes, p)
					}
				}
				app := inboxApp(t, env, ui.AppOptions{Start: id, Profile: "test"}, 120, 40, panes...)
				if app.Focused().ID() != id {
					t.Fatalf("started on %s", app.Focused().ID())
				}
				if typingDrive(t, app, rcKeys(s)...) {
					t.Fatalf("typing %q quit the app", s)
				}
				screen := ansi.Strip(app.View().Content)
				cyrillic := strings.ContainsFunc(s[:2], func(r rune) bool { return r > 127 })
				for _, e := range ob.List() {
					switch {
					case e.Kind == reply.KindQuestionViewed:
						// bookkeeping: selecting a question marks it seen
					case cyrillic:
						t.Errorf("typing %q queued %s for %s", s, e.Kind, e.ItemID)
					case !heldNow(e):
						t.Errorf("typing %q queued %s for %s with no undo window", s, e.Kind, e.ItemID)
					}
				}
				if ta, ok := app.Focused().(ui.TextAnswerer); cyrillic && ok && ta.AnswersWithText() &&
					app.Focused().Mode() == ui.ModeEdit && !strings.Contains(screen, s) {
					t.Errorf("the editor does not hold %q:\n%s", s, screen)
				}
				if cyrillic && id == ui.PaneQuestions && app.Focused().Mode() != ui.ModeEdit {
					t.Errorf("typing Russian on Questions did not start the answer:\n%s", screen)
				}
			})
		}
	}
}
