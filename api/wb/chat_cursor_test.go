package wb_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// manualClock is a sandbox clock moved by the test only.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Three events share a millisecond and a page ends after the first of
// them. The cursor is a millisecond, so following it literally loses the
// other two; the client neither skips them nor stalls.
func TestEventCursorSameMillisecondAtPageBoundary(t *testing.T) {
	clock := &manualClock{now: time.Now().Truncate(time.Millisecond)}
	h := contract.Start(t, sandbox.Options{NoLimits: true, Now: clock.Now}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBChat: {}}
	})
	ctx := chatCtx(t)
	c := wb.New(h.Transport)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seeded, from, err := c.AllEvents(ctx, 0)
	if err != nil || len(seeded) == 0 {
		t.Fatalf("seed feed: %d events, %v", len(seeded), err)
	}
	// The sandbox pages 100 events: 99 a millisecond apart, then three
	// in one millisecond, so the first page ends inside that millisecond.
	const fillers = 99
	for i := range fillers + 3 {
		if i < fillers+1 {
			clock.add(time.Millisecond)
		}
		m := wb.SendMessage{ChatID: chats[i%len(chats)].ChatID, Text: "Сообщение " + strconv.Itoa(i)}
		if _, err := c.SendMessage(ctx, m); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	tied := clock.Now().UnixMilli()

	got, cursor, err := c.AllEvents(ctx, from)
	if err != nil {
		t.Fatalf("feed: %v", err)
	}
	ids := map[string]bool{}
	atTie := 0
	for _, e := range got {
		if ids[e.EventID] {
			t.Errorf("event %s delivered twice", e.EventID)
		}
		ids[e.EventID] = true
		if int64(e.AddTimestamp) == tied {
			atTie++
		}
	}
	if len(got) != fillers+3 || atTie != 3 {
		t.Fatalf("%d events after the seed (%d in the shared millisecond), want %d (3)", len(got), atTie, fillers+3)
	}
	if cursor != tied {
		t.Errorf("cursor %d after the feed, want %d", cursor, tied)
	}
	// Polling from there finds nothing new at once: no stall, no repeat.
	requests := h.Validator.Seen()["GET /api/v1/seller/events"]
	again, next, err := c.AllEvents(ctx, cursor)
	if err != nil || len(again) != 0 || next != cursor {
		t.Fatalf("poll after the end: %d events, cursor %d, %v", len(again), next, err)
	}
	if n := h.Validator.Seen()["GET /api/v1/seller/events"] - requests; n != 1 {
		t.Errorf("a poll with nothing new took %d requests", n)
	}
	// Page by page the same way the store and the pane do.
	var paged []models.ChatEvent
	next = from
	for range 10 {
		p, err := c.Events(ctx, next)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, p.Events...)
		if p.Done() {
			break
		}
		if p.Next <= next {
			t.Fatalf("cursor stalled at %d", next)
		}
		next = p.Next
	}
	if len(paged) != fillers+3 {
		t.Errorf("paging by hand: %d events, want %d", len(paged), fillers+3)
	}
}
