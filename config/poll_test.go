package config

import (
	"testing"
	"time"
)

func TestPollInterval(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", time.Minute, true},
		{"2m", 2 * time.Minute, true},
		{"15s", 15 * time.Second, true},
		{"14s", 0, false},
		{"soon", 0, false},
	} {
		cfg := Default()
		cfg.PollInterval = c.in
		got, err := cfg.Poll()
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%q: %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestUndoSeconds(t *testing.T) {
	def, err := Parse("config.toml", []byte("language = \"ru\"\n"))
	if err != nil || def.Undo() != 5*time.Second {
		t.Errorf("default undo window %v, %v", def.Undo(), err)
	}
	off, err := Parse("config.toml", []byte("undo_seconds = 0\n"))
	if err != nil || off.Undo() != 0 {
		t.Errorf("undo_seconds = 0: %v, %v", off.Undo(), err)
	}
}
