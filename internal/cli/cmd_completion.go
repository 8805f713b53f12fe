package cli

import (
	"fmt"
	"io"
	"strings"
)

// completionCommand is what a shell may complete after one command word:
// its positional words and its flags (without dashes). The flags are the
// ones each command's flag set defines; TestCompletionKnowsEveryFlag reads
// them from `<command> --help` so this table cannot drift unnoticed.
type completionCommand struct {
	name  string
	words []string
	flags []string
}

var sandboxFlagNames = []string{"scale", "seed", "hostile", "no-limits", "basic-token", "error-rate",
	"storm429", "truncate", "reset", "drop-after-write", "latency", "modes"}

// rootFlagNames are the flags of the inbox itself (no command word).
var rootFlagNames = append([]string{"demo", "debug", "profile", "lang", "help", "version"}, sandboxFlagNames...)

var completionShells = []string{"bash", "zsh", "fish"}

var completionCommands = []completionCommand{
	{"list", listPanes, []string{"json", "answered", "archive", "offline", "profile", "timeout", "help"}},
	{"sandbox", nil, append([]string{"addr", "help"}, sandboxFlagNames...)},
	{"login", []string{"wb", "ym"}, []string{"profile", "token-stdin", "campaign", "help"}},
	{"logout", []string{"wb", "ym"}, []string{"profile", "category", "help"}},
	{"status", nil, []string{"profile", "help"}},
	{"serve", nil, []string{"listen", "authorized-keys", "host-key", "profile", "demo", "idle-timeout", "max-sessions", "sessions-per-minute", "help"}},
	{"version", nil, []string{"help"}},
	{"help", nil, nil},
	{"completion", completionShells, []string{"help"}},
}

const completionUsage = "usage: sellerinbox completion bash|zsh|fish\n" +
	"Prints a completion script for the shell. For example:\n" +
	"  bash: source <(sellerinbox completion bash)\n" +
	"  zsh:  source <(sellerinbox completion zsh)\n" +
	"  fish: sellerinbox completion fish | source\n"

func runCompletion(args []string, stdout, stderr io.Writer) int {
	const prog = "sellerinbox completion"
	if wantsHelp(args) {
		fmt.Fprint(stdout, completionUsage)
		return 0
	}
	if len(args) != 1 {
		usageError(stderr, prog, "name one shell: bash, zsh or fish")
		return 2
	}
	switch args[0] {
	case "bash":
		fmt.Fprint(stdout, bashCompletion())
	case "zsh":
		fmt.Fprint(stdout, zshCompletion())
	case "fish":
		fmt.Fprint(stdout, fishCompletion())
	default:
		usageError(stderr, prog, fmt.Sprintf("unsupported shell %q (bash, zsh or fish)", args[0]))
		return 2
	}
	return 0
}

func dashed(flags []string) string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = "--" + f
	}
	return strings.Join(out, " ")
}

func commandNames() string {
	names := make([]string, len(completionCommands))
	for i, c := range completionCommands {
		names[i] = c.name
	}
	return strings.Join(names, " ")
}

// The scripts find the command word as the first word that is not a flag;
// before it they offer the commands and the inbox's own flags.
func bashCompletion() string {
	var b strings.Builder
	b.WriteString("# bash completion for sellerinbox\n_sellerinbox() {\n")
	b.WriteString("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" cmd=\"\" i words\n")
	b.WriteString("    for ((i = 1; i < COMP_CWORD; i++)); do\n")
	b.WriteString("        case \"${COMP_WORDS[i]}\" in\n            -*) ;;\n            *) cmd=\"${COMP_WORDS[i]}\"; break ;;\n        esac\n    done\n")
	b.WriteString("    case \"$cmd\" in\n")
	fmt.Fprintf(&b, "        \"\") words=\"%s %s\" ;;\n", commandNames(), dashed(rootFlagNames))
	for _, c := range completionCommands {
		fmt.Fprintf(&b, "        %s) words=\"%s\" ;;\n", c.name, strings.TrimSpace(strings.Join(c.words, " ")+" "+dashed(c.flags)))
	}
	b.WriteString("        *) words=\"\" ;;\n    esac\n")
	b.WriteString("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\n")
	b.WriteString("complete -F _sellerinbox sellerinbox\n")
	return b.String()
}

func zshCompletion() string {
	var b strings.Builder
	b.WriteString("#compdef sellerinbox\n# zsh completion for sellerinbox\n_sellerinbox() {\n")
	b.WriteString("    local cmd=\"\" w\n    local -a opts\n")
	b.WriteString("    for w in ${words[2,CURRENT-1]}; do\n")
	b.WriteString("        case $w in\n            -*) ;;\n            *) cmd=$w; break ;;\n        esac\n    done\n")
	b.WriteString("    case $cmd in\n")
	fmt.Fprintf(&b, "        \"\") opts=(%s %s) ;;\n", commandNames(), dashed(rootFlagNames))
	for _, c := range completionCommands {
		fmt.Fprintf(&b, "        %s) opts=(%s) ;;\n", c.name, strings.TrimSpace(strings.Join(c.words, " ")+" "+dashed(c.flags)))
	}
	b.WriteString("        *) opts=() ;;\n    esac\n")
	b.WriteString("    compadd -- $opts\n}\n")
	// Loaded from fpath the file is the function's body; sourced, it registers.
	b.WriteString("if [ \"$funcstack[1]\" = \"_sellerinbox\" ]; then\n    _sellerinbox \"$@\"\nelse\n    compdef _sellerinbox sellerinbox\nfi\n")
	return b.String()
}

func fishCompletion() string {
	var b strings.Builder
	b.WriteString("# fish completion for sellerinbox\ncomplete -c sellerinbox -f\n")
	for _, c := range completionCommands {
		fmt.Fprintf(&b, "complete -c sellerinbox -n __fish_use_subcommand -a %s\n", c.name)
	}
	for _, f := range rootFlagNames {
		fmt.Fprintf(&b, "complete -c sellerinbox -n __fish_use_subcommand -l %s\n", f)
	}
	for _, c := range completionCommands {
		cond := "'__fish_seen_subcommand_from " + c.name + "'"
		if len(c.words) > 0 {
			fmt.Fprintf(&b, "complete -c sellerinbox -n %s -a '%s'\n", cond, strings.Join(c.words, " "))
		}
		for _, f := range c.flags {
			fmt.Fprintf(&b, "complete -c sellerinbox -n %s -l %s\n", cond, f)
		}
	}
	return b.String()
}
