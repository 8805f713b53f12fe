package wb

import (
	"context"
	"time"
)

// SetSleep makes c wait between read-backs with f instead of real time.
func SetSleep(c *Client, f func(context.Context, time.Duration) error) { c.sleep = f }
