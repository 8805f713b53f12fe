package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestPipeDraftsFromAScript: the selected item reaches the command as the
// JSON `list --json` prints, and what the command prints comes back as
// the draft, inert and without trailing blank lines; failures are a
// sentence in the UI's language, never a crash or a silent nothing.
func TestPipeDraftsFromAScript(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "draft.sh")
	// A stand-in for a local model: reads the JSON, answers by its text.
	body := `#!/bin/sh
json=$(cat)
case "$json" in
*'"text": "Есть ли размер XL?"'*) printf 'Здравствуйте! Размер XL есть в наличии.\n\n\n' ;;
*) echo "unexpected input" >&2; exit 3 ;;
esac
`
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	q := models.Question{ID: "q-1", Text: "Есть ли размер XL?"}
	env := testEnv(i18n.RU)
	tests := []struct {
		name    string
		command string
		timeout time.Duration
		want    string // the draft
		wantErr string // the Russian sentence
	}{
		{"answer", script, 0, "Здравствуйте! Размер XL есть в наличии.", ""},
		{"escape sequences go", `printf 'Ответ\033]52;c;ZXZpbA==\007 готов\033[2J'`, 0, "Ответ готов", ""},
		{"failure names stderr", "sed 's/XL/S/' | " + script, 0, "", "завершилась с ошибкой: unexpected input"},
		{"nothing printed", "cat >/dev/null", 0, "", "ничего не вывела"},
		{"too much", "yes Здравствуйте | head -c 200000", 0, "", "больше 64 КиБ"},
		{"too slow", "sleep 5", 200 * time.Millisecond, "", "не завершилась за 200ms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Pipe{Command: tc.command, Timeout: tc.timeout}
			start := time.Now()
			msg := p.Run(context.Background(), PaneQuestions, q.ID, q)().(PipedMsg)
			if msg.Pane != PaneQuestions || msg.ID != "q-1" {
				t.Errorf("routed to %s %s", msg.Pane, msg.ID)
			}
			if tc.wantErr == "" {
				if msg.Err != nil || msg.Text != tc.want {
					t.Errorf("draft %q, %v; want %q", msg.Text, msg.Err, tc.want)
				}
				return
			}
			var pe *PipeError
			if !errors.As(msg.Err, &pe) || !strings.Contains(pe.Text(env), tc.wantErr) || msg.Text != "" {
				t.Errorf("error %v (%q), text %q; want %q", msg.Err, pe.Text(env), msg.Text, tc.wantErr)
			}
			if time.Since(start) > 4*time.Second {
				t.Errorf("took %v: the timeout did not stop the command", time.Since(start))
			}
		})
	}
}

// TestPipeKeepsTokensFromTheCommand: the command runs without the
// marketplace tokens and the token file's passphrase of the environment.
func TestPipeKeepsTokensFromTheCommand(t *testing.T) {
	t.Setenv("SELLERINBOX_WB_TOKEN", "wb-secret-token-1234")
	t.Setenv("SELLERINBOX_YM_TOKEN", "ym-secret-token-5678")
	t.Setenv("SELLERINBOX_PASSPHRASE_FILE", "/run/secret")
	t.Setenv("SELLERINBOX_LANG", "ru")
	msg := Pipe{Command: "env; cat >/dev/null"}.Run(context.Background(), PaneChats, "c", map[string]string{"id": "c"})().(PipedMsg)
	if msg.Err != nil {
		t.Fatal(msg.Err)
	}
	for _, secret := range []string{"wb-secret", "ym-secret", "/run/secret"} {
		if strings.Contains(msg.Text, secret) {
			t.Errorf("the command saw %q", secret)
		}
	}
	if !strings.Contains(msg.Text, "SELLERINBOX_LANG=ru") {
		t.Error("the rest of the environment did not reach the command")
	}
}
