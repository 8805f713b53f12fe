// Package cli holds the sellerinbox commands (the inbox, list, sandbox,
// login, logout, status, version, completion, help).
//
// The command line is parsed by kong from one model (commands.go); help,
// usage errors and the completion scripts all come from that model.
// Everything that can fail at start-up (flags, config, tokens, clients) is
// checked here, before the TUI takes the screen; errors go to stderr with
// a non-zero exit: 2 for a usage error, 1 for a failure.
package cli

import (
	"context"
	"io"
)

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
	return dispatch(ctx, args, env)
}

// The commands' own entry points, as the tests call them: each is the
// command line with its command word in front.

func runTUI(ctx context.Context, args []string, env Env) int { return dispatch(ctx, args, env) }

func runList(ctx context.Context, args []string, env Env) int {
	return dispatch(ctx, append([]string{"list"}, args...), env)
}

func runLogin(ctx context.Context, args []string, env Env) int {
	return dispatch(ctx, append([]string{"login"}, args...), env)
}

func runLogout(ctx context.Context, args []string, env Env) int {
	return dispatch(ctx, append([]string{"logout"}, args...), env)
}

func runStatus(ctx context.Context, args []string, env Env) int {
	return dispatch(ctx, append([]string{"status"}, args...), env)
}
