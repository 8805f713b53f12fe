package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/internal/serve"
	"github.com/sellerinbox/sellerinbox/ui"
)

const serveUsage = `usage: sellerinbox serve [--listen 127.0.0.1:2222] [--authorized-keys FILE] [--host-key FILE] [--profile NAME] [--demo]
Serves the inbox over SSH to a team: every agent whose public key is in the
authorized-keys file (OpenSSH format, the key's comment is the agent's name)
gets the inbox with "ssh -p 2222 HOST". All sessions share one database, one
sync and one outbox; the tokens stay on this machine. Roles and languages are
set in the config: [agents.NAME] role = "agent" | "lead" | "viewer", lang = "ru" | "en".
With --demo and no agents file, the keys in your own ~/.ssh are admitted.
SIGTERM or ctrl+c ends every session (drafts are kept) and the server.
`

// runServe starts the team inbox and serves it until ctx ends.
func runServe(ctx context.Context, args []string, env Env) int {
	const prog = "sellerinbox serve"
	flags := newFlagSet(prog)
	listen := flags.String("listen", "127.0.0.1:2222", "address to listen on")
	keysFile := flags.String("authorized-keys", "", "the agents' public keys (default: agents next to the config file)")
	hostKey := flags.String("host-key", "", "the server's private key, created with mode 0600 if missing (default: host_ed25519 next to the config file)")
	profile := flags.String("profile", "", "profile to serve")
	demo := flags.Bool("demo", false, "serve the built-in sandbox (no tokens needed)")
	idle := flags.Duration("idle-timeout", serve.DefaultIdleTimeout, "end a session after this long without a key press (its draft is kept)")
	maxSessions := flags.Int("max-sessions", serve.DefaultMaxSessions, "sessions open at once")
	perMinute := flags.Float64("sessions-per-minute", serve.DefaultSessionsPerMinute, "new sessions one address may open per minute")
	if err := flags.Parse(args); err != nil {
		return parseOutcome(err, flags, prog, serveUsage, env.Stdout, env.Stderr)
	}
	if flags.NArg() > 0 {
		usageError(env.Stderr, prog, fmt.Sprintf("unexpected argument %q", flags.Arg(0)))
		return 2
	}
	if *idle <= 0 || *maxSessions <= 0 || *perMinute <= 0 {
		usageError(env.Stderr, prog, "--idle-timeout, --max-sessions and --sessions-per-minute must be above zero")
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "%s: %s\n", prog, inertText(err.Error()))
		return 1
	}
	cfgPath, err := config.Path(env.getenv)
	if err != nil {
		return fail(err)
	}
	dir := filepath.Dir(cfgPath)
	if *keysFile == "" {
		*keysFile = filepath.Join(dir, "agents")
	}
	if *hostKey == "" {
		*hostKey = filepath.Join(dir, "host_ed25519")
	}
	readKeys := func() ([]byte, error) { return os.ReadFile(*keysFile) }
	data, err := readKeys()
	switch {
	case errors.Is(err, fs.ErrNotExist) && *demo:
		own, err := serve.OwnKeys(env.getenv("HOME"), env.getenv("USER"))
		if err != nil {
			return fail(fmt.Errorf("--demo without %s: %w", *keysFile, err))
		}
		data, readKeys = own, func() ([]byte, error) { return own, nil }
		fmt.Fprintf(env.Stderr, "%s: no %s: admitting the keys of your own ~/.ssh (demo)\n", prog, *keysFile)
	case errors.Is(err, fs.ErrNotExist):
		return fail(fmt.Errorf("no authorized-keys file at %s: put one public key per agent in it, its comment the agent's name (or pass --authorized-keys)", *keysFile))
	case err != nil:
		return fail(err)
	}
	if _, err := serve.CheckAuthorizedKeys(data); err != nil {
		return fail(fmt.Errorf("%s: %w", *keysFile, err))
	}
	pem, err := serve.HostKey(*hostKey)
	if err != nil {
		return fail(err)
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	sess, err := openSession(ctx, env, app.Options{Profile: *profile, Demo: *demo, Logger: logger})
	if err != nil {
		return fail(err)
	}
	defer sess.Close()
	if !sess.HasTokens() {
		return fail(fmt.Errorf("profile %s has no token: run `sellerinbox login` first, or serve the sandbox with --demo", sess.Profile()))
	}
	cfg := sess.Config()
	lang, err := chooseLang("", cfg.Language, env.getenv)
	if err != nil {
		return fail(err)
	}
	if len(cfg.Keys) > 0 {
		// every session binds them: a mistake stops the server, not each agent
		probe := ui.NewEnv(ctx, lang)
		if _, err := probe.Keys.Rebind(probe.Tr, cfg.Keys); err != nil {
			return fail(fmt.Errorf("%s: keys: %w", sess.ConfigPath(), err))
		}
	}
	srv, err := serve.Start(ctx, serve.Options{
		Listen: *listen, AuthorizedKeys: readKeys, HostKeyPEM: pem, Session: sess, Lang: lang,
		IdleTimeout: *idle, MaxSessions: *maxSessions, SessionsPerMinute: *perMinute, Logger: logger,
	})
	if err != nil {
		return fail(err)
	}
	logger.Info("serving the inbox over SSH", "addr", srv.Addr().String(), "profile", sess.Profile(), "keys", *keysFile)
	<-ctx.Done()
	logger.Info("shutting down: ending every session")
	done, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv.Shutdown(done)
	return 0
}
