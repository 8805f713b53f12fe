//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestDatabaseFilesArePrivate: the -wal and -shm files hold the same
// drafts and buyer text as the database, so they get its 0600 too, also
// under a permissive umask and for a database an earlier version made.
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	check := func(path string) {
		t.Helper()
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(f)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("%s has mode %o, want 600", filepath.Base(f), m)
			}
		}
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fresh.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PutClaims(ctx, []models.Claim{{ID: "c1", Actions: []models.ClaimAction{models.ClaimApprove1}}}, false); err != nil {
		t.Fatal(err)
	}
	check(path)

	// An earlier version's database, left 0644 with its WAL files.
	older := filepath.Join(t.TempDir(), "older.db")
	o, err := Open(ctx, older, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.PutClaims(ctx, []models.Claim{{ID: "c1"}}, false); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{older, older + "-wal", older + "-shm"} {
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o2, err := Open(ctx, older, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer o2.Close()
	defer o.Close()
	check(older)
}
