package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// jumpSplit is a test Split loaded with n items at size w×24.
func jumpSplit(t *testing.T, n, w int) *Split[testItem] {
	t.Helper()
	env := testEnv(i18n.EN)
	p := &pager{items: items(n), size: 50}
	s := NewSplit(env, testConfig(PaneReturns, p, env))
	s.SetSize(w, 24)
	for _, m := range run(s.Init()) {
		s.Update(m)
	}
	return s
}

// splitDrive delivers msgs to s and what its commands produce; it returns
// what s does not handle itself (JumpDoneMsg, NoticeMsg).
func splitDrive(s *Split[testItem], msgs ...tea.Msg) []tea.Msg {
	var out []tea.Msg
	for len(msgs) > 0 {
		m := msgs[0]
		msgs = msgs[1:]
		switch m.(type) {
		case JumpDoneMsg, NoticeMsg, StatusMsg:
			out = append(out, m)
			continue
		}
		_, cmd := s.Update(m)
		msgs = append(msgs, run(cmd)...)
	}
	return out
}

func TestSplitJump(t *testing.T) {
	then := keyMsg("a")
	tests := []struct {
		name      string
		width     int
		before    []tea.Msg // e.g. a filter that hides the target
		id        string
		wantSel   string // "" keeps the selection where it was
		wantFirst string // the first item afterwards
		wantDone  bool
		notice    string // part of the error the footer shows
		detail    bool   // the narrow pane shows the detail
	}{
		{name: "loaded item is selected", width: 120, id: "R-4100007", wantSel: "R-4100007", wantDone: true},
		{name: "narrow window opens the detail", width: 80, id: "R-4100003", wantSel: "R-4100003", wantDone: true, detail: true},
		{name: "a filter hiding it is cleared", width: 120, before: keyMsgs("/", "А", "н", "н", "а", "enter"),
			id: "R-4100002", wantSel: "R-4100002", wantDone: true},
		{name: "not loaded", width: 120, id: "X-1", notice: "not among the items loaded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := jumpSplit(t, 20, tc.width)
			splitDrive(s, tc.before...)
			if len(tc.before) > 0 && s.List().Query() == "" {
				t.Fatal("the filter did not apply")
			}
			before, _ := s.Selected()
			out := splitDrive(s, JumpMsg{Pane: PaneReturns, ID: tc.id, Then: then})
			sel, _ := s.Selected()
			want := tc.wantSel
			if want == "" {
				want = before.ID
			}
			if sel.ID != want {
				t.Errorf("selected %s, want %s", sel.ID, want)
			}
			if tc.wantFirst != "" && s.Items()[0].ID != tc.wantFirst {
				t.Errorf("first item %s, want %s", s.Items()[0].ID, tc.wantFirst)
			}
			done := slices.ContainsFunc(out, func(m tea.Msg) bool {
				d, ok := m.(JumpDoneMsg)
				return ok && d.Pane == PaneReturns && d.Then == then
			})
			if done != tc.wantDone {
				t.Errorf("JumpDoneMsg sent = %v, want %v (got %v)", done, tc.wantDone, out)
			}
			var notice string
			for _, m := range out {
				if n, ok := m.(NoticeMsg); ok && n.Err != nil {
					notice = n.Err.Error()
				}
			}
			if (tc.notice == "") != (notice == "") || !strings.Contains(notice, tc.notice) {
				t.Errorf("notice %q, want one containing %q", notice, tc.notice)
			}
			if tc.detail {
				view := ansi.Strip(s.View())
				if !strings.Contains(view, sel.Product) || strings.Contains(view, items(20)[0].Buyer+" — ") {
					t.Errorf("the narrow pane does not show the detail:\n%s", view)
				}
			}
		})
	}
}

func TestAppJump(t *testing.T) {
	then := keyMsg("a")
	tests := []struct {
		name        string
		msg         tea.Msg
		returnsMode Mode
		wantFocus   PaneID
		wantGot     []tea.Msg // what the questions pane received
		notice      string
	}{
		{name: "focuses and forwards", msg: JumpMsg{Pane: PaneQuestions, ID: "q1"},
			wantFocus: PaneQuestions, wantGot: []tea.Msg{JumpMsg{Pane: PaneQuestions, ID: "q1"}}},
		{name: "unknown pane", msg: JumpMsg{Pane: PaneClaims, ID: "c1"}, wantFocus: PaneReturns, notice: "Claims"},
		{name: "then goes to the focused pane", msg: JumpDoneMsg{Pane: PaneReturns, Then: then}, wantFocus: PaneReturns},
		{name: "then never reaches a pane out of sight", msg: JumpDoneMsg{Pane: PaneQuestions, Then: then}, wantFocus: PaneReturns},
		{name: "a pane with an open editor keeps it", msg: JumpMsg{Pane: PaneReturns, ID: "r1"}, returnsMode: ModeEdit,
			wantFocus: PaneReturns, notice: "finish or close"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app, r, q := recApp(tc.returnsMode)
			app.Update(tc.msg)
			if got := app.Focused().ID(); got != tc.wantFocus {
				t.Errorf("focus %s, want %s", got, tc.wantFocus)
			}
			if !slices.Equal(q.got, tc.wantGot) {
				t.Errorf("questions got %v, want %v", q.got, tc.wantGot)
			}
			if d, ok := tc.msg.(JumpDoneMsg); ok && d.Pane == PaneReturns {
				if !slices.Contains(r.got, tea.Msg(then)) {
					t.Errorf("Then never reached the pane: %v", r.got)
				}
			}
			if tc.returnsMode == ModeEdit && len(r.got) != 0 {
				t.Errorf("the busy pane got %v", r.got)
			}
			got := ""
			if app.bar.notice.Err != nil {
				got = app.bar.notice.Err.Error()
			}
			if (tc.notice == "") != (got == "") || !strings.Contains(got, tc.notice) {
				t.Errorf("notice %q, want one containing %q", got, tc.notice)
			}
		})
	}
}

func TestAppSwitchProfileWithJump(t *testing.T) {
	app, _, q := recApp(ModeNormal)
	app.opt.Profile = "shop1"
	jump := &JumpMsg{Pane: PaneQuestions, ID: "q7"}
	_, cmd := app.Update(SwitchProfileMsg{Profile: "shop2", Jump: jump})
	if app.SwitchTo != "shop2" || app.JumpAfterSwitch != jump {
		t.Fatalf("SwitchTo %q, JumpAfterSwitch %v", app.SwitchTo, app.JumpAfterSwitch)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("switching does not end the program for the restart")
	}
	// The same profile: just jump.
	same, _, q2 := recApp(ModeNormal)
	same.opt.Profile = "shop1"
	same.Update(SwitchProfileMsg{Profile: "shop1", Jump: jump})
	if same.SwitchTo != "" || same.Focused().ID() != PaneQuestions || len(q2.got) != 1 {
		t.Errorf("a switch to the current profile: SwitchTo %q, focus %s, got %v", same.SwitchTo, same.Focused().ID(), q2.got)
	}
	if len(q.got) != 0 {
		t.Errorf("the pane of the profile being left got %v", q.got)
	}
}

// TestAppOptionsJump: the restarted app jumps once its panes started.
func TestAppOptionsJump(t *testing.T) {
	a := &recPane{id: PaneReturns}
	b := &recPane{id: PaneQuestions}
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true, Jump: &JumpMsg{Pane: PaneQuestions, ID: "q7"}}, a, b)
	drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	drive(app, run(app.Init())...)
	if app.Focused().ID() != PaneQuestions || !slices.Contains(b.got, tea.Msg(JumpMsg{Pane: PaneQuestions, ID: "q7"})) {
		t.Errorf("focus %s, questions got %v", app.Focused().ID(), b.got)
	}
	if slices.ContainsFunc(a.got, func(m tea.Msg) bool { _, ok := m.(JumpMsg); return ok }) {
		t.Errorf("the returns pane got the questions' jump: %v", a.got)
	}
}
