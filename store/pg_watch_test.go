package store

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sellerinbox/sellerinbox/models"
)

func postgresOnly(t testing.TB) string {
	t.Helper()
	u := testPostgresURL()
	if u == "" {
		t.Skip("no PostgreSQL: set SELLERINBOX_TEST_POSTGRES")
	}
	return u
}

// TestPostgresSyncLeadIsOnePerProfile: of two processes on one profile's
// schema one leads; the other takes over when the first lets go, and a
// profile of its own is led apart.
func TestPostgresSyncLeadIsOnePerProfile(t *testing.T) {
	u := postgresOnly(t)
	a := openTempPostgres(t, u)
	b := reopen(t, a)
	defer b.Close()
	lead, ok, err := a.TrySyncLead()
	if err != nil || !ok {
		t.Fatalf("first lead: %v %v", ok, err)
	}
	if _, ok, err := b.TrySyncLead(); err != nil || ok {
		t.Fatalf("a second process led too: %v %v", ok, err)
	}
	other := openTempPostgres(t, u)
	if l, ok, err := other.TrySyncLead(); err != nil || !ok {
		t.Fatalf("another profile cannot lead: %v %v", ok, err)
	} else {
		l.Release()
	}
	lead.Release()
	l2, ok, err := b.TrySyncLead()
	if err != nil || !ok {
		t.Fatalf("the follower did not take over: %v %v", ok, err)
	}
	l2.Release()
}

// TestPostgresWatcherWakesOnAnotherProcessWrite: LISTEN/NOTIFY tells a
// follower of a write within a moment, not at its next look.
func TestPostgresWatcherWakesOnAnotherProcessWrite(t *testing.T) {
	u := postgresOnly(t)
	ctx := context.Background()
	leader := openTempPostgres(t, u)
	follower := reopen(t, leader)
	defer follower.Close()
	w, err := follower.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("changed before any write: %v %v", changed, err)
	}
	now := time.Now()
	if _, err := leader.PutQuestions(ctx, []models.Question{{ID: "q1", Text: "Есть ли размер?", CreatedDate: models.Time{Time: now}}}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.Wake():
	case <-time.After(5 * time.Second):
		t.Fatal("no notice of the leader's write")
	}
	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Fatalf("Changed after the write: %v %v", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Fatal("one write was reported twice")
	}
}

// TestPostgresLeadLostWhenItsConnectionBreaks: the server ends the
// connection holding the sync lead (a restart, a network cut,
// pg_terminate_backend): the lock went with it, so the lead says it is
// lost, and another process can lead.
func TestPostgresLeadLostWhenItsConnectionBreaks(t *testing.T) {
	u := postgresOnly(t)
	old := leadCheckEvery
	leadCheckEvery = 50 * time.Millisecond
	defer func() { leadCheckEvery = old }()
	a := openTempPostgres(t, u)
	b := reopen(t, a)
	defer b.Close()
	lead, ok, err := a.TrySyncLead()
	if err != nil || !ok {
		t.Fatalf("lead: %v %v", ok, err)
	}
	defer lead.Release()
	select {
	case <-lead.Lost():
		t.Fatal("a lead was lost with its connection up")
	case <-time.After(200 * time.Millisecond):
	}
	key := uint64(a.lockKey + 1)
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var ended int
	err = conn.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1`,
		int64(key>>32), int64(key&0xffffffff)).Scan(&ended)
	if err != nil || ended != 1 {
		t.Fatalf("ending the lead's connection: %d ended, %v", ended, err)
	}
	select {
	case <-lead.Lost():
	case <-time.After(5 * time.Second):
		t.Fatal("the lead did not notice its connection had ended")
	}
	if l, ok, err := b.TrySyncLead(); err != nil || !ok {
		t.Fatalf("another process cannot lead after the loss: %v %v", ok, err)
	} else {
		l.Release()
	}
}
