package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// TestExitCodesAndStreamsOfEveryCommand: through the whole command line,
// each command's success exits 0 with its output on stdout and nothing on
// stderr, and its runtime failure exits 1 with one message on stderr and
// nothing on stdout (usage errors, exit 2, are in
// TestUsageErrorsExitTwoWithOneLineAndHint).
func TestExitCodesAndStreamsOfEveryCommand(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	done, cancel := context.WithCancel(context.Background())
	cancel() // the sandbox command serves until its context ends: at once
	cases := []struct {
		name   string
		args   []string
		ctx    context.Context
		vars   map[string]string
		code   int
		stdout string // what stdout holds ("" = nothing)
		stderr string // what stderr starts with ("" = nothing)
	}{
		{"inbox fails", nil, nil, map[string]string{api.EnvYMCampaign: "abc"}, 1, "", "sellerinbox: "},
		{"inbox version", []string{"--version"}, nil, nil, 0, "sellerinbox ", ""},
		{"list fails", []string{"list", "chats"}, nil, nil, 1, "", "sellerinbox list chats: no Wildberries token"},
		{"list works", []string{"list", "questions", "--json"}, nil, map[string]string{api.EnvWBToken: sandbox.WBToken}, 0, "[", ""},
		{"sandbox fails", []string{"sandbox", "--addr", "127.0.0.1:99999"}, nil, nil, 1, "", "sellerinbox sandbox: "},
		{"sandbox works", []string{"sandbox", "--addr", "127.0.0.1:0"}, done, nil, 0, "sandbox listening on", ""},
		{"login fails", []string{"login", "wb"}, nil, nil, 1, "", "sellerinbox login: stdin is not a terminal"},
		{"logout fails", []string{"logout", "wb", "--profile", "a/b"}, nil, nil, 1, "", "sellerinbox logout: "},
		{"logout works", []string{"logout", "wb"}, nil, nil, 0, "No Wildberries token was stored", ""},
		{"status works", []string{"status"}, nil, nil, 0, "default", ""},
		{"stats works", []string{"stats"}, nil, nil, 0, "Answers delivered", ""},
		{"stats json", []string{"stats", "--json", "--days", "3"}, nil, nil, 0, "{", ""},
		{"version", []string{"version"}, nil, nil, 0, "sellerinbox ", ""},
		{"completion", []string{"completion", "fish"}, nil, nil, 0, "complete -c sellerinbox", ""},
		{"help", []string{"help", "status"}, nil, nil, 0, "Usage: sellerinbox status", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.vars {
				h.vars[k] = v
				defer delete(h.vars, k)
			}
			var out bytes.Buffer
			env := h.env("")
			env.Stdout = &out
			ctx := c.ctx
			if ctx == nil {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
			}
			if got := dispatch(ctx, c.args, env); got != c.code {
				t.Fatalf("exit %d, want %d; stdout %q, stderr %q", got, c.code, out.String(), h.stderr.String())
			}
			if c.stdout == "" && out.Len() != 0 {
				t.Errorf("stdout written: %q", out.String())
			}
			if c.stdout != "" && !strings.Contains(out.String(), c.stdout) {
				t.Errorf("stdout %q lacks %q", out.String(), c.stdout)
			}
			errs := h.stderr.String()
			switch {
			case c.stderr == "" && errs != "":
				t.Errorf("stderr written: %q", errs)
			case c.stderr != "" && (!strings.HasPrefix(errs, c.stderr) || strings.Contains(errs, "--help")):
				t.Errorf("stderr %q: want a message starting %q without a usage hint", errs, c.stderr)
			}
		})
	}
}
