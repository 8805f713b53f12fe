package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alecthomas/kong"
)

// The completion scripts are generated from the kong model (commands.go),
// so a command, flag or value list added there is completed without
// further work. Each script finds the command word as the first word that
// is neither a flag nor a flag's value; before it, it offers the commands
// and the inbox's flags.

// completion is what a shell may complete after one command word (or, for
// the top level, before any).
type completion struct {
	name  string // "" for the top level
	words []string
	flags []completionFlag
}

type completionFlag struct {
	name   string
	value  bool     // the flag takes a value (the next word, or after =)
	values []string // the values to offer; nil: any
	files  bool     // the value is a file name
}

func (c *completionCmd) run(_ context.Context, env Env, k *kong.Kong) int {
	top, cmds := completions(k.Model)
	switch c.Shell {
	case "bash":
		fmt.Fprint(env.Stdout, bashCompletion(top, cmds))
	case "zsh":
		fmt.Fprint(env.Stdout, zshCompletion(top, cmds))
	default:
		fmt.Fprint(env.Stdout, fishCompletion(top, cmds))
	}
	return 0
}

// completions reads the model: the top level (the inbox, the default
// command, takes its flags without a command word) and every command.
func completions(app *kong.Application) (completion, []completion) {
	var names []string
	for _, n := range app.Children {
		if !n.Hidden {
			names = append(names, n.Name)
		}
	}
	top := completion{words: names}
	var cmds []completion
	for _, n := range app.Children {
		if n.Hidden {
			continue
		}
		c := completion{name: n.Name, flags: flagsOf(n)}
		for _, p := range n.Positional {
			c.words = append(c.words, valuesOf(p, names)...)
		}
		cmds = append(cmds, c)
		if app.DefaultCmd == n {
			top.flags = c.flags
		}
	}
	return top, cmds
}

func flagsOf(n *kong.Node) []completionFlag {
	var out []completionFlag
	for _, group := range n.AllFlags(true) {
		for _, f := range group {
			cf := completionFlag{name: f.Name, value: !f.IsBool()}
			if f.Tag.Get("completes") == "files" {
				cf.files = true
			} else {
				cf.values = valuesOf(f.Value, nil)
			}
			out = append(out, cf)
		}
	}
	return out
}

// valuesOf lists the words a value may take: its enum, else its
// `completes` tag ("commands" stands for the command names).
func valuesOf(v *kong.Value, commands []string) []string {
	if v.Enum != "" {
		return v.EnumSlice()
	}
	switch c := v.Tag.Get("completes"); c {
	case "", "files":
		return nil
	case "commands":
		return commands
	default:
		return strings.Split(c, ",")
	}
}

func dashed(flags []completionFlag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = "--" + f.name
	}
	return out
}

// valueFlags are every flag taking a value, across commands, for the loop
// that skips flags' values when looking for the command word.
func valueFlags(top completion, cmds []completion) []string {
	var out []string
	for _, c := range append([]completion{top}, cmds...) {
		for _, f := range c.flags {
			if f.value && !slices.Contains(out, "--"+f.name) {
				out = append(out, "--"+f.name)
			}
		}
	}
	return out
}

// flagValueCases writes the shell case arms that complete a flag's value:
// arm gets a flag and returns the arm's body; flags with the same body
// share one arm.
func flagValueCases(b io.Writer, top completion, cmds []completion, arm func(f completionFlag) string) {
	var bodies []string
	patterns := map[string][]string{}
	seen := map[string]bool{}
	for _, c := range append([]completion{top}, cmds...) {
		for _, f := range c.flags {
			if !f.value || seen[f.name] {
				continue
			}
			seen[f.name] = true
			body := arm(f)
			if patterns[body] == nil {
				bodies = append(bodies, body)
			}
			patterns[body] = append(patterns[body], "--"+f.name)
		}
	}
	for _, body := range bodies {
		fmt.Fprintf(b, "        %s) %s ;;\n", strings.Join(patterns[body], "|"), body)
	}
}

func words(c completion) string {
	return strings.TrimSpace(strings.Join(c.words, " ") + " " + strings.Join(dashed(c.flags), " "))
}

func bashCompletion(top completion, cmds []completion) string {
	var b strings.Builder
	b.WriteString("# bash completion for sellerinbox (generated from its command model)\n_sellerinbox() {\n")
	b.WriteString("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" i words skip=\"\"\n")
	b.WriteString("    for ((i = 1; i < COMP_CWORD; i++)); do\n")
	b.WriteString("        if [[ -n $skip ]]; then skip=\"\"; continue; fi\n")
	b.WriteString("        case \"${COMP_WORDS[i]}\" in\n")
	fmt.Fprintf(&b, "            %s) skip=1 ;;\n", strings.Join(valueFlags(top, cmds), "|"))
	b.WriteString("            -*) ;;\n            *) cmd=\"${COMP_WORDS[i]}\"; break ;;\n        esac\n    done\n")
	b.WriteString("    case \"$prev\" in\n")
	flagValueCases(&b, top, cmds, func(f completionFlag) string {
		switch {
		case f.files:
			return "COMPREPLY=($(compgen -f -- \"$cur\")); return"
		case len(f.values) > 0:
			return fmt.Sprintf("COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return", strings.Join(f.values, " "))
		}
		return "return"
	})
	b.WriteString("    esac\n")
	b.WriteString("    case \"$cmd\" in\n")
	fmt.Fprintf(&b, "        \"\") words=\"%s\" ;;\n", words(top))
	for _, c := range cmds {
		fmt.Fprintf(&b, "        %s) words=\"%s\" ;;\n", c.name, words(c))
	}
	b.WriteString("        *) words=\"\" ;;\n    esac\n")
	b.WriteString("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\n")
	b.WriteString("complete -F _sellerinbox sellerinbox\n")
	return b.String()
}

func zshCompletion(top completion, cmds []completion) string {
	var b strings.Builder
	b.WriteString("#compdef sellerinbox\n# zsh completion for sellerinbox (generated from its command model)\n_sellerinbox() {\n")
	b.WriteString("    local cmd=\"\" w skip=\"\"\n    local -a opts\n")
	b.WriteString("    for w in ${words[2,CURRENT-1]}; do\n")
	b.WriteString("        if [[ -n $skip ]]; then skip=\"\"; continue; fi\n")
	b.WriteString("        case $w in\n")
	fmt.Fprintf(&b, "            %s) skip=1 ;;\n", strings.Join(valueFlags(top, cmds), "|"))
	b.WriteString("            -*) ;;\n            *) cmd=$w; break ;;\n        esac\n    done\n")
	b.WriteString("    case ${words[CURRENT-1]} in\n")
	flagValueCases(&b, top, cmds, func(f completionFlag) string {
		switch {
		case f.files:
			return "_files; return"
		case len(f.values) > 0:
			return fmt.Sprintf("compadd -- %s; return", strings.Join(f.values, " "))
		}
		return "return"
	})
	b.WriteString("    esac\n")
	b.WriteString("    case $cmd in\n")
	fmt.Fprintf(&b, "        \"\") opts=(%s) ;;\n", words(top))
	for _, c := range cmds {
		fmt.Fprintf(&b, "        %s) opts=(%s) ;;\n", c.name, words(c))
	}
	b.WriteString("        *) opts=() ;;\n    esac\n")
	b.WriteString("    compadd -- $opts\n}\n")
	// Loaded from fpath the file is the function's body; sourced, it registers.
	b.WriteString("if [ \"$funcstack[1]\" = \"_sellerinbox\" ]; then\n    _sellerinbox \"$@\"\nelse\n    compdef _sellerinbox sellerinbox\nfi\n")
	return b.String()
}

func fishCompletion(top completion, cmds []completion) string {
	var b strings.Builder
	b.WriteString("# fish completion for sellerinbox (generated from its command model)\ncomplete -c sellerinbox -f\n")
	for _, w := range top.words {
		fmt.Fprintf(&b, "complete -c sellerinbox -n __fish_use_subcommand -a %s\n", w)
	}
	fishFlags(&b, "__fish_use_subcommand", top.flags)
	for _, c := range cmds {
		cond := "'__fish_seen_subcommand_from " + c.name + "'"
		if len(c.words) > 0 {
			// Not where the word is a flag's value: fish would offer both.
			wordCond := cond
			if vf := valueFlags(c, nil); len(vf) > 0 {
				wordCond = "'__fish_seen_subcommand_from " + c.name + "; and not __fish_prev_arg_in " + strings.Join(vf, " ") + "'"
			}
			fmt.Fprintf(&b, "complete -c sellerinbox -n %s -a '%s'\n", wordCond, strings.Join(c.words, " "))
		}
		fishFlags(&b, cond, c.flags)
	}
	return b.String()
}

func fishFlags(b io.Writer, cond string, flags []completionFlag) {
	for _, f := range flags {
		line := fmt.Sprintf("complete -c sellerinbox -n %s -l %s", cond, f.name)
		switch {
		case f.files:
			line += " -r -F"
		case len(f.values) > 0:
			line += fmt.Sprintf(" -x -a '%s'", strings.Join(f.values, " "))
		case f.value:
			line += " -x"
		}
		fmt.Fprintln(b, line)
	}
}
