package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/internal/serve"
	"github.com/sellerinbox/sellerinbox/ui"
)

// serveCmd serves the inbox over SSH to a team.
type serveCmd struct {
	Listen            string        `name:"listen" default:"127.0.0.1:2222" help:"Address to listen on."`
	AuthorizedKeys    string        `name:"authorized-keys" placeholder:"FILE" completes:"files" help:"The agents' public keys, OpenSSH format, each key's comment the agent's name (default: agents next to the config file)."`
	HostKey           string        `name:"host-key" placeholder:"FILE" completes:"files" help:"The server's private key, created with mode 0600 if missing (default: host_ed25519 next to the config file)."`
	Profile           string        `name:"profile" placeholder:"NAME" help:"Profile to serve."`
	Demo              bool          `name:"demo" help:"Serve the built-in sandbox (no tokens needed); without an agents file, the keys of your own ~/.ssh are admitted."`
	IdleTimeout       time.Duration `name:"idle-timeout" default:"30m" help:"End a session after this long without a key press (its draft is kept)."`
	MaxSessions       int           `name:"max-sessions" default:"20" help:"Sessions open at once."`
	SessionsPerMinute float64       `name:"sessions-per-minute" default:"10" help:"New sessions one address may open per minute."`
}

// runServe parses a serve command line (tests call it directly).
func runServe(ctx context.Context, args []string, env Env) int {
	return dispatch(ctx, append([]string{"serve"}, args...), env)
}

// run starts the team inbox and serves it until ctx ends. SIGTERM or
// ctrl+c ends every session (drafts are kept) and the server.
func (c *serveCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	const prog = "sellerinbox serve"
	listen, keysFile, hostKey, profile, demo := &c.Listen, &c.AuthorizedKeys, &c.HostKey, &c.Profile, &c.Demo
	idle, maxSessions, perMinute := &c.IdleTimeout, &c.MaxSessions, &c.SessionsPerMinute
	if *idle <= 0 || *maxSessions <= 0 || *perMinute <= 0 {
		usageError(env.Stderr, prog, "serve", "--idle-timeout, --max-sessions and --sessions-per-minute must be above zero")
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
		if err == nil {
			fmt.Fprintf(env.Stderr, "%s: no %s: admitting the keys of your own ~/.ssh (demo)\n", prog, *keysFile)
		} else {
			// No keys at all (a fresh container): the demo makes one.
			keyPath := filepath.Join(dir, "demo_agent_ed25519")
			if own, err = serve.DemoAgentKey(keyPath); err != nil {
				return fail(fmt.Errorf("--demo without %s or keys in ~/.ssh: %w", *keysFile, err))
			}
			_, port, _ := net.SplitHostPort(*listen)
			fmt.Fprintf(env.Stderr, "%s: no %s and no keys in ~/.ssh: connect with the demo's own key: ssh -i %s -p %s localhost\n",
				prog, *keysFile, keyPath, port)
		}
		data, readKeys = own, func() ([]byte, error) { return own, nil }
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
