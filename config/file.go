package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/sellerinbox/sellerinbox/keys"
)

// EnvConfig overrides the config file's path.
const EnvConfig = "SELLERINBOX_CONFIG"

// Path is where the config lives: SELLERINBOX_CONFIG, else
// $XDG_CONFIG_HOME/sellerinbox/config.toml, else the OS config directory.
func Path(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if p := getenv(EnvConfig); p != "" {
		return p, nil
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "sellerinbox", "config.toml"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "sellerinbox", "config.toml"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a config directory: %w (set %s)", err, EnvConfig)
	}
	return filepath.Join(d, "sellerinbox", "config.toml"), nil
}

// Load reads the config at path; a missing file is the default config.
// Every problem (syntax, unknown key, bad value, token-looking setting) is
// reported with its line number.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes config text; name is used in error messages.
func Parse(name string, data []byte) (Config, error) {
	c := Default()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, &Error{Path: name, Problems: []Problem{{Line: pe.Position.Line, Key: pe.LastKey, Msg: pe.Message}}}
		}
		// Type mismatches come as plain errors: "toml: line N (last key "k"): msg".
		if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return Config{}, &Error{Path: name, Problems: []Problem{{Line: line, Key: m[2], Msg: m[3]}}}
		}
		return Config{}, &Error{Path: name, Problems: []Problem{{Msg: strings.TrimPrefix(err.Error(), "toml: ")}}}
	}
	idx := indexLines(string(data))
	var ps []Problem
	for _, k := range md.Keys() {
		if len(k) > 0 && k[0] == "keys" {
			continue // action names are free-form
		}
		if secretKeyName(k[len(k)-1]) {
			ps = append(ps, Problem{Line: idx.line(k.String()), Key: k.String(),
				Msg: "tokens never go in the config file: run `sellerinbox login` to store one in the keyring or the encrypted token file"})
		}
	}
	for _, k := range md.Undecoded() {
		if secretKeyName(k[len(k)-1]) {
			continue // already explained above
		}
		ps = append(ps, Problem{Line: idx.line(k.String()), Key: k.String(), Msg: "unknown setting"})
	}
	for _, p := range c.Validate() {
		p.Line = idx.line(p.Key)
		ps = append(ps, p)
	}
	// Only a default the user wrote must exist: login adds profiles as
	// they are needed.
	if md.IsDefined("default_profile") && len(c.Profiles) > 0 && keys.CheckProfile(c.DefaultProfile) == nil {
		if _, ok := c.Profile(c.DefaultProfile); !ok {
			ps = append(ps, Problem{Line: idx.line("default_profile"), Key: "default_profile",
				Msg: fmt.Sprintf("there is no [[profile]] named %q", c.DefaultProfile)})
		}
	}
	if len(ps) > 0 {
		slices.SortStableFunc(ps, func(a, b Problem) int {
			if (a.Line == 0) != (b.Line == 0) {
				return cmp.Compare(b.Line, a.Line) // unlocated problems last
			}
			return cmp.Compare(a.Line, b.Line)
		})
		return Config{}, &Error{Path: name, Problems: ps}
	}
	return c, nil
}

var typeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

const header = "# sellerinbox settings. Tokens are never stored here (see `sellerinbox status`).\n" +
	"# `sellerinbox login` rewrites this file; comments other than this one are not kept.\n\n"

// Save validates c and writes it to path atomically with mode 0600.
func Save(path string, c Config) error {
	if ps := c.Validate(); len(ps) > 0 {
		return &Error{Path: path, Problems: ps}
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("encode config: %w", err)
	}
	return keys.WriteFileAtomic(path, buf.Bytes())
}
