// Package config is sellerinbox's non-secret settings: profiles, UI
// preferences and what `login` learnt about each token. It never holds a
// token; those live in package keys.
package config

import (
	"fmt"
	"slices"
	"time"
)

// DefaultProfileName is used when neither --profile nor default_profile says.
const DefaultProfileName = "default"

// Config is the whole config.toml.
type Config struct {
	DefaultProfile string `toml:"default_profile"`
	// DefaultPane is the pane shown at start; empty means the first pane
	// the profile has a token for.
	DefaultPane   string        `toml:"default_pane,omitempty"`
	Language      string        `toml:"language"`       // ru | en | auto
	Theme         string        `toml:"theme"`          // auto | dark | light
	PhotoRenderer string        `toml:"photo_renderer"` // auto | ascii | blocks
	Templates     string        `toml:"templates,omitempty"`
	Notifications Notifications `toml:"notifications"`
	// PollInterval is how often the app asks the marketplaces for new
	// work, e.g. "1m" (at least 15s; background sync always leaves the
	// user's own requests their share of every rate limit).
	PollInterval string `toml:"poll_interval"`
	// UndoSeconds is how long a reply that cannot be taken back (a
	// rejection, a return request, a claim or return decision, an edited
	// answer) waits in the outbox, where u takes it back; 0 sends at once.
	UndoSeconds int `toml:"undo_seconds"`
	// PipeCommand is what `|` runs (with sh -c) on the selected item: the
	// item as JSON on its stdin, its output opened as a draft in the
	// answer editor, e.g. "ollama run mistral 'Draft a polite reply'".
	PipeCommand string `toml:"pipe_command,omitempty"`
	// DatabaseURL puts the profiles' stores on PostgreSQL
	// (postgres://user@host/db), shared by a team on several machines;
	// empty keeps each profile's SQLite file. SELLERINBOX_DATABASE_URL
	// overrides it. Keep the password out of it: PGPASSWORD or
	// ~/.pgpass give it (see README).
	DatabaseURL string `toml:"database_url,omitempty"`
	// Keys overrides key bindings: scope → action → keys, e.g.
	// keys.list.reply = ["r", "enter"]. The UI checks scopes and actions;
	// here they are only required to be non-empty.
	Keys map[string]map[string][]string `toml:"keys,omitempty"`
	// Sections are saved views of the panes, shown as sub-tabs with their
	// counts; one may name a template to answer it whole (sections.go).
	Sections []Section `toml:"sections,omitempty"`
	Profiles []Profile `toml:"profile,omitempty"`
	// Agents are the people of the team inbox (`sellerinbox serve`), by
	// the name their key carries in the authorized-keys file.
	Agents map[string]Agent `toml:"agents,omitempty"`
}

// Agent is one person of the team inbox.
type Agent struct {
	// Role is agent (answers), lead (answers; team views to come) or
	// viewer (reads only); empty is agent.
	Role string `toml:"role,omitempty"`
	// Lang is the agent's interface language (ru, en); empty is the
	// server's.
	Lang string `toml:"lang,omitempty"`
}

// Roles of the team inbox.
const (
	RoleAgent  = "agent"
	RoleLead   = "lead"
	RoleViewer = "viewer"
)

// AgentRole is the named agent's role; agent when the config says none.
func (c *Config) AgentRole(name string) string {
	if r := c.Agents[name].Role; r != "" {
		return r
	}
	return RoleAgent
}

// Notifications say which new items draw attention and how.
type Notifications struct {
	Bell    bool `toml:"bell"`    // ring the terminal bell
	Desktop bool `toml:"desktop"` // send a desktop notification escape
	// DesktopEscape is the escape the terminal understands: osc9 (iTerm2,
	// WezTerm, Windows Terminal, Ghostty) or osc777 (foot, urxvt).
	DesktopEscape string `toml:"desktop_escape"`
	Returns       bool   `toml:"returns"`
	Questions     bool   `toml:"questions"`
	Feedbacks     bool   `toml:"feedbacks"`
	Chats         bool   `toml:"chats"`
	Claims        bool   `toml:"claims"`
}

// Profile is one seller account: which marketplaces and campaigns to show.
type Profile struct {
	Name            string  `toml:"name"`
	WB              bool    `toml:"wb"`
	YMCampaigns     []int64 `toml:"ym_campaigns,omitempty"`
	DefaultCampaign int64   `toml:"default_campaign,omitzero"`
	// Facts recorded by `sellerinbox login`, shown by `status` without
	// unlocking the token store.
	WBCheck *WBCheck `toml:"wb_check,omitempty"`
	YMCheck *YMCheck `toml:"ym_check,omitempty"`
	// WBTokens are login's facts about each Wildberries token (sellers keep
	// one per category), in the order they are stored. They replace
	// WBCheck, which described the single token of earlier versions.
	WBTokens []WBCheck `toml:"wb_checks,omitempty"`
}

// WBChecks are the recorded facts about the profile's Wildberries tokens,
// an earlier version's single WBCheck included.
func (p *Profile) WBChecks() []WBCheck {
	if len(p.WBTokens) == 0 && p.WBCheck != nil {
		return []WBCheck{*p.WBCheck}
	}
	return p.WBTokens
}

// WBCheck is what login learnt about one of the profile's Wildberries tokens.
type WBCheck struct {
	// Tail is the token's masked tail (…abcd), to tell the tokens apart;
	// never more of it.
	Tail string `toml:"tail,omitempty"`
	// Categories the token claims (names of keys.WBCategory); empty for an
	// opaque token.
	Categories []string `toml:"categories,omitempty"`
	// Services that answered the check call (api.Service values).
	Services  []string  `toml:"services,omitempty"`
	ReadOnly  bool      `toml:"read_only"`
	Opaque    bool      `toml:"opaque,omitempty"` // not a JWT: nothing known locally
	Expires   time.Time `toml:"expires,omitempty"`
	Store     string    `toml:"store"` // keyring | file
	CheckedAt time.Time `toml:"checked_at"`
}

// YMCheck is what login learnt about the profile's Yandex Market Api-Key.
type YMCheck struct {
	Campaigns []Campaign `toml:"campaigns,omitempty"` // every campaign the key sees
	Store     string     `toml:"store"`
	CheckedAt time.Time  `toml:"checked_at"`
}

// Campaign is one Yandex Market shop as getCampaigns lists it.
type Campaign struct {
	ID           int64  `toml:"id"`
	Name         string `toml:"name,omitempty"`
	BusinessID   int64  `toml:"business_id,omitzero"`
	BusinessName string `toml:"business_name,omitempty"`
	Placement    string `toml:"placement,omitempty"`
}

// Allowed values.
var (
	Languages      = []string{"auto", "ru", "en"}
	Themes         = []string{"auto", "dark", "light"}
	PhotoRenderers = []string{"auto", "ascii", "blocks"}
	DesktopEscapes = []string{"osc9", "osc777"}
	Panes          = []string{"returns", "questions", "feedbacks", "chats", "claims"}
	Roles          = []string{RoleAgent, RoleLead, RoleViewer}
)

// Default is the configuration of a fresh install.
func Default() Config {
	return Config{
		DefaultProfile: DefaultProfileName,
		Language:       "auto",
		Theme:          "auto",
		PhotoRenderer:  "auto",
		PollInterval:   "1m",
		UndoSeconds:    DefaultUndoSeconds,
		Notifications: Notifications{
			DesktopEscape: "osc9",
			Returns:       true, Questions: true, Feedbacks: true, Chats: true, Claims: true,
		},
	}
}

// ActiveProfile is the profile a command works on: the flag, else
// default_profile, else "default".
func (c *Config) ActiveProfile(flag string) string {
	switch {
	case flag != "":
		return flag
	case c.DefaultProfile != "":
		return c.DefaultProfile
	}
	return DefaultProfileName
}

// Profile finds a profile by name; the pointer stays valid until Profiles
// is appended to.
func (c *Config) Profile(name string) (*Profile, bool) {
	i := slices.IndexFunc(c.Profiles, func(p Profile) bool { return p.Name == name })
	if i < 0 {
		return nil, false
	}
	return &c.Profiles[i], true
}

// EnsureProfile returns the named profile, adding an empty one if needed.
func (c *Config) EnsureProfile(name string) *Profile {
	if p, ok := c.Profile(name); ok {
		return p
	}
	c.Profiles = append(c.Profiles, Profile{Name: name})
	return &c.Profiles[len(c.Profiles)-1]
}

// DefaultUndoSeconds is the undo window of a fresh install; MaxUndoSeconds
// keeps a reply from waiting longer than a person remembers it.
const (
	DefaultUndoSeconds = 5
	MaxUndoSeconds     = 60
)

// Undo is UndoSeconds as a duration.
func (c *Config) Undo() time.Duration { return time.Duration(c.UndoSeconds) * time.Second }

// MinPollInterval keeps polling cheap for every rate limit.
const MinPollInterval = 15 * time.Second

// Poll is PollInterval parsed; empty means one minute.
func (c *Config) Poll() (time.Duration, error) {
	if c.PollInterval == "" {
		return time.Minute, nil
	}
	d, err := time.ParseDuration(c.PollInterval)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a duration such as 30s or 2m", c.PollInterval)
	case d < MinPollInterval:
		return 0, fmt.Errorf("%s is too often: at least %s", d, MinPollInterval)
	}
	return d, nil
}
