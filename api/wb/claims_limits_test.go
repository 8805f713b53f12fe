package wb_test

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
)

func claimsPoll(ctx context.Context, c *wb.Client) error {
	_, err := c.Claims(ctx, wb.ClaimsQuery{Limit: 1})
	return err
}

func TestClaimsBurstStaysUnderLimit(t *testing.T) {
	t.Parallel()
	// 3 s interval / 75 = 40 ms: 91 spaced calls after the burst, ~3.8 s.
	limitBurst(t, api.GroupWBReturns, scaled(api.Limits[api.GroupWBReturns], 75), claimsPoll)
}

func TestClaims429IsWaitedOut(t *testing.T) {
	t.Parallel()
	limitRetry(t, api.GroupWBReturns, claimsPoll)
}
