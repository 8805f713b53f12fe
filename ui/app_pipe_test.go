package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// keyRecorder is a store-reading pane that notes the keys it is given, so
// a test sees the answer key the app delivers after a pipe.
type keyRecorder struct {
	*Split[testItem]
	keys []string
}

func (p *keyRecorder) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.keys = append(p.keys, k.String())
	}
	_, cmd := p.Split.Update(msg)
	return p, cmd
}

// pipeScript writes a stand-in for a local model: it answers with the ID
// it finds in the item's JSON, so the test sees which item was piped.
func pipeScript(t *testing.T) string {
	t.Helper()
	script := filepath.Join(t.TempDir(), "draft.sh")
	body := "#!/bin/sh\nid=$(sed -n 's/.*\"ID\": *\"\\([^\"]*\\)\".*/\\1/p' | head -n1)\nprintf 'Здравствуйте! Ответ на %s.\\n' \"$id\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script
}

func pipeApp(t *testing.T, lang i18n.Lang, pipe Pipe) (*App, *keyRecorder, *Replies) {
	t.Helper()
	drafts, err := reply.OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplies("default", nil, drafts, nil)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(lang)
	env.Replies = r
	env.Pipe = pipe
	s, _ := newTestSplit(env, PaneQuestions, 5)
	p := &keyRecorder{Split: s}
	other, _ := newTestSplit(env, PaneFeedbacks, 3)
	app := New(env, AppOptions{FixedTheme: true}, p, other)
	drive(app, tea.WindowSizeMsg{Width: 100, Height: 24})
	drive(app, run(p.Init())...)
	return app, p, r
}

// TestPipeKeyOpensTheDraft: | sends the selected item to pipe_command,
// and what it prints becomes that item's draft with the editor's key
// delivered to its pane: nothing is sent. A draft the agent had typed is
// kept above the command's text.
func TestPipeKeyOpensTheDraft(t *testing.T) {
	for _, typed := range []string{"", "Мой черновик"} {
		app, p, r := pipeApp(t, i18n.RU, Pipe{Command: pipeScript(t)})
		drive(app, keyMsg("j")) // the second item
		k := r.Key(PaneQuestions, "R-4100001")
		if typed != "" {
			r.Touch(k, reply.Draft{Text: typed}, fixedNow)
		}
		p.keys = nil
		drive(app, keyMsg("|"))
		d, ok := r.Draft(k)
		want := "Здравствуйте! Ответ на R-4100001."
		if typed != "" {
			want = typed + "\n\n" + want
		}
		if !ok || d.Text != want {
			t.Fatalf("draft %q, want %q", d.Text, want)
		}
		if got := strings.Join(p.keys, " "); got != "| a" {
			t.Errorf("pane got keys %q, want the pipe key then the answer key", got)
		}
		if sel, _ := p.Selected(); sel.ID != "R-4100001" {
			t.Errorf("selected %s after the pipe", sel.ID)
		}
		if !strings.Contains(app.bar.notice.Text, "проверьте его перед отправкой") {
			t.Errorf("notice %q", app.bar.notice.Text)
		}
	}
}

// TestPipeResultWaitsWhenTheAgentMovedOn: a draft that arrives after the
// agent switched tabs is saved and named in the status bar; it does not
// pull them back.
func TestPipeResultWaitsWhenTheAgentMovedOn(t *testing.T) {
	app, p, r := pipeApp(t, i18n.EN, Pipe{Command: pipeScript(t)})
	_, cmd := app.Update(keyMsg("|"))
	drive(app, keyMsg("3")) // feedbacks
	p.keys = nil
	drive(app, run(cmd)...)
	if d, ok := r.Draft(r.Key(PaneQuestions, "R-4100000")); !ok || !strings.Contains(d.Text, "R-4100000") {
		t.Fatalf("draft %q not saved", d.Text)
	}
	if len(p.keys) != 0 || app.Focused().ID() != PaneFeedbacks {
		t.Errorf("keys %v, focus %s: the result pulled the agent back", p.keys, app.Focused().ID())
	}
	if n := app.bar.notice.Text; !strings.Contains(n, "Questions") || !strings.Contains(n, "a opens it") {
		t.Errorf("notice %q", n)
	}
}

// TestPipeKeySaysWhyNot: without pipe_command, in a served session, or
// when the command fails, | leaves a sentence and no draft.
func TestPipeKeySaysWhyNot(t *testing.T) {
	tests := []struct {
		name string
		pipe Pipe
		want string
	}{
		{"unset", Pipe{}, "| передаёт элемент вашей команде за черновиком: задайте pipe_command"},
		{"served", Pipe{Command: "echo hi", Off: "не в сеансе по SSH"}, "не в сеансе по SSH"},
		{"fails", Pipe{Command: "echo 'no model' >&2; exit 1"}, "Команда pipe завершилась с ошибкой: no model"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app, p, r := pipeApp(t, i18n.RU, tc.pipe)
			p.keys = nil
			drive(app, keyMsg("|"))
			n := app.bar.notice.Text
			if app.bar.notice.Err != nil {
				n = app.bar.notice.Err.Error()
			}
			if !strings.Contains(n, tc.want) {
				t.Errorf("notice %q, want %q", n, tc.want)
			}
			if _, ok := r.Draft(r.Key(PaneQuestions, "R-4100000")); ok {
				t.Error("a draft appeared")
			}
			if strings.Join(p.keys, " ") != "|" {
				t.Errorf("keys %v", p.keys)
			}
		})
	}
}
