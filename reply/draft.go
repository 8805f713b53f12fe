package reply

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Pane names the list an item belongs to; drafts are keyed by it.
type Pane string

const (
	PaneReturns   Pane = "returns"
	PaneQuestions Pane = "questions"
	PaneFeedbacks Pane = "feedbacks"
	PaneChats     Pane = "chats"
	PaneClaims    Pane = "claims"
)

// Panes lists every pane in display order.
var Panes = []Pane{PaneReturns, PaneQuestions, PaneFeedbacks, PaneChats, PaneClaims}

// DraftKey addresses the one draft an item can have.
type DraftKey struct {
	Profile     string          `json:"profile"`
	Marketplace api.Marketplace `json:"marketplace"`
	Pane        Pane            `json:"pane"`
	ItemID      string          `json:"itemId"`
}

func (k DraftKey) String() string {
	return fmt.Sprintf("%s/%s/%s/%s", k.Profile, k.Marketplace, k.Pane, k.ItemID)
}

// fileName hashes the key: item IDs and profile names come from servers and
// users, so they never become path elements themselves.
func (k DraftKey) fileName() string {
	h := sha256.Sum256([]byte(k.Profile + "\x00" + string(k.Marketplace) + "\x00" + string(k.Pane) + "\x00" + k.ItemID))
	return hex.EncodeToString(h[:16]) + ".json"
}

// Draft is unsent editor content. Files are paths on this machine.
type Draft struct {
	Text      string    `json:"text"`
	Files     []string  `json:"files,omitempty"`
	Action    string    `json:"action,omitempty"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Empty reports whether there is nothing worth keeping.
func (d Draft) Empty() bool { return d.Text == "" && len(d.Files) == 0 && d.Action == "" }

// StoredDraft is a draft with its key, as List returns them.
type StoredDraft struct {
	Key   DraftKey
	Draft Draft
}

type draftFile struct {
	Version int      `json:"v"`
	Key     DraftKey `json:"key"`
	Draft   Draft    `json:"draft"`
	// Sent marks a tombstone: the draft's reply was delivered at
	// Draft.UpdatedAt. It outlives the draft so that a save already in
	// flight when the marketplace confirmed cannot bring the text back.
	Sent bool `json:"sent,omitempty"`
}

// tombstoneTTL is how long a tombstone guards against late saves; saves
// are debounced by about a second, so a day is generous.
const tombstoneTTL = 24 * time.Hour

// DraftStore keeps one small file per draft, each replaced atomically.
// It is safe for concurrent use; several tea.Cmds may save at once.
type DraftStore struct {
	dir string
	// mu orders writes so that a slow older save cannot overwrite a newer
	// one (see Put).
	mu sync.Mutex
}

// OpenDrafts opens (creating) the draft directory; dir "" is
// StateDir()/drafts.
func OpenDrafts(dir string) (*DraftStore, error) {
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
	s := &DraftStore{dir: dir}
	s.sweepTombstones(time.Now())
	return s, nil
}

// Dir is the directory holding the drafts.
func (s *DraftStore) Dir() string { return s.dir }

func (s *DraftStore) path(k DraftKey) string { return filepath.Join(s.dir, k.fileName()) }

// Put saves d for k. An empty draft deletes it (the user cleared the
// editor). A draft older than the one stored is ignored: saves issued from
// different tea.Cmds may finish out of order, and the newest text must win.
func (s *DraftStore) Put(k DraftKey, d Draft) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok, err := s.readFile(k); err == nil && ok && old.Draft.UpdatedAt.After(d.UpdatedAt) {
		return nil
	}
	if d.Empty() {
		return removeFile(s.path(k))
	}
	data, err := json.Marshal(draftFile{Version: 1, Key: k, Draft: d})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.path(k), data, 0o600); err != nil {
		return fmt.Errorf("cannot save the draft: %w", err)
	}
	return nil
}

// Get returns the draft of k; ok is false when there is none.
func (s *DraftStore) Get(k DraftKey) (Draft, bool, error) { return s.read(k) }

func (s *DraftStore) read(k DraftKey) (Draft, bool, error) {
	f, ok, err := s.readFile(k)
	if err != nil || !ok || f.Sent {
		return Draft{}, false, err
	}
	return f.Draft, true, nil
}

// readFile returns the stored file of k, tombstones included.
func (s *DraftStore) readFile(k DraftKey) (draftFile, bool, error) {
	data, err := os.ReadFile(s.path(k))
	if errors.Is(err, os.ErrNotExist) {
		return draftFile{}, false, nil
	}
	if err != nil {
		return draftFile{}, false, err
	}
	var f draftFile
	if err := json.Unmarshal(data, &f); err != nil {
		return draftFile{}, false, fmt.Errorf("the draft of %s is unreadable: %w", k, err)
	}
	if f.Key != k { // a hash collision: not this key's draft
		return draftFile{}, false, nil
	}
	return f, true, nil
}

// Delete removes the draft of k, if any.
func (s *DraftStore) Delete(k DraftKey) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return removeFile(s.path(k))
}

// deleteSent removes the draft of a reply that the marketplace confirmed,
// unless the user has since written something else for the same item:
// that is new work, not the text that was sent.
func (s *DraftStore) deleteSent(k DraftKey, text string, queued time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok, err := s.read(k)
	if err != nil {
		return err
	}
	if ok && d.Text != text && d.UpdatedAt.After(queued) {
		return nil
	}
	// Even with no file yet a tombstone is written: the debouncer may be
	// about to save the text that was just delivered.
	data, err := json.Marshal(draftFile{Version: 1, Key: k, Draft: Draft{UpdatedAt: queued}, Sent: true})
	if err != nil {
		return err
	}
	return writeFileAtomic(s.path(k), data, 0o600)
}

// sweepTombstones removes tombstones old enough that no save can race them.
func (s *DraftStore) sweepTombstones(now time.Time) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, de := range ents {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || !de.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.dir, name))
		if err != nil {
			continue
		}
		var f draftFile
		if json.Unmarshal(data, &f) == nil && f.Sent && now.Sub(f.Draft.UpdatedAt) > tombstoneTTL {
			_ = os.Remove(filepath.Join(s.dir, name))
		}
	}
}

// List returns the drafts of a profile ("" for all), newest first; the UI
// marks these items in its lists. Unreadable files are skipped.
func (s *DraftStore) List(profile string) ([]StoredDraft, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var out []StoredDraft
	for _, de := range ents {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || !de.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.dir, name))
		if err != nil {
			continue
		}
		var f draftFile
		if json.Unmarshal(data, &f) != nil || f.Key.fileName() != name || f.Sent {
			continue
		}
		if profile != "" && f.Key.Profile != profile {
			continue
		}
		out = append(out, StoredDraft{Key: f.Key, Draft: f.Draft})
	}
	slices.SortFunc(out, func(a, b StoredDraft) int { return b.Draft.UpdatedAt.Compare(a.Draft.UpdatedAt) })
	return out, nil
}
