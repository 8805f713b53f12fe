package main

import (
	"context"
	"fmt"
	"io"
)

// Temporary during integration; replaced by cmd_list.go and cmd_tui.go.
func runList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "list: not wired yet")
	return 1
}

func runTUI(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tui: not wired yet")
	return 1
}
