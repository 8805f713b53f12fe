package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// fakePresence is a registry in memory: holds by (pane, id).
type fakePresence struct {
	mu    sync.Mutex
	holds map[string]Holding
	calls []string
}

func (f *fakePresence) Hold(agent string, pane PaneID, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, agent+":"+string(pane)+"/"+id)
}

func (f *fakePresence) Holder(pane PaneID, id, self string) (Holding, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.holds[string(pane)+"/"+id]
	if !ok || h.Agent == self {
		return Holding{}, false
	}
	return h, true
}

// editingRecorder is a test pane that enters ModeEdit on the answer key,
// as a pane's editor does, and leaves it on esc.
type editingRecorder struct {
	keyRecorder
	editing bool
}

func (p *editingRecorder) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.String() == "a" && !p.editing:
			p.editing = true
		case k.String() == "esc" && p.editing:
			p.editing = false
		}
	}
	_, cmd := p.keyRecorder.Update(msg)
	return p, cmd
}

func (p *editingRecorder) Mode() Mode {
	if p.editing {
		return ModeEdit
	}
	return p.Split.Mode()
}

func presenceApp(t *testing.T, fp *fakePresence) (*App, *editingRecorder) {
	t.Helper()
	env := testEnv(i18n.EN)
	env.Agent, env.Presence = "ivan", fp
	s, _ := newTestSplit(env, PaneQuestions, 5)
	p := &editingRecorder{keyRecorder: keyRecorder{Split: s}}
	app := New(env, AppOptions{FixedTheme: true}, p)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 24})
	drive(app, run(p.Init())...)
	return app, p
}

// TestColleagueAnsweringIsShownAndAsked: an item a colleague is writing
// to says so on its row and in its detail; the answer key asks before
// taking over, no keeps away, yes opens the editor.
func TestColleagueAnsweringIsShownAndAsked(t *testing.T) {
	since := time.Date(2026, 12, 3, 10, 42, 0, 0, time.Local)
	fp := &fakePresence{holds: map[string]Holding{"questions/R-4100000": {Agent: "anna", Since: since}}}
	app, p := presenceApp(t, fp)
	drive(app, PresenceChangedMsg{})
	screen := ansi.Strip(app.View().Content)
	if !strings.Contains(screen, MarkHeld+" anna") || !strings.Contains(screen, "anna is answering this (since 10:42)") {
		t.Fatalf("the hold is not on screen:\n%s", screen)
	}
	p.keys = nil
	drive(app, keyMsg("a"))
	screen = ansi.Strip(app.View().Content)
	if len(p.keys) != 0 || !strings.Contains(screen, "anna is answering this item (since 10:42). Take over") {
		t.Fatalf("keys %v; the take-over question is not asked:\n%s", p.keys, screen)
	}
	drive(app, keyMsg("q")) // typed on the question: neither quits nor answers
	drive(app, keyMsg("n"))
	if len(p.keys) != 0 || p.editing {
		t.Fatalf("no still opened the editor: %v", p.keys)
	}
	drive(app, keyMsg("a"), keyMsg("y"))
	if strings.Join(p.keys, " ") != "a" || !p.editing {
		t.Fatalf("yes: keys %v, editing %v", p.keys, p.editing)
	}
	// An item nobody holds opens at once.
	drive(app, keyMsg("esc"), keyMsg("j"))
	p.keys = nil
	drive(app, keyMsg("a"))
	if strings.Join(p.keys, " ") != "a" {
		t.Errorf("an item nobody writes to asked first: %v", p.keys)
	}
}

// TestWritingIsAnnounced: opening the editor tells the registry what the
// agent writes to, and closing it lets go.
func TestWritingIsAnnounced(t *testing.T) {
	fp := &fakePresence{holds: map[string]Holding{}}
	app, _ := presenceApp(t, fp)
	drive(app, keyMsg("j"), keyMsg("a"), keyMsg("x"), keyMsg("esc"))
	got := strings.Join(fp.calls, " ")
	if got != "ivan:questions/R-4100001 ivan:/" {
		t.Errorf("holds %q, want the item while writing, then nothing", got)
	}
}
