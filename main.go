// Command sellerinbox is a keyboard-driven terminal inbox for sellers'
// support staff on Yandex Market and Wildberries. The commands live in
// internal/cli and the assembled app in internal/app; this file only
// connects them to the process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sellerinbox/sellerinbox/internal/cli"
)

func main() {
	// SIGHUP is an SSH session or terminal going away: like SIGTERM it ends
	// the program through its context, so the exit path (drafts written,
	// the database closed) runs instead of the default sudden death.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
