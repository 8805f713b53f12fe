package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestStoreErrorsStopStartup: a database this version cannot use (written
// by a newer sellerinbox, or not a database at all) stops the inbox before
// the TUI takes the screen, with the reason on stderr.
func TestStoreErrorsStopStartup(t *testing.T) {
	cases := []struct {
		name  string
		plant func(t *testing.T, path string)
		want  string
	}{
		{"newer schema", func(t *testing.T, path string) {
			st, err := store.Open(context.Background(), path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`INSERT INTO schema_version VALUES (?, 'from the future', 0)`, store.SchemaVersion()+1); err != nil {
				t.Fatal(err)
			}
		}, "upgrade sellerinbox"},
		{"not a database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 100), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "cannot open the database of profile default"},
		// A damaged file: the sentence names it, what it holds, and the way out.
		{"damaged database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 100), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "holds this profile's unsent drafts, the outbox of replies waiting to be sent"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{})
			h.vars[api.EnvWBToken] = sandbox.WBToken
			path, err := store.DefaultPath("default")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			c.plant(t, path)
			var out bytes.Buffer
			env := h.env("")
			env.Stdout = &out
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if code := runTUI(ctx, nil, env); code != 1 {
				t.Fatalf("exit %d, want 1; stderr %s", code, h.stderr.String())
			}
			if !strings.Contains(h.stderr.String(), c.want) {
				t.Errorf("stderr %q lacks %q", h.stderr.String(), c.want)
			}
			if c.name == "damaged database" && (!strings.Contains(h.stderr.String(), path) || !strings.Contains(h.stderr.String(), "move it aside")) {
				t.Errorf("stderr %q does not name %s and the remedy", h.stderr.String(), path)
			}
			if out.Len() != 0 {
				t.Errorf("stdout written: %q", out.String())
			}
		})
	}
}
