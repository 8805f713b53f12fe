package ui

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// Env is what every pane and the app share: built once at start-up and
// handed to each pane's constructor.
type Env struct {
	// Ctx is cancelled when the app quits; fetches run under it.
	Ctx    context.Context
	Keys   keymap.KeyMap
	Styles theme.Styles
	Tr     i18n.T
	// Now is the clock for "synced 12:04" and relative dates; tests fix it.
	Now func() time.Time
	// Replies is the reply layer (drafts, outbox, templates); nil turns
	// answering off.
	Replies *Replies
	// Photos are the preview tools; a nil Previewer turns previews off.
	Photos Photos
	// Log is the --debug log; errors go there in full while the screen
	// shows ErrorText's sentence. nil: nothing is logged.
	Log *slog.Logger
	// Store is the profile's local cache (items, search, inbox); nil runs
	// without one: everything comes from the network.
	Store *store.Store
	// ReadOnly refuses every send (outbox replies, decisions, pins) with
	// a sentence saying why: a viewer of the team inbox only reads.
	ReadOnly bool
	// Pipe is the `|` command (config pipe_command).
	Pipe Pipe
	// Agent is the team inbox's agent whose session this is, and
	// Presence who in the team writes to what; "" and nil in a local app.
	Agent    string
	Presence Presence
	// Team is the team inbox (assignments, notes); nil in a local app.
	Team Team
	// Role is the agent's role in the team inbox (config.RoleAgent,
	// RoleLead, RoleViewer); "" in a local app, whose user may do all.
	Role string
	// Layout is the list/detail split's width, shared by the panes (<
	// and > move it); nil is the default width, fixed.
	Layout *SplitLayout
	// Sections are the config's saved views of the panes (sub-tabs,
	// bulk answers by section, auto answers).
	Sections []Section
}

// NewEnv is an Env with the shipped key map, a dark theme (until the
// terminal reports its background) honouring NO_COLOR, and the real clock.
func NewEnv(ctx context.Context, lang i18n.Lang) Env {
	tr := i18n.New(lang)
	return Env{
		Ctx:    ctx,
		Keys:   keymap.Default(tr),
		Styles: theme.NewWith(theme.Options{Dark: true, NoColor: theme.NoColorEnv(os.Getenv)}),
		Tr:     tr,
		Now:    time.Now,
		Layout: NewSplitLayout(splitDefaultPercent),
	}
}

func (e Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// canLead reports whether this session may do what the team inbox leaves
// to leads (edit the shared templates, see the team's stats): a lead, or
// the one user of a local app.
func (e Env) canLead() bool { return e.Role == "" || e.Role == "lead" }
