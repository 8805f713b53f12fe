package reply

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Imported is what ImportFiles moved.
type Imported struct {
	Drafts  int // drafts and tombstones
	Entries int // outbox entries
	// Problems are files left behind: unreadable, or not removable.
	Problems []error
}

// ImportFiles moves one profile's drafts and outbox entries out of the
// directories where versions before the profile's database kept them
// (dir/drafts and dir/outbox; dir "" is StateDir()) into drafts and
// outbox, then removes the files it moved. Other profiles' files stay
// until those profiles are opened. Nothing is created when the
// directories do not exist.
//
// Moving can be repeated after a crash half-way: a draft never replaces
// newer text already in drafts, and an entry whose ID outbox already
// holds is not written again, since the copy there may have moved on.
// err means the destination refused a write; files not yet moved stay.
func ImportFiles(dir, profile string, drafts DraftBackend, outbox OutboxBackend) (Imported, error) {
	var im Imported
	if dir == "" {
		sd, err := StateDir()
		if err != nil {
			return im, err
		}
		dir = sd
	}
	if err := importDrafts(filepath.Join(dir, "drafts"), profile, drafts, &im); err != nil {
		return im, err
	}
	if err := importOutbox(filepath.Join(dir, "outbox"), profile, outbox, &im); err != nil {
		return im, err
	}
	return im, nil
}

// existingDir reports whether dir is there to import from.
func existingDir(dir string) (bool, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	}
	return fi.IsDir(), nil
}

func importDrafts(dir, profile string, dst DraftBackend, im *Imported) error {
	if ok, err := existingDir(dir); !ok || err != nil {
		return err
	}
	sweepTemps(dir, time.Now())
	src := &DraftFiles{dir: dir}
	recs, err := src.List(profile)
	if err != nil {
		return fmt.Errorf("cannot read the old drafts: %w", err)
	}
	for _, rec := range recs {
		// The same rule as Put: a newer record in the database wins, and
		// an empty draft is no draft.
		err := dst.Update(rec.Key, func(cur DraftRecord, ok bool) (DraftOp, DraftRecord) {
			if (ok && cur.Draft.UpdatedAt.After(rec.Draft.UpdatedAt)) || (!rec.Sent && rec.Draft.Empty()) {
				return DraftKeep, cur
			}
			return DraftWrite, rec
		})
		if err != nil {
			return fmt.Errorf("cannot move the draft of %s: %w", rec.Key, err)
		}
		im.Drafts++
		if err := removeFile(src.path(rec.Key)); err != nil {
			im.Problems = append(im.Problems, fmt.Errorf("the draft of %s was moved but its old file stays: %w", rec.Key, err))
		}
	}
	_ = os.Remove(dir) // only succeeds once no profile has files left
	return nil
}

func importOutbox(dir, profile string, dst OutboxBackend, im *Imported) error {
	if ok, err := existingDir(dir); !ok || err != nil {
		return err
	}
	sweepTemps(dir, time.Now())
	src := &OutboxFiles{dir: dir}
	entries, problems, err := src.Load()
	if err != nil {
		return fmt.Errorf("cannot read the old outbox: %w", err)
	}
	im.Problems = append(im.Problems, problems...)
	have, _, err := dst.Load()
	if err != nil {
		return fmt.Errorf("cannot read the outbox: %w", err)
	}
	held := make(map[string]bool, len(have))
	for _, e := range have {
		held[e.ID] = true
	}
	for _, e := range entries {
		if e.Profile != profile {
			continue
		}
		if !held[e.ID] {
			if err := dst.Save(e); err != nil {
				return fmt.Errorf("cannot move outbox entry %s: %w", e.ID, err)
			}
			im.Entries++
		}
		if err := src.Remove(e.ID); err != nil {
			im.Problems = append(im.Problems, fmt.Errorf("outbox entry %s was moved but its old file stays: %w", e.ID, err))
		}
	}
	_ = os.Remove(dir)
	return nil
}
