package cli

import (
	"context"
	"fmt"
	"sort"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

func (c *sandboxCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	stdout, stderr := env.Stdout, env.Stderr
	run, err := sandbox.New(c.Flags.options()).Start(c.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "sellerinbox sandbox: %v\n", err)
		return 1
	}
	defer run.Close()
	fmt.Fprintf(stdout, "sandbox listening on %s\n\nPoint sellerinbox at it:\n", run.URL)
	vars := run.Env()
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(stdout, "  export %s=%s\n", k, vars[k])
	}
	fmt.Fprintln(stdout, "\nCtrl+C stops it.")
	<-ctx.Done()
	return 0
}
