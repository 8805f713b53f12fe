package reply

import (
	"errors"
	"os"
	"path/filepath"
)

// appName is the directory every per-user file of the app lives under.
const appName = "sellerinbox"

// StateDir is where drafts and the outbox live: $XDG_STATE_HOME/sellerinbox,
// else ~/.local/state/sellerinbox. State is not configuration (losing it
// loses work, not settings), hence not the config dir.
func StateDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, appName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("cannot find the home directory for drafts and the outbox; set XDG_STATE_HOME")
	}
	return filepath.Join(home, ".local", "state", appName), nil
}

// ConfigDir is where templates.toml lives: os.UserConfigDir()/sellerinbox
// ($XDG_CONFIG_HOME or ~/.config on Linux).
func ConfigDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", errors.New("cannot find the config directory for templates; set XDG_CONFIG_HOME")
	}
	return filepath.Join(d, appName), nil
}
