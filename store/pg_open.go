package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A team on more than one machine shares one PostgreSQL database. Each
// profile (one seller account's tokens) is a schema of its own in it,
// sellerinbox_<profile>, with the tables a profile's SQLite file has.

// IsPostgresURL reports whether a database setting names PostgreSQL.
func IsPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// SchemaName is the PostgreSQL schema of a profile.
func SchemaName(profile string) string { return "sellerinbox_" + profile }

// RedactURL is a database URL fit for a log or an error: no password.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if strings.Contains(strings.ToLower(k), "password") {
			q.Set(k, "redacted")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// OpenPostgres opens (creating if needed) the schema of a profile in the
// PostgreSQL database at dbURL and migrates it to the latest version.
func OpenPostgres(ctx context.Context, dbURL, profile string, opts Options) (*Store, error) {
	if _, err := DefaultPath(profile); err != nil { // the same names a file may have
		return nil, err
	}
	schema := SchemaName(profile)
	shown := RedactURL(dbURL) + "#" + schema
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		// pgx's error may quote the URL, password and all.
		return nil, fmt.Errorf("store: the database URL %s cannot be read", RedactURL(dbURL))
	}
	cfg.RuntimeParams["search_path"] = pgx.Identifier{schema}.Sanitize()
	// Plans for each statement's own arguments: a generic plan of a text's
	// read walks every search vector (pg_search.go).
	cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, path: shown, now: opts.Now, log: opts.Logger, d: dialect{pg: true},
		pgURL: dbURL, schema: schema, lockKey: advisoryKey(schema)}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: cannot reach %s: %w", shown, scrubErr(err, dbURL))
	}
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{schema}.Sanitize()); err != nil {
		// Two processes creating one schema at once: one of them loses
		// the race on the catalog, and the schema is there all the same.
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23505" {
			db.Close()
			return nil, fmt.Errorf("store: schema %s: %w", schema, scrubErr(err, dbURL))
		}
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, scrubErr(err, dbURL)
	}
	return s, nil
}

// advisoryKey is the number a schema's advisory locks are taken under
// (the writers' lock; the sync lead takes key+1).
func advisoryKey(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte(schema))
	return int64(h.Sum64() &^ 1)
}

// scrubErr keeps the database password out of an error's text.
func scrubErr(err error, dbURL string) error {
	if err == nil {
		return nil
	}
	u, perr := url.Parse(dbURL)
	if perr != nil || u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" || !strings.Contains(err.Error(), pw) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), pw, "***"))
}

// pgWriter makes a PostgreSQL transaction a writer like SQLite's: one at a
// time per profile, across every process on the database. The store's
// read-then-write steps (an item's put, a draft's save) were written for
// SQLite's single writer and stay right under it; readers never wait.
func (s *Store) pgWriter(ctx context.Context, tx *sql.Tx) (*sql.Tx, error) {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, s.lockKey); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// PostgresHasProfile reports whether the database at dbURL holds the
// store of profile (its schema exists), without creating it.
func PostgresHasProfile(ctx context.Context, dbURL, profile string) (bool, error) {
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		return false, fmt.Errorf("store: the database URL %s cannot be read", RedactURL(dbURL))
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, fmt.Errorf("store: cannot reach %s: %w", RedactURL(dbURL), scrubErr(err, dbURL))
	}
	defer conn.Close(context.Background())
	var ok bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1)`, SchemaName(profile)).Scan(&ok)
	return ok, err
}

// OnPostgres reports whether the store is on PostgreSQL: shared by a team
// across machines (the templates live in it then).
func (s *Store) OnPostgres() bool { return s.d.pg }
