package reply

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// What only the file backend has: names derived from hostile keys,
// permissions, temp files. Behaviour shared with the database is tested
// over both in package reply_test.

// TestDraftFileNamesAreSafe: IDs and profiles come from servers and users;
// they never become path elements, and drafts are private to the user.
func TestDraftFileNamesAreSafe(t *testing.T) {
	s, err := OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := DraftKey{Profile: "../main", Marketplace: api.Wildberries, Pane: PaneFeedbacks, ItemID: "../../etc/passwd\x00\x1b[31m"}
	if err := s.Put(k, Draft{Text: "Здравствуйте!", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	dir := s.b.(*DraftFiles).Dir()
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) != 1 {
		t.Fatalf("%d files, %v", len(ents), err)
	}
	name := ents[0].Name()
	if name != k.fileName() || strings.ContainsAny(strings.TrimSuffix(name, ".json"), "./\x00\x1b") {
		t.Fatalf("unsafe file name %q", name)
	}
	if info, _ := ents[0].Info(); info.Mode().Perm() != 0o600 {
		t.Fatalf("%s has mode %v", name, info.Mode().Perm())
	}
}

// TestDraftTornTempIgnored: what a crash mid-write leaves (a partial temp
// file) is never read as a draft and does not hide the last good one.
func TestDraftTornTempIgnored(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenDrafts(dir)
	k := DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: PaneFeedbacks, ItemID: "42"}
	if err := s.Put(k, Draft{Text: "целый текст", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	torn := filepath.Join(dir, tmpPrefix+"999")
	if err := os.WriteFile(torn, []byte(`{"v":1,"key":{"profile":"main","marketplace":"wb","pane":"feedbacks","itemId":"42"},"draft":{"text":"обор`), 0o600); err != nil {
		t.Fatal(err)
	}
	s2, _ := OpenDrafts(dir) // a fresh temp may belong to a live writer: kept
	if got, ok, err := s2.Get(k); err != nil || !ok || got.Text != "целый текст" {
		t.Fatalf("get: %v %v %+v", err, ok, got)
	}
	if list, _ := s2.List(""); len(list) != 1 {
		t.Fatalf("list sees %d drafts", len(list))
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(torn, old, old); err != nil {
		t.Fatal(err)
	}
	_, _ = OpenDrafts(dir)
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Fatalf("stale temp not swept: %v", err)
	}
}

// TestCorruptDraftFileIsReplaced: a draft file that does not decode is
// reported by Get, skipped by List, and the next save replaces it.
func TestCorruptDraftFileIsReplaced(t *testing.T) {
	s, _ := OpenDrafts(t.TempDir())
	k := DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: PaneQuestions, ItemID: "q"}
	if err := os.WriteFile(s.b.(*DraftFiles).path(k), []byte(`{"v":1,"key":`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Get(k); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Fatalf("get of a corrupt draft: %v", err)
	}
	if l, err := s.List(""); err != nil || len(l) != 0 {
		t.Fatalf("list: %v %+v", err, l)
	}
	if err := s.Put(k, Draft{Text: "новый", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := s.Get(k); err != nil || !ok || d.Text != "новый" {
		t.Fatalf("after the save: %v %v %+v", err, ok, d)
	}
}

// TestOutboxFilesSkipTorn: a temp file torn by a crash is never loaded;
// an entry whose name and ID disagree is a problem, not an entry.
func TestOutboxFilesSkipTorn(t *testing.T) {
	dir := t.TempDir()
	f, err := OpenOutboxFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Save(Entry{ID: "good", Profile: "main", Kind: KindChatMessage, ItemID: "c", Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, tmpPrefix+"123"), []byte(`{"id":"x","sta`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other.json"), []byte(`{"id":"good"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, problems, err := f.Load()
	if err != nil || len(got) != 1 || got[0].ID != "good" {
		t.Fatalf("load: %v %+v", err, got)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), "other.json") {
		t.Fatalf("problems: %v", problems)
	}
}
