package reply

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DraftFiles keeps one small JSON file per draft, each replaced
// atomically: how drafts were kept before the profile's database, and a
// backend that needs nothing but a directory.
type DraftFiles struct {
	dir string
	// mu makes Update atomic per key within the process (files offer no
	// transaction; the database backend does this across processes).
	mu sync.Mutex
}

// draftFile is the on-disk form of a DraftRecord.
type draftFile struct {
	Version int      `json:"v"`
	Key     DraftKey `json:"key"`
	Draft   Draft    `json:"draft"`
	Sent    bool     `json:"sent,omitempty"`
}

// OpenDraftFiles opens (creating) a draft directory; dir "" is
// StateDir()/drafts. Temp files a crashed writer left behind are removed.
func OpenDraftFiles(dir string) (*DraftFiles, error) {
	if dir == "" {
		sd, err := StateDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(sd, "drafts")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the drafts directory: %w", err)
	}
	sweepTemps(dir, time.Now())
	return &DraftFiles{dir: dir}, nil
}

// Dir is the directory holding the drafts.
func (f *DraftFiles) Dir() string { return f.dir }

// fileName hashes the key: item IDs and profile names come from servers and
// users, so they never become path elements themselves.
func (k DraftKey) fileName() string {
	h := sha256.Sum256([]byte(k.Profile + "\x00" + string(k.Marketplace) + "\x00" + string(k.Pane) + "\x00" + k.ItemID))
	return hex.EncodeToString(h[:16]) + ".json"
}

func (f *DraftFiles) path(k DraftKey) string { return filepath.Join(f.dir, k.fileName()) }

// errUnreadable marks a file that exists but does not decode.
var errUnreadable = errors.New("unreadable")

// read returns the record stored for k.
func (f *DraftFiles) read(k DraftKey) (DraftRecord, bool, error) {
	data, err := os.ReadFile(f.path(k))
	if errors.Is(err, os.ErrNotExist) {
		return DraftRecord{}, false, nil
	}
	if err != nil {
		return DraftRecord{}, false, err
	}
	var df draftFile
	if err := json.Unmarshal(data, &df); err != nil {
		return DraftRecord{}, false, fmt.Errorf("the draft of %s is %w: %w", k, errUnreadable, err)
	}
	if df.Key != k { // a hash collision: not this key's draft
		return DraftRecord{}, false, nil
	}
	return DraftRecord{Key: df.Key, Draft: df.Draft, Sent: df.Sent}, true, nil
}

// Get implements DraftBackend.
func (f *DraftFiles) Get(k DraftKey) (DraftRecord, bool, error) { return f.read(k) }

// Update implements DraftBackend.
func (f *DraftFiles) Update(k DraftKey, decide func(DraftRecord, bool) (DraftOp, DraftRecord)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	cur, ok, err := f.read(k)
	if err != nil && !errors.Is(err, errUnreadable) {
		return err
	}
	op, next := decide(cur, ok)
	switch op {
	case DraftRemove:
		return removeFile(f.path(k))
	case DraftWrite:
		data, err := json.Marshal(draftFile{Version: 1, Key: k, Draft: next.Draft, Sent: next.Sent})
		if err != nil {
			return err
		}
		return writeFileAtomic(f.path(k), data, 0o600)
	}
	return nil
}

// each calls fn with every decodable draft file and its path.
func (f *DraftFiles) each(fn func(path string, df draftFile)) error {
	ents, err := os.ReadDir(f.dir)
	if err != nil {
		return err
	}
	for _, de := range ents {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || !de.Type().IsRegular() {
			continue
		}
		p := filepath.Join(f.dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var df draftFile
		if json.Unmarshal(data, &df) != nil || df.Key.fileName() != name {
			continue
		}
		fn(p, df)
	}
	return nil
}

// List implements DraftBackend.
func (f *DraftFiles) List(profile string) ([]DraftRecord, error) {
	var out []DraftRecord
	err := f.each(func(_ string, df draftFile) {
		if profile == "" || df.Key.Profile == profile {
			out = append(out, DraftRecord{Key: df.Key, Draft: df.Draft, Sent: df.Sent})
		}
	})
	return out, err
}

// SweepTombstones implements DraftBackend.
func (f *DraftFiles) SweepTombstones(cutoff time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var errs []error
	err := f.each(func(p string, df draftFile) {
		if df.Sent && df.Draft.UpdatedAt.Before(cutoff) {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				errs = append(errs, err)
			}
		}
	})
	return errors.Join(append(errs, err)...)
}
