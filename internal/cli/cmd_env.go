package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"golang.org/x/term"
)

// Env is what a subcommand may touch of the process, so tests can run
// commands in-process with fake streams and variables.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	TTY            bool // stdin is a terminal
	// ReadPassword reads a line without echo; nil means golang.org/x/term
	// on stdin.
	ReadPassword func(prompt string) (string, error)
	// Lang is the --lang of the inbox; "" leaves the passphrase prompts to
	// the config and the locale, as the inbox itself would.
	Lang i18n.Lang
}

// OSEnv is the real process environment.
func OSEnv() Env {
	return Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		TTY: term.IsTerminal(int(os.Stdin.Fd())),
	}
}

func (e Env) getenv(k string) string {
	if e.Getenv == nil {
		return os.Getenv(k)
	}
	return e.Getenv(k)
}

// hidden reads a secret from the terminal without echo. ctx cancellation
// (Ctrl+C) returns at once and puts the terminal back the way it was.
func (e Env) hidden(ctx context.Context, prompt string) (string, error) {
	if !e.TTY {
		return "", errors.New("stdin is not a terminal, so nothing can be typed in hidden")
	}
	if e.ReadPassword != nil {
		return e.ReadPassword(prompt)
	}
	fd := int(os.Stdin.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("terminal: %w", err)
	}
	fmt.Fprint(e.Stderr, prompt)
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		fmt.Fprintln(e.Stderr)
		return string(r.b), r.err
	case <-ctx.Done():
		_ = term.Restore(fd, state)
		fmt.Fprintln(e.Stderr)
		return "", ctx.Err()
	}
}

// maxLine bounds one line read from stdin: a token is ~1 KB.
const maxLine = 16 << 10

// readLine reads one line from r: the token piped with --token-stdin, or a
// menu answer.
func readLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, err := r.ReadString('\n')
		b.WriteString(chunk)
		if b.Len() > maxLine {
			return "", fmt.Errorf("the input line is longer than %d KB", maxLine>>10)
		}
		if err == io.EOF {
			if b.Len() == 0 {
				return "", errors.New("no input (end of file)")
			}
			break
		}
		if err != nil {
			return "", err
		}
		if strings.HasSuffix(chunk, "\n") {
			break
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// passphrasePrompt asks for the token file's passphrase with hidden input;
// a new file's passphrase is typed twice. The prompts speak the language
// the inbox would.
func passphrasePrompt(ctx context.Context, env Env) keys.PassphraseFunc {
	return func(newFile bool) (string, error) {
		if !env.TTY {
			return "", fmt.Errorf("stdin is not a terminal: put the passphrase in a file and set %s to its path", keys.EnvPassphraseFile)
		}
		tr := promptLang(env)
		if !newFile {
			return env.hidden(ctx, tr.Get("pass.prompt")+" ")
		}
		p1, err := env.hidden(ctx, tr.Get("pass.new")+" ")
		if err != nil {
			return "", err
		}
		p2, err := env.hidden(ctx, tr.Get("pass.repeat")+" ")
		if err != nil {
			return "", err
		}
		if p1 != p2 {
			return "", errors.New("the two passphrases differ")
		}
		return p1, nil
	}
}

// passphraseTries is how often a mistyped passphrase may be typed again.
const passphraseTries = 3

// wrongPassphrase tells the person at the terminal that the passphrase did
// not open the file and how many tries are left (never what was typed).
func wrongPassphrase(env Env) func(left int) {
	return func(left int) {
		tr := promptLang(env)
		fmt.Fprintln(env.Stderr, tr.Get("pass.wrong", left, tr.Plural(left, tr.Get("pass.try1"), tr.Get("pass.try2"), tr.Get("pass.try5"))))
	}
}

// promptLang is the inbox's language for the prompts before it starts:
// --lang, else the config's, else the locale's.
func promptLang(env Env) i18n.T {
	if env.Lang != "" {
		return i18n.New(env.Lang)
	}
	cfg, _, _ := loadConfig(env) // a broken config is reported by the command itself
	lang, err := chooseLang("", cfg.Language, env.getenv)
	if err != nil {
		lang = i18n.Detect(env.getenv)
	}
	return i18n.New(lang)
}

// fileWorkFactor is scrypt's log2(N) for a new token file; 0 is age's
// default. Tests lower it: the default costs about a second per run.
var fileWorkFactor = 0

// openStore picks the token store for this run.
func openStore(ctx context.Context, env Env) (keys.Store, keys.Placement, error) {
	return keys.Choose(keys.Options{Getenv: env.getenv, Passphrase: passphrasePrompt(ctx, env), WorkFactor: fileWorkFactor,
		PassphraseTries: passphraseTries, WrongPassphrase: wrongPassphrase(env)})
}

// storeLabel is a user-facing name of where a token lives.
func storeLabel(s keys.Store, name string) string {
	switch name {
	case keys.NameKeyring:
		return "the system keyring"
	case keys.NameEnv:
		return "the environment"
	case keys.NameFile:
		if l, ok := s.(*keys.Layered); ok {
			if f, ok := l.Base.(*keys.FileStore); ok {
				return "the encrypted file " + f.Path()
			}
		}
		return "the encrypted file"
	}
	return name
}

func marketplaceName(m string) string {
	if m == "ym" {
		return "Yandex Market"
	}
	return "Wildberries"
}

var errTokenArg = errors.New("tokens are never taken from command-line arguments (they would land in shell history and the process list): " +
	"type it at the hidden prompt, or pipe it with --token-stdin")

// parseMarketplace reads the single wb|ym argument. Anything else is not
// echoed: a user may have pasted the token there.
func parseMarketplace(word string) (api.Marketplace, error) {
	if word == "" {
		return "", errors.New("say which marketplace: wb or ym")
	}
	switch strings.ToLower(word) {
	case "wb", "wildberries":
		return api.Wildberries, nil
	case "ym", "yandex", "market":
		return api.YandexMarket, nil
	}
	if len(word) > 12 {
		return "", fmt.Errorf("the marketplace must be wb or ym (the argument is not shown; %v)", errTokenArg)
	}
	return "", fmt.Errorf("unknown marketplace %q: want wb or ym", word)
}

// loadConfig finds and reads the config file.
func loadConfig(env Env) (config.Config, string, error) {
	path, err := config.Path(env.getenv)
	if err != nil {
		return config.Config{}, "", err
	}
	cfg, err := config.Load(path)
	return cfg, path, err
}

// openSession opens the session of a command with the process's
// environment: env's variables, and the token store with its prompts.
func openSession(ctx context.Context, env Env, o app.Options) (*app.Session, error) {
	o.Getenv = env.getenv
	o.OpenTokens = func(ctx context.Context) (keys.Store, keys.Placement, error) { return openStore(ctx, env) }
	return app.Open(ctx, o)
}
