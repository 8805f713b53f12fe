package reply

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// OutboxFiles keeps one JSON file per outbox entry, each replaced
// atomically: how the outbox was kept before the profile's database, and
// a backend that needs nothing but a directory.
type OutboxFiles struct {
	dir string
}

// OpenOutboxFiles opens (creating) an outbox directory; dir "" is
// StateDir()/outbox. Temp files a crashed writer left behind are removed.
func OpenOutboxFiles(dir string) (*OutboxFiles, error) {
	if dir == "" {
		sd, err := StateDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(sd, "outbox")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the outbox directory: %w", err)
	}
	sweepTemps(dir, time.Now())
	return &OutboxFiles{dir: dir}, nil
}

// Dir is the directory holding the entries.
func (f *OutboxFiles) Dir() string { return f.dir }

func (f *OutboxFiles) path(id string) string { return filepath.Join(f.dir, id+".json") }

// Save implements OutboxBackend.
func (f *OutboxFiles) Save(e Entry) error {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(f.path(e.ID), data, 0o600)
}

// Remove implements OutboxBackend.
func (f *OutboxFiles) Remove(id string) error { return removeFile(f.path(id)) }

// Load implements OutboxBackend.
func (f *OutboxFiles) Load() ([]Entry, []error, error) {
	ents, err := os.ReadDir(f.dir)
	if err != nil {
		return nil, nil, err
	}
	var out []Entry
	var problems []error
	for _, de := range ents {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(f.dir, name))
		var e Entry
		if err == nil {
			err = json.Unmarshal(data, &e)
		}
		if err == nil && e.ID+".json" != name {
			err = errors.New("its ID does not match the file name")
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("outbox entry %s is unreadable and was skipped: %w", name, err))
			continue
		}
		out = append(out, e)
	}
	return out, problems, nil
}
