package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// oldState writes the state directory of a version that kept replies in
// files: a draft of two profiles, a queued entry of each, an entry the
// app was sending when it stopped, and a torn entry file.
func oldState(t *testing.T, dir string) (sending reply.Entry) {
	t.Helper()
	drafts, err := reply.OpenDrafts(filepath.Join(dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: filepath.Join(dir, "outbox")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"main", "work"} {
		if err := drafts.Put(reply.DraftKey{Profile: p, Marketplace: "wb", Pane: reply.PaneChats, ItemID: "c1"}, reply.Draft{Text: "черновик " + p}); err != nil {
			t.Fatal(err)
		}
		if _, err := ob.Enqueue(reply.Entry{Profile: p, Kind: reply.KindChatMessage, ItemID: "c1", Text: "в очереди " + p}); err != nil {
			t.Fatal(err)
		}
	}
	sending, err = ob.Enqueue(reply.Entry{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: "f1", Text: "Спасибо за отзыв!"})
	if err != nil {
		t.Fatal(err)
	}
	sending.State, sending.Attempts = reply.StateSending, 1
	files, err := reply.OpenOutboxFiles(filepath.Join(dir, "outbox"))
	if err != nil {
		t.Fatal(err)
	}
	if err := files.Save(sending); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outbox", "torn.json"), []byte(`{"id":`), 0o600); err != nil {
		t.Fatal(err)
	}
	return sending
}

func profileTexts(t *testing.T, ds *reply.DraftStore, ob *reply.Outbox) (drafts, entries []string) {
	t.Helper()
	list, err := ds.List("")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		drafts = append(drafts, d.Draft.Text)
	}
	for _, e := range ob.List() {
		entries = append(entries, e.Text)
	}
	return drafts, entries
}

// TestOpenRepliesImportsOnce: the first opening moves the profile's files
// in (an entry caught sending is read back before anything is sent
// again), reports what it could not read, and leaves other profiles'
// files; later openings read the database only.
func TestOpenRepliesImportsOnce(t *testing.T) {
	ctx := context.Background()
	legacy := t.TempDir()
	sending := oldState(t, legacy)
	path := filepath.Join(t.TempDir(), "main.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, ob, err := s.OpenReplies(ctx, ReplyOptions{Profile: "main", LegacyDir: legacy})
	if err != nil {
		t.Fatal(err)
	}
	drafts, entries := profileTexts(t, ds, ob)
	if strings.Join(drafts, "|") != "черновик main" || len(entries) != 2 || !strings.Contains(strings.Join(entries, "|"), "в очереди main") {
		t.Fatalf("after the import: drafts %q, entries %q", drafts, entries)
	}
	if e, _ := ob.Get(sending.ID); e.State != reply.StateRetrying || !e.Unknown {
		t.Fatalf("the entry caught sending: %+v", e)
	}
	if p := ob.Problems(); len(p) != 1 || !strings.Contains(p[0].Error(), "torn.json") {
		t.Fatalf("problems: %v", p)
	}
	var n, moved int
	if err := s.db.QueryRow(`SELECT count(*), sum(drafts + entries) FROM reply_imports WHERE profile = 'main'`).Scan(&n, &moved); err != nil || n != 1 || moved != 3 {
		t.Fatalf("import mark: %d rows, %d moved, %v", n, moved, err)
	}
	left, err := reply.OpenDraftFiles(filepath.Join(legacy, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	if recs, _ := left.List(""); len(recs) != 1 || recs[0].Key.Profile != "work" {
		t.Fatalf("draft files left: %+v", recs)
	}
	s.Close()

	// A draft file appearing later (an older version run meanwhile) is not
	// taken: the import happens once.
	late, _ := reply.OpenDrafts(filepath.Join(legacy, "drafts"))
	if err := late.Put(reply.DraftKey{Profile: "main", Marketplace: "wb", Pane: reply.PaneChats, ItemID: "c9"}, reply.Draft{Text: "позже"}); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ds, ob, err = s.OpenReplies(ctx, ReplyOptions{Profile: "main", LegacyDir: legacy})
	if err != nil {
		t.Fatal(err)
	}
	drafts, entries = profileTexts(t, ds, ob)
	if strings.Join(drafts, "|") != "черновик main" || len(entries) != 2 {
		t.Fatalf("after reopening: drafts %q, entries %q", drafts, entries)
	}
	if p := ob.Problems(); len(p) != 0 {
		t.Fatalf("problems reported again: %v", p)
	}
}

// TestOpenRepliesStateDir: without LegacyDir the files are looked for
// where earlier versions put them, reply.StateDir().
func TestOpenRepliesStateDir(t *testing.T) {
	ctx := context.Background()
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	oldState(t, filepath.Join(state, "sellerinbox"))
	s := openTemp(t)
	ds, _, err := s.OpenReplies(ctx, ReplyOptions{Profile: "work"})
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := ds.List(""); len(l) != 1 || l[0].Draft.Text != "черновик work" {
		t.Fatalf("drafts of work: %+v", l)
	}
}

// TestOpenRepliesOutboxOptions: the caller's outbox settings apply, and
// sends go on resolving drafts in this database.
func TestOpenRepliesOutboxOptions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	now := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	var changes int
	ds, ob, err := s.OpenReplies(ctx, ReplyOptions{Profile: "main", LegacyDir: t.TempDir(), Outbox: reply.OutboxOptions{
		Now: func() time.Time { return now }, OnChange: func(reply.Entry) { changes++ },
	}})
	if err != nil {
		t.Fatal(err)
	}
	e := reply.Entry{Profile: "main", Kind: reply.KindChatMessage, ItemID: "c1", Text: "Здравствуйте"}
	if err := ds.Put(e.DraftKey(), reply.Draft{Text: e.Text, UpdatedAt: now.Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	q, err := ob.Enqueue(e)
	if err != nil || !q.Created.Equal(now) || changes != 1 {
		t.Fatalf("enqueue: %v %+v, %d changes", err, q, changes)
	}
	ob.SetSenders("main", reply.Senders{reply.KindChatMessage: landingSender{}})
	if got, err := ob.Attempt(ctx, q.ID); err != nil || got.State != reply.StateSent {
		t.Fatalf("attempt: %v %+v", err, got)
	}
	if _, ok, _ := ds.Get(e.DraftKey()); ok {
		t.Fatal("the draft of a sent reply stays")
	}
}

// landingSender delivers everything at once.
type landingSender struct{}

func (landingSender) Send(context.Context, reply.Entry) error           { return nil }
func (landingSender) Landed(context.Context, reply.Entry) (bool, error) { return true, nil }
