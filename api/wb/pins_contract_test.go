package wb

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// startPins runs the pins tests without rate limits: they make many small
// calls. The contract package checks the pins answers against the item
// schema the spec's contradictory allOf hides (see checkKnownDefect).
func startPins(t *testing.T, opts sandbox.Options) *Client {
	t.Helper()
	opts.NoLimits = true
	h := contract.Start(t, opts, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: {}}
	})
	return New(h.Transport)
}
