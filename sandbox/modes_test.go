package sandbox_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestClaimAnswerDelayMode(t *testing.T) {
	clock := &testClock{now: time.Now()}
	c, _ := newRawWB(t, sandbox.Options{Now: clock.Now, Modes: sandbox.Modes{ClaimAnswerDelay: 3 * time.Second}})
	_, active := c.claims("is_archive=false&limit=200")
	cl := active.Claims[0]
	action := "approve1" // archives the claim and needs no comment
	for _, cl = range active.Claims {
		if slices.Contains(cl.Actions, action) {
			break
		}
	}
	if st := c.json("PATCH", "/api/v1/claim", map[string]string{"id": cl.ID, "action": action}, nil); st != 200 {
		t.Fatalf("answer: %d", st)
	}
	if _, p := c.claims("is_archive=false&id=" + cl.ID); p.Total != 1 || p.Claims[0].Status != 0 {
		t.Fatalf("the answer showed at once: %+v", p)
	}
	// A second answer while the first is being applied is refused.
	if st := c.json("PATCH", "/api/v1/claim", map[string]string{"id": cl.ID, "action": action}, nil); st != 400 {
		t.Errorf("second answer: %d", st)
	}
	clock.Add(3 * time.Second)
	if _, p := c.claims("is_archive=true&id=" + cl.ID); p.Total != 1 || p.Claims[0].Status == 0 {
		t.Fatalf("the answer did not show after the delay: %+v", p)
	}
}

func TestModesFlag(t *testing.T) {
	var m sandbox.Modes
	if err := m.Set("claim-delay=2s, repost-edits,rotating-signs"); err != nil {
		t.Fatal(err)
	}
	if err := m.Set("archive-on-answer"); err != nil {
		t.Fatal(err)
	}
	want := sandbox.Modes{ClaimAnswerDelay: 2 * time.Second, FeedbackRepostEdits: true, RotatingChatSigns: true, ArchiveOnAnswer: true}
	if m != want || m.String() != "claim-delay=2s,repost-edits,rotating-signs,archive-on-answer" {
		t.Fatalf("%+v %q", m, m.String())
	}
	for _, bad := range []string{"teleport", "claim-delay=soon", "claim-delay=-1s"} {
		if err := (&sandbox.Modes{}).Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
