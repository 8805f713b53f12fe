package store

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// countingServer is a marketplace that counts every write per item and,
// like the real ones, shows a landed reply on read-back.
type countingServer struct {
	mu     sync.Mutex
	writes map[string]int
}

func (c *countingServer) Send(_ context.Context, e reply.Entry) error {
	time.Sleep(20 * time.Millisecond) // a request in flight: the window two senders overlap in
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes[e.ItemID]++
	return nil
}

func (c *countingServer) Landed(_ context.Context, e reply.Entry) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes[e.ItemID] > 0, nil
}

func openOutbox(t *testing.T, s *Store, srv *countingServer) *reply.Outbox {
	t.Helper()
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Backend: s.OutboxBackend()})
	if err != nil {
		t.Fatal(err)
	}
	senders := reply.Senders{}
	for _, k := range reply.Kinds {
		senders[k] = srv
	}
	ob.SetSenders("main", senders)
	return ob
}

// TestTwoProcessesSendEachReplyOnce: two windows on one profile (two
// Stores on one database file, each with its outbox) both load the same
// three queued replies and both try to deliver them, as their outbox
// ticks would. The server counts each write once.
func TestTwoProcessesSendEachReplyOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "profile.db")
	open := func() *Store {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	srv := &countingServer{writes: map[string]int{}}
	obA := openOutbox(t, a, srv)
	items := []reply.Entry{
		{Profile: "main", Kind: reply.KindChatMessage, ItemID: "chat-1", Text: "Здравствуйте! Отправили сегодня.", ReplySign: "sign"},
		{Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: "q-1", Text: "Да, размер M подойдёт."},
		{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: "fb-1", Text: "Спасибо за отзыв!"},
	}
	for _, e := range items {
		if _, err := obA.Enqueue(e); err != nil {
			t.Fatal(err)
		}
	}
	obB := openOutbox(t, b, srv) // the second window starts with the three queued

	var wg sync.WaitGroup
	for _, ob := range []*reply.Outbox{obA, obB, obA, obB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 { // several ticks each
				for _, e := range ob.Due(time.Now()) {
					_, _ = ob.Attempt(ctx, e.ID)
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range items {
		if n := srv.writes[e.ItemID]; n != 1 {
			t.Errorf("%s was written %d times, want once", e.ItemID, n)
		}
	}
	// The window that did not send a reply learns it was sent.
	for _, ob := range []*reply.Outbox{obA, obB} {
		for _, e := range ob.List() {
			if _, err := ob.Attempt(ctx, e.ID); err != nil && err != reply.ErrNotPending {
				t.Fatal(err)
			}
			if got, _ := ob.Get(e.ID); got.State != reply.StateSent {
				t.Errorf("%s is %s in one window, want sent", got.ItemID, got.State)
			}
		}
	}
	for _, e := range items {
		if n := srv.writes[e.ItemID]; n != 1 {
			t.Errorf("%s was written %d times after both windows looked again, want once", e.ItemID, n)
		}
	}
}

// TestLeaseExpiresAndDeadOwnersLetGo: a running lease of another owner
// holds; it lapses at its expiry; a lease left by a process of this host
// that no longer runs is taken at once.
func TestLeaseExpiresAndDeadOwnersLetGo(t *testing.T) {
	s := openTemp(t)
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	e := reply.Entry{ID: "e1", Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да", State: reply.StateQueued}
	first := s.OutboxBackend()
	if err := first.Save(e); err != nil {
		t.Fatal(err)
	}
	l1, l2 := first.(reply.OutboxLeaser), s.OutboxBackend().(reply.OutboxLeaser)
	if got, err := l1.Claim("e1", now, now.Add(time.Minute)); err != nil || !got.Held || got.Entry.Text != "Да" {
		t.Fatalf("first claim: %+v %v", got, err)
	}
	if got, err := l2.Claim("e1", now.Add(30*time.Second), now.Add(90*time.Second)); err != nil || got.Held || !got.Until.Equal(now.Add(time.Minute)) {
		t.Fatalf("a second owner claimed a running lease: %+v %v", got, err)
	}
	if got, err := l1.Claim("e1", now.Add(30*time.Second), now.Add(90*time.Second)); err != nil || !got.Held {
		t.Fatalf("the holder could not renew: %+v %v", got, err)
	}
	if got, _ := l2.Claim("e1", now.Add(80*time.Second), now.Add(2*time.Minute)); got.Held {
		t.Fatal("the renewed lease did not hold")
	}
	if got, err := l2.Claim("e1", now.Add(91*time.Second), now.Add(3*time.Minute)); err != nil || !got.Held {
		t.Fatalf("an expired lease was not taken: %+v %v", got, err)
	}
	if err := l2.Release("e1"); err != nil {
		t.Fatal(err)
	}

	// A process of this host that died: pid 2^22+1 is above Linux's
	// pid_max, so it cannot be running.
	if _, err := s.db.Exec(`UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = 'e1'`,
		deadOwnerName(t), ms(now.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	if got, err := l1.Claim("e1", now, now.Add(time.Minute)); err != nil || !got.Held {
		t.Fatalf("a dead process's lease held the entry: %+v %v", got, err)
	}
	if _, err := l1.Claim("gone", now, now.Add(time.Minute)); err != reply.ErrNoEntry {
		t.Fatalf("claiming a removed entry: %v", err)
	}
}

func deadOwnerName(t *testing.T) string {
	t.Helper()
	host, _, _ := strings.Cut(newLeaseOwner(), "/")
	return host + "/4194305/abcdef"
}

// TestOutboxLeaseMigration brings a version-3 database with a queued
// reply to the lease schema: the reply is kept, unleased, and sends.
func TestOutboxLeaseMigration(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 3)
	e := reply.Entry{ID: "e1", Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да, подойдёт", State: reply.StateQueued}
	if _, err := s.db.Exec(`INSERT INTO outbox(id, profile, kind, item_id, state, created, data) VALUES ('e1', 'main', ?, 'q1', 'queued', 1, ?)`,
		string(e.Kind), `{"id":"e1","profile":"main","kind":"question.answer","itemId":"q1","text":"Да, подойдёт","state":"queued"}`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Fatalf("version %d after the upgrade, want %d", v, SchemaVersion())
	}
	srv := &countingServer{writes: map[string]int{}}
	ob := openOutbox(t, s, srv)
	if got, err := ob.Attempt(ctx, "e1"); err != nil || got.State != reply.StateSent || srv.writes["q1"] != 1 {
		t.Fatalf("the migrated reply: %+v %v, %d writes", got, err, srv.writes["q1"])
	}
}

// TestCrashedSenderIsReadBackNotResent: a process died while sending (its
// row says sending, its lease names a dead pid). The next window takes the
// entry at once and reads back instead of writing again.
func TestCrashedSenderIsReadBackNotResent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	e := reply.Entry{ID: "e1", Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да", State: reply.StateSending, Attempts: 1}
	if err := s.OutboxBackend().Save(e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE outbox SET lease_owner = ?, lease_until = ?`, deadOwnerName(t), ms(time.Now().Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	srv := &countingServer{writes: map[string]int{"q1": 1}} // the crashed attempt landed
	ob := openOutbox(t, s, srv)
	got, _ := ob.Get("e1")
	if got.State != reply.StateRetrying || !got.Unknown {
		t.Fatalf("after the crash the entry is %+v", got)
	}
	if got, err := ob.Attempt(ctx, "e1"); err != nil || got.State != reply.StateSent {
		t.Fatalf("attempt: %+v %v", got, err)
	}
	if srv.writes["q1"] != 1 {
		t.Fatalf("%d writes, want the crashed one only", srv.writes["q1"])
	}
}

// slowServer blocks every send until released.
type slowServer struct {
	countingServer
	started chan struct{}
	release chan struct{}
}

func (s *slowServer) Send(ctx context.Context, e reply.Entry) error {
	close(s.started)
	<-s.release
	return s.countingServer.Send(ctx, e)
}

// TestLeaseIsRenewedWhileSending: a send that takes many lease lengths
// keeps its claim, so a second window never takes the entry over.
func TestLeaseIsRenewedWhileSending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "profile.db")
	open := func() *Store {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	const lease = 500 * time.Millisecond // renewed every third of it; slack for a loaded -race run
	slow := &slowServer{countingServer: countingServer{writes: map[string]int{}}, started: make(chan struct{}), release: make(chan struct{})}
	obA, err := reply.OpenOutbox(reply.OutboxOptions{Backend: a.OutboxBackend(), Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	obA.SetSenders("main", reply.Senders{reply.KindQuestionAnswer: slow})
	e, err := obA.Enqueue(reply.Entry{Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да, подойдёт."})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan reply.Entry)
	go func() {
		got, _ := obA.Attempt(ctx, e.ID)
		done <- got
	}()
	<-slow.started

	leaser := b.OutboxBackend().(reply.OutboxLeaser)
	for range 4 { // four lease lengths
		time.Sleep(lease)
		if got, err := leaser.Claim(e.ID, time.Now(), time.Now().Add(lease)); err != nil || got.Held {
			close(slow.release)
			t.Fatalf("a second window claimed the entry while it was being sent: %+v %v", got, err)
		}
	}
	close(slow.release)
	if got := <-done; got.State != reply.StateSent {
		t.Fatalf("the slow send ended %s", got.State)
	}
	if got, err := leaser.Claim(e.ID, time.Now(), time.Now().Add(lease)); err != nil || !got.Held || got.Entry.State != reply.StateSent {
		t.Fatalf("after the send the lease is not released or the state not stored: %+v %v", got, err)
	}
}
