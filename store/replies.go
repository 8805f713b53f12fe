package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/sellerinbox/sellerinbox/reply"
)

// ReplyOptions configure OpenReplies.
type ReplyOptions struct {
	// Profile is whose replies this database keeps: only its files are
	// imported.
	Profile string
	// LegacyDir holds the drafts/ and outbox/ directories of versions
	// that kept them in files; "" is reply.StateDir().
	LegacyDir string
	// Outbox tunes the outbox; OpenReplies sets its Backend and Drafts.
	Outbox reply.OutboxOptions
}

// OpenReplies opens the profile's drafts and outbox over this database
// (sends left from a previous run resume). The first time it does so for
// a profile, it moves in that profile's drafts and entries from the files
// earlier versions kept them in; what could not be moved is reported by
// the outbox's Problems.
func (s *Store) OpenReplies(ctx context.Context, o ReplyOptions) (*reply.DraftStore, *reply.Outbox, error) {
	drafts, outbox := s.DraftBackend(), s.OutboxBackend()
	problems, err := s.importReplyFiles(ctx, o, drafts, outbox)
	if err != nil {
		return nil, nil, err
	}
	ds := reply.NewDraftStore(drafts)
	opts := o.Outbox
	opts.Backend, opts.Drafts = outbox, ds
	opts.Problems = append(problems, opts.Problems...)
	ob, err := reply.OpenOutbox(opts)
	if err != nil {
		return nil, nil, err
	}
	return ds, ob, nil
}

// importReplyFiles runs reply.ImportFiles once per profile. The mark is
// written only after the files were moved, so a crash half-way moves the
// rest next time (moving again is harmless).
func (s *Store) importReplyFiles(ctx context.Context, o ReplyOptions, drafts reply.DraftBackend, outbox reply.OutboxBackend) ([]error, error) {
	var done int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM reply_imports WHERE profile = ?`, o.Profile).Scan(&done)
	switch {
	case err == nil:
		return nil, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("store: %w", err)
	}
	dir := o.LegacyDir
	if dir == "" {
		if dir, err = reply.StateDir(); err != nil {
			return nil, nil // no home directory: no files of an earlier version either
		}
	}
	im, err := reply.ImportFiles(dir, o.Profile, drafts, outbox)
	if err != nil {
		return nil, fmt.Errorf("store: moving the drafts and outbox of profile %s into the database: %w", o.Profile, err)
	}
	_, err = s.exec(ctx, `INSERT INTO reply_imports(profile, drafts, entries, at) VALUES (?, ?, ?, ?)
		ON CONFLICT(profile) DO NOTHING`, o.Profile, im.Drafts, im.Entries, ms(s.now()))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return im.Problems, nil
}
