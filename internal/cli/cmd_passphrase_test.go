package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// typedPassphrases logs in to YM with the harness's passphrase file, then
// leaves the passphrase to be typed: the answers are given in turn.
func typedPassphrases(t *testing.T, h *cmdHarness, answers ...string) (Env, *int) {
	t.Helper()
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	delete(h.vars, keys.EnvPassphraseFile)
	env := h.env("")
	env.TTY = true
	asked := 0
	env.ReadPassword = func(prompt string) (string, error) {
		if prompt != "Passphrase of the token file: " && prompt != "Пароль файла токенов: " {
			t.Errorf("unexpected prompt %q", prompt)
		}
		asked++
		if asked > len(answers) {
			t.Errorf("asked %d times", asked)
			return "", context.Canceled
		}
		return answers[asked-1], nil
	}
	return env, &asked
}

// Three wrong passphrases end the start-up with a sentence after each and
// an error on stderr, exit 1, before the inbox takes the screen; what was
// typed appears nowhere.
func TestTUIWrongPassphraseThreeTimes(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	env, asked := typedPassphrases(t, h, "first guess", "second guess", "third guess")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if code := runTUI(ctx, []string{"--lang", "en"}, env); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, h.stderr.String())
	}
	if *asked != 3 {
		t.Fatalf("asked %d times, want 3", *asked)
	}
	errText := h.stderr.String()
	wantContains(t, "stderr", errText, "Wrong passphrase, 2 tries left.", "Wrong passphrase, 1 try left.",
		"sellerinbox: wrong passphrase for the token file", "3 tries")
	if strings.Contains(h.all.String(), "guess") {
		t.Fatalf("a typed passphrase was printed:\n%s", h.all.String())
	}
	if h.stdout.Len() != 0 {
		t.Errorf("the inbox started after three wrong passphrases:\n%s", h.stdout.String())
	}
}

// A mistyped passphrase is typed again (in the inbox's language), and the
// right one opens the inbox.
func TestTUIWrongPassphraseRetried(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	env, asked := typedPassphrases(t, h, "oops", testPassphrase)
	out := &firstWrite{drawn: make(chan struct{})}
	env.Stdout = out
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	go func() {
		select {
		case <-out.drawn:
		case <-ctx.Done():
		}
		cancel()
	}()
	if code := runTUI(ctx, []string{"--lang", "ru"}, env); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, h.stderr.String())
	}
	select {
	case <-out.drawn:
	default:
		t.Fatalf("the inbox never drew; stderr:\n%s", h.stderr.String())
	}
	if *asked != 2 {
		t.Fatalf("asked %d times, want 2", *asked)
	}
	wantContains(t, "stderr", h.stderr.String(), "Неверный пароль, ещё 2 попытки.")
	if strings.Contains(h.all.String(), "oops") {
		t.Fatalf("a typed passphrase was printed:\n%s", h.all.String())
	}
}
