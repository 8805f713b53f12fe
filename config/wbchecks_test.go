package config

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestWBChecksPerToken: the facts about several WB tokens survive a save
// and a load (their masked tails are not mistaken for tokens), and a config
// written with one wb_check reads as a list of one.
func TestWBChecksPerToken(t *testing.T) {
	legacy, err := Parse("config.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := legacy.Profile("shop")
	if got := p.WBChecks(); len(got) != 1 || !got[0].ReadOnly || got[0].Services[0] != "wb-feedbacks" {
		t.Fatalf("legacy wb_check as a list: %+v", got)
	}

	c := Default()
	c.DefaultProfile = "shop"
	q := c.EnsureProfile("shop")
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	q.WB = true
	q.WBTokens = []WBCheck{
		{Tail: "…iMDE", Categories: []string{"Questions and feedbacks"}, Services: []string{"wb-feedbacks"}, Store: "file", CheckedAt: at},
		{Tail: "…jMDU", Categories: []string{"Buyer chat"}, Services: []string{"wb-chat"}, Store: "file", CheckedAt: at, Expires: at.Add(time.Hour)},
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := Save(path, c); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := back.Profile("shop")
	if !reflect.DeepEqual(r.WBChecks(), q.WBTokens) || r.WBCheck != nil {
		t.Fatalf("round trip: %+v, want %+v", r.WBChecks(), q.WBTokens)
	}
}
