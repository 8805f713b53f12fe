package wb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// stepClock is a sandbox clock that moves only when the client "sleeps".
type stepClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.slept = append(c.slept, d)
	return nil
}

func (c *stepClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var t time.Duration
	for _, d := range c.slept {
		t += d
	}
	return t
}

func delayedClaims(t *testing.T, delay time.Duration) (*wb.Client, *stepClock) {
	t.Helper()
	clock := &stepClock{now: time.Now()}
	h := contract.Start(t, sandbox.Options{NoLimits: true, Now: clock.Now, Modes: sandbox.Modes{ClaimAnswerDelay: delay}},
		func(c *api.Config) { c.Limits = map[api.Group]api.Limit{api.GroupWBReturns: {}} })
	c := wb.New(h.Transport)
	wb.SetSleep(c, clock.Sleep)
	return c, clock
}

// returns-api may show an accepted answer later: the client keeps looking
// for a while instead of calling a success a conflict.
func TestAnswerClaimAppliedWithDelay(t *testing.T) {
	c, clock := delayedClaims(t, 2*time.Second)
	ctx := chatCtx(t)
	active, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	cl := claimWith(t, active, used, models.ClaimApprove1)
	got, err := c.AnswerClaim(ctx, cl, models.ClaimApprove1, "")
	if err != nil {
		t.Fatalf("a delayed answer read as a failure: %v", err)
	}
	if got.Status != models.ClaimApproved || got.Answerable() {
		t.Fatalf("read back: %+v", got)
	}
	if w := clock.total(); w < 2*time.Second || w > 10*time.Second {
		t.Errorf("waited %v for an answer shown after 2s", w)
	}

	// Confirming the return after approvecc1 leaves the status "approved":
	// only the action leaving the claim shows it landed.
	cc := claimWith(t, active, used, models.ClaimApproveCC1)
	cc, err = c.AnswerClaim(ctx, cc, models.ClaimApproveCC1, "")
	if err != nil {
		t.Fatal(err)
	}
	before := clock.total()
	done, err := c.AnswerClaim(ctx, cc, models.ClaimConfirmReturnGoodCC, "")
	if err != nil || done.Answerable() {
		t.Fatalf("confirm return: %+v %v", done, err)
	}
	if clock.total()-before < 2*time.Second {
		t.Errorf("the confirmation was taken as shown before the claim changed")
	}
}

// An answer that never shows is still a conflict, after a bounded wait.
func TestAnswerClaimNeverShownIsConflict(t *testing.T) {
	c, clock := delayedClaims(t, time.Hour)
	ctx := chatCtx(t)
	active, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	cl := claimWith(t, active, map[string]bool{}, models.ClaimApprove1)
	if _, err := c.AnswerClaim(ctx, cl, models.ClaimApprove1, ""); !api.IsKind(err, api.KindConflict) {
		t.Fatalf("want a conflict, got %v", err)
	}
	if w := clock.total(); w == 0 || w > 10*time.Second {
		t.Errorf("waited %v before giving up", w)
	}
}
