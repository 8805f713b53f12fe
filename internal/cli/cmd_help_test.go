package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpExitsZeroOnStdout(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "sellerinbox completion"},
		{[]string{"-h"}, "sellerinbox list"},
		{[]string{"help"}, "sellerinbox login"},
		{[]string{"--demo", "--help"}, "-demo"},
		{[]string{"list", "--help"}, "-timeout"},
		{[]string{"list", "-h"}, "-offline"},
		{[]string{"list", "chats", "--help"}, "-json"},
		{[]string{"sandbox", "--help"}, "-addr"},
		{[]string{"login", "--help"}, "-token-stdin"},
		{[]string{"login", "wb", "-h"}, "-campaign"},
		{[]string{"logout", "--help"}, "-category"},
		{[]string{"status", "--help"}, "-profile"},
		{[]string{"version", "--help"}, "sellerinbox version"},
		{[]string{"completion", "--help"}, "bash|zsh|fish"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := runArgs(t, c.args...)
			if code != 0 {
				t.Fatalf("exit %d, want 0; stderr %q", code, errs)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("stdout %q lacks %q", out, c.want)
			}
			if errs != "" {
				t.Errorf("stderr written: %q", errs)
			}
		})
	}
}

func TestUsageErrorsExitTwoWithOneLineAndHint(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "sellerinbox: flag provided but not defined: -bogus"},
		{[]string{"bogus"}, `sellerinbox: unknown command "bogus"`},
		{[]string{"list", "--bogus"}, "sellerinbox list: flag provided but not defined"},
		{[]string{"list", "chats", "--bogus"}, "sellerinbox list: flag provided but not defined"},
		{[]string{"list"}, "sellerinbox list: the pane is one of"},
		{[]string{"sandbox", "--bogus"}, "sellerinbox sandbox: flag provided but not defined"},
		{[]string{"login", "--bogus"}, "sellerinbox login: flag provided but not defined"},
		{[]string{"logout", "--bogus"}, "sellerinbox logout: flag provided but not defined"},
		{[]string{"status", "--bogus"}, "sellerinbox status: flag provided but not defined"},
		{[]string{"completion"}, "sellerinbox completion: name one shell"},
		{[]string{"completion", "powershell"}, `sellerinbox completion: unsupported shell "powershell"`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := runArgs(t, c.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", code, errs)
			}
			if out != "" {
				t.Errorf("stdout written: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], c.want) || !strings.Contains(lines[1], "--help") {
				t.Errorf("stderr %q: want one line starting %q and a --help hint", errs, c.want)
			}
		})
	}
}

func TestCompletionScriptsNameEveryCommand(t *testing.T) {
	bash, bashErr := exec.LookPath("bash")
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			code, out, errs := runArgs(t, "completion", shell)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			for _, c := range completionCommands {
				if !regexp.MustCompile(`\b` + c.name + `\b`).MatchString(out) {
					t.Errorf("script lacks the command %q", c.name)
				}
				for _, f := range c.flags {
					if !strings.Contains(out, f) {
						t.Errorf("script lacks the flag %q of %s", f, c.name)
					}
				}
			}
			if shell == "bash" && bashErr == nil {
				path := filepath.Join(t.TempDir(), "c.bash")
				if err := writeFile(path, out); err != nil {
					t.Fatal(err)
				}
				if b, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
					t.Errorf("bash -n: %v: %s", err, b)
				}
			}
		})
	}
}

// flagLine is how flag.PrintDefaults starts each flag's entry.
var flagLine = regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`)

// TestCompletionKnowsEveryFlag reads each command's flags from its own help
// so that a flag added to a command without the completion table fails here.
func TestCompletionKnowsEveryFlag(t *testing.T) {
	check := func(t *testing.T, helpArgs []string, known []string) {
		code, out, _ := runArgs(t, helpArgs...)
		if code != 0 {
			t.Fatalf("%v: exit %d", helpArgs, code)
		}
		m := flagLine.FindAllStringSubmatch(out, -1)
		if len(m) == 0 {
			t.Fatalf("%v: no flags in help %q", helpArgs, out)
		}
		for _, f := range m {
			if !slices.Contains(known, f[1]) {
				t.Errorf("%v: flag %q is not completed", helpArgs, f[1])
			}
		}
	}
	t.Run("root", func(t *testing.T) { check(t, []string{"--demo", "--help"}, rootFlagNames) })
	for _, c := range completionCommands {
		switch c.name {
		case "list", "sandbox", "login", "logout", "status":
			t.Run(c.name, func(t *testing.T) { check(t, []string{c.name, "--help"}, c.flags) })
		}
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }
