package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	if ps := c.Validate(); len(ps) != 0 {
		t.Fatalf("Default() is invalid: %v", ps)
	}
	if c.ActiveProfile("") != "default" || c.ActiveProfile("shop") != "shop" {
		t.Fatal("ActiveProfile")
	}
}

func TestLoadMissingFileIsDefault(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Fatalf("got %+v, %v", c, err)
	}
}

const sample = `# my settings
default_profile = "shop"
default_pane = "chats"
language = "ru"
theme = "dark"
photo_renderer = "blocks"
templates = "~/sellerinbox/templates.toml"

[notifications]
bell = true
desktop = false
chats = true

[keys.list]
reply = ["r", "enter"]
"mark read" = ["m"]

[[profile]]
name = "shop"
wb = true
ym_campaigns = [1000, 1001]
default_campaign = 1001

[profile.wb_check]
categories = ["Questions and feedbacks"]
services = ["wb-feedbacks"]
read_only = true
expires = 2026-03-01T12:00:00Z
store = "file"
checked_at = 2025-11-20T10:00:00Z

[[profile]]
name = "второй"
`

func TestLoadSample(t *testing.T) {
	c, err := Parse("config.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "ru" || c.Theme != "dark" || c.PhotoRenderer != "blocks" || c.DefaultPane != "chats" {
		t.Errorf("scalars: %+v", c)
	}
	if !c.Notifications.Bell || !c.Notifications.Returns || !c.Notifications.Chats {
		t.Errorf("notifications: %+v (unset toggles keep their defaults)", c.Notifications)
	}
	if got := c.Keys["list"]["mark read"]; !reflect.DeepEqual(got, []string{"m"}) {
		t.Errorf("keys: %v", c.Keys)
	}
	p, ok := c.Profile("shop")
	if !ok || !p.WB || p.DefaultCampaign != 1001 || !reflect.DeepEqual(p.YMCampaigns, []int64{1000, 1001}) {
		t.Fatalf("profile: %+v", p)
	}
	if p.WBCheck == nil || !p.WBCheck.ReadOnly || !p.WBCheck.Expires.Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("wb_check: %+v", p.WBCheck)
	}
	if _, ok := c.Profile("второй"); !ok {
		t.Error("second profile missing")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dir", "config.toml")
	c, err := Parse("config.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	p := c.EnsureProfile("third")
	p.YMCampaigns = []int64{7}
	p.YMCheck = &YMCheck{Campaigns: []Campaign{{ID: 7, Name: "Магазин «Ромашка»", BusinessID: 70}}, Store: "keyring",
		CheckedAt: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)}
	if err := Save(path, c); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v mode %v", err, st.Mode())
	}
	raw, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(raw), "# sellerinbox settings. Tokens are never stored here") {
		t.Errorf("header missing:\n%s", raw)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatalf("reloading what Save wrote: %v\n%s", err, raw)
	}
	if !reflect.DeepEqual(back, c) {
		t.Fatalf("round trip changed the config:\n got %+v\nwant %+v", back, c)
	}
}

func TestLoadReportsLineNumbers(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string // each must appear in the error
	}{
		{"bad enum", "language = \"de\"\n", []string{`config.toml:1: language: "de" is not one of auto, ru, en`}},
		{"bad theme further down", "\n\ntheme = \"neon\"\n", []string{"config.toml:3: theme:"}},
		{"unknown top-level key", "language = \"en\"\ncolour = \"red\"\n", []string{"config.toml:2: colour: unknown setting"}},
		{"unknown profile key", "[[profile]]\nname = \"a\"\n\n[[profile]]\nname = \"b\"\nfoo = 1\n", []string{":6: profile.foo: unknown setting"}},
		{"syntax error", "language = \"en\"\ntheme = \n", []string{"config.toml:2"}},
		{"wrong type", "[notifications]\nbell = \"yes\"\n", []string{"config.toml:2"}},
		{"duplicate profile", "[[profile]]\nname = \"a\"\n[[profile]]\nname = \"a\"\n", []string{`config.toml:4: profile[1].name: profile "a" is defined twice`}},
		{"bad profile name", "default_profile = \"a b\"\n[[profile]]\nname = \"a b\"\n", []string{":3: profile[0].name:", "space", ":1: default_profile"}},
		{"default campaign not listed", "[[profile]]\nname = \"default\"\nym_campaigns = [1, 2]\ndefault_campaign = 3\n", []string{":4: profile[0].default_campaign: campaign 3 is not in ym_campaigns"}},
		{"negative campaign", "[[profile]]\nname = \"default\"\nym_campaigns = [\n  -1,\n]\n", []string{":3: profile[0].ym_campaigns: campaign ID -1"}},
		{"default profile absent", "default_profile = \"x\"\n[[profile]]\nname = \"y\"\n", []string{`:1: default_profile: there is no [[profile]] named "x"`}},
		{"empty key list", "[keys.list]\nreply = []\n", []string{":2: keys.list.reply: lists no keys"}},
		{"empty key", "[keys.list]\nreply = [\"r\", \" \"]\n", []string{":2: keys.list.reply: contains an empty key"}},
		{"bad pane", "default_pane = \"orders\"\n", []string{":1: default_pane:"}},
		{"poll too often", "poll_interval = \"5s\"\n", []string{":1: poll_interval: 5s is too often: at least 15s"}},
		{"poll not a duration", "poll_interval = \"often\"\n", []string{`:1: poll_interval: "often" is not a duration`}},
		{"undo window too long", "undo_seconds = 600\n", []string{":1: undo_seconds: 600 is not between 0 (off) and 60"}},
		{"database url not postgres", "database_url = \"mysql://db/x\"\n", []string{":1: database_url: is not a PostgreSQL URL"}},
		{"database url with a password", "database_url = \"postgres://team:s3cret@db/inbox\"\n", []string{":1: database_url: holds a password; give it in PGPASSWORD"}},
		{"bad desktop escape", "[notifications]\ndesktop_escape = \"osc99\"\n", []string{`:2: notifications.desktop_escape: "osc99" is not one of osc9, osc777`}},
		{"all problems at once", "language = \"de\"\ntheme = \"neon\"\n", []string{":1: language", ":2: theme"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(c.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *config.Error", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\nlacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the error shows the database password: %s", err)
			}
		})
	}
}

// TestConfigNeverHoldsTokens: a token pasted into the config is refused on
// load (by key name or by value) and Save refuses to write one.
func TestConfigNeverHoldsTokens(t *testing.T) {
	jwt := "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUwMTAxIn0.eyJleHAiOjE3OTAwMDAwMDAsInMiOjEyOH0.c2ln"
	cases := []struct{ name, src, want string }{
		{"wb_token in profile", "[[profile]]\nname = \"default\"\nwb_token = \"abc\"\n", ":3: profile.wb_token: tokens never go in the config file"},
		{"top-level api_key", "api_key = \"abc\"\n", ":1: api_key: tokens never go in the config file"},
		{"passphrase", "[notifications]\npassphrase = \"x\"\n", ":2: notifications.passphrase: tokens never go"},
		{"JWT as a value", "templates = \"" + jwt + "\"\n", ":1: templates: this looks like a token"},
		{"JWT as a profile name", "[[profile]]\nname = \"" + jwt + "\"\n", ":2: profile[0].name: this looks like a token"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}

	cfg := Default()
	cfg.Templates = "sandbox-wb-token"
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := Save(path, cfg); err == nil || !strings.Contains(err.Error(), "looks like a token") {
		t.Fatalf("Save wrote a token: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("refused Save still created the file")
	}
}

func TestPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{EnvConfig: "/tmp/c.toml", "XDG_CONFIG_HOME": "/xdg", "HOME": "/h"}, "/tmp/c.toml"},
		{map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/h"}, "/xdg/sellerinbox/config.toml"},
		{map[string]string{"HOME": "/h"}, "/h/.config/sellerinbox/config.toml"},
	}
	for _, c := range cases {
		got, err := Path(func(k string) string { return c.env[k] })
		if err != nil || got != c.want {
			t.Errorf("%v: %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}

// The team inbox's agents: a role and a language each, checked with
// their line; no role is an agent.
func TestAgents(t *testing.T) {
	c, err := Parse("c.toml", []byte("[agents.anna]\nrole = \"lead\"\nlang = \"en\"\n\n[agents.oleg]\nrole = \"viewer\"\n\n[agents.ivan]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.AgentRole("anna") != RoleLead || c.Agents["anna"].Lang != "en" || c.AgentRole("oleg") != RoleViewer ||
		c.AgentRole("ivan") != RoleAgent || c.AgentRole("nobody") != RoleAgent {
		t.Errorf("agents: %+v", c.Agents)
	}
	_, err = Parse("c.toml", []byte("[agents.anna]\nrole = \"boss\"\nlang = \"de\"\n"))
	if err == nil || !strings.Contains(err.Error(), `c.toml:2: agents.anna.role: "boss" is not one of agent, lead, viewer`) ||
		!strings.Contains(err.Error(), `c.toml:3: agents.anna.lang: "de" is not one of`) {
		t.Errorf("bad role and lang: %v", err)
	}
}
