// Package cli holds the sellerinbox commands (the inbox, list, sandbox,
// login, logout, status, version).
//
// Everything that can fail at start-up (flags, config, tokens, clients) is
// checked here, before the TUI takes the screen; errors go to stderr with a
// non-zero exit.
package cli

import (
	"context"
	"fmt"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"io"
)

const usage = `sellerinbox — one terminal inbox for Yandex Market returns and Wildberries questions, feedbacks, chats and claims.

Usage:
  sellerinbox [--demo] [--debug FILE]        open the inbox (--demo: against the built-in sandbox)
  sellerinbox list <pane> [--json] [--answered] [--archive]
                                             print a pane: returns, questions, feedbacks, chats, claims
  sellerinbox sandbox [--addr 127.0.0.1:8080] [--scale N] [--hostile] [fault flags]
                                             run the sandbox that imitates both marketplaces
  sellerinbox login [--profile NAME] wb|ym [--token-stdin] [--campaign ID]
                                             check a token and keep it in the OS keyring (or an encrypted file)
  sellerinbox logout [--profile NAME] wb|ym  forget a token
  sellerinbox status [--profile NAME]        which tokens exist, where, what they allow (never the token)
  sellerinbox serve [--listen 127.0.0.1:2222] [--authorized-keys FILE] [--host-key FILE] [--demo]
                                             serve the inbox over SSH to a team (one store, one outbox)
  sellerinbox version                        print the version
  sellerinbox completion bash|zsh|fish       print a shell completion script
  sellerinbox COMMAND --help                 the flags of one command

Environment:
  SELLERINBOX_YM_TOKEN, SELLERINBOX_WB_TOKEN, SELLERINBOX_YM_CAMPAIGN
  SELLERINBOX_YM_URL, SELLERINBOX_WB_FEEDBACKS_URL, SELLERINBOX_WB_CHAT_URL, SELLERINBOX_WB_RETURNS_URL
  SELLERINBOX_LANG=ru|en
`

// Run runs the command line args (without the program name) with the
// given streams and returns the process's exit code. Every start-up error
// is printed to stderr here; nothing exits the process.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(ctx, args, stdin, stdout, stderr)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// The streams given here are the ones every command writes to, so that
	// help and errors can be checked without the process's own.
	env := OSEnv()
	env.Stdin, env.Stdout, env.Stderr = stdin, stdout, stderr
	if len(args) > 0 {
		switch args[0] {
		case "sandbox":
			return runSandbox(ctx, args[1:], stdout, stderr)
		case "login":
			return runLogin(ctx, args[1:], env)
		case "logout":
			return runLogout(ctx, args[1:], env)
		case "status":
			return runStatus(ctx, args[1:], env)
		case "list":
			return runList(ctx, args[1:], env)
		case "serve":
			return runServe(ctx, args[1:], env)
		case "completion":
			return runCompletion(args[1:], stdout, stderr)
		case "version", "--version", "-version":
			if args[0] == "version" && wantsHelp(args[1:]) {
				fmt.Fprint(stdout, "usage: sellerinbox version\nPrints the version.\n")
				return 0
			}
			fmt.Fprintln(stdout, app.VersionString())
			return 0
		case "help", "--help", "-h", "-help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return runTUI(ctx, args, env)
}

// wantsHelp reports whether args ask for help, for the commands without
// a flag set of their own.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}
