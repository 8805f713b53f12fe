package config

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/sellerinbox/sellerinbox/keys"
)

// Problem is one invalid setting. Key is a TOML path such as
// "profile[1].ym_campaigns"; Line is filled in by Load.
type Problem struct {
	Line int
	Key  string
	Msg  string
}

// Error lists every problem of a config file at once, so one edit can fix
// them all.
type Error struct {
	Path     string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Path)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
		if p.Key != "" {
			b.WriteString(p.Key + ": ")
		}
		b.WriteString(p.Msg)
	}
	return b.String()
}

// Validate checks every value; it is what Load and Save both enforce.
func (c *Config) Validate() []Problem {
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	oneOf := func(key, v string, allowed []string) {
		if !slices.Contains(allowed, v) {
			add(key, "%q is not one of %s", v, strings.Join(allowed, ", "))
		}
	}
	oneOf("language", c.Language, Languages)
	oneOf("theme", c.Theme, Themes)
	oneOf("photo_renderer", c.PhotoRenderer, PhotoRenderers)
	if c.Notifications.DesktopEscape != "" {
		oneOf("notifications.desktop_escape", c.Notifications.DesktopEscape, DesktopEscapes)
	}
	if _, err := c.Poll(); err != nil {
		add("poll_interval", "%v", err)
	}
	if c.DatabaseURL != "" {
		if msg := checkDatabaseURL(c.DatabaseURL); msg != "" {
			add("database_url", "%s", msg)
		}
	}
	if c.UndoSeconds < 0 || c.UndoSeconds > MaxUndoSeconds {
		add("undo_seconds", "%d is not between 0 (off) and %d", c.UndoSeconds, MaxUndoSeconds)
	}
	if c.DefaultPane != "" {
		oneOf("default_pane", c.DefaultPane, Panes)
	}
	if strings.ContainsRune(c.Templates, 0) {
		add("templates", "the path contains a NUL byte")
	}

	c.validateSections(add)

	seen := map[string]bool{}
	for i, p := range c.Profiles {
		key := fmt.Sprintf("profile[%d]", i)
		if err := keys.CheckProfile(p.Name); err != nil {
			add(key+".name", "%v", err)
		} else if seen[p.Name] {
			add(key+".name", "profile %q is defined twice", p.Name)
		}
		seen[p.Name] = true
		ids := map[int64]bool{}
		for _, id := range p.YMCampaigns {
			if id <= 0 {
				add(key+".ym_campaigns", "campaign ID %d is not a positive number", id)
			} else if ids[id] {
				add(key+".ym_campaigns", "campaign %d is listed twice", id)
			}
			ids[id] = true
		}
		if p.DefaultCampaign != 0 && !ids[p.DefaultCampaign] {
			add(key+".default_campaign", "campaign %d is not in ym_campaigns", p.DefaultCampaign)
		}
	}
	for _, name := range sortedKeys(c.Agents) {
		a := c.Agents[name]
		if a.Role != "" {
			oneOf("agents."+name+".role", a.Role, Roles)
		}
		if a.Lang != "" {
			oneOf("agents."+name+".lang", a.Lang, Languages)
		}
	}
	if c.DefaultProfile == "" {
		add("default_profile", "is empty")
	} else if err := keys.CheckProfile(c.DefaultProfile); err != nil {
		add("default_profile", "%v", err)
	}

	for _, scope := range sortedKeys(c.Keys) {
		if strings.TrimSpace(scope) == "" {
			add("keys", "a key binding scope has an empty name")
		}
		for _, action := range sortedKeys(c.Keys[scope]) {
			key := "keys." + scope + "." + action
			if strings.TrimSpace(action) == "" {
				add("keys."+scope, "a key binding action has an empty name")
			}
			bound := c.Keys[scope][action]
			if len(bound) == 0 {
				add(key, "lists no keys")
			}
			for _, k := range bound {
				if strings.TrimSpace(k) == "" {
					add(key, "contains an empty key")
				}
			}
		}
	}
	walkStrings(reflect.ValueOf(*c), "", func(path, s string) {
		if looksLikeToken(s) {
			add(path, "this looks like a token; tokens never go in the config file: run `sellerinbox login` instead")
		}
	})
	return ps
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.`)

// looksLikeToken catches a pasted Wildberries JWT or the sandbox's demo
// tokens, wherever in the file they landed.
func looksLikeToken(s string) bool {
	return jwtLike.MatchString(s) || strings.Contains(s, "sandbox-wb-token") || strings.Contains(s, "sandbox-ym-token")
}

// secretKeyName matches setting names that would hold a credential.
func secretKeyName(name string) bool {
	n := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(name))
	for _, w := range []string{"token", "apikey", "secret", "password", "passphrase", "authorization"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// walkStrings calls f for every string in v with its TOML path.
func walkStrings(v reflect.Value, path string, f func(path, s string)) {
	join := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" || !t.Field(i).IsExported() {
				continue
			}
			walkStrings(v.Field(i), join(name), f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkStrings(v.MapIndex(k), join(k.String()), f)
		}
	}
}

// checkDatabaseURL says what is wrong with a database_url, "" if nothing.
// It never quotes the URL: a password in it must not reach the screen.
func checkDatabaseURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return "is not a PostgreSQL URL (postgres://user@host:5432/dbname)"
	}
	if _, ok := u.User.Password(); ok || u.Query().Has("password") {
		return "holds a password; give it in PGPASSWORD or ~/.pgpass instead, so that the config file holds no secret"
	}
	return ""
}
