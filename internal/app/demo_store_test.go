package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// isolate points every per-user directory at a temporary one.
func isolate(t *testing.T) (dataDir string) {
	t.Helper()
	root := t.TempDir()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, filepath.Join(root, v))
	}
	return filepath.Join(root, "XDG_DATA_HOME", "sellerinbox")
}

// TestDemoRunsOnAThrowawayStore: the demo's sandbox starts from its seed
// on every run, so every run gets a fresh database: what the last run
// queued, drafted or cached is gone (no ✓ "delivered" beside the seed's
// "No answer yet"), and nothing of it stays on disk after the run, so a
// scaled demo leaves no large file behind.
func TestDemoRunsOnAThrowawayStore(t *testing.T) {
	data := isolate(t)
	ctx := context.Background()
	// A large database an earlier version kept for every demo run.
	legacy := filepath.Join(data, "demo.db")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{legacy, legacy + "-wal"} {
		if err := os.WriteFile(f, make([]byte, 1<<20), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	sess, err := Open(ctx, Options{Demo: true, SandboxOpts: sandbox.Options{Scale: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if sess.Profile() != "demo" || !sess.IsDemo() {
		t.Fatalf("demo session: profile %q", sess.Profile())
	}
	path := sess.Store().Path()
	if filepath.Dir(filepath.Dir(path)) != demoRunsDir(legacy) {
		t.Fatalf("the demo's database %s is not a run's own", path)
	}
	for _, f := range []string{legacy, legacy + "-wal"} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("the earlier versions' %s stayed: %v", filepath.Base(f), err)
		}
	}
	if _, err := sess.Store().PutQuestions(ctx, []models.Question{{ID: "q1", Text: "Есть ли в наличии?"}}); err != nil {
		t.Fatal(err)
	}
	replies, err := sess.openReplies()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := replies.Outbox.Enqueue(reply.Entry{Profile: "demo", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да, есть"}); err != nil {
		t.Fatal(err)
	}
	if err := replies.Drafts.Put(replies.Key("questions", "q2"), reply.Draft{Text: "черновик"}); err != nil {
		t.Fatal(err)
	}
	if len(replies.Outbox.List()) != 1 {
		t.Fatal("the entry was not queued")
	}
	sess.Close()
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("the run's database stayed after Close: %v", err)
	}

	sess, err = Open(ctx, Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if sess.Store().Path() == path {
		t.Fatal("the second run reuses the first run's database")
	}
	if _, ok, err := sess.Store().GetQuestion(ctx, "q1"); err != nil || ok {
		t.Fatalf("the last run's cache survived: %v %v", ok, err)
	}
	replies, err = sess.openReplies()
	if err != nil {
		t.Fatal(err)
	}
	if got := replies.Outbox.List(); len(got) != 0 {
		t.Errorf("the last run's outbox survived: %+v", got)
	}
	if d, ok := replies.Draft(replies.Key("questions", "q2")); ok {
		t.Errorf("the last run's draft survived: %+v", d)
	}
}

// TestDemoSweepsKilledRuns: a demo run that was killed could not remove
// its database; the next run removes it, and leaves a live run's alone.
func TestDemoSweepsKilledRuns(t *testing.T) {
	data := isolate(t)
	runs := demoRunsDir(filepath.Join(data, "demo.db"))
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	killed := filepath.Join(runs, strconv.Itoa(dead.Process.Pid)+"-123")
	alive := filepath.Join(runs, strconv.Itoa(os.Getppid())+"-456")
	for _, d := range []string{killed, alive} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "demo.db"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sess, err := Open(context.Background(), Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	sess.Close()
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("a killed run's database stayed: %v", err)
	}
	if _, err := os.Stat(alive); err != nil {
		t.Errorf("a live run's database was removed: %v", err)
	}
}

// A profile's database stays where it always was; only the demo moved.
func TestProfileStoreAtDefaultPath(t *testing.T) {
	isolate(t)
	t.Setenv("SELLERINBOX_WB_TOKEN", sandbox.WBToken)
	sess, err := Open(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	want, err := store.DefaultPath("default")
	if err != nil {
		t.Fatal(err)
	}
	if sess.Store().Path() != want {
		t.Errorf("store at %s, want %s", sess.Store().Path(), want)
	}
}
