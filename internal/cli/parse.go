package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

const progName = "sellerinbox"

// exitRequest carries kong's Exit out of a parse: after printing help kong
// calls Exit(0) and, if Exit returns, goes on parsing (and would then
// report `list --help` as a missing pane). The panic unwinds to parse.
type exitRequest struct{ code int }

// newParser builds the kong parser of model writing to the given streams.
// Hyphen-prefixed values are allowed because the flag package took the
// next word as a flag's value whatever it looked like (`--debug -log`).
func newParser(model *commandLine, stdout, stderr io.Writer) *kong.Kong {
	k, err := kong.New(model,
		kong.Name(progName),
		kong.Description(appDescription),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(exitRequest{code}) }),
		kong.Vars{"modes_help": sandbox.ModesHelp},
		kong.Help(printHelp),
		kong.ConfigureHelp(kong.HelpOptions{NoAppDescFormat: true, WrapUpperBound: 100}),
		kong.WithHyphenPrefixedParameters(true),
	)
	if err != nil {
		// The model is a constant: TestCommandLineModelBuilds fails first.
		panic(fmt.Sprintf("cli: the kong model does not build: %v", err))
	}
	return k
}

// dispatch parses args (without the program name) and runs the command
// they name with env's streams; it returns the exit code.
func dispatch(ctx context.Context, args []string, env Env) int {
	var cl commandLine
	k := newParser(&cl, env.Stdout, env.Stderr)
	norm, err := normalizeArgs(k.Model, args)
	if err != nil {
		sub := commandWord(k.Model, args)
		usageError(env.Stderr, strings.TrimSpace(progName+" "+sub), sub, err.Error())
		return 2
	}
	kctx, code, done := parse(k, norm, env.Stderr)
	if done {
		return code
	}
	r, ok := kctx.Selected().Target.Addr().Interface().(runner)
	if !ok {
		panic("cli: command " + kctx.Selected().Name + " has no run method")
	}
	return execute(ctx, r, env, k)
}

// execute runs a parsed command; the compatibility test replaces it to see
// what a command line parsed into without running the command.
var execute = func(ctx context.Context, r runner, env Env, k *kong.Kong) int { return r.run(ctx, env, k) }

// parse runs kong over args. done means the command line was answered
// already: help printed (code 0) or a usage error reported (code 2).
func parse(k *kong.Kong, args []string, stderr io.Writer) (kctx *kong.Context, code int, done bool) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(exitRequest)
			if !ok {
				panic(r)
			}
			kctx, code, done = nil, e.code, true
		}
	}()
	kctx, err := k.Parse(args)
	if err != nil {
		reportParseError(stderr, err)
		return nil, 2, true
	}
	return kctx, 0, false
}

// reportParseError prints kong's error as one line and the hint. Words
// kong would echo back are not shown after a command: an unexpected word
// there may be a pasted token. At the top a short unexpected word is what
// the user meant as a command, named as the hand-written parser did.
func reportParseError(stderr io.Writer, err error) {
	prog, sub := progName, ""
	var pe *kong.ParseError
	if errors.As(err, &pe) && pe.Context != nil {
		if sel := pe.Context.Selected(); sel != nil && sel.Name != "inbox" {
			sub = sel.Name
			prog += " " + sel.Name
		}
	}
	// Kong formats a flag's missing value as a nil %q.
	msg := strings.ReplaceAll(err.Error(), "%!q(<nil>)", "nothing")
	if m := missingArg.FindStringSubmatch(msg); m != nil && pe != nil {
		msg = "missing <" + m[1] + ">"
		if sel := pe.Context.Selected(); sel != nil {
			for _, p := range sel.Positional {
				if p.Name == m[1] && p.Enum != "" {
					msg += ": one of " + strings.Join(p.EnumSlice(), ", ")
				}
			}
		}
	}
	if word, ok := strings.CutPrefix(msg, "unexpected argument "); ok {
		switch {
		case sub == "" && len(word) <= maxCommandLen:
			msg = fmt.Sprintf("unknown command %q", word)
		case sub == "":
			msg = "unknown command (not shown: too long for a command, it may be a pasted token)"
		case sub == "login" || sub == "logout":
			msg = "unexpected extra argument (not shown); " + errTokenArg.Error()
		default:
			msg = "unexpected argument (not shown)"
		}
	}
	usageError(stderr, prog, sub, msg)
}

// printHelp is kong's help, and at the top (`sellerinbox --help`) also the
// inbox's flags: the inbox is what runs without a command word, so its
// flags belong to the top-level help as much as the commands do.
func printHelp(options kong.HelpOptions, kctx *kong.Context) error {
	if err := kong.DefaultHelpPrinter(options, kctx); err != nil {
		return err
	}
	if kctx.Selected() != nil {
		return nil
	}
	inbox, err := kong.Trace(kctx.Kong, []string{"inbox"})
	if err != nil || inbox.Error != nil {
		return errors.Join(err, inbox.Error)
	}
	var b bytes.Buffer
	out := kctx.Kong.Stdout
	kctx.Kong.Stdout = &b
	options.NoAppSummary = true
	err = kong.DefaultHelpPrinter(options, inbox)
	kctx.Kong.Stdout = out
	fmt.Fprintf(out, "\nWithout a command (or with the command inbox), sellerinbox opens the inbox:\n\n%s", strings.TrimLeft(b.String(), "\n"))
	return err
}

// maxCommandLen is the longest unknown command word echoed back.
const maxCommandLen = 20

// missingArg is kong's error for a missing positional argument.
var missingArg = regexp.MustCompile(`^expected "<([a-z|-]+)>"$`)

// usageError prints one line saying what was wrong and where help is.
// The message is sanitized because it may echo an argument.
func usageError(stderr io.Writer, prog, sub, msg string) {
	fmt.Fprintf(stderr, "%s: %s\n", prog, inertText(msg))
	hint := progName
	if sub != "" {
		hint += " " + sub
	}
	fmt.Fprintf(stderr, "see '%s --help'\n", hint)
}

// commandWord is the command args name ("list"), or "" for the inbox.
func commandWord(model *kong.Application, args []string) string {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		for _, c := range model.Children {
			if a == c.Name && c.Name != "inbox" {
				return a
			}
		}
		return ""
	}
	return ""
}

// normalizeArgs keeps the invocations of the flag package working that kong
// reads differently, before kong sees them:
//
//   - `-demo`, `-profile x`, `-token-stdin`, `-version`: the flag package
//     took one dash as well as two, and scripts may use it. Kong would read
//     `-demo` as the short flags d, e, m, o (and say "unknown flag -d"), so
//     a single dash before a word of two or more letters becomes two. The
//     only short flag is -h; a negative number (`--scale -1`) and the word
//     after a flag that takes a value (`--debug -log`) are left as they are,
//     as the flag package took them as values.
//   - A flag that names a token (`--token=...`, `--api-key`) is refused here,
//     before kong could echo it back in "unknown flag": tokens are never
//     taken from argv.
//
// Nothing after `--` is touched.
func normalizeArgs(model *kong.Application, args []string) ([]string, error) {
	known := flagNames(model)
	out := make([]string, 0, len(args))
	valueNext := false
	for i, a := range args {
		if valueNext {
			valueNext = false
			out = append(out, a)
			continue
		}
		if a == "--" {
			return append(out, args[i:]...), nil
		}
		if !strings.HasPrefix(a, "-") {
			out = append(out, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takes, isFlag := known[name]
		if !isFlag && namesToken(name) {
			return nil, errTokenArg
		}
		if singleDashWord.MatchString(a) {
			a = "-" + a
		}
		valueNext = isFlag && takes && !hasValue
		out = append(out, a)
	}
	return out, nil
}

// singleDashWord is a flag the flag package would have read as one name.
var singleDashWord = regexp.MustCompile(`^-[A-Za-z][A-Za-z0-9-]+(=|$)`)

func namesToken(flag string) bool {
	f := strings.ToLower(flag)
	return strings.Contains(f, "token") || f == "api-key" || f == "apikey"
}

// flagNames are the flag names of every command (and the help flag), each
// with whether it takes a value.
func flagNames(model *kong.Application) map[string]bool {
	names := map[string]bool{}
	_ = kong.Visit(model, func(n kong.Visitable, next kong.Next) error {
		if f, ok := n.(*kong.Flag); ok {
			names[f.Name] = !f.IsBool()
		}
		return next(nil)
	})
	if model.HelpFlag != nil {
		names[model.HelpFlag.Name] = false
	}
	return names
}
