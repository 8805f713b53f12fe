package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestPostgresURLNeverShowsThePassword: the URL a store names in its
// logs and errors has no password, whether the server is unreachable or
// the URL unreadable.
func TestPostgresURLNeverShowsThePassword(t *testing.T) {
	for _, u := range []string{
		"postgres://team:s3cret@127.0.0.1:1/inbox",
		"postgres://team@127.0.0.1:1/inbox?password=s3cret",
	} {
		if r := RedactURL(u); strings.Contains(r, "s3cret") || !strings.Contains(r, "127.0.0.1:1") {
			t.Errorf("RedactURL(%q) = %q", u, r)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := OpenPostgres(ctx, u, "work", Options{})
		cancel()
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("OpenPostgres(%q): %v", RedactURL(u), err)
		}
	}
	if _, err := OpenPostgres(context.Background(), "postgres://team:s3cret@[bad", "work", Options{}); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("an unreadable URL: %v", err)
	}
}

func TestRebindNumbersPlaceholders(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT ? , ?`, `SELECT $1 , $2`},
		{`WHERE ?1 = '' OR profile = ?1`, `WHERE $1 = '' OR profile = $1`},
		{`SELECT '?', "a?b", ? -- what?` + "\n" + `, ?`, `SELECT '?', "a?b", $1 -- what?` + "\n" + `, $2`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`AS $$ SELECT ? $$, ?`, `AS $$ SELECT ? $$, $1`},
		{`SELECT 1`, `SELECT 1`},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
