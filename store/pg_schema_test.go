package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBothBackendsKnowEveryVersion: a migration added to one backend's list
// only would leave the other one's stores a version behind, refused by
// the newer check of every process of the team.
func TestBothBackendsKnowEveryVersion(t *testing.T) {
	if got, want := pgMigrations[len(pgMigrations)-1].version, SchemaVersion(); got != want {
		t.Fatalf("PostgreSQL's latest migration is %d, SQLite's %d", got, want)
	}
	for i := 1; i < len(pgMigrations); i++ {
		if pgMigrations[i].version != pgMigrations[i-1].version+1 {
			t.Fatalf("PostgreSQL's migrations skip from %d to %d", pgMigrations[i-1].version, pgMigrations[i].version)
		}
	}
}

// TestPostgresSchemaMatchesSQLite: every table of a migrated SQLite store
// has its columns on PostgreSQL too (which adds only rowid, a column
// there, and search's tsvector), so a statement written once reads and
// writes the same columns on both.
func TestPostgresSchemaMatchesSQLite(t *testing.T) {
	u := testPostgresURL()
	if u == "" {
		t.Skip("no PostgreSQL: set SELLERINBOX_TEST_POSTGRES")
	}
	ctx := context.Background()
	lite, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg := openTempPostgres(t, u)
	liteCols := map[string][]string{}
	rows, err := lite.db.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p
		WHERE m.type = 'table' AND m.name NOT LIKE 'search_%' AND m.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		liteCols[table] = append(liteCols[table], col)
	}
	rows.Close()
	// FTS5's columns are not in table_info's rows for a virtual table.
	liteCols["search"] = []string{"body", "kind", "item_id", "at"}
	liteCols["search_version"] = []string{"n"}
	pgCols := map[string][]string{}
	rows, err = pg.db.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if col == "rowid" || (table == "search" && col == "tsv") {
			continue
		}
		pgCols[table] = append(pgCols[table], col)
	}
	rows.Close()
	for table, cols := range liteCols {
		slices.Sort(cols)
		got := pgCols[table]
		slices.Sort(got)
		if !slices.Equal(cols, got) {
			t.Errorf("%s: SQLite has %s, PostgreSQL %s", table, strings.Join(cols, ","), strings.Join(got, ","))
		}
	}
	for table := range pgCols {
		if _, ok := liteCols[table]; !ok {
			t.Errorf("%s is a table on PostgreSQL only", table)
		}
	}
}
