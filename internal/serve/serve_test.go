package serve

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

var en = i18n.New(i18n.EN)

// tabsShown: the frame has the tab bar with the inbox and the panes.
func tabsShown(s string) bool {
	for _, id := range []string{"tab.inbox", "tab.returns", "tab.questions", "tab.feedbacks", "tab.chats", "tab.claims"} {
		if !strings.Contains(s, en.Get(id)) {
			return false
		}
	}
	return true
}

// tabCount is the count on a tab ("2 Questions  73"), -1 when not shown.
func tabCount(s, id string) int {
	m := regexp.MustCompile(regexp.QuoteMeta(en.Get(id)) + `\s+(\d+)`).FindStringSubmatch(s)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Only the keys of the authorized-keys file get in: an unknown key, a
// password and keyboard-interactive are all refused.
func TestUnknownKeyRefused(t *testing.T) {
	h := newHarness(t, nil)
	for name, auth := range map[string]gossh.AuthMethod{
		"unknown key": gossh.PublicKeys(newSigner(t)),
		"password":    gossh.Password("anna"),
		"keyboard-interactive": gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"anna"}, nil
		}),
	} {
		c, err := h.dial(auth)
		if err == nil {
			_ = c.Close()
			t.Errorf("%s: signed in", name)
			continue
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v", name, err)
		}
	}
	c, err := h.dial(gossh.PublicKeys(h.keys["anna"]))
	if err != nil {
		t.Fatalf("a known key: %v", err)
	}
	_ = c.Close()
}

// A known key gets the inbox in its PTY: the tabs reach the client's
// terminal, and the frame has the terminal's own size.
func TestKnownKeyGetsTheInbox(t *testing.T) {
	h := newHarness(t, nil)
	a := h.open("anna", 120, 40)
	f := a.waitFrame("the tab bar", tabsShown)
	if n := strings.Count(f, "\n") + 1; n != 40 {
		t.Errorf("the frame has %d lines in a 40-line terminal", n)
	}
	waitFor(t, "the tabs in the client's terminal", func() bool { return tabsShown(a.output()) })
}

// A viewer's answer is refused with the sentence, and nothing is queued.
func TestViewerCannotSend(t *testing.T) {
	h := newHarness(t, nil)
	o := h.open("oleg", 200, 40)
	o.waitFrame("the tab bar", tabsShown)
	o.openEditor("2")
	o.keys("Здравствуйте, размер M подойдёт.")
	o.keys("\x13") // ctrl+s
	sentence := en.Get("readonly.refused")
	o.waitFrame("the refusal", func(s string) bool { return strings.Contains(flat(s), flat(sentence)) })
	entries, _, err := h.sess.Store().OutboxBackend().Load()
	if err != nil || len(entries) != 0 {
		t.Fatalf("outbox: %v %+v", err, entries)
	}
}

// flat drops line breaks, frames and padding that wrap a sentence.
func flat(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '│' || r == '┃' || r == '║'
	}), " ")
}

// Two agents see one store: the question one answers leaves the other's
// counts (its Inbox and Questions tabs read the store) once the team's
// outbox delivered it, and its store row is resolved.
func TestTwoSessionsShareTheStore(t *testing.T) {
	h := newHarnessWith(t, nil, true)
	ctx := context.Background()
	total := func() int {
		c, err := h.sess.Store().Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, k := range c {
			n += k.NeedsAction
		}
		return n
	}
	inbox := total()
	a := h.open("anna", 160, 40)
	i := h.open("ivan", 120, 30)
	before := i.waitFrame("the inbox count", func(s string) bool { return tabCount(s, "tab.inbox") == inbox })
	if n := strings.Count(before, "\n") + 1; n != 30 {
		t.Errorf("ivan's frame has %d lines in his 30-line terminal", n)
	}

	a.openEditor("2")
	a.keys("Здравствуйте! Да, продаём оптом.")
	a.keys("\x13")
	i.waitFrame("one item fewer in the inbox", func(s string) bool { return tabCount(s, "tab.inbox") == inbox-1 })
	entries, _, err := h.sess.Store().OutboxBackend().Load()
	var answered []string
	for _, e := range entries {
		if e.Kind == reply.KindQuestionAnswer && e.State == reply.StateSent {
			answered = append(answered, e.ItemID)
		}
	}
	if err != nil || len(answered) != 1 {
		t.Fatalf("outbox: %v %+v", err, entries)
	}
	list, err := h.sess.Store().Inbox(ctx, time.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.ID == answered[0] {
			t.Errorf("the answered question %s is still in the stored inbox", u.ID)
		}
	}
	if n := total(); n != inbox-1 {
		t.Errorf("the store counts %d waiting, want %d", n, inbox-1)
	}
}

// openEditor opens the answer editor of the first item of the pane
// whose key is pane, once its list shows.
func (tm *term) openEditor(pane string) {
	tm.t.Helper()
	tm.waitFrame("the tab bar", tabsShown)
	tm.keys(pane)
	tm.waitFrame("the selected item", func(s string) bool { return strings.Contains(s, "a answer · ") })
	tm.keys("g", "a")
	tm.waitFrame("the editor", func(s string) bool { return strings.Contains(s, "ctrl+s send") })
}

// draftOf lists every agent's drafts (each agent's are their own:
// reply.DraftOwner).
func draftOf(t *testing.T, h *harness) []reply.StoredDraft {
	t.Helper()
	list, err := reply.NewDraftStore(h.sess.Store().DraftBackend()).List("")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// typeDraft opens the first question's editor and types text, then
// waits for it on the screen: the debounced save (500 ms) has not run.
func typeDraft(tm *term, text string) {
	tm.t.Helper()
	tm.openEditor("2")
	if _, err := tm.in.Write([]byte(text)); err != nil {
		tm.t.Fatal(err)
	}
	tm.waitFrame("the text", func(s string) bool { return strings.Contains(s, text) })
}

// A dropped connection writes the draft typed in it.
func TestDroppedConnectionWritesTheDraft(t *testing.T) {
	h := newHarness(t, nil)
	a := h.open("anna", 160, 40)
	text := "Оборвалось на полуслове"
	typeDraft(a, text)
	_ = a.client.Close()
	waitFor(t, "the draft in the store", func() bool {
		list := draftOf(t, h)
		return len(list) == 1 && list[0].Draft.Text == text
	})
}

// A shutdown (SIGTERM to serve) writes every session's draft.
func TestShutdownWritesEveryDraft(t *testing.T) {
	h := newHarness(t, nil)
	a, i := h.open("anna", 160, 40), h.open("ivan", 160, 40)
	typeDraft(a, "Черновик Анны")
	i.openEditor("3")
	if _, err := i.in.Write([]byte("Черновик Ивана")); err != nil {
		t.Fatal(err)
	}
	i.waitFrame("the text", func(s string) bool { return strings.Contains(s, "Черновик Ивана") })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h.srv.Shutdown(ctx)
	got := map[string]string{}
	for _, d := range draftOf(t, h) {
		got[d.Draft.Text] = d.Key.Profile
	}
	// each agent's draft is kept as theirs
	if got["Черновик Анны"] != "demo/anna" || got["Черновик Ивана"] != "demo/ivan" {
		t.Errorf("drafts after shutdown: %v", got)
	}
	if err := a.sess.Wait(); err != nil {
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 0 {
			t.Errorf("anna's session ended with %v", err)
		}
	}
}

// The host key is created on first start with mode 0600, kept after, and
// refused once others can read it.
func TestHostKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "host_ed25519")
	first, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", fi.Mode().Perm())
	}
	again, err := HostKey(path)
	if err != nil || string(again) != string(first) {
		t.Fatalf("second start: %v (same key: %v)", err, string(again) == string(first))
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a readable key: %v", err)
	}
}

// Beyond MaxSessions a session is refused with a sentence; once one ends
// the next gets in.
func TestMaxSessions(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.MaxSessions = 1 })
	a := h.open("anna", 120, 30)
	a.waitFrame("the tab bar", tabsShown)
	i := h.open("ivan", 120, 30)
	err := i.sess.Wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Fatalf("the second session: %v", err)
	}
	if want := en.Get("serve.full", 1); !strings.Contains(i.output(), want) {
		t.Errorf("the refusal %q not in %q", want, i.output())
	}
	_ = a.client.Close()
	waitFor(t, "anna's session to end", func() bool { return h.srv.open.Load() == 0 })
	l := h.open("lena", 120, 30)
	l.waitFrame("the tab bar in Russian", func(s string) bool {
		return strings.Contains(s, i18n.New(i18n.RU).Get("tab.questions"))
	})
}

// ctrl+e ($EDITOR) runs nothing on the server: the agent is told so.
func TestNoProgramRunsOnTheServer(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	script := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch "+marker+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", script)
	h := newHarness(t, nil)
	a := h.open("anna", 160, 40)
	a.openEditor("2")
	a.keys("\x05") // ctrl+e
	a.waitFrame("the refusal", func(s string) bool { return strings.Contains(s, en.Get("serve.no_exec")) })
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Errorf("the editor ran on the server: %v", err)
	}
}

// A session without a key press for the idle timeout ends, saying why,
// and its draft is kept.
func TestIdleSessionEnds(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.IdleTimeout = 3 * time.Second })
	a := h.open("anna", 160, 40)
	a.waitFrame("the tab bar", tabsShown)
	if err := a.sess.Wait(); err != nil {
		t.Fatalf("the idle session ended with %v", err)
	}
	if want := en.Get("serve.idle", 3*time.Second); !strings.Contains(a.output(), want) {
		t.Errorf("%q not in the output", want)
	}
}

// One address opening sessions faster than the limit is refused.
func TestSessionRateLimit(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.SessionsPerMinute, o.SessionBurst = 0.01, 1 })
	a := h.open("anna", 120, 30)
	a.waitFrame("the tab bar", tabsShown)
	i := h.open("ivan", 120, 30)
	var exit *gossh.ExitError
	if err := i.sess.Wait(); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Fatalf("the second session: %v", err)
	}
	if want := en.Get("serve.rate"); !strings.Contains(i.output(), want) {
		t.Errorf("%q not in %q", want, i.output())
	}
}

// The demo admits the server user's own keys, named by their comments.
func TestOwnKeys(t *testing.T) {
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := OwnKeys(home, "me"); err == nil {
		t.Error("no keys: no error")
	}
	named, bare := newSigner(t), newSigner(t)
	pub := func(s gossh.Signer, comment string) string {
		return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + comment + "\n"
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "id_ed25519.pub"), []byte(pub(named, " me@laptop")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "authorized_keys"), []byte("# mine\n"+pub(bare, "")+pub(named, " again")), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := OwnKeys(home, "me")
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[gossh.Signer]string{bare: "me", named: "again"} {
		name, ok, err := agentOf(func() ([]byte, error) { return data, nil }, s.PublicKey())
		if err != nil || !ok || name != want {
			t.Errorf("agent %q %v %v, want %q", name, ok, err, want)
		}
	}
	if n, err := CheckAuthorizedKeys(data); err != nil || n != 2 {
		t.Errorf("%d keys, %v", n, err)
	}
}
