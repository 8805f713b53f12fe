package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// sandboxFlags are shared by `sellerinbox sandbox` and `--demo`.
type sandboxFlags struct {
	scale                                        int
	seed                                         uint64
	hostile, noLimits, basicToken                bool
	errorRate, storm, truncate, reset, dropAfter float64
	latency                                      time.Duration
	modes                                        sandbox.Modes
}

func (f *sandboxFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.scale, "scale", 1, "multiply the seed data (300 ≈ 100k items per pane)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the deterministic data")
	fs.BoolVar(&f.hostile, "hostile", false, "add buyer texts full of escape sequences and traps")
	fs.BoolVar(&f.noLimits, "no-limits", false, "do not enforce the documented rate limits")
	fs.BoolVar(&f.basicToken, "basic-token", false, "hold WB requests to the documented limits of a basic token (far lower)")
	fs.Float64Var(&f.errorRate, "error-rate", 0, "fault: share of requests answered 5xx")
	fs.Float64Var(&f.storm, "storm429", 0, "fault: share of requests answered 429/420")
	fs.Float64Var(&f.truncate, "truncate", 0, "fault: share of bodies cut off")
	fs.Float64Var(&f.reset, "reset", 0, "fault: share of connections reset before acting")
	fs.Float64Var(&f.dropAfter, "drop-after-write", 0, "fault: share of requests acted on, then the connection dropped")
	fs.DurationVar(&f.latency, "latency", 0, "fault: random latency up to this duration")
	fs.Var(&f.modes, "modes", sandbox.ModesHelp)
}

func (f *sandboxFlags) options() sandbox.Options {
	o := sandbox.Options{
		Scale: f.scale, Seed: f.seed, Hostile: f.hostile, NoLimits: f.noLimits,
		Faults: sandbox.Faults{ErrorRate: f.errorRate, Storm429: f.storm, TruncateRate: f.truncate,
			ResetRate: f.reset, DropAfterWrite: f.dropAfter, MaxLatency: f.latency},
		Modes: f.modes,
	}
	if f.basicToken {
		o.WBToken = sandbox.TokenBasic
	}
	return o
}

func runSandbox(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sandbox")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (loopback)")
	var sf sandboxFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return parseOutcome(err, fs, "sellerinbox sandbox", sandboxUsage, stdout, stderr)
	}
	run, err := sandbox.New(sf.options()).Start(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "sellerinbox sandbox: %v\n", err)
		return 1
	}
	defer run.Close()
	fmt.Fprintf(stdout, "sandbox listening on %s\n\nPoint sellerinbox at it:\n", run.URL)
	env := run.Env()
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(stdout, "  export %s=%s\n", k, env[k])
	}
	fmt.Fprintln(stdout, "\nCtrl+C stops it.")
	<-ctx.Done()
	return 0
}

const sandboxUsage = "usage: sellerinbox sandbox [--addr 127.0.0.1:8080] [--scale N] [--hostile] [fault flags]\n" +
	"Runs the sandbox that imitates both marketplaces on loopback.\n"
