package cli

import (
	"context"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// commandLine is the kong model of every command: names, flags, defaults,
// positional arguments and help live in these tags, and help, the usage
// errors and the completion scripts are all read from it.
//
// Positional words that may hold a pasted token (login's and logout's
// marketplace) are plain strings checked by the command itself, never a
// kong enum: kong's enum error would echo the word. Their completion
// words are in the `completes` tag.
type commandLine struct {
	Inbox      inboxCmd      `cmd:"" default:"withargs" help:"Open the inbox (the command when none is named; --demo: against the built-in sandbox)."`
	List       listCmd       `cmd:"" help:"Print a pane: returns, questions, feedbacks, chats or claims."`
	Sandbox    sandboxCmd    `cmd:"" help:"Run the sandbox that imitates both marketplaces."`
	Login      loginCmd      `cmd:"" help:"Check a token and keep it in the OS keyring (or an encrypted file)."`
	Logout     logoutCmd     `cmd:"" help:"Forget a token."`
	Status     statusCmd     `cmd:"" help:"Which tokens exist, where, what they allow (never the token)."`
	Serve      serveCmd      `cmd:"" help:"Serve the inbox over SSH to a team (one store, one sync, one outbox; the tokens stay here)."`
	Stats      statsCmd      `cmd:"" help:"Who answered what, how fast, and what is overdue (from the profile's store)."`
	Version    versionCmd    `cmd:"" help:"Print the version."`
	Completion completionCmd `cmd:"" help:"Print a shell completion script."`
	Help       helpCmd       `cmd:"" help:"Show the help of sellerinbox or of one command."`
}

// runner is what every command of commandLine does once parsed.
type runner interface {
	run(ctx context.Context, env Env, k *kong.Kong) int
}

const appDescription = `sellerinbox — one terminal inbox for Yandex Market returns and Wildberries questions, feedbacks, chats and claims.

Environment:
  SELLERINBOX_YM_TOKEN, SELLERINBOX_WB_TOKEN, SELLERINBOX_YM_CAMPAIGN
  SELLERINBOX_YM_URL, SELLERINBOX_WB_FEEDBACKS_URL, SELLERINBOX_WB_CHAT_URL, SELLERINBOX_WB_RETURNS_URL
  SELLERINBOX_LANG=ru|en`

type inboxCmd struct {
	Demo  bool   `name:"demo" help:"Run against the built-in sandbox (no tokens needed)."`
	Debug string `name:"debug" placeholder:"FILE" completes:"files" help:"Write a debug log to this file (never tokens)."`
	// DebugMessages also logs every message the inbox receives (type,
	// pane, sequence number, time in Update; keys by name, never texts).
	DebugMessages bool   `name:"debug-messages" help:"With --debug: also log every message the inbox receives (type, pane, sequence number, time in Update; keys by name, never texts)."`
	Profile       string `name:"profile" placeholder:"NAME" help:"Profile to open."`
	Lang          string `name:"lang" placeholder:"ru|en" completes:"ru,en" help:"Interface language: ru or en."`
	// Version is the inbox's flag so that `sellerinbox --version` works
	// as before without every command listing it.
	Version bool         `name:"version" help:"Print the version and exit."`
	Sandbox sandboxFlags `embed:"" group:"The sandbox of --demo:"`
}

type listCmd struct {
	Pane     string `arg:"" enum:"returns,questions,feedbacks,chats,claims" help:"The pane: returns, questions, feedbacks, chats or claims."`
	JSON     bool   `name:"json" help:"Print one JSON array of the pane's models (times in RFC 3339)."`
	Answered bool   `name:"answered" help:"What was answered or decided instead of what needs action."`
	Archive  bool   `name:"archive" help:"The archive (feedbacks, claims; all returns)."`
	Offline  bool   `name:"offline" help:"Read what the last sync stored, without the network."`
	Profile  string `name:"profile" placeholder:"NAME" help:"Profile to use."`
	// Timeout bounds a whole run: a server that trickles its answer must
	// not keep a script waiting for minutes.
	Timeout time.Duration `name:"timeout" default:"60s" help:"Give up after this long (e.g. 30s, 5m)."`
}

type sandboxCmd struct {
	Addr  string       `name:"addr" default:"127.0.0.1:8080" help:"Listen address (loopback)."`
	Flags sandboxFlags `embed:""`
}

// sandboxFlags are shared by `sellerinbox sandbox` and the inbox's --demo.
type sandboxFlags struct {
	Scale      int           `name:"scale" default:"1" help:"Multiply the seed data (300 ≈ 100k items per pane)."`
	Seed       uint64        `name:"seed" default:"1" help:"Seed of the deterministic data."`
	Hostile    bool          `name:"hostile" help:"Add buyer texts full of escape sequences and traps."`
	NoLimits   bool          `name:"no-limits" help:"Do not enforce the documented rate limits."`
	BasicToken bool          `name:"basic-token" help:"Hold WB requests to the documented limits of a basic token (far lower)."`
	ErrorRate  float64       `name:"error-rate" placeholder:"SHARE" help:"Fault: share of requests answered 5xx."`
	Storm      float64       `name:"storm429" placeholder:"SHARE" help:"Fault: share of requests answered 429/420."`
	Truncate   float64       `name:"truncate" placeholder:"SHARE" help:"Fault: share of bodies cut off."`
	Reset      float64       `name:"reset" placeholder:"SHARE" help:"Fault: share of connections reset before acting."`
	DropAfter  float64       `name:"drop-after-write" placeholder:"SHARE" help:"Fault: share of requests acted on, then the connection dropped."`
	Latency    time.Duration `name:"latency" help:"Fault: random latency up to this duration."`
	Modes      modesFlag     `name:"modes" placeholder:"MODE,..." completes:"claim-delay=,repost-edits,rotating-signs,archive-on-answer" help:"${modes_help}."`
}

// modesFlag lets kong fill sandbox.Modes through its flag.Value Set, so
// that --modes may be repeated and adds up as before.
type modesFlag struct{ sandbox.Modes }

func (m *modesFlag) Decode(ctx *kong.DecodeContext) error {
	var s string
	if err := ctx.Scan.PopValueInto("modes", &s); err != nil {
		return err
	}
	return m.Set(s)
}

func (f *sandboxFlags) options() sandbox.Options {
	o := sandbox.Options{
		Scale: f.Scale, Seed: f.Seed, Hostile: f.Hostile, NoLimits: f.NoLimits,
		Faults: sandbox.Faults{ErrorRate: f.ErrorRate, Storm429: f.Storm, TruncateRate: f.Truncate,
			ResetRate: f.Reset, DropAfterWrite: f.DropAfter, MaxLatency: f.Latency},
		Modes: f.Modes.Modes,
	}
	if f.BasicToken {
		o.WBToken = sandbox.TokenBasic
	}
	return o
}

type loginCmd struct {
	Profile    string `name:"profile" placeholder:"NAME" help:"Profile to log in (default: default_profile from the config)."`
	TokenStdin bool   `name:"token-stdin" help:"Read the token as one line from stdin."`
	Campaign   string `name:"campaign" placeholder:"ID[,ID...]|all" help:"Yandex Market campaign ID(s) to use, comma-separated, or all."`
	// A word, not an enum: see commandLine.
	Marketplace string `arg:"" optional:"" name:"wb|ym" completes:"wb,ym" help:"The marketplace: wb (Wildberries) or ym (Yandex Market)."`
}

func (loginCmd) Help() string { return loginDetail }

type logoutCmd struct {
	Profile     string `name:"profile" placeholder:"NAME" help:"Profile to log out (default: default_profile from the config)."`
	Category    string `name:"category" placeholder:"feedbacks|chat|returns" completes:"feedbacks,chat,returns" help:"Wildberries only: remove just the token serving this category."`
	Marketplace string `arg:"" optional:"" name:"wb|ym" completes:"wb,ym" help:"The marketplace: wb (Wildberries) or ym (Yandex Market)."`
}

func (logoutCmd) Help() string { return logoutDetail }

type statusCmd struct {
	Profile string `name:"profile" placeholder:"NAME" help:"Show only this profile."`
}

type statsCmd struct {
	Days    int    `name:"days" default:"7" help:"Days to cover, today included."`
	JSON    bool   `name:"json" help:"Print the numbers as JSON."`
	Profile string `name:"profile" placeholder:"NAME" help:"Profile to read."`
}

type versionCmd struct{}

type completionCmd struct {
	Shell string `arg:"" enum:"bash,zsh,fish" help:"The shell: bash, zsh or fish."`
}

func (completionCmd) Help() string {
	return "Completes the commands, their flags and the words they take. For example:\n\n" +
		"  bash: source <(sellerinbox completion bash)\n" +
		"  zsh:  source <(sellerinbox completion zsh)\n" +
		"  fish: sellerinbox completion fish | source"
}

type helpCmd struct {
	Command []string `arg:"" optional:"" completes:"commands" help:"The command to explain."`
}
