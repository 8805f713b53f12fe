package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// testModel is the kong model as the commands see it.
func testModel(t *testing.T) *kong.Application {
	t.Helper()
	var cl commandLine
	return newParser(&cl, io.Discard, io.Discard).Model
}

func TestCommandLineModelBuilds(t *testing.T) {
	// newParser panics on a model kong cannot build.
	if app := testModel(t); len(app.Children) == 0 {
		t.Fatal("no commands")
	}
}

// TestHelpExitsZeroOnStdout asks every command for help in every way:
// exit 0, stdout only, the command's usage, every one of its flags, and
// `help CMD` printing exactly what `CMD --help` prints.
func TestHelpExitsZeroOnStdout(t *testing.T) {
	check := func(t *testing.T, args []string, usage string, flags []string) string {
		t.Helper()
		code, out, errs := runArgs(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d, want 0; stderr %q", args, code, errs)
		}
		if errs != "" {
			t.Errorf("%q: stderr written: %q", args, errs)
		}
		if !strings.Contains(out, usage) {
			t.Errorf("%q: stdout lacks %q:\n%s", args, usage, out)
		}
		for _, f := range flags {
			if !strings.Contains(out, "--"+f) {
				t.Errorf("%q: help lacks the flag --%s", args, f)
			}
		}
		return out
	}
	app := testModel(t)
	var names, inboxFlags []string
	for _, n := range app.Children {
		names = append(names, n.Name)
		if n == app.DefaultCmd {
			for _, f := range flagsOf(n) {
				inboxFlags = append(inboxFlags, f.name)
			}
		}
	}
	// The top level lists every command and the inbox's flags.
	var top string
	for _, args := range [][]string{{"--help"}, {"-h"}, {"-help"}, {"help"}, {"--demo", "--help"}} {
		out := check(t, args, "Usage: sellerinbox", inboxFlags)
		for _, n := range names {
			if !regexp.MustCompile(`(?m)^  ` + n + `\b`).MatchString(out) {
				t.Errorf("%q: help does not list the command %s", args, n)
			}
		}
		if top == "" {
			top = out
		} else if out != top {
			t.Errorf("%q: help differs from --help", args)
		}
	}
	for _, n := range app.Children {
		var flags []string
		for _, f := range flagsOf(n) {
			flags = append(flags, f.name)
		}
		usage := "Usage: sellerinbox " + n.Name
		long := check(t, []string{n.Name, "--help"}, usage, flags)
		for _, args := range [][]string{{n.Name, "-h"}, {n.Name, "-help"}, {"help", n.Name}} {
			if out := check(t, args, usage, flags); out != long {
				t.Errorf("%q differs from %s --help:\n%s", args, n.Name, out)
			}
		}
	}
	// Help wins over what is wrong or missing on the line.
	check(t, []string{"list", "chats", "--help"}, "Usage: sellerinbox list", nil)
	check(t, []string{"login", "wb", "-h"}, "Usage: sellerinbox login", []string{"campaign"})
	check(t, []string{"completion", "--help"}, "source <(sellerinbox completion bash)", nil)
}

// TestUsageErrorsExitTwoWithOneLineAndHint: every command's usage errors
// are one line naming the command and what was wrong, then the hint to its
// help, on stderr, with exit 2 and nothing on stdout.
func TestUsageErrorsExitTwoWithOneLineAndHint(t *testing.T) {
	cases := []struct {
		args []string
		want string // the first line's start
		hint string // the command in the hint
	}{
		{[]string{"--bogus"}, "sellerinbox: unknown flag --bogus", ""},
		{[]string{"-bogus"}, "sellerinbox: unknown flag --bogus", ""},
		{[]string{"bogus"}, `sellerinbox: unknown command "bogus"`, ""},
		{[]string{"--demo", "bogus"}, `sellerinbox: unknown command "bogus"`, ""},
		{[]string{"--scale", "x"}, "sellerinbox: --scale: expected", ""},
		{[]string{"--lang", "de"}, `sellerinbox: language "de": use ru or en`, ""},
		{[]string{"inbox", "--bogus"}, "sellerinbox: unknown flag --bogus", ""},
		{[]string{"--demo", "list"}, "sellerinbox: flag --demo applies to", ""},
		{[]string{"list", "--bogus"}, "sellerinbox list: unknown flag --bogus", "list"},
		{[]string{"list", "chats", "--bogus"}, "sellerinbox list: unknown flag --bogus", "list"},
		{[]string{"list"}, "sellerinbox list: missing <pane>: one of returns, questions, feedbacks, chats, claims", "list"},
		{[]string{"list", "bogus"}, `sellerinbox list: <pane> must be one of "returns"`, "list"},
		{[]string{"list", "chats", "extra"}, "sellerinbox list: unexpected argument (not shown)", "list"},
		{[]string{"list", "chats", "--timeout"}, "sellerinbox list: --timeout: expected duration but got nothing", "list"},
		{[]string{"list", "chats", "--timeout", "soon"}, "sellerinbox list: --timeout: expected duration", "list"},
		{[]string{"list", "chats", "--timeout", "0s"}, "sellerinbox list: --timeout must be positive", "list"},
		{[]string{"list", "chats", "--answered", "--archive"}, "sellerinbox list: --answered and --archive do not go together", "list"},
		{[]string{"sandbox", "--bogus"}, "sellerinbox sandbox: unknown flag --bogus", "sandbox"},
		{[]string{"sandbox", "--modes", "fly"}, `sellerinbox sandbox: --modes: unknown mode "fly"`, "sandbox"},
		{[]string{"sandbox", "extra"}, "sellerinbox sandbox: unexpected argument (not shown)", "sandbox"},
		{[]string{"login", "--bogus"}, "sellerinbox login: unknown flag --bogus", "login"},
		{[]string{"login"}, "sellerinbox login: say which marketplace: wb or ym", "login"},
		{[]string{"login", "ozon"}, `sellerinbox login: unknown marketplace "ozon"`, "login"},
		{[]string{"login", "wb", "--campaign", "1"}, "sellerinbox login: --campaign is for Yandex Market", "login"},
		{[]string{"login", "wb", "--token", "x"}, "sellerinbox login: tokens are never taken from command-line arguments", "login"},
		{[]string{"logout", "--bogus"}, "sellerinbox logout: unknown flag --bogus", "logout"},
		{[]string{"logout"}, "sellerinbox logout: say which marketplace", "logout"},
		{[]string{"logout", "ym", "--category", "chat"}, "sellerinbox logout: --category is for wb", "logout"},
		{[]string{"status", "--bogus"}, "sellerinbox status: unknown flag --bogus", "status"},
		{[]string{"status", "extra"}, "sellerinbox status: unexpected argument (not shown)", "status"},
		{[]string{"version", "--bogus"}, "sellerinbox version: unknown flag --bogus", "version"},
		{[]string{"stats", "--days", "0"}, "sellerinbox stats: --days must be 1..366", "stats"},
		{[]string{"version", "extra"}, "sellerinbox version: unexpected argument (not shown)", "version"},
		{[]string{"completion"}, "sellerinbox completion: missing <shell>: one of bash, zsh, fish", "completion"},
		{[]string{"completion", "powershell"}, `sellerinbox completion: <shell> must be one of "bash","zsh","fish" but got "powershell"`, "completion"},
		{[]string{"completion", "--bogus"}, "sellerinbox completion: unknown flag --bogus", "completion"},
		{[]string{"help", "--bogus"}, "sellerinbox help: unknown flag --bogus", "help"},
		{[]string{"help", "bogus"}, `sellerinbox: unknown command "bogus"`, ""},
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
			hint := "see 'sellerinbox --help'"
			if c.hint != "" {
				hint = "see 'sellerinbox " + c.hint + " --help'"
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], c.want) || lines[1] != hint {
				t.Errorf("stderr %q: want one line starting %q and the hint %q", errs, c.want, hint)
			}
		})
	}
}

// TestCompletionScriptsNameEveryCommandAndFlag reads the commands, flags
// and value lists from the model and finds each in every script.
func TestCompletionScriptsNameEveryCommandAndFlag(t *testing.T) {
	top, cmds := completions(testModel(t))
	if len(cmds) < 9 || len(top.flags) < 10 {
		t.Fatalf("the model yields %d commands and %d top-level flags", len(cmds), len(top.flags))
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			code, out, errs := runArgs(t, "completion", shell)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			for _, c := range cmds {
				if !regexp.MustCompile(`\b` + c.name + `\b`).MatchString(out) {
					t.Errorf("script lacks the command %q", c.name)
				}
				for _, f := range c.flags {
					if !regexp.MustCompile(`(--|-l )` + f.name + `\b`).MatchString(out) {
						t.Errorf("script lacks the flag %q of %s", f.name, c.name)
					}
					for _, v := range f.values {
						if !strings.Contains(out, v) {
							t.Errorf("script lacks the value %q of --%s", v, f.name)
						}
					}
				}
				for _, w := range c.words {
					if !strings.Contains(out, w) {
						t.Errorf("script lacks the word %q of %s", w, c.name)
					}
				}
			}
			for _, pane := range []string{"returns", "questions", "feedbacks", "chats", "claims"} {
				if !strings.Contains(out, pane) {
					t.Errorf("script lacks the pane %s", pane)
				}
			}
			// Each shell parses its script without running it (.ci/run
			// installs zsh and fish; elsewhere a missing shell is skipped).
			sh, err := exec.LookPath(shell)
			if err != nil {
				t.Logf("%s not installed: the script's syntax is not checked", shell)
				return
			}
			path := filepath.Join(t.TempDir(), "c."+shell)
			if err := writeFile(path, out); err != nil {
				t.Fatal(err)
			}
			if b, err := exec.Command(sh, "-n", path).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v: %s", shell, err, b)
			}
		})
	}
}

// TestBashCompletionCompletes runs the bash script's function on command
// lines, as bash does on Tab, and checks what it offers.
func TestBashCompletionCompletes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	_, script, _ := runArgs(t, "completion", "bash")
	path := filepath.Join(t.TempDir(), "c.bash")
	if err := writeFile(path, script); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		line string // the words typed; the last one is being completed
		want []string
		not  []string
	}{
		{"sellerinbox li", []string{"list"}, []string{"login"}},
		{"sellerinbox ", []string{"list", "sandbox", "login", "logout", "status", "version", "completion", "help", "--demo", "--profile"}, nil},
		{"sellerinbox list ", []string{"returns", "questions", "feedbacks", "chats", "claims", "--json", "--timeout"}, []string{"--demo"}},
		{"sellerinbox list --j", []string{"--json"}, nil},
		{"sellerinbox --debug log li", []string{"list"}, nil},
		{"sellerinbox --profile shop --de", []string{"--demo", "--debug"}, nil},
		{"sellerinbox login ", []string{"wb", "ym", "--token-stdin", "--campaign"}, nil},
		{"sellerinbox logout wb --category ", []string{"feedbacks", "chat", "returns"}, []string{"--profile"}},
		{"sellerinbox --lang ", []string{"ru", "en"}, nil},
		{"sellerinbox completion ", []string{"bash", "zsh", "fish"}, nil},
		{"sellerinbox help ", []string{"list", "login"}, nil},
		{"sellerinbox sandbox --", []string{"--addr", "--modes", "--storm429"}, nil},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			prog := `source "$1"; read -ra COMP_WORDS <<< "$2"; [[ $2 == *" " ]] && COMP_WORDS+=(""); ` +
				`COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _sellerinbox; printf '%s\n' "${COMPREPLY[@]}"`
			out, err := exec.Command(bash, "-c", prog, "bash", path, c.line).CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			got := strings.Fields(string(out))
			for _, w := range c.want {
				if !contains(got, w) {
					t.Errorf("offers %q, lacks %q", got, w)
				}
			}
			for _, w := range c.not {
				if contains(got, w) {
					t.Errorf("offers %q, should not offer %q", got, w)
				}
			}
		})
	}
}

// TestFishCompletionCompletes asks fish itself (complete -C) what the
// script offers.
func TestFishCompletionCompletes(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("no fish")
	}
	_, script, _ := runArgs(t, "completion", "fish")
	path := filepath.Join(t.TempDir(), "c.fish")
	if err := writeFile(path, script); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		line string
		want []string
		not  []string
	}{
		{"sellerinbox li", []string{"list"}, []string{"login"}},
		{"sellerinbox list ", []string{"returns", "questions", "feedbacks", "chats", "claims"}, nil},
		{"sellerinbox list --", []string{"--json", "--timeout", "--offline"}, []string{"--demo"}},
		{"sellerinbox logout wb --category ", []string{"feedbacks", "chat", "returns"}, []string{"wb", "ym"}},
		{"sellerinbox login ", []string{"wb", "ym"}, nil},
		{"sellerinbox --", []string{"--demo", "--debug", "--modes"}, nil},
		{"sellerinbox completion ", []string{"bash", "zsh", "fish"}, nil},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			out, err := exec.Command(fish, "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", path, c.line).CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
			for _, w := range c.want {
				if !contains(got, w) {
					t.Errorf("offers %q, lacks %q", got, w)
				}
			}
			for _, w := range c.not {
				if contains(got, w) {
					t.Errorf("offers %q, should not offer %q", got, w)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }
