package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// TestDebugMessagesDump runs the inbox with --debug FILE --debug-messages
// against the sandbox, with tokens given in the environment, types j and
// then q, and reads the dump: the pages that loaded are there with their
// pane and sequence number, the keys by name, every line with the time
// Update took, and neither token anywhere in the file.
func TestDebugMessagesDump(t *testing.T) {
	wbTok := "wb-token-in-the-environment-never-dumped"
	h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{
		wbTok: {api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns}}})
	h.vars[api.EnvWBToken] = wbTok
	h.vars[api.EnvYMToken] = sandbox.YMToken
	h.vars[api.EnvYMCampaign] = "1000"
	logPath := filepath.Join(t.TempDir(), "debug.log")

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	keys, typing := io.Pipe()
	env := h.env("")
	env.Stdin = keys
	env.Stdout = io.Discard
	done := make(chan int, 1)
	go func() { done <- runTUI(ctx, []string{"--debug", logPath, "--debug-messages", "--lang", "en"}, env) }()

	dump := func() string {
		b, _ := os.ReadFile(logPath)
		return string(b)
	}
	// waitFor waits for the dump to show what the program has received;
	// nothing is sent again, so a lost key fails the test.
	waitFor := func(what string, re *regexp.Regexp) {
		t.Helper()
		for !re.MatchString(dump()) {
			select {
			case code := <-done:
				t.Fatalf("the inbox ended (exit %d) before the dump showed %s; stderr %s\n%s", code, what, h.stderr.String(), dump())
			case <-ctx.Done():
				t.Fatalf("no %s in the dump:\n%s", what, dump())
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	loaded := regexp.MustCompile(`msg=msg n=\d+ type=ui\.(Loaded|windowMsg)\[[^ ]+\] pane=(returns|questions|feedbacks|chats|claims) seq=\d+ items=\d+ .*took=`)
	waitFor("page load", loaded)
	if _, err := typing.Write([]byte("j")); err != nil {
		t.Fatal(err)
	}
	waitFor("key j", regexp.MustCompile(`type=tea\.KeyPressMsg key=j took=`))
	if _, err := typing.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d; stderr %s", code, h.stderr.String())
		}
	case <-ctx.Done():
		t.Fatalf("q did not end the inbox:\n%s", dump())
	}
	_ = typing.Close()

	text := dump()
	if !regexp.MustCompile(`type=tea\.KeyPressMsg key=q took=`).MatchString(text) {
		t.Errorf("the dump lacks the q that ended the run:\n%s", text)
	}
	if !regexp.MustCompile(`type=tea\.WindowSizeMsg size=\d+x\d+ took=`).MatchString(text) {
		t.Errorf("the dump lacks the window size:\n%s", text)
	}
	// every message line is numbered in order
	var n int
	numbered := regexp.MustCompile(` msg=msg n=(\d+) `)
	for _, line := range strings.Split(text, "\n") {
		if m := numbered.FindStringSubmatch(line); m != nil {
			n++
			if m[1] != strconv.Itoa(n) {
				t.Fatalf("line %q is not message %d", line, n)
			}
		}
	}
	for _, secret := range []string{wbTok, sandbox.YMToken} {
		if strings.Contains(text, secret) {
			t.Errorf("the dump contains a token (masked: %s)", api.NewSecret(secret).Mask())
		}
	}
}
