package reply

import (
	"fmt"
	"slices"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Pane names the list an item belongs to; drafts are keyed by it. It is
// the shared vocabulary of package models.
type Pane = models.Pane

const (
	PaneReturns   = models.PaneReturns
	PaneQuestions = models.PaneQuestions
	PaneFeedbacks = models.PaneFeedbacks
	PaneChats     = models.PaneChats
	PaneClaims    = models.PaneClaims
)

// Panes lists every pane in display order.
var Panes = models.Panes

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

// DraftOwner is the name drafts are kept under: the profile, or in the
// team inbox the profile and the agent, so that two agents writing to one
// buyer each keep their own text and a restart gives each theirs back.
// A profile name never contains '/' (keys.CheckProfile), so no
// profile's drafts can be taken for an agent's.
func DraftOwner(profile, agent string) string {
	if agent == "" {
		return profile
	}
	return profile + "/" + agent
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

// tombstoneTTL is how long a tombstone guards against late saves; saves
// are debounced by about a second, so a day is generous.
const tombstoneTTL = 24 * time.Hour

// DraftStore keeps one draft per item over a DraftBackend (files, or the
// profile's database). It is safe for concurrent use; several tea.Cmds may
// save at once, and the backend's Update keeps each key consistent.
type DraftStore struct {
	b DraftBackend
}

// NewDraftStore keeps drafts in b. Tombstones old enough that no save can
// race them any more are swept first; a failed sweep only leaves them.
func NewDraftStore(b DraftBackend) *DraftStore {
	_ = b.SweepTombstones(time.Now().Add(-tombstoneTTL))
	return &DraftStore{b: b}
}

// OpenDrafts keeps drafts in files under dir (creating it); dir "" is
// StateDir()/drafts.
func OpenDrafts(dir string) (*DraftStore, error) {
	b, err := OpenDraftFiles(dir)
	if err != nil {
		return nil, err
	}
	return NewDraftStore(b), nil
}

// Put saves d for k. An empty draft deletes it (the user cleared the
// editor). A draft older than the one stored is ignored: saves issued from
// different tea.Cmds may finish out of order, and the newest text must win.
func (s *DraftStore) Put(k DraftKey, d Draft) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	err := s.b.Update(k, func(cur DraftRecord, ok bool) (DraftOp, DraftRecord) {
		switch {
		case ok && cur.Draft.UpdatedAt.After(d.UpdatedAt):
			return DraftKeep, cur
		case d.Empty():
			return DraftRemove, DraftRecord{}
		}
		return DraftWrite, DraftRecord{Key: k, Draft: d}
	})
	if err != nil {
		return fmt.Errorf("cannot save the draft: %w", err)
	}
	return nil
}

// Get returns the draft of k; ok is false when there is none.
func (s *DraftStore) Get(k DraftKey) (Draft, bool, error) {
	rec, ok, err := s.b.Get(k)
	if err != nil || !ok || rec.Sent {
		return Draft{}, false, err
	}
	return rec.Draft, true, nil
}

// Delete removes the draft of k, if any.
func (s *DraftStore) Delete(k DraftKey) error {
	return s.b.Update(k, func(DraftRecord, bool) (DraftOp, DraftRecord) { return DraftRemove, DraftRecord{} })
}

// deleteSent removes the draft of a reply that the marketplace confirmed,
// unless the user has since written something else for the same item:
// that is new work, not the text that was sent.
func (s *DraftStore) deleteSent(k DraftKey, text string, queued time.Time) error {
	return s.b.Update(k, func(cur DraftRecord, ok bool) (DraftOp, DraftRecord) {
		switch {
		case ok && !cur.Sent && cur.Draft.Text != text && cur.Draft.UpdatedAt.After(queued):
			return DraftKeep, cur
		case ok && cur.Sent && cur.Draft.UpdatedAt.After(queued):
			// A later delivery's tombstone already guards longer.
			return DraftKeep, cur
		}
		// Even with no draft stored yet a tombstone is written: the
		// debouncer may be about to save the text that was just delivered.
		return DraftWrite, DraftRecord{Key: k, Draft: Draft{UpdatedAt: queued}, Sent: true}
	})
}

// List returns the drafts of a profile ("" for all), newest first; the UI
// marks these items in its lists. Unreadable drafts are skipped.
func (s *DraftStore) List(profile string) ([]StoredDraft, error) {
	recs, err := s.b.List(profile)
	if err != nil {
		return nil, err
	}
	out := make([]StoredDraft, 0, len(recs))
	for _, r := range recs {
		if !r.Sent && (profile == "" || r.Key.Profile == profile) {
			out = append(out, StoredDraft{Key: r.Key, Draft: r.Draft})
		}
	}
	slices.SortFunc(out, func(a, b StoredDraft) int { return b.Draft.UpdatedAt.Compare(a.Draft.UpdatedAt) })
	return out, nil
}
