package store

import (
	"context"
	"testing"
)

// TestMigrateV12ToV13: a database of version 12 gains the settings table
// on upgrade; a setting written reads back, replaced by the next write,
// and survives reopening.
func TestMigrateV12ToV13(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 12)
	if _, _, err := s.Setting(ctx, "split.list_percent"); err == nil {
		t.Fatal("version 12 has a settings table")
	}
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _, err := s.Setting(ctx, "split.list_percent"); err != nil || v != "" {
		t.Fatalf("unset setting = %q, %v", v, err)
	}
	for _, v := range []string{"45", "60"} {
		if err := s.SetSetting(ctx, "split.list_percent", v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, ok, err := s.Setting(ctx, "split.list_percent")
	if err != nil || !ok || v != "60" {
		t.Fatalf("setting after reopening = %q, %v, %v; want 60", v, ok, err)
	}
}
