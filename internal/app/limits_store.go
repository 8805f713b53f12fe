package app

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
)

// Limits a session learned from the services' headers are kept per profile
// so that the next run starts from them (a basic token then draws no 429 to
// relearn them) and `status` can show them. Only numbers are kept, nothing
// about the tokens.

type savedLimit struct {
	Group     api.Group     `json:"group"`
	Per       time.Duration `json:"per"`
	Burst     int           `json:"burst"`
	Window    time.Duration `json:"window"`
	Max       int           `json:"max"`
	Learned   bool          `json:"learned"`
	Remaining int           `json:"remaining"`
	Updated   time.Time     `json:"updated"`
}

func LimitsPath(getenv func(string) string, profile string) (string, error) {
	if err := keys.CheckProfile(profile); err != nil {
		return "", err
	}
	dir, err := keys.DataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "limits-"+profile+".json"), nil
}

// SaveLimits records what the transport knows beyond the table: lowered
// limits and the servers' last remaining counts.
func SaveLimits(getenv func(string) string, profile string, limits []api.GroupLimit) error {
	path, err := LimitsPath(getenv, profile)
	if err != nil {
		return err
	}
	var out []savedLimit
	for _, l := range limits {
		if !l.Learned && l.Remaining < 0 {
			continue
		}
		out = append(out, savedLimit{Group: l.Group, Per: l.InForce.Per, Burst: l.InForce.Burst, Window: l.InForce.Window,
			Max: l.InForce.Max, Learned: l.Learned, Remaining: l.Remaining, Updated: l.Updated})
	}
	if len(out) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// LoadLimits reads what saveLimits kept; no file is no knowledge.
func LoadLimits(getenv func(string) string, profile string) ([]api.GroupLimit, error) {
	path, err := LimitsPath(getenv, profile)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var saved []savedLimit
	if err := json.Unmarshal(data, &saved); err != nil {
		return nil, err
	}
	out := make([]api.GroupLimit, 0, len(saved))
	for _, s := range saved {
		out = append(out, api.GroupLimit{Group: s.Group, Learned: s.Learned, Remaining: s.Remaining, Updated: s.Updated,
			InForce: api.Limit{Per: s.Per, Burst: s.Burst, Window: s.Window, Max: s.Max}})
	}
	return out, nil
}

// LimitsKeeper restores a profile's saved limits into t and returns the
// function that saves them back when the session ends.
func LimitsKeeper(getenv func(string) string, profile string, t *api.Transport) func() {
	if saved, err := LoadLimits(getenv, profile); err == nil {
		t.RestoreLimits(saved)
	}
	return func() { _ = SaveLimits(getenv, profile, t.LimitsInForce()) }
}
