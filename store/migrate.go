package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migration upgrades the schema by one version inside one transaction.
// Migrations are append-only: a released one is never edited, because
// databases in the field have already run it (testdata/v1.sql is such a
// database, frozen).
type migration struct {
	version int
	name    string
	up      func(ctx context.Context, tx *sql.Tx) error
}

var migrations = []migration{
	{1, "items, chat events and sync cursors", execAll(schemaV1)},
	{2, "full-text search and inbox order", migrateV2},
	{3, "drafts and the outbox", execAll(schemaV3)},
	{4, "outbox leases; items a sync resolved", execAll(schemaV4)},
	{5, "search ignores invisible characters", reindexSearch},
	{6, "pane query columns", migrateQueryColumns},
	{7, "YM orders fetched on demand", execAll(schemaV7)},
	{8, "item counts kept by triggers", execAll(schemaV8)},
	{9, "chats the events cannot vouch for need action", rederiveChats},
	{10, "search documents keyed by kind; the version of what texts match", migrateSearchKeys},
	{11, "the audit of settled replies", execAll(schemaV11)},
	{12, "YM returns carry no invented deadline", execAll(schemaV12)},
	{13, "settings of the UI (the split's width); product names by article", execAll(schemaV13)},
	{14, "the team inbox's assignments", execAll(schemaV14)},
	{15, "the team's presence, shared by every process", execAll(schemaV15)},
}

// SchemaVersion is the version a fully migrated database has.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

// ErrNewerSchema: the database was written by a newer sellerinbox, whose
// schema this one does not know; it is left untouched.
type ErrNewerSchema struct{ Have, Know int }

func (e *ErrNewerSchema) Error() string {
	return fmt.Sprintf("store: the database has schema version %d, newer than the %d this sellerinbox knows; upgrade sellerinbox", e.Have, e.Know)
}

const schemaVersionTable = `CREATE TABLE IF NOT EXISTS schema_version (
	version INTEGER PRIMARY KEY,
	name    TEXT    NOT NULL,
	applied INTEGER NOT NULL -- Unix ms
)`

func (s *Store) migrate(ctx context.Context) error {
	table, list := schemaVersionTable, migrations
	if s.d.pg {
		table, list = strings.Replace(schemaVersionTable, "applied INTEGER", "applied BIGINT", 1), pgMigrations
	}
	if _, err := s.exec(ctx, table); err != nil {
		return fmt.Errorf("store: schema_version: %w", err)
	}
	for i, m := range list {
		// The version is read again inside each write transaction, so two
		// processes opening one database cannot both apply a migration.
		err := s.write(ctx, func(tx *sql.Tx) error {
			cur, err := currentVersion(ctx, tx)
			if err != nil {
				return err
			}
			if cur > SchemaVersion() {
				return &ErrNewerSchema{Have: cur, Know: SchemaVersion()}
			}
			if cur >= m.version {
				return nil
			}
			if cur != m.version-1 && !(i == 0 && cur == 0) {
				return fmt.Errorf("store: schema version %d cannot be upgraded to %d", cur, m.version)
			}
			if err := m.up(ctx, tx); err != nil {
				return fmt.Errorf("store: migration %d (%s): %w", m.version, m.name, err)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_version(version, name, applied) VALUES (?, ?, ?)`,
				m.version, m.name, ms(s.now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func currentVersion(ctx context.Context, q querier) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return int(v.Int64), nil
}

// Version reports the database's schema version.
func (s *Store) Version(ctx context.Context) (int, error) { return currentVersion(ctx, s.db) }

func execAll(stmts []string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
}

var schemaV1 = []string{
	`CREATE TABLE items (
		marketplace  TEXT    NOT NULL,
		kind         TEXT    NOT NULL,
		id           TEXT    NOT NULL,
		at           INTEGER NOT NULL, -- Unix ms the pane sorts by: the newest activity
		created      INTEGER NOT NULL,
		updated      INTEGER NOT NULL,
		needs_action INTEGER NOT NULL DEFAULT 0,
		deadline     INTEGER,          -- Unix ms; NULL when there is none
		nm_id        INTEGER NOT NULL DEFAULT 0,
		article      TEXT    NOT NULL DEFAULT '',
		rating       INTEGER NOT NULL DEFAULT 0,
		chat_id      TEXT    NOT NULL DEFAULT '',
		title        TEXT    NOT NULL DEFAULT '',
		snippet      TEXT    NOT NULL DEFAULT '',
		data         BLOB    NOT NULL, -- the model as JSON
		seen         INTEGER NOT NULL DEFAULT 0, -- the sync sweep that last saw it
		PRIMARY KEY (marketplace, kind, id)
	)`,
	`CREATE INDEX items_by_at ON items(kind, at DESC, id DESC)`,
	`CREATE INDEX items_by_state ON items(kind, needs_action, at DESC, id DESC)`,
	`CREATE TABLE chat_events (
		event_id TEXT    PRIMARY KEY,
		chat_id  TEXT    NOT NULL,
		at       INTEGER NOT NULL,
		sender   TEXT    NOT NULL,
		data     BLOB    NOT NULL
	)`,
	`CREATE INDEX chat_events_by_chat ON chat_events(chat_id, at)`,
	`CREATE INDEX chat_events_by_sender ON chat_events(chat_id, sender, at)`,
	`CREATE TABLE cursors (
		name    TEXT    PRIMARY KEY,
		value   TEXT    NOT NULL,
		updated INTEGER NOT NULL
	)`,
}

// migrateV2 adds the full-text index and the inbox order, and fills both
// from the items already stored: version 1 kept no search text, so it is
// derived again from each item's JSON.
func migrateV2(ctx context.Context, tx *sql.Tx) error {
	err := execAll([]string{
		`ALTER TABLE items ADD COLUMN due INTEGER`,
		`CREATE INDEX items_inbox ON items(due) WHERE needs_action = 1`,
		// remove_diacritics 2 does not fold ё into е (checked on SQLite
		// 3.54), so foldText does that before indexing and querying.
		`CREATE VIRTUAL TABLE search USING fts5(
			body, kind UNINDEXED, item_id UNINDEXED, at UNINDEXED,
			tokenize = 'unicode61 remove_diacritics 2'
		)`,
		`UPDATE items SET due = coalesce(deadline, ` + noDeadlineSQL + ` + created)`,
	})(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT rowid, kind, id, at, data FROM items`)
	if err != nil {
		return err
	}
	type doc struct {
		rowid int64
		kind  Kind
		id    string
		at    int64
		data  []byte
	}
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.rowid, &d.kind, &d.id, &d.at, &d.data); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range docs {
		body, err := searchBody(d.kind, d.data)
		if err != nil {
			return fmt.Errorf("%s %s: %w", d.kind, d.id, err)
		}
		if err := indexDoc(ctx, tx, d.rowid, d.kind, d.id, d.at, body); err != nil {
			return err
		}
	}
	erows, err := tx.QueryContext(ctx, `SELECT rowid, chat_id, at, data FROM chat_events`)
	if err != nil {
		return err
	}
	var events []doc
	for erows.Next() {
		var d doc
		if err := erows.Scan(&d.rowid, &d.id, &d.at, &d.data); err != nil {
			erows.Close()
			return err
		}
		events = append(events, d)
	}
	erows.Close()
	if err := erows.Err(); err != nil {
		return err
	}
	for _, d := range events {
		body, err := eventBody(d.data)
		if err != nil {
			return fmt.Errorf("chat event of %s: %w", d.id, err)
		}
		if err := indexDoc(ctx, tx, -d.rowid, KindChat, d.id, d.at, body); err != nil {
			return err
		}
	}
	return nil
}

// schemaV3 moves drafts and the outbox from files into the database. An
// outbox entry is kept whole as JSON (data), like its file was.
var schemaV3 = []string{
	`CREATE TABLE drafts (
		profile     TEXT    NOT NULL,
		marketplace TEXT    NOT NULL,
		pane        TEXT    NOT NULL,
		item_id     TEXT    NOT NULL,
		text        TEXT    NOT NULL DEFAULT '',
		files       TEXT    NOT NULL DEFAULT 'null', -- JSON array of paths
		action      TEXT    NOT NULL DEFAULT '',
		updated     INTEGER NOT NULL, -- Unix ns: saves milliseconds apart must still order
		sent        INTEGER NOT NULL DEFAULT 0, -- a tombstone: the reply was delivered at updated
		PRIMARY KEY (profile, marketplace, pane, item_id)
	)`,
	`CREATE TABLE outbox (
		id      TEXT    PRIMARY KEY,
		profile TEXT    NOT NULL,
		kind    TEXT    NOT NULL,
		item_id TEXT    NOT NULL,
		state   TEXT    NOT NULL,
		created INTEGER NOT NULL, -- Unix ns
		data    BLOB    NOT NULL  -- the reply.Entry as JSON
	)`,
	`CREATE INDEX outbox_by_item ON outbox(profile, kind, item_id)`,
	// One row per profile whose drafts and outbox files were moved in.
	`CREATE TABLE reply_imports (
		profile TEXT    PRIMARY KEY,
		drafts  INTEGER NOT NULL,
		entries INTEGER NOT NULL,
		at      INTEGER NOT NULL -- Unix ms
	)`,
}

// schemaV4 lets one process claim an outbox entry before sending it, so
// that two windows on one profile never both send it (see
// outboxRows.Claim; an empty owner is no lease), and marks items a sync
// resolved because it did not see them, so that they come back when a
// later sync does (see markUnseen).
var schemaV4 = []string{
	`ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT ''`,
	`ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0`, // Unix ms
	`ALTER TABLE items ADD COLUMN unseen INTEGER NOT NULL DEFAULT 0`,
}

// schemaV7 keeps the YM orders the syncer fetched for returns (an order is
// read when its return is opened, not listed).
var schemaV7 = []string{
	`CREATE TABLE ym_orders (
		id      INTEGER PRIMARY KEY,
		fetched INTEGER NOT NULL, -- Unix ms
		data    BLOB    NOT NULL  -- models.YMOrder as JSON
	)`,
}

// rederiveChats judges every stored chat again: up to version 7 a chat
// needed action only when the buyer wrote last, so chats the events feed
// cannot vouch for (no events, a newer last message) were left out of
// the badge, the "needs reply" filter and the inbox.
func rederiveChats(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM items WHERE marketplace = 'wb' AND kind = 'chat'`)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rf, err := newChatRefresher(ctx, sqliteDialect, tx)
	if err != nil {
		return err
	}
	defer rf.close()
	for _, id := range ids {
		if err := rf.refresh(id); err != nil {
			return err
		}
	}
	return nil
}
