package wb

import (
	"context"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// claimConfirmDelays space the read-backs of a claim answer. returns-api
// may apply an accepted answer a moment later, and one immediate look
// would report every such success as a conflict; the whole wait stays
// under ten seconds so a reply in the outbox does not hang.
var claimConfirmDelays = []time.Duration{
	300 * time.Millisecond, 700 * time.Millisecond, 1500 * time.Millisecond, 2500 * time.Millisecond, 3 * time.Second,
}

// wait sleeps d, or less when ctx ends.
func (c *Client) wait(ctx context.Context, svc api.Service, d time.Duration) error {
	if c.sleep != nil {
		return c.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return &api.Error{Marketplace: api.Wildberries, Service: svc, Kind: api.KindCanceled, Err: ctx.Err()}
	case <-t.C:
		return nil
	}
}

// confirmEvery reads an item back until visible says the write shows,
// waiting each of delays in turn between looks. It reports the last item
// read and whether the write showed; a read error ends the looking.
func confirmEvery[T any](ctx context.Context, c *Client, svc api.Service, delays []time.Duration,
	read func(context.Context) (T, error), visible func(T) bool) (T, bool, error) {
	for i := 0; ; i++ {
		v, err := read(ctx)
		if err != nil || visible(v) || i == len(delays) {
			return v, err == nil && visible(v), err
		}
		if err := c.wait(ctx, svc, delays[i]); err != nil {
			return v, false, err
		}
	}
}
