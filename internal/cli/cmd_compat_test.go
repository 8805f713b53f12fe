package cli

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// parsedBy runs args through Run with the commands replaced by a recorder,
// and returns what the command line parsed into.
func parsedBy(t *testing.T, args ...string) (runner, int, string) {
	t.Helper()
	var got runner
	prev := execute
	execute = func(_ context.Context, r runner, _ Env, _ *kong.Kong) int { got = r; return 0 }
	defer func() { execute = prev }()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return got, code, errb.String()
}

// TestOldInvocationsParseAsBefore runs the command lines that the Makefile,
// README, e2e and chaos scripts and the tests use, and the forms the flag
// package accepted (one dash, --flag=value and --flag value, words before
// and after flags), and checks each reaches its command with the same
// values as before the move to kong.
func TestOldInvocationsParseAsBefore(t *testing.T) {
	demoBox := func(f func(*sandboxFlags)) sandboxFlags {
		s := sandboxFlags{Scale: 1, Seed: 1}
		if f != nil {
			f(&s)
		}
		return s
	}
	inbox := func(f func(*inboxCmd)) *inboxCmd {
		c := &inboxCmd{Sandbox: demoBox(nil)}
		if f != nil {
			f(c)
		}
		return c
	}
	list := func(pane string, f func(*listCmd)) *listCmd {
		c := &listCmd{Pane: pane, Timeout: 60 * time.Second}
		if f != nil {
			f(c)
		}
		return c
	}
	var repostAndSigns modesFlag
	if err := repostAndSigns.Set("repost-edits"); err != nil {
		t.Fatal(err)
	}
	if err := repostAndSigns.Set("rotating-signs,claim-delay=2s"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want runner
	}{
		// The inbox: Makefile (demo), e2e, scripts/screenshots.sh, README.
		{nil, inbox(nil)},
		{[]string{"--demo"}, inbox(func(c *inboxCmd) { c.Demo = true })},
		{[]string{"-demo"}, inbox(func(c *inboxCmd) { c.Demo = true })},
		{[]string{"--demo=true"}, inbox(func(c *inboxCmd) { c.Demo = true })},
		{[]string{"--demo=false"}, inbox(nil)},
		{[]string{"inbox", "--demo"}, inbox(func(c *inboxCmd) { c.Demo = true })},
		{[]string{"--profile", "shop"}, inbox(func(c *inboxCmd) { c.Profile = "shop" })},
		{[]string{"--profile=shop"}, inbox(func(c *inboxCmd) { c.Profile = "shop" })},
		{[]string{"-profile", "shop"}, inbox(func(c *inboxCmd) { c.Profile = "shop" })},
		{[]string{"-profile=shop"}, inbox(func(c *inboxCmd) { c.Profile = "shop" })},
		{[]string{"--demo", "--hostile"}, inbox(func(c *inboxCmd) { c.Demo, c.Sandbox.Hostile = true, true })},
		{[]string{"--demo", "--hostile", "--scale", "300"}, inbox(func(c *inboxCmd) { c.Demo, c.Sandbox.Hostile, c.Sandbox.Scale = true, true, 300 })},
		{[]string{"--demo", "--scale=2"}, inbox(func(c *inboxCmd) { c.Demo, c.Sandbox.Scale = true, 2 })},
		{[]string{"--demo", "--debug", "/tmp/log"}, inbox(func(c *inboxCmd) { c.Demo, c.Debug = true, "/tmp/log" })},
		// The flag package took the next word as the value, whatever it was.
		{[]string{"--debug", "-log"}, inbox(func(c *inboxCmd) { c.Debug = "-log" })},
		{[]string{"--lang", "ru", "--debug=d.log"}, inbox(func(c *inboxCmd) { c.Lang, c.Debug = "ru", "d.log" })},
		{[]string{"--demo", "--error-rate", "0.2", "--latency", "50ms", "--no-limits", "--basic-token"}, inbox(func(c *inboxCmd) {
			c.Demo, c.Sandbox.ErrorRate, c.Sandbox.Latency, c.Sandbox.NoLimits, c.Sandbox.BasicToken = true, 0.2, 50*time.Millisecond, true, true
		})},
		{[]string{"--version"}, inbox(func(c *inboxCmd) { c.Version = true })},
		{[]string{"-version"}, inbox(func(c *inboxCmd) { c.Version = true })},

		// list: README, tests; the pane before or after the flags.
		{[]string{"list", "questions", "--json"}, list("questions", func(c *listCmd) { c.JSON = true })},
		{[]string{"list", "--json", "questions"}, list("questions", func(c *listCmd) { c.JSON = true })},
		{[]string{"list", "-json", "questions"}, list("questions", func(c *listCmd) { c.JSON = true })},
		{[]string{"list", "feedbacks"}, list("feedbacks", nil)},
		{[]string{"list", "chats", "--answered", "--json"}, list("chats", func(c *listCmd) { c.Answered, c.JSON = true, true })},
		{[]string{"list", "questions", "--offline", "--archive"}, list("questions", func(c *listCmd) { c.Offline, c.Archive = true, true })},
		{[]string{"list", "chats", "--timeout", "300ms"}, list("chats", func(c *listCmd) { c.Timeout = 300 * time.Millisecond })},
		{[]string{"list", "chats", "--timeout=5m"}, list("chats", func(c *listCmd) { c.Timeout = 5 * time.Minute })},
		{[]string{"list", "chats", "-timeout", "1s"}, list("chats", func(c *listCmd) { c.Timeout = time.Second })},
		{[]string{"list", "--profile", "shop", "returns"}, list("returns", func(c *listCmd) { c.Profile = "shop" })},
		{[]string{"list", "--", "claims"}, list("claims", nil)},

		// sandbox: e2e (process_test), README.
		{[]string{"sandbox"}, &sandboxCmd{Addr: "127.0.0.1:8080", Flags: demoBox(nil)}},
		{[]string{"sandbox", "--addr", "127.0.0.1:0"}, &sandboxCmd{Addr: "127.0.0.1:0", Flags: demoBox(nil)}},
		{[]string{"sandbox", "-addr=127.0.0.1:9"}, &sandboxCmd{Addr: "127.0.0.1:9", Flags: demoBox(nil)}},
		{[]string{"sandbox", "--storm429", "0.5", "--truncate=0.1", "--reset", "0.05", "--drop-after-write", "0.01", "--seed", "7"},
			&sandboxCmd{Addr: "127.0.0.1:8080", Flags: demoBox(func(s *sandboxFlags) {
				s.Storm, s.Truncate, s.Reset, s.DropAfter, s.Seed = 0.5, 0.1, 0.05, 0.01, 7
			})}},
		// --modes may be repeated and adds up, as flag.Value did.
		{[]string{"sandbox", "--modes", "repost-edits", "--modes=rotating-signs,claim-delay=2s"},
			&sandboxCmd{Addr: "127.0.0.1:8080", Flags: demoBox(func(s *sandboxFlags) { s.Modes = repostAndSigns })}},

		// login: README and the tests; words before and after flags.
		{[]string{"login", "wb", "--token-stdin"}, &loginCmd{Marketplace: "wb", TokenStdin: true}},
		{[]string{"login", "--token-stdin", "wb"}, &loginCmd{Marketplace: "wb", TokenStdin: true}},
		{[]string{"login", "-token-stdin", "wb"}, &loginCmd{Marketplace: "wb", TokenStdin: true}},
		{[]string{"login", "--profile", "x", "wb"}, &loginCmd{Marketplace: "wb", Profile: "x"}},
		{[]string{"login", "wb", "--token-stdin", "--profile", "p2"}, &loginCmd{Marketplace: "wb", TokenStdin: true, Profile: "p2"}},
		{[]string{"login", "ym", "--token-stdin", "--campaign", "1000"}, &loginCmd{Marketplace: "ym", TokenStdin: true, Campaign: "1000"}},
		{[]string{"login", "ym", "--campaign=33,22"}, &loginCmd{Marketplace: "ym", Campaign: "33,22"}},
		{[]string{"login", "ym", "--campaign", "all"}, &loginCmd{Marketplace: "ym", Campaign: "all"}},
		// The marketplace is checked by login itself (aliases, no echo).
		{[]string{"login", "wildberries"}, &loginCmd{Marketplace: "wildberries"}},
		{[]string{"login"}, &loginCmd{}},

		// logout and status.
		{[]string{"logout", "wb"}, &logoutCmd{Marketplace: "wb"}},
		{[]string{"logout", "--profile", "p2", "wb"}, &logoutCmd{Marketplace: "wb", Profile: "p2"}},
		{[]string{"logout", "wb", "--profile", "p2"}, &logoutCmd{Marketplace: "wb", Profile: "p2"}},
		{[]string{"logout", "wb", "--category", "chat"}, &logoutCmd{Marketplace: "wb", Category: "chat"}},
		{[]string{"logout", "ym", "--profile=default"}, &logoutCmd{Marketplace: "ym", Profile: "default"}},
		{[]string{"status"}, &statusCmd{}},
		{[]string{"status", "--profile", "p2"}, &statusCmd{Profile: "p2"}},
		{[]string{"status", "-profile=p2"}, &statusCmd{Profile: "p2"}},

		{[]string{"version"}, &versionCmd{}},
		{[]string{"completion", "bash"}, &completionCmd{Shell: "bash"}},
		{[]string{"completion", "zsh"}, &completionCmd{Shell: "zsh"}},
		{[]string{"completion", "fish"}, &completionCmd{Shell: "fish"}},
		{[]string{"help"}, &helpCmd{}},
		{[]string{"help", "list"}, &helpCmd{Command: []string{"list"}}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%q", c.args), func(t *testing.T) {
			got, code, errs := parsedBy(t, c.args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("parsed into\n%#v\nwant\n%#v", got, c.want)
			}
		})
	}
}

// TestTokensNeverTakenFromArgv: every way of handing login a token on the
// command line is refused with exit 2 before anything runs, and the token
// is not echoed.
func TestTokensNeverTakenFromArgv(t *testing.T) {
	const secret = "argv-secret-token-never-echoed"
	for _, args := range [][]string{
		{"login", "wb", "--token=" + secret},
		{"login", "wb", "--token", secret},
		{"login", "wb", "-token", secret},
		{"login", "--api-key", secret, "ym"},
		{"login", "--wb-token=" + secret, "wb"},
		{"--token", secret},
		{"list", "chats", "--token=" + secret},
		{"login", "wb", secret},
		{"logout", "wb", secret},
		{"status", secret},
		{secret},
	} {
		t.Run(strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
			got, code, errs := parsedBy(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if got != nil {
				t.Errorf("the command ran with %#v", got)
			}
			if strings.Contains(errs, secret) {
				t.Errorf("the token was echoed: %q", errs)
			}
		})
	}
	// A token typed as login's marketplace reaches login, which does not
	// echo it either (TestLoginRefusesTokensOutsideStdin).
	if got, _, _ := parsedBy(t, "login", secret); !reflect.DeepEqual(got, &loginCmd{Marketplace: secret}) {
		t.Errorf("login %s parsed into %#v", "<token>", got)
	}
}

// TestSandboxFlagsKeepTheirDefaults compares the options of a bare
// `sellerinbox sandbox` and --demo with the zero faults and the seed and
// scale the flag package defaulted to.
func TestSandboxFlagsKeepTheirDefaults(t *testing.T) {
	got, _, _ := parsedBy(t, "sandbox")
	want := sandbox.Options{Scale: 1, Seed: 1}
	if o := got.(*sandboxCmd).Flags.options(); !reflect.DeepEqual(o, want) {
		t.Errorf("sandbox options %+v, want %+v", o, want)
	}
	got, _, _ = parsedBy(t, "--demo", "--basic-token")
	if o := got.(*inboxCmd).Sandbox.options(); o.WBToken != sandbox.TokenBasic || o.Scale != 1 {
		t.Errorf("--demo --basic-token options %+v", o)
	}
}
