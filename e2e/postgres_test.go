package e2e

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// dropPostgresSchema removes a test's profile from the PostgreSQL server.
func dropPostgresSchema(t *testing.T, u, schema string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Errorf("drop %s: %v", schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Errorf("drop %s: %v", schema, err)
	}
}
