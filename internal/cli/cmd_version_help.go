package cli

import (
	"context"
	"fmt"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/internal/app"
)

func (versionCmd) run(_ context.Context, env Env, _ *kong.Kong) int {
	fmt.Fprintln(env.Stdout, app.VersionString())
	return 0
}

// run prints the help of the command named, as `COMMAND --help` does, so
// that `sellerinbox help list` and `sellerinbox list --help` cannot differ.
func (c *helpCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	return dispatch(ctx, append(append([]string{}, c.Command...), "--help"), env)
}
