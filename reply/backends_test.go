package reply_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
)

// backend is one place drafts and the outbox can live. The tests that
// matter run over every backend; opening the same dir again is what a
// restart of the app does.
type backend struct {
	name string
	open func(t testing.TB, dir string) (reply.DraftBackend, reply.OutboxBackend)
	// corruptEntry plants an outbox entry id that cannot be decoded.
	corruptEntry func(t testing.TB, dir, id string)
}

var backends = []backend{
	{name: "files", open: openFiles, corruptEntry: corruptEntryFile},
	{name: "sqlite", open: openSQLite, corruptEntry: corruptEntryRow},
}

// forBackends runs f as one subtest per backend.
func forBackends(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

func backendNamed(name string) (backend, bool) {
	for _, b := range backends {
		if b.name == name {
			return b, true
		}
	}
	return backend{}, false
}

func openFiles(t testing.TB, dir string) (reply.DraftBackend, reply.OutboxBackend) {
	t.Helper()
	d, err := reply.OpenDraftFiles(filepath.Join(dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := reply.OpenOutboxFiles(filepath.Join(dir, "outbox"))
	if err != nil {
		t.Fatal(err)
	}
	return d, o
}

func dbPath(dir string) string { return filepath.Join(dir, "profile.db") }

func openSQLite(t testing.TB, dir string) (reply.DraftBackend, reply.OutboxBackend) {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath(dir), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.DraftBackend(), st.OutboxBackend()
}

func corruptEntryFile(t testing.TB, dir, id string) {
	t.Helper()
	writeRaw(t, filepath.Join(dir, "outbox", id+".json"), `{"id":"`+id)
}

func corruptEntryRow(t testing.TB, dir, id string) {
	t.Helper()
	db, err := sql.Open("sqlite", dbPath(dir)) // the driver store registers
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO outbox(id, profile, kind, item_id, state, created, data) VALUES (?, 'main', 'x', 'x', 'queued', 1, ?)`,
		id, `{"id":"`+id); err != nil {
		t.Fatal(err)
	}
}

// openDrafts is a DraftStore over the backend's drafts in dir.
func openDrafts(t testing.TB, b backend, dir string) *reply.DraftStore {
	t.Helper()
	d, _ := b.open(t, dir)
	return reply.NewDraftStore(d)
}

// testOutbox opens the outbox in dir with a fake clock, a fixed jitter
// (the top of the range) and a 1 s .. 1 min backoff; it also returns the
// backend, for reading what was persisted.
func testOutbox(t testing.TB, b backend, dir string, clock *fakeClock, mod func(*reply.OutboxOptions)) (*reply.Outbox, reply.OutboxBackend) {
	t.Helper()
	_, ob := b.open(t, dir)
	opts := reply.OutboxOptions{
		Backend: ob, Now: clock.Now, Backoff: reply.Backoff{Base: time.Second, Max: time.Minute},
		Jitter: func(d time.Duration) time.Duration { return d }, MaxAttempts: 5,
	}
	if mod != nil {
		mod(&opts)
	}
	o, err := reply.OpenOutbox(opts)
	if err != nil {
		t.Fatalf("open outbox: %v", err)
	}
	return o, ob
}

// stored is the entry as persisted, read back through the backend.
func stored(t testing.TB, ob reply.OutboxBackend, id string) (reply.Entry, bool) {
	t.Helper()
	all, _, err := ob.Load()
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, e := range all {
		if e.ID == id {
			return e, true
		}
	}
	return reply.Entry{}, false
}

func mustStored(t testing.TB, ob reply.OutboxBackend, id string) reply.Entry {
	t.Helper()
	e, ok := stored(t, ob, id)
	if !ok {
		t.Fatalf("entry %s is not stored", id)
	}
	return e
}

var errDiskFull = errors.New("write: no space left on device")

// refusingDrafts and refusingOutbox fail every write while refuse is set,
// the way a full disk does.
type refusingDrafts struct {
	reply.DraftBackend
	refuse atomic.Bool
}

func (r *refusingDrafts) Update(k reply.DraftKey, decide func(reply.DraftRecord, bool) (reply.DraftOp, reply.DraftRecord)) error {
	if r.refuse.Load() {
		return errDiskFull
	}
	return r.DraftBackend.Update(k, decide)
}

type refusingOutbox struct {
	reply.OutboxBackend
	refuse atomic.Bool
}

func (r *refusingOutbox) Save(e reply.Entry) error {
	if r.refuse.Load() {
		return errDiskFull
	}
	return r.OutboxBackend.Save(e)
}

func (r *refusingOutbox) Remove(id string) error {
	if r.refuse.Load() {
		return errDiskFull
	}
	return r.OutboxBackend.Remove(id)
}

func writeRaw(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
